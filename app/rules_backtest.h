// `adwatch rules backtest`, called from app/cmd_rules.cc, and the per-ad
// half of its report.
//
// The cross-ad backtest (matcher/crossad/backtest.h) reports alert subjects
// that appear, disappear or change severity. An administrator tuning a
// weight also needs to see scores move below the alert line, so the command
// adds, per ad, the score and severity under the active and under the
// candidate rules, with the rules that hit or weigh differently. Neither half
// shows a phone number in clear: evidence and URLs are masked (digit runs
// that look like a phone become "[tel <pseudonym>]" or "[tel]").
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/args.h"
#include "app/commands.h"
#include "matcher/crossad/backtest.h"

namespace adwatch {

int RunRulesBacktest(const CommandContext& ctx, const Args& args);

// One ad whose own score or severity differs between the two rule sets.
struct AdScoreChange {
  std::string ad;                          // "site/id"
  std::string url;                         // phone numbers masked
  double score_before = 0, score_after = 0;
  Severity before = Severity::kNone, after = Severity::kNone;
  // The rules behind the change, by id: "+id" hits only under the candidate
  // rules, "-id" only under the active ones, "id 40.0->0.0" weighs differently.
  std::vector<std::string> rules_changed;
};

// `facts` carry the per-ad signals under the active rules (AdFacts::per_ad);
// `candidate` gives an ad's signals under the candidate rules. Returns the
// ads whose score or severity differ, the largest score change first (then by
// ad). Equal ones are left out.
std::vector<AdScoreChange> CompareAdScores(const std::vector<AdFacts>& facts,
                                           const std::function<AdSignals(const AdFacts&)>& candidate);

// "per ad: N ads change score, M of them severity" and one line per change
// (at most `limit`, then how many more).
std::string FormatAdScoreChanges(const std::vector<AdScoreChange>& changes, size_t limit);

// Masks phone numbers in the report's evidence and URLs; a number of one of
// `facts`' ads shows as "[tel <first 8 of its pseudonym>]".
void MaskPhones(BacktestReport* report, const std::vector<AdFacts>& facts);

}  // namespace adwatch
