// adwatch rules backtest (--rules FILE | --without FILE) [--since 30d]: replay
// the stored ads under the active rules and under the active rules plus a
// candidate file (or minus one of the active rule files), and print which
// alerts would appear, disappear or change score or severity, and why: so
// that an administrator can tune a rule before deploying it. Read-only.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "app/args.h"
#include "app/commands.h"
#include "app/rules_backtest.h"
#include "app/setup.h"
#include "app/wire_analysis.h"
#include "config/loader.h"
#include "matcher/crossad/backtest.h"

namespace adwatch {
namespace {

bool HasSignalsTable(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("[signals]", 0) == 0) return true;
  return false;
}

}  // namespace

int RunRulesBacktest(const CommandContext& ctx, const Args& args) {
  auto file = args.Value("rules");
  auto without = args.Value("without");
  if (file.has_value() == without.has_value()) {
    std::cerr << "adwatch rules backtest: give --rules FILE or --without FILE (see adwatch rules --help)\n";
    return kExitUsage;
  }
  Duration since{};
  std::string since_text = args.ValueOr("since", "30d");
  if (!ParseDuration(since_text, &since)) {
    std::cerr << "adwatch rules backtest: bad --since '" << since_text << "' (expected e.g. 30d, 12h)\n";
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "rules backtest");
  if (!config) return kExitUsage;
  MatcherConfig active = config->matcher;
  MatcherConfig candidate = active;
  if (file) {
    // The active set plus the candidate file: its rules replace active rules
    // of the same id or are added; its disable and [[override]] apply; its
    // [signals] table, if it has one, replaces the active cross-ad parameters.
    LoadResult merged = LoadCandidateRules(active, {*file});
    if (!merged.ok()) {
      for (const auto& e : merged.errors) std::cerr << e.ToString() << "\n";
      return kExitUsage;
    }
    candidate = merged.config.matcher;
    if (HasSignalsTable(*file)) {
      LoadResult own = LoadRuleFiles({*file});
      candidate.signals = own.config.matcher.signals;
      candidate.rules_version += "-signals";
    }
  } else {
    // The active set without one of its files (e.g. a rules.d file).
    std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
    LoadResult reduced = LoadConfigWithout(path, *without);
    if (!reduced.ok()) {
      for (const auto& e : reduced.errors) std::cerr << e.ToString() << "\n";
      return kExitUsage;
    }
    candidate = reduced.config.matcher;
  }
  if (candidate.rules_version == active.rules_version) candidate.rules_version += "-candidate";

  auto active_matcher = MakeMatcher(active, config->alerts.municipalities);
  auto candidate_matcher = MakeMatcher(candidate, config->alerts.municipalities);
  for (const auto* m : {&active_matcher, &candidate_matcher}) {
    if (!m->ok()) {
      std::cerr << "adwatch rules backtest: " << m->status().message() << "\n";
      return kExitUsage;
    }
  }
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "rules backtest");
  if (!store) return kExitFailure;
  // Facts under the active matcher; the analyzer re-runs either matcher on the ad itself.
  std::map<AdKey, Ad> ads;
  std::vector<AdFacts> facts;
  TimePoint cutoff = clock.Now() - since;
  Status st = store->ForEachLiveAd([&](const AdRecord& r) {
    if (r.last_seen < cutoff) return Status::Ok();
    ads[KeyOf(r.ad)] = r.ad;
    facts.push_back(FactsOf(r.ad, AnalyzeAd(r.ad, *active_matcher), *store, r.last_seen, r.live));
    return Status::Ok();
  });
  if (!st.ok()) {
    std::cerr << "adwatch rules backtest: " << st.message() << "\n";
    return kExitFailure;
  }
  PerAdAnalyzer analyze = [&](const AdFacts& f, const MatcherConfig& cfg) {
    const Matcher& m = cfg.rules_version == candidate.rules_version ? *candidate_matcher : *active_matcher;
    return AnalyzeAd(ads.at(f.key), m);
  };
  BacktestReport report = Backtest(facts, active, candidate, analyze);
  std::cout << "backtest of " << (file ? "the active rules plus " + *file : "the active rules without " + *without) << " on " << facts.size() << " ads seen in the last " << since_text << "\n"
            << FormatBacktestReport(report);
  Status audited = store->AppendAudit({0, clock.Now(), Env::Default()->UserName(), "rules-backtest",
                                       std::to_string(report.changes.size()) + " changes"});
  if (!audited.ok()) {
    std::cerr << "adwatch rules backtest: not audited: " << audited.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace adwatch
