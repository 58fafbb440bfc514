// adwatch rules backtest (--rules FILE | --without FILE) [--since 30d]: replay
// the stored ads under the active rules and under the active rules plus a
// candidate file (or minus one of the active rule files), and print which
// alerts would appear, disappear or change severity, and why, then per ad the
// score and severity before and after: so that an administrator can tune a
// rule before deploying it. Phone numbers are masked. Read-only.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "alerts/render.h"

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

std::string Points(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  return buf;
}

// Points per rule id (a rule may hit several fields).
std::map<std::string, double> RulesOf(const AdSignals& s) {
  std::map<std::string, double> points;
  for (const Hit& h : s.hits) points[h.rule] += h.weight;
  return points;
}

// A URL keeps its long ids unless one of them is an ad's phone number.
std::string MaskUrl(const std::string& url, const std::vector<PhoneRef>& refs) {
  std::string masked = adwatch::MaskPhones(url, refs);
  return masked.find("[tel ") == std::string::npos ? url : masked;
}

}  // namespace

std::vector<AdScoreChange> CompareAdScores(const std::vector<AdFacts>& facts,
                                           const std::function<AdSignals(const AdFacts&)>& candidate) {
  std::vector<PhoneRef> refs;
  for (const AdFacts& f : facts)
    for (size_t i = 0; i < f.phones.size() && i < f.pseudonyms.size(); ++i)
      refs.push_back({f.phones[i].substr(f.phones[i].rfind('+') == 0 ? 1 : 0), f.pseudonyms[i].substr(0, 8)});
  std::vector<AdScoreChange> out;
  for (const AdFacts& f : facts) {
    AdSignals after = candidate(f);
    const AdSignals& before = f.per_ad;
    if (std::fabs(after.score - before.score) < 0.05 && after.severity == before.severity) continue;
    AdScoreChange c;
    c.ad = f.key.site + "/" + f.key.id;
    c.url = MaskUrl(f.url, refs);
    c.score_before = before.score;
    c.score_after = after.score;
    c.before = before.severity;
    c.after = after.severity;
    std::map<std::string, double> a = RulesOf(before), b = RulesOf(after);
    std::set<std::string> ids;
    for (const auto& [id, w] : a) ids.insert(id);
    for (const auto& [id, w] : b) ids.insert(id);
    for (const std::string& id : ids) {
      auto x = a.find(id), y = b.find(id);
      if (x == a.end()) c.rules_changed.push_back("+" + id);
      else if (y == b.end()) c.rules_changed.push_back("-" + id);
      else if (std::fabs(x->second - y->second) >= 0.05)
        c.rules_changed.push_back(id + " " + Points(x->second) + "->" + Points(y->second));
    }
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const AdScoreChange& x, const AdScoreChange& y) {
    double dx = std::fabs(x.score_after - x.score_before), dy = std::fabs(y.score_after - y.score_before);
    if (dx != dy) return dx > dy;
    return x.ad < y.ad;
  });
  return out;
}

std::string FormatAdScoreChanges(const std::vector<AdScoreChange>& changes, size_t limit) {
  size_t severity = 0;
  for (const AdScoreChange& c : changes) severity += c.before != c.after ? 1 : 0;
  std::string out = "\nper ad: " + std::to_string(changes.size()) + " ads change score, " + std::to_string(severity) +
                    " of them severity\n";
  for (size_t i = 0; i < changes.size() && i < limit; ++i) {
    const AdScoreChange& c = changes[i];
    out += (c.before != c.after ? "~ " : "  ") + c.ad + "  " + Points(c.score_before) + " (" + ToString(c.before) +
           ") -> " + Points(c.score_after) + " (" + ToString(c.after) + ")";
    for (const auto& r : c.rules_changed) out += "  " + r;
    out += "  " + c.url + "\n";
  }
  if (changes.size() > limit) out += "  … and " + std::to_string(changes.size() - limit) + " more (--limit)\n";
  return out;
}

void MaskPhones(BacktestReport* report, const std::vector<AdFacts>& facts) {
  std::vector<PhoneRef> refs;
  for (const AdFacts& f : facts)
    for (size_t i = 0; i < f.phones.size() && i < f.pseudonyms.size(); ++i)
      refs.push_back({f.phones[i].substr(f.phones[i].rfind('+') == 0 ? 1 : 0), f.pseudonyms[i].substr(0, 8)});
  for (BacktestChange& ch : report->changes) {
    for (auto* why : {&ch.active_why, &ch.candidate_why})
      for (Contribution& c : *why) {
        c.evidence = adwatch::MaskPhones(c.evidence, refs);
        for (std::string& u : c.ad_urls) u = MaskUrl(u, refs);
      }
    for (std::string& u : ch.ad_urls) u = MaskUrl(u, refs);
  }
}

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
  size_t limit = 100;
  if (auto l = args.Value("limit")) {
    char* end = nullptr;
    long v = std::strtol(l->c_str(), &end, 10);
    if (l->empty() || *end || v < 0) {
      std::cerr << "adwatch rules backtest: bad --limit '" << *l << "' (a number of ads; see adwatch rules --help)\n";
      return kExitUsage;
    }
    limit = static_cast<size_t>(v);
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
  MaskPhones(&report, facts);
  auto per_ad = CompareAdScores(facts, [&](const AdFacts& f) { return analyze(f, candidate); });
  std::cout << "backtest of " << (file ? "the active rules plus " + *file : "the active rules without " + *without) << " on " << facts.size() << " ads seen in the last " << since_text << "\n"
            << FormatBacktestReport(report) << FormatAdScoreChanges(per_ad, limit);
  Status audited = store->AppendAudit({0, clock.Now(), Env::Default()->UserName(), "rules-backtest",
                                       std::to_string(report.changes.size()) + " changes"});
  if (!audited.ok()) {
    std::cerr << "adwatch rules backtest: not audited: " << audited.message() << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace adwatch
