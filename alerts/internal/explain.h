// Indicators as sentences: one alert contribution (a category of rule hits,
// or a cross-ad signal) turned into what a coordinator reads. Internal to
// alerts/ (render.cc).
//
// Per-ad categories: one line per rule, its description from the rules
// files (RenderOptions::rules), else the description stored with the hit,
// with the matched words of the strongest hit. Cross-ad signals: the counts
// the matcher recorded, as sentences ("Hetzelfde telefoonnummer staat in 4
// advertenties onder 4 namen binnen 30 dagen."). Rule ids and offsets never
// reach a line; evidence that cannot be read becomes a generic sentence.
#pragma once

#include <string>
#include <vector>

#include "alerts/internal/words.h"
#include "alerts/render.h"

namespace adwatch::internal {

struct IndicatorLine {
  std::string sentence;              // ours, in the digest's language
  std::string before, match, after;  // ad content, already masked; all empty = no snippet
  std::string strength;              // what backs the rule, or ""
};

struct IndicatorGroup {
  std::string heading;               // the category's name
  double points = 0;
  bool cross_ad = false;
  std::vector<IndicatorLine> lines;
};

IndicatorGroup Explain(const Contribution& c, const DigestAlert& da, const RenderOptions& opt, const Words& w);

// The rule ids of a contribution ("a.b,c.d" -> {"a.b", "c.d"}).
std::vector<std::string> RuleIds(const Contribution& c);

}  // namespace adwatch::internal
