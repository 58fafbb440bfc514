#include "core/decision.h"

#include <algorithm>

namespace adwatch {

std::map<std::string, double> CategoryPoints(const std::vector<Hit>& hits, double category_cap) {
  std::map<std::string, double> points;
  for (const Hit& h : hits) {
    double w = std::max(0.0, h.weight);
    if (category_cap > 0) w = std::min(w, category_cap);
    double& p = points[h.category];
    p = std::max(p, w);
  }
  return points;
}

Decision Decide(double score, bool critical_hit, double alert_threshold, double critical_threshold) {
  Decision d;
  d.score = std::max(0.0, score);
  d.alerting = critical_hit || d.score >= alert_threshold;
  if (critical_hit || d.score >= critical_threshold) d.severity = Severity::kCritical;
  else if (d.alerting) d.severity = Severity::kHigh;
  else if (d.score >= alert_threshold / 2 && d.score > 0) d.severity = Severity::kMedium;
  else if (d.score > 0) d.severity = Severity::kLow;
  return d;
}

}  // namespace adwatch
