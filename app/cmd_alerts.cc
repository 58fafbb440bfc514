// adwatch alerts list|show|ack|dismiss|decide: the coordinator's review of
// alerts. Every command that shows alert content is written to the audit
// log ("alerts-lookup"), and every change records who (the OS user) and why.
#include <iostream>

#include <nlohmann/json.hpp>

#include "alerts/digest.h"
#include "alerts/review.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] alerts COMMAND ...\n\n"
    "  list [--state STATE] [--municipality NAME] [--limit N] [--json]\n"
    "  show ID [--json]\n"
    "  ack ID [--note TEXT]\n"
    "  dismiss ID --note TEXT\n"
    "  decide ID --outcome OUTCOME --note TEXT [--forwarded-to ORG [--registration NR]]\n"
    "         [--reason TEXT]   (the same rules as the console's form; --reason when it changes\n"
    "                            an earlier assessment, which is kept)\n\n"
    "ORG: aandachtsfunctionaris, veilig-thuis (needs --registration), screeningstafel, avim,\n"
    "riec, inspectie-szw, kmar, geen.\n"
    "STATE: new, sent, acknowledged, dismissed, closed.\n"
    "OUTCOME (regional reporting route): geen-mensenhandel, risicofactoren (potentieel\n"
    "slachtoffer), ernstige-vermoedens (vermoedelijk slachtoffer), mensenhandel\n"
    "(daadwerkelijk slachtoffer). A signal is not proof: record what you found.\n";

int Fail(const std::string& what) {
  std::cerr << "adwatch alerts: " << what << "\n";
  return kExitFailure;
}

int Usage(const std::string& what) {
  std::cerr << "adwatch alerts: " << what << "\n" << kUsage;
  return kExitUsage;
}

nlohmann::json Brief(const Alert& a) {
  return {{"id", a.id}, {"state", ToString(a.state)}, {"severity", ToString(a.severity)}, {"score", a.score},
          {"municipalities", a.municipalities}, {"updated", FormatUtc(a.updated)}, {"created", FormatUtc(a.created)}};
}

int List(Store& store, const Config& config, const Args& args, const std::string& who, TimePoint now) {
  AlertQuery q;
  if (auto s = args.Value("state")) {
    AlertState st;
    if (!ParseAlertState(*s, &st)) return Usage("unknown state \"" + *s + "\"");
    q.states = {st};
  }
  q.municipality = CanonicalMunicipality(config, args.ValueOr("municipality", ""));  // any case
  q.limit = std::atoi(args.ValueOr("limit", "100").c_str());
  auto alerts = store.ListAlerts(q);
  if (!alerts.ok()) return Fail(alerts.status().message());
  if (!store.AppendAudit({0, now, who, "alerts-lookup", "list " + std::to_string(alerts->size()) + " alerts"}).ok())
    return Fail("cannot write the audit log");
  if (args.Has("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& a : *alerts) out.push_back(Brief(a));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& a : *alerts) {
    std::string munis;
    for (const auto& m : a.municipalities) munis += (munis.empty() ? "" : ", ") + m;
    printf("#%-6lld %-12s %-8s score %3.0f  %s  %s\n", static_cast<long long>(a.id), ToString(a.state),
           ToString(a.severity), a.score, FormatUtc(a.updated).c_str(), munis.empty() ? "(onbekend)" : munis.c_str());
  }
  if (alerts->empty()) std::cout << "no alerts\n";
  return kExitOk;
}

int Show(Store& store, int64_t id, bool json, const std::string& who, TimePoint now) {
  auto a = store.GetAlert(id);
  if (!a.ok()) return Fail(a.status().message());
  auto da = LoadDigestAlert(store, *a);
  if (!da.ok()) return Fail(da.status().message());
  auto history = store.AlertHistory(id);
  auto outcomes = store.AlertOutcomes(id);
  if (!history.ok() || !outcomes.ok()) return Fail("cannot read the alert's history");
  // Who saw what: no audit entry, no content.
  AuditEntry seen{0, now, who, "alerts-lookup", "show alert " + std::to_string(id)};
  seen.record = "alert:" + std::to_string(id);
  if (!store.AppendAudit(seen).ok()) return Fail("cannot write the audit log");
  nlohmann::json out = Brief(*a);
  out["subject"] = a->subject_key;
  out["escalated"] = da->escalated;
  for (const auto& c : a->contributions)
    out["indicators"].push_back({{"rule", c.rule}, {"category", c.category}, {"points", c.points},
                                 {"evidence", MaskPhones(c.evidence, da->phones)}});
  for (const auto& ad : da->ads)
    out["ads"].push_back({{"site", ad.site}, {"title", MaskPhones(ad.title, da->phones)}, {"url", ad.url},
                          {"first_seen", FormatUtc(ad.first_seen)}, {"last_seen", FormatUtc(ad.last_seen)}});
  for (const auto& h : *history)
    out["history"].push_back({{"from", ToString(h.from)}, {"to", ToString(h.to)}, {"who", h.who},
                              {"note", h.note}, {"at", FormatUtc(h.at)}});
  for (const auto& o : *outcomes)
    out["outcomes"].push_back({{"outcome", ToString(o.outcome)}, {"label", OutcomeLabel(o.outcome)}, {"who", o.who},
                               {"note", o.note}, {"forwarded_to", o.forwarded_to}, {"at", FormatUtc(o.at)}});
  if (json) {
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << "Signaal #" << id << " (" << out["state"].get<std::string>() << "), ernst "
            << out["severity"].get<std::string>() << ", score " << a->score << (da->escalated ? ", verhoogd" : "")
            << "\n";
  for (const auto& m : a->municipalities) std::cout << "gemeente: " << m << "\n";
  for (const auto& i : out.value("indicators", nlohmann::json::array()))
    std::cout << "indicator [" << i["category"].get<std::string>() << "] " << i["rule"].get<std::string>() << ": "
              << i["evidence"].get<std::string>() << "\n";
  for (const auto& ad : out.value("ads", nlohmann::json::array()))
    std::cout << "advertentie " << ad["site"].get<std::string>() << ": " << ad["title"].get<std::string>() << " "
              << ad["url"].get<std::string>() << " (" << ad["first_seen"].get<std::string>() << " .. "
              << ad["last_seen"].get<std::string>() << ")\n";
  for (const auto& h : out.value("history", nlohmann::json::array()))
    std::cout << "historie " << h["at"].get<std::string>() << " " << h["from"].get<std::string>() << " -> "
              << h["to"].get<std::string>() << " door " << h["who"].get<std::string>() << ": "
              << h["note"].get<std::string>() << "\n";
  for (const auto& o : out.value("outcomes", nlohmann::json::array()))
    std::cout << "beoordeling " << o["at"].get<std::string>() << " " << o["label"].get<std::string>()
              << (o["forwarded_to"].get<std::string>().empty() ? "" : ", doorgezet naar " + o["forwarded_to"].get<std::string>())
              << " door " << o["who"].get<std::string>() << ": " << o["note"].get<std::string>() << "\n";
  std::cout << "Een signaal is geen bewijs.\n";
  return kExitOk;
}

}  // namespace

int RunAlerts(CommandContext& ctx) {
  Args args(ctx.args, {"state", "municipality", "limit", "note", "outcome", "forwarded-to", "registration", "reason"}, {"json", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok()) return Usage(args.error());
  const auto& pos = args.positional();
  if (pos.empty()) return Usage("missing command");
  const std::string cmd = pos[0];
  int64_t id = 0;
  if (cmd != "list") {
    if (pos.size() != 2) return Usage(cmd + " needs one alert ID");
    char* end = nullptr;
    id = std::strtoll(pos[1].c_str(), &end, 10);
    if (!end || *end || id <= 0) return Usage("bad alert ID \"" + pos[1] + "\"");
  } else if (pos.size() != 1) {
    return Usage("list takes no arguments");
  }
  Outcome outcome = Outcome::kNone;
  std::string forwarded;
  if (cmd == "decide") {
    if (!args.Value("outcome") || !ParseOutcome(*args.Value("outcome"), &outcome) || outcome == Outcome::kNone)
      return Usage("decide needs --outcome geen-mensenhandel|risicofactoren|ernstige-vermoedens|mensenhandel");
    if (auto f = args.Value("forwarded-to"); f && !ParseForwardedTo(*f, &forwarded))
      return Usage("--forwarded-to must be aandachtsfunctionaris, veilig-thuis, screeningstafel, avim, riec, "
                   "inspectie-szw, kmar or geen");
  }
  if ((cmd == "dismiss" || cmd == "decide") && args.ValueOr("note", "").empty())
    return Usage(cmd + " needs --note");
  if (cmd != "list" && cmd != "show" && cmd != "ack" && cmd != "dismiss" && cmd != "decide")
    return Usage("unknown command \"" + cmd + "\"");

  auto config = LoadConfigForCommand(ctx, "alerts");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStore(config->store, *Env::Default(), clock);
  if (!store.ok()) return Fail(store.status().message());
  const std::string who = Env::Default()->UserName();
  const TimePoint now = clock.Now();
  const std::string note = args.ValueOr("note", "");
  Status st;
  if (cmd == "list") return List(**store, *config, args, who, now);
  if (cmd == "show") return Show(**store, id, args.Has("json"), who, now);
  if (cmd == "ack") st = Acknowledge(**store, id, who, note, now);
  if (cmd == "dismiss") st = Dismiss(**store, id, who, note, now);
  if (cmd == "decide") {
    Assessment as;
    as.outcome = outcome;
    as.forwarded_to = forwarded;
    as.registration = args.ValueOr("registration", "");
    as.reason = args.ValueOr("reason", "");
    as.note = note;
    st = Assess(**store, id, as, who, now);
  }
  if (!st.ok()) return Fail(st.message());
  std::cout << "alert " << id << ": " << cmd << " recorded\n";
  return kExitOk;
}

}  // namespace adwatch
