// adwatch report indicators [--json]: per rule, how many alerts it
// contributed to and how the coordinators assessed them, so weak indicators
// can be found and retired.
// adwatch report evaluation --year Y [--municipality NAME] [--csv]: the
// policy plan's yearly figures from anonymous counts that outlive the
// alerts (Store::EvaluationCounts).
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "alerts/review.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/register.h"
#include "app/setup.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] report indicators [--json]\n"
    "       adwatch [--config FILE] report evaluation --year YEAR [--municipality NAME] [--csv]\n"
    "       adwatch [--config FILE] report processing [--html]\n\n"
    "processing: the register of processing (GDPR art. 30) from the configuration:\n"
    "controller and FG ([register]), purpose and legal basis per site, categories of\n"
    "data and data subjects, recipients per municipality, retention periods, security\n"
    "measures, processors; Markdown, or HTML with --html. A site's purpose and\n"
    "legal_basis may start with a documented code (\"code: free text\"); purposes:\n"
    "signalering-mensenhandel, toezicht-seksbedrijven, demo; legal bases:\n"
    "publieke-taak, wettelijke-verplichting, demo.\n\n"
    "evaluation: per municipality and quarter, the alerts raised, how they were\n"
    "assessed (latest outcome; dismissed; undecided) and where they were passed on;\n"
    "then per indicator (category, rule) the alerts it contributed to. Counted from\n"
    "anonymous statistics kept when alerts are purged or erased, plus the live ones.\n"
    "--csv prints the counts themselves (year,quarter,municipality,category,rule,\n"
    "outcome,forwarded_to,alerts).\n\n"
    "indicators:\n"
    "Per rule: the alerts it contributed to, how many are undecided or dismissed,\n"
    "the latest assessment of each (geen mensenhandel / risicofactoren / ernstige\n"
    "vermoedens / mensenhandel), where they were passed on to, and the share of\n"
    "decided alerts assessed as at least 'risicofactoren' (precision).\n";

constexpr Outcome kOutcomes[] = {Outcome::kGeenMensenhandel, Outcome::kRisicofactoren,
                                 Outcome::kErnstigeVermoedens, Outcome::kMensenhandel};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

int Evaluation(Store& store, int year, const std::string& municipality, bool csv) {
  auto rows = store.EvaluationCounts(year);
  if (!rows.ok()) {
    std::cerr << "adwatch report: " << rows.status().message() << "\n";
    return kExitFailure;
  }
  std::vector<EvaluationRow> sel;
  for (const auto& r : *rows)
    if (municipality.empty() || r.municipality == municipality) sel.push_back(r);
  if (csv) {
    std::cout << "year,quarter,municipality,category,rule,outcome,forwarded_to,alerts\n";
    for (const auto& r : sel)
      std::cout << r.year << "," << r.quarter << "," << CsvField(r.municipality) << "," << CsvField(r.category) << ","
                << CsvField(r.rule) << "," << r.outcome << "," << CsvField(r.forwarded_to) << "," << r.alerts << "\n";
    return kExitOk;
  }
  // Alert-level rows (rule "") per municipality and quarter.
  struct Cell {
    std::map<std::string, int64_t> outcomes;
    std::map<std::string, int64_t> forwarded;
    int64_t alerts = 0;
  };
  std::map<std::pair<std::string, int>, Cell> cells;
  std::map<std::pair<std::string, std::string>, std::map<int, int64_t>> rules;
  for (const auto& r : sel) {
    if (r.rule.empty()) {
      Cell& c = cells[{r.municipality, r.quarter}];
      c.alerts += r.alerts;
      c.outcomes[r.outcome] += r.alerts;
      if (!r.forwarded_to.empty()) c.forwarded[r.forwarded_to] += r.alerts;
    } else {
      rules[{r.category, r.rule}][r.quarter] += r.alerts;
    }
  }
  std::cout << "Evaluation " << year << (municipality.empty() ? "" : " — " + municipality)
            << " (signals, not findings; counts of alerts)\n\n";
  printf("%-22s %2s %6s %6s %6s %6s %6s %6s %6s  %s\n", "municipality", "Q", "alerts", "geen", "risico", "ernst",
         "mh", "dism.", "open", "doorgezet naar");
  for (const auto& [k, c] : cells) {
    auto n = [&](const char* o) { return c.outcomes.count(o) ? c.outcomes.at(o) : int64_t{0}; };
    std::string fw;
    for (const auto& [org, m] : c.forwarded) fw += (fw.empty() ? "" : ", ") + org + " " + std::to_string(m);
    printf("%-22s %2d %6lld %6lld %6lld %6lld %6lld %6lld %6lld  %s\n",
           k.first.empty() ? "(geen gemeente)" : k.first.c_str(), k.second, static_cast<long long>(c.alerts),
           static_cast<long long>(n(ToString(Outcome::kGeenMensenhandel))),
           static_cast<long long>(n(ToString(Outcome::kRisicofactoren))),
           static_cast<long long>(n(ToString(Outcome::kErnstigeVermoedens))),
           static_cast<long long>(n(ToString(Outcome::kMensenhandel))), static_cast<long long>(n("dismissed")),
           static_cast<long long>(n("undecided")), fw.c_str());
  }
  if (cells.empty()) std::cout << "no alerts in " << year << "\n";
  std::cout << "\nper indicator: alerts it contributed to, by quarter\n";
  printf("%-12s %-32s %6s %6s %6s %6s\n", "category", "rule", "Q1", "Q2", "Q3", "Q4");
  for (const auto& [k, q] : rules) {
    auto n = [&](int i) { return static_cast<long long>(q.count(i) ? q.at(i) : 0); };
    printf("%-12s %-32s %6lld %6lld %6lld %6lld\n", k.first.c_str(), k.second.c_str(), n(1), n(2), n(3), n(4));
  }
  return kExitOk;
}

}  // namespace

int RunReport(CommandContext& ctx) {
  Args args(ctx.args, {"year", "municipality"}, {"json", "csv", "html", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  const bool evaluation = args.positional().size() == 1 && args.positional()[0] == "evaluation";
  const bool processing = args.positional().size() == 1 && args.positional()[0] == "processing";
  if (!args.ok() || args.positional().size() != 1 ||
      (args.positional()[0] != "indicators" && !evaluation && !processing)) {
    std::cerr << "adwatch report: "
              << (args.ok() ? "expected: report indicators | report evaluation | report processing" : args.error())
              << "\n" << kUsage;
    return kExitUsage;
  }
  if (processing) {
    auto config = LoadConfigForCommand(ctx, "report");
    if (!config) return kExitUsage;
    std::cout << ProcessingRegister(*config, FormatUtc(SystemClock().Now()).substr(0, 10), args.Has("html"));
    return kExitOk;
  }
  int year = 0;
  if (evaluation) {
    try {
      year = std::stoi(args.ValueOr("year", ""));
    } catch (const std::exception&) {
    }
    if (year < 2000 || year > 2200) {
      std::cerr << "adwatch report: evaluation needs --year YEAR (e.g. --year 2026)\n" << kUsage;
      return kExitUsage;
    }
  }
  auto config = LoadConfigForCommand(ctx, "report");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStore(config->store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch report: " << store.status().message() << "\n";
    return kExitFailure;
  }
  if (evaluation) return Evaluation(**store, year, args.ValueOr("municipality", ""), args.Has("csv"));
  auto rows = IndicatorReport(**store);
  if (!rows.ok()) {
    std::cerr << "adwatch report: " << rows.status().message() << "\n";
    return kExitFailure;
  }
  if (args.Has("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *rows) {
      nlohmann::json o = {{"rule", r.rule}, {"category", r.category}, {"alerts", r.alerts},
                          {"undecided", r.undecided}, {"dismissed", r.dismissed}, {"forwarded", r.forwarded}};
      for (Outcome oc : kOutcomes) o["outcomes"][ToString(oc)] = r.outcomes.count(oc) ? r.outcomes.at(oc) : 0;
      o["precision"] = r.Precision() < 0 ? nlohmann::json() : nlohmann::json(r.Precision());
      out.push_back(o);
    }
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  printf("%-32s %-12s %6s %6s %6s %5s %5s %5s %5s %9s  %s\n", "rule", "category", "alerts", "open", "dism.", "geen",
         "risico", "ernst", "mh", "precision", "doorgezet");
  for (const auto& r : *rows) {
    auto n = [&](Outcome o) { return r.outcomes.count(o) ? r.outcomes.at(o) : 0; };
    std::string fw;
    for (const auto& [org, k] : r.forwarded) fw += (fw.empty() ? "" : ", ") + org + " " + std::to_string(k);
    char prec[16] = "-";
    if (r.Precision() >= 0) snprintf(prec, sizeof prec, "%.0f%%", 100 * r.Precision());
    printf("%-32s %-12s %6d %6d %6d %5d %5d %5d %5d %9s  %s\n", r.rule.c_str(), r.category.c_str(), r.alerts,
           r.undecided, r.dismissed, n(Outcome::kGeenMensenhandel), n(Outcome::kRisicofactoren),
           n(Outcome::kErnstigeVermoedens), n(Outcome::kMensenhandel), prec, fw.c_str());
  }
  if (rows->empty()) std::cout << "no alerts yet\n";
  return kExitOk;
}

}  // namespace adwatch
