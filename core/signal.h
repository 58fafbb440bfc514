// What the matcher finds in ads: facts (phones, ages, places) and rule hits.
//
// Every hit carries its evidence: the rule, the field, the matched span and
// the rule's description. adwatch reports *signalen* for human review; it
// never decides that someone is a victim or a suspect.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adwatch {

enum class Severity { kNone = 0, kLow, kMedium, kHigh, kCritical };
const char* ToString(Severity s);                  // "none" … "critical"
bool ParseSeverity(const std::string& s, Severity* out);

// A phone number found in an ad, normalised to E.164.
struct PhoneFound {
  std::string e164;        // "+31612345678"
  bool obfuscated = false;  // written to evade search (words, spaces, emoji …)
  std::string field;       // "text", "phones", …
  std::string raw;         // the text as written (personal data: debug only)
};

// A place named in an ad, resolved by the gazetteer.
struct Place {
  std::string name;          // "Geleen"
  std::string municipality;  // "Sittard-Geleen"
  std::string province;      // "Limburg"
  std::string country;       // "NL"
};

// One rule matched one span of one field.
struct Hit {
  std::string rule;        // rule id
  std::string category;    // age, control, services, availability, …
  Severity severity = Severity::kLow;
  double weight = 0;
  std::string field;       // which ad field matched
  uint32_t begin = 0;      // byte offsets of the match in that field
  uint32_t end = 0;
  std::string evidence;    // the matched text with a little context
  std::string description; // the rule's description, for the reader
  std::string rules_version;  // content hash of the rule set that produced it
};

// Everything the per-ad matcher found in one ad.
struct AdSignals {
  std::vector<PhoneFound> phones;
  std::vector<int> ages;              // stated ages
  std::vector<std::string> age_hints; // ids of age-hint rules that matched
  std::vector<Place> places;
  std::vector<Hit> hits;
  double score = 0;
  Severity severity = Severity::kNone;
};

}  // namespace adwatch
