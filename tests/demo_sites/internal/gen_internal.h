// Internals of the demo generator shared by its .cc files: the deterministic
// random stream, the planted-role record, and the phone and text builders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/demo_sites/demo_gen.h"

namespace adwatch::demo {

// SplitMix64: tiny, fast and good enough; the point is determinism, not secrecy.
inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
inline uint64_t Hash(uint64_t a, uint64_t b, uint64_t c = 0) {
  return Mix(Mix(Mix(a) ^ b) ^ c);
}

class Rng {
 public:
  explicit Rng(uint64_t s) : s_(s) {}
  uint64_t Next() { return s_ = Mix(s_); }
  uint32_t Below(uint32_t n) { return n == 0 ? 0 : static_cast<uint32_t>(Next() % n); }
  int Range(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
  bool Chance(int percent) { return Below(100) < static_cast<uint32_t>(percent); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(static_cast<uint32_t>(v.size()))]; }

 private:
  uint64_t s_;
};

uint64_t Fnv1a(const std::string& s);
std::string Hex16(uint64_t v);
std::string Slugify(const std::string& s);
// Listing slots: residue -> place, each place weighted by its size.
std::vector<int> BuildSlots(uint64_t seed);
// A plausible postcode for a place ("6161 AB", "3630", "52062").
std::string PostcodeFor(const Place& place, Rng& rng);

// What a planted ad is forced to be; everything else is generated as usual.
struct Network::Role {
  int pattern = -1;
  std::string kind;
  int member = 0;
  std::vector<int> towns;     // place per period; towns[0] from epoch 0
  int move_period = 0;        // epochs per town; 0 = never moves
  bool cycle = false;         // touring: cycle through towns; else stay in the last
  std::string name;           // forced name, empty = generated
  int age = -1;               // forced stated age; -1 = generated, 0 = none
  bool age_in_text = false;
  bool hide_age_field = false;  // age only in the text
  std::string phone;          // forced E.164, empty = generated
  std::string lang;           // forced language, empty = drawn per ad
  int template_id = -1;       // shared template text (family), edited per member
  int minor_form = -1;        // which wording states the (minor) age in the text
  int age_hint = -1;          // which minor-suggesting phrase
  int third_party = -1;       // which "someone else arranges it" phrase
  int benign_vocab = -1;      // BenignVocab kind of an innocent-vocabulary ad
  std::string club;           // a licensed club's name: the ad is the club's
  bool third_person = false;
  bool new_girls = false;
  bool control_services = false;  // 24/7, zonder condoom, hotel …
  bool touring_words = false;     // "nieuw in de stad", "alleen deze week"
  bool phone_text_only = false;   // number only obfuscated in the text
  int posted_days_ago = -1;       // forced posting age in days at the epoch
};

// Phones. Key -> a distinct valid mobile number (bijective per country).
std::string MakePhone(uint64_t key, int country_roll);  // roll 0..99: <88 NL, <95 BE, else DE
std::string FormatPhone(const std::string& e164, int style);  // as people write it
std::string WaLink(const std::string& e164);
// Writes the number to evade search; returns the kind used ("words_nl" …).
std::string ObfuscatePhone(const std::string& e164, int kind, const std::string& lang,  // nl en de fr
                           std::string* out);
constexpr int kObfuscationKinds = 10;

// Names.
std::string MakeName(Rng& rng, const std::string& lang);

// Texts.
struct TextSpec {
  std::string lang = "nl";
  std::string name;
  int age = 0;
  int age_style = -1;  // -1: no age in the text
  const Place* place = nullptr;
  uint64_t ad_ref = 0;
  uint64_t seed = 0;          // the network's seed: template families differ per seed
  int template_id = -1;
  int template_member = 0;    // 0 = the family's base text; others are edited copies
  int minor_form = -1;
  int age_hint = -1;
  int third_party = -1;
  int benign_vocab = -1;
  std::string club;
  bool ordinary = false;      // not planted: may use risk vocabulary innocently now and then
  bool third_person = false;
  bool new_girls = false;
  bool control_services = false;
  bool touring_words = false;
  std::string phone_text;   // the number as it should appear in the text, or empty
  std::string phone2_text;  // a second, WhatsApp-only number, or empty
  bool title_only = false;  // listings need the title, not the text
};
std::string AgeInText(int age, int style, const std::string& name, const std::string& lang);
// `planted` (may be null) receives the planted sentences as written.
void ComposeText(Rng& rng, const TextSpec& spec, std::string* title,
                 std::vector<std::string>* paragraphs, std::vector<std::string>* planted = nullptr);
std::vector<Rate> MakeRates(Rng& rng, const std::string& lang);

}  // namespace adwatch::demo
