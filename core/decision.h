// The one place where hits become a score, a severity and an alert.
//
// Both the per-ad matcher (matcher/analyze.cc) and the cross-ad entity score
// (matcher/crossad/scoring.cc) decide through these two functions, so an ad
// alone and the same ad inside an entity can never be judged by different
// arithmetic. check-config rejects rule weights, caps and thresholds that
// would contradict the decision (config/consistency.cc).
//
// - CategoryPoints: each category adds the weight of its strongest hit,
//   capped at `category_cap` (> 0). A category counts once, however many of
//   its rules match: five ways of saying "24/7" are one signal, not five.
// - Decide: alerting when the score reaches `alert_threshold` or any hit is
//   critical (a stated minor always reaches a coordinator). Severity:
//   critical on a critical hit or score >= critical_threshold; high when
//   alerting; medium from half the alert threshold; low above 0; else none.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/signal.h"

namespace adwatch {

struct Decision {
  double score = 0;
  Severity severity = Severity::kNone;
  bool alerting = false;
};

std::map<std::string, double> CategoryPoints(const std::vector<Hit>& hits, double category_cap);

Decision Decide(double score, bool critical_hit, double alert_threshold, double critical_threshold);

}  // namespace adwatch
