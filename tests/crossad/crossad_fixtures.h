// Hand-made ads for the cross-ad tests: a config, deterministic texts and a
// random multi-step sequence of new, changed and vanished ads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "matcher/crossad/crossad.h"

namespace adwatch::test {

inline MatcherConfig Config() {
  MatcherConfig c;  // shared phone 3 names / 30d, touring 3 towns / 14d, critical 80
  c.alert_threshold = 50;  // the figures below were worked out at these two
  c.signals.category_cap = 40;
  return c;
}

inline TimePoint Day(int d) { return FromUnixSeconds(1'767'225'600 + int64_t{86400} * d); }

inline uint64_t Rand(uint64_t& s) {
  s += 0x9e3779b97f4a7c15ULL;
  uint64_t x = s;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// About 70 words drawn from a vocabulary large enough that two seeds share
// almost no 5-word shingles.
inline std::string LongText(uint64_t seed) {
  static const char* kWords[] = {
      "lekker", "genieten", "samen", "rustig", "ontspannen", "massage", "discreet", "afspraak", "welkom",
      "heerlijk", "sfeer", "kamer", "schoon", "vriendelijk", "tijd", "nemen", "bellen", "berichtje",
      "sturen", "graag", "mooie", "avond", "middag", "ochtend", "koffie", "douche", "handdoek", "muziek",
      "zacht", "warm", "licht", "donker", "gezellig", "praten", "lachen", "luisteren", "kijken", "voelen",
      "proeven", "ruiken", "dansen", "zingen", "lezen", "schrijven", "wandelen", "fietsen", "zwemmen",
      "koken", "eten", "drinken", "slapen", "dromen", "reizen", "vliegen", "varen", "rijden"};
  constexpr size_t kN = sizeof kWords / sizeof kWords[0];
  uint64_t s = seed * 7919 + 1;
  std::string out;
  for (int i = 0; i < 70; ++i) {
    if (!out.empty()) out += i % 9 == 0 ? ". " : " ";
    out += kWords[Rand(s) % kN];
  }
  return out + ".";
}

inline std::string Pseudo(const std::string& phone) { return "pseudo-" + phone.substr(phone.size() - 4); }

inline AdFacts Fact(const std::string& id, const std::string& name, const std::vector<std::string>& phones,
                    const std::string& town, TimePoint seen, const std::string& text) {
  AdFacts f;
  f.key = {"test", id};
  f.url = "https://ads.example/" + id;
  f.name = name;
  f.text = text;
  f.phones = phones;
  for (const std::string& p : phones) f.pseudonyms.push_back(Pseudo(p));
  f.town = town;
  f.municipality = town;
  f.seen = seen;
  return f;
}

inline Hit MakeHit(const std::string& rule, const std::string& category, double weight) {
  Hit h;
  h.rule = rule;
  h.category = category;
  h.weight = weight;
  h.field = "text";
  h.begin = 3;
  h.end = 9;
  h.evidence = "…" + rule + "…";
  return h;
}

// Feeds `steps` random observations to `apply` (remove = the ad vanished:
// the facts are its last ones with live = false) and calls `check` every 40.
inline void RandomSequence(uint64_t seed, int steps, const std::function<void(const AdFacts&, bool)>& apply,
                           const std::function<void()>& check) {
  static const char* kTowns[] = {"Heerlen", "Sittard", "Maastricht", "Venlo", "Kerkrade", "Geleen"};
  static const char* kNames[] = {"Lisa", "Anna", "Mia", "Zoe", "Eva", "Sara", "Noa", "Julia"};
  static const char* kCats[] = {"control", "services", "availability", "movement"};
  uint64_t s = seed;
  std::map<std::string, AdFacts> last;
  for (int step = 1; step <= steps; ++step) {
    TimePoint now = Day(0) + std::chrono::hours(3 * step);
    uint64_t roll = Rand(s) % 100;
    std::string id = "ad" + std::to_string(Rand(s) % 70);
    auto it = last.find(id);
    if (roll < 12 && it != last.end() && it->second.live) {
      it->second.live = false;
      apply(it->second, true);
      continue;
    }
    std::vector<std::string> phones = {"+316" + std::to_string(10000000 + Rand(s) % 45)};
    if (Rand(s) % 6 == 0) phones.push_back("+316" + std::to_string(10000000 + Rand(s) % 45));
    std::string text = LongText(Rand(s) % 3 == 0 ? Rand(s) % 6 : 1000 + Rand(s));
    if (Rand(s) % 2) text += " extra " + std::string(kNames[Rand(s) % 8]) + " woorden";
    AdFacts f = Fact(id, kNames[Rand(s) % 8], phones, kTowns[Rand(s) % 6], now, text);
    if (Rand(s) % 4 == 0) f.per_ad.hits.push_back(MakeHit("r" + std::to_string(Rand(s) % 5), kCats[Rand(s) % 4], 15));
    last[id] = f;
    apply(f, false);
    if (step % 40 == 0) check();
  }
  check();
}

}  // namespace adwatch::test
