// adwatch report indicators [--json]: per rule, how many alerts it
// contributed to and how the coordinators assessed them, so weak indicators
// can be found and retired.
#include <iostream>

#include <nlohmann/json.hpp>

#include "alerts/review.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] report indicators [--json]\n\n"
    "Per rule: the alerts it contributed to, how many are undecided or dismissed,\n"
    "the latest assessment of each (geen mensenhandel / risicofactoren / ernstige\n"
    "vermoedens / mensenhandel), where they were passed on to, and the share of\n"
    "decided alerts assessed as at least 'risicofactoren' (precision).\n";

constexpr Outcome kOutcomes[] = {Outcome::kGeenMensenhandel, Outcome::kRisicofactoren,
                                 Outcome::kErnstigeVermoedens, Outcome::kMensenhandel};

}  // namespace

int RunReport(CommandContext& ctx) {
  Args args(ctx.args, {}, {"json", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok() || args.positional().size() != 1 || args.positional()[0] != "indicators") {
    std::cerr << "adwatch report: " << (args.ok() ? "expected: report indicators" : args.error()) << "\n" << kUsage;
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "report");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStore(config->store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch report: " << store.status().message() << "\n";
    return kExitFailure;
  }
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
