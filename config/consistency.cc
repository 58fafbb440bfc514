// Weights, caps and thresholds that contradict the alert decision
// (core/decision.h) are configuration errors, named at the rule that
// carries them: a rule whose severity promises something its weight cannot
// deliver would make a coordinator misread every signal it raises.
#include <cmath>
#include <set>
#include <string>

#include "config/internal/consistency.h"

namespace adwatch::config_internal {
namespace {

std::string Num(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

void CheckScoring(const MatcherConfig& m, const SourcePos& matcher_pos, std::vector<ConfigError>* errors) {
  auto error = [&](const SourcePos& pos, std::string message) { errors->push_back({pos, std::move(message)}); };
  const SignalParams& p = m.signals;
  for (auto [name, v] : {std::pair<const char*, double>{"alert_threshold", m.alert_threshold},
                         {"critical_threshold", m.critical_threshold}}) {
    if (!std::isfinite(v) || v <= 0) error(matcher_pos, std::string("[matcher] ") + name + " must be a number above 0");
  }
  if (!std::isfinite(p.category_cap) || p.category_cap <= 0)
    error(matcher_pos, "[signals] category_cap must be a number above 0");
  for (auto [name, v] : {std::pair<const char*, double>{"shared_phone_weight", p.shared_phone_weight},
                         {"template_weight", p.template_weight},
                         {"touring_weight", p.touring_weight}}) {
    if (!std::isfinite(v) || v < 0) error(matcher_pos, std::string("[signals] ") + name + " must be a number >= 0");
    else if (v > p.category_cap)
      error(matcher_pos, std::string("[signals] ") + name + " " + Num(v) + " is above category_cap " +
                             Num(p.category_cap) + ": it could never count in full");
  }
  std::set<std::string> categories;
  for (const RuleSpec& r : m.rules) categories.insert(r.category);
  for (const RuleSpec& r : m.rules) {
    std::string who = "rule '" + r.id + "': ";
    // A misspelt category in only_with would silence the rule for good.
    for (const std::string& c : r.only_with)
      if (c == r.category || !categories.count(c))
        error(r.pos, who + "only_with names category '" + c + "', " +
                         (c == r.category ? "its own category" : "which no rule has") +
                         " (it would never count)");
    if (!std::isfinite(r.weight) || r.weight < 0) {
      error(r.pos, who + "weight must be a number >= 0");
      continue;
    }
    if (r.weight > p.category_cap)
      error(r.pos, who + "weight " + Num(r.weight) + " is above category_cap " + Num(p.category_cap) +
                       ": it could never count in full");
    bool alone = r.severity >= Severity::kHigh;
    if (alone && r.weight < m.alert_threshold)
      error(r.pos, who + "severity '" + ToString(r.severity) + "' means it alerts on its own, but its weight " +
                       Num(r.weight) + " is below alert_threshold " + Num(m.alert_threshold) +
                       " (raise the weight or lower the severity)");
    if (!alone && r.weight >= m.alert_threshold)
      error(r.pos, who + "severity '" + ToString(r.severity) + "' means it does not alert on its own, but its weight " +
                       Num(r.weight) + " reaches alert_threshold " + Num(m.alert_threshold) +
                       " (lower the weight or make it 'high')");
  }
}

}  // namespace adwatch::config_internal
