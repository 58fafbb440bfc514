// Sentence pools of the demo generator (internal).
#pragma once

#include <string>
#include <vector>

namespace adwatch::demo {

using Strs = std::vector<std::string>;

struct Pools {
  Strs intro, about, looks, practical, hours, location, closing, phone;
  std::string phone2;
  Strs title;
  Strs third;
  std::string third_age;
  Strs new_girls, control, touring, age_hint, title_risk;
};

const Pools& PoolsFor(const std::string& lang);  // "nl", "en", "de"
const std::vector<std::string>& TemplateSentences();

}  // namespace adwatch::demo
