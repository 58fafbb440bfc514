#include "alerts/review.h"

#include <algorithm>
#include <set>

namespace adwatch {
namespace {

Result<Alert> Get(AlertStore& store, int64_t id) {
  auto a = store.GetAlert(id);
  if (!a.ok()) return a.status().code() == Status::Code::kNotFound
                          ? Status::NotFound("no alert " + std::to_string(id))
                          : a.status();
  return a;
}

}  // namespace

Status Acknowledge(AlertStore& store, int64_t id, const std::string& who, const std::string& note, TimePoint now) {
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  if (a->state == AlertState::kAcknowledged) return Status::Ok();
  if (a->state != AlertState::kNew && a->state != AlertState::kSent)
    return Status::FailedPrecondition("alert " + std::to_string(id) + " is " + ToString(a->state));
  return store.SetAlertState(id, AlertState::kAcknowledged, who, note, now);
}

Status Dismiss(AlertStore& store, int64_t id, const std::string& who, const std::string& note, TimePoint now) {
  if (note.empty()) return Status::InvalidArgument("dismiss needs --note (why the signal is dismissed)");
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  if (a->state == AlertState::kDismissed || a->state == AlertState::kClosed)
    return Status::FailedPrecondition("alert " + std::to_string(id) + " is " + ToString(a->state));
  return store.SetAlertState(id, AlertState::kDismissed, who, note, now);
}

const std::vector<Destination>& Destinations() {
  static const std::vector<Destination> d = {
      {"aandachtsfunctionaris", "aandachtsfunctionaris"},
      {"veilig-thuis", "Veilig Thuis"},
      {"screeningstafel", "screeningstafel"},
      {"avim", "AVIM"},
      {"riec", "RIEC"},
      {"inspectie-szw", "Inspectie SZW / Arbeidsinspectie"},
      {"kmar", "KMar"},
      {"geen", ""},
  };
  return d;
}

bool ParseForwardedTo(const std::string& s, std::string* out) {
  auto fold = [](const std::string& in) {
    std::string k;
    for (char c : in)
      if (isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return k;
  };
  std::string k = fold(s);
  if (k == "arbeidsinspectie") k = "inspectieszw";
  for (const auto& d : Destinations()) {
    if (k == fold(d.key) || (*d.name && k == fold(d.name))) {
      *out = d.name;
      return true;
    }
  }
  return false;
}

const char* OutcomeDefinition(Outcome o) {
  switch (o) {
    case Outcome::kGeenMensenhandel:
      return "Na beoordeling zijn er geen aanwijzingen voor mensenhandel.";
    case Outcome::kRisicofactoren:
      return "Er zijn risicofactoren of kwetsbaarheden die iemand vatbaar maken voor uitbuiting, maar nog geen "
             "concrete signalen: een potentieel slachtoffer.";
    case Outcome::kErnstigeVermoedens:
      return "Er zijn concrete signalen die op mensenhandel wijzen (de kleinste aanwijzing is genoeg): een "
             "vermoedelijk slachtoffer.";
    case Outcome::kMensenhandel:
      return "Uitbuiting is vastgesteld, bijvoorbeeld door politie of rechter: een daadwerkelijk slachtoffer.";
    case Outcome::kNone: break;
  }
  return "";
}

Status Assess(AlertStore& store, int64_t id, const Assessment& in, const std::string& who, TimePoint now) {
  if (in.outcome == Outcome::kNone) return Status::InvalidArgument("kies een uitkomst");
  if (in.note.empty()) return Status::InvalidArgument("een toelichting is verplicht");
  if (in.forwarded_to == "Veilig Thuis" && in.registration.empty())
    return Status::InvalidArgument("doorgezet naar Veilig Thuis: het registratienummer is verplicht");
  if (in.forwarded_to.empty() && in.passed_on)
    return Status::InvalidArgument("een datum doorgezet zonder organisatie: kies waarheen het is doorgezet");
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  auto earlier = store.AlertOutcomes(id);
  if (!earlier.ok()) return earlier.status();
  if (!earlier->empty() && in.reason.empty())
    return Status::InvalidArgument("dit signaal is al beoordeeld: geef een reden voor de wijziging");
  AlertOutcome o;
  o.outcome = in.outcome, o.who = who, o.note = in.note, o.forwarded_to = in.forwarded_to, o.at = now;
  o.registration = in.registration;
  o.passed_on = in.forwarded_to.empty() ? std::nullopt : std::optional<TimePoint>(in.passed_on.value_or(now));
  o.look_again = in.look_again;
  o.reason = earlier->empty() ? "" : in.reason;
  ADWATCH_RETURN_IF_ERROR(store.RecordOutcome(id, o));
  if (a->state == AlertState::kNew || a->state == AlertState::kSent)
    return store.SetAlertState(id, AlertState::kAcknowledged, who, "beoordeeld: " + std::string(OutcomeLabel(in.outcome)), now);
  return Status::Ok();
}

Status Decide(AlertStore& store, int64_t id, Outcome outcome, const std::string& forwarded_to, const std::string& who,
              const std::string& note, TimePoint now) {
  Assessment a;
  a.outcome = outcome;
  a.forwarded_to = forwarded_to;
  a.note = note;
  return Assess(store, id, a, who, now);
}

Status Reroute(AlertStore& store, int64_t id, const std::vector<std::string>& municipalities, const std::string& who,
               const std::string& note, TimePoint now) {
  if (municipalities.empty()) return Status::InvalidArgument("kies de juiste gemeente");
  if (note.empty()) return Status::InvalidArgument("een toelichting is verplicht");
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  return store.SetAlertMunicipalities(id, municipalities, who, "verkeerde gemeente: " + note, now);
}

const char* OutcomeLabel(Outcome o) {
  switch (o) {
    case Outcome::kGeenMensenhandel: return "geen mensenhandel";
    case Outcome::kRisicofactoren: return "risicofactoren: potentieel slachtoffer";
    case Outcome::kErnstigeVermoedens: return "ernstige vermoedens: vermoedelijk slachtoffer";
    case Outcome::kMensenhandel: return "mensenhandel: daadwerkelijk slachtoffer";
    case Outcome::kNone: break;
  }
  return "geen beoordeling";
}

double IndicatorRow::Precision() const {
  int decided = 0, positive = 0;
  for (const auto& [o, n] : outcomes) {
    decided += n;
    if (o != Outcome::kGeenMensenhandel) positive += n;
  }
  return decided ? static_cast<double>(positive) / decided : -1;
}

Result<std::vector<IndicatorRow>> IndicatorReport(AlertStore& store) {
  auto alerts = store.ListAlerts(AlertQuery{{}, "", {}, 1000000});
  if (!alerts.ok()) return alerts.status();
  std::map<std::string, IndicatorRow> rows;
  for (const Alert& a : *alerts) {
    auto outcomes = store.AlertOutcomes(a.id);
    if (!outcomes.ok()) return outcomes.status();
    std::set<std::string> rules;
    for (const auto& c : a.contributions) {
      if (!rules.insert(c.rule).second) continue;
      IndicatorRow& r = rows[c.rule];
      r.rule = c.rule;
      r.category = c.category;
      ++r.alerts;
      if (a.state == AlertState::kDismissed) ++r.dismissed;
      if (outcomes->empty()) {
        ++r.undecided;
        continue;
      }
      ++r.outcomes[outcomes->back().outcome];
      std::set<std::string> orgs;
      for (const auto& o : *outcomes)
        if (!o.forwarded_to.empty() && orgs.insert(o.forwarded_to).second) ++r.forwarded[o.forwarded_to];
    }
  }
  std::vector<IndicatorRow> out;
  for (auto& [k, r] : rows) out.push_back(std::move(r));
  std::stable_sort(out.begin(), out.end(), [](const IndicatorRow& a, const IndicatorRow& b) { return a.alerts > b.alerts; });
  return out;
}

}  // namespace adwatch
