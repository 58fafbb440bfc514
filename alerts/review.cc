#include "alerts/review.h"

#include <algorithm>
#include <set>

namespace adwatch {
namespace {

Result<Alert> Get(Store& store, int64_t id) {
  auto a = store.GetAlert(id);
  if (!a.ok()) return a.status().code() == Status::Code::kNotFound
                          ? Status::NotFound("no alert " + std::to_string(id))
                          : a.status();
  return a;
}

}  // namespace

Status Acknowledge(Store& store, int64_t id, const std::string& who, const std::string& note, TimePoint now) {
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  if (a->state == AlertState::kAcknowledged) return Status::Ok();
  if (a->state != AlertState::kNew && a->state != AlertState::kSent)
    return Status::FailedPrecondition("alert " + std::to_string(id) + " is " + ToString(a->state));
  return store.SetAlertState(id, AlertState::kAcknowledged, who, note, now);
}

Status Dismiss(Store& store, int64_t id, const std::string& who, const std::string& note, TimePoint now) {
  if (note.empty()) return Status::InvalidArgument("dismiss needs --note (why the signal is dismissed)");
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  if (a->state == AlertState::kDismissed || a->state == AlertState::kClosed)
    return Status::FailedPrecondition("alert " + std::to_string(id) + " is " + ToString(a->state));
  return store.SetAlertState(id, AlertState::kDismissed, who, note, now);
}

bool ParseForwardedTo(const std::string& s, std::string* out) {
  std::string k;
  for (char c : s)
    if (isalnum(static_cast<unsigned char>(c))) k += static_cast<char>(tolower(static_cast<unsigned char>(c)));
  if (k == "veiligthuis") *out = "Veilig Thuis";
  else if (k == "avim") *out = "AVIM";
  else if (k == "riec") *out = "RIEC";
  else return false;
  return true;
}

Status Decide(Store& store, int64_t id, Outcome outcome, const std::string& forwarded_to, const std::string& who,
              const std::string& note, TimePoint now) {
  if (outcome == Outcome::kNone) return Status::InvalidArgument("an outcome is required");
  if (note.empty()) return Status::InvalidArgument("decide needs --note (the reasoning)");
  auto a = Get(store, id);
  if (!a.ok()) return a.status();
  ADWATCH_RETURN_IF_ERROR(store.RecordOutcome(id, AlertOutcome{outcome, who, note, forwarded_to, now}));
  if (a->state == AlertState::kNew || a->state == AlertState::kSent)
    return store.SetAlertState(id, AlertState::kAcknowledged, who, "decided: " + std::string(ToString(outcome)), now);
  return Status::Ok();
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

Result<std::vector<IndicatorRow>> IndicatorReport(Store& store) {
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
