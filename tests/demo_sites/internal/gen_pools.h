// Sentence pools of the demo generator (internal).
//
// The pools were written from what the indicators mean (shared notes), not
// from any rule file: the wording of planted and benign ads must not mirror
// the rules that are tested on them. Every language has several paraphrases
// of each planted kind, and the benign pools use the same vocabulary in
// innocent senses (durations, times, clients' ages, idioms, negations).
#pragma once

#include <string>
#include <vector>

namespace adwatch::demo {

using Strs = std::vector<std::string>;

// The everyday text of an independent worker's ad, first person.
struct Pools {
  Strs intro, about, looks, practical, hours, location, closing, phone;
  std::string phone2;
  Strs title;
  std::string ask_for;  // "Vraag naar {name}." (template ads)
};

// Wording planted in ads that must raise an alert, by kind. Placeholders:
// {name}, {city}, {age}, {age_words}.
struct RiskWording {
  Strs minor_age;     // a stated age under 18, in digits or words
  Strs youth;         // wording that suggests a minor
  Strs third_party;   // someone else arranges the dates, the calls or the money
  Strs third_person;  // the ad speaks about her, not as her
  std::string third_age;  // "Zij is {age} jaar."
  Strs services;      // 24/7, unprotected, hotels and holiday parks, "everything"
  Strs new_girls;
  Strs touring;       // movement; also used by independent touring workers
  Strs titles;        // [0] touring, [1] third person, [2] new girls, [3] availability
};

// Innocent uses of the rules' vocabulary, first person or a licensed club.
enum BenignVocab {
  kDuration,    // "al 16 jaar ervaring"
  kTimes,       // "vanaf 18.00 uur"
  kClientAge,   // "geen tieners", "heren vanaf 25"
  kIdiom,       // "van top tot teen"
  kNegation,    // "nooit zonder condoom"
  kHotelVisit,  // an escort who visits the client's hotel
  kNewInTown,   // "new in town", nothing else
  kBenignVocabKinds
};
const char* BenignVocabKind(int kind);  // "benign_duration", …

struct BenignWording {
  Strs by_kind[kBenignVocabKinds];
  Strs club;             // a licensed club's ad, in order; {club} {licence} {muni} {street} {postcode}
  std::string club_title;
};

const Pools& PoolsFor(const std::string& lang);          // "nl", "en", "de", "fr"
const RiskWording& RiskFor(const std::string& lang);
const BenignWording& BenignFor(const std::string& lang);
std::string AgeWords(int age, const std::string& lang);  // 16, 17 -> "zestien", "seventeen", …

// One writer's long text behind many ads, and the edits a family makes to it.
const Strs& TemplateSentences(const std::string& lang);  // "nl" or "en"
const std::vector<std::pair<std::string, std::string>>& TemplateSwaps(const std::string& lang);

}  // namespace adwatch::demo
