// Backtest of candidate rules: replay stored ads under the active and the
// candidate configuration and report which alert subjects would appear,
// disappear or change severity, with the contributions that explain why.
//
// The per-ad matcher is passed in as a callback (this library does not
// depend on it); `adwatch rules backtest` passes matcher/analyze.h. With no
// callback the ads' stored per-ad signals are used under both configs, so
// only the cross-ad parameters ([signals], thresholds) differ.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/config.h"
#include "matcher/crossad/crossad.h"

namespace adwatch {

using PerAdAnalyzer = std::function<AdSignals(const AdFacts&, const MatcherConfig&)>;

struct BacktestChange {
  enum class Kind { kAppears, kDisappears, kSeverityChanged };
  Kind kind = Kind::kAppears;
  std::string subject;                   // "entity:…" or "ad:site/id"
  Severity before = Severity::kNone;     // under the active rules
  Severity after = Severity::kNone;      // under the candidate rules
  double score_before = 0;
  double score_after = 0;
  std::vector<std::string> ad_urls;
  std::vector<Contribution> active_why;     // contributions under the active rules
  std::vector<Contribution> candidate_why;  // … and under the candidate rules
};

struct BacktestReport {
  size_t ads = 0;
  size_t alerts_active = 0;
  size_t alerts_candidate = 0;
  std::string active_version;
  std::string candidate_version;
  std::vector<BacktestChange> changes;  // by kind, then subject
};

BacktestReport Backtest(const std::vector<AdFacts>& ads, const MatcherConfig& active,
                        const MatcherConfig& candidate, const PerAdAnalyzer& analyze = nullptr);

// Plain text for the terminal: one block per change, rules and evidence.
std::string FormatBacktestReport(const BacktestReport& report);

}  // namespace adwatch
