// Deterministic synthetic ads for the signals benchmark: mostly independent
// advertisers (own phone, own text drawn from a pool of shared sentences, as
// the demo network and real sites do), plus planted rings: phones shared by
// four names and texts shared by five phones. Ad i is a pure function of i.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "matcher/crossad/crossad.h"

namespace adwatch::bench {

inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::string Word(uint64_t k) {
  static const char* kSyl[] = {"ba", "ke", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "de", "fi", "go",
                               "hu", "ja", "ko", "le", "ma", "ne", "pi", "ro", "su", "ta", "ve", "wi", "zo",
                               "bel", "dan", "fer", "gin", "hol", "jan", "kir", "lun", "mor", "nis", "pel",
                               "ran", "sol", "tin"};
  return std::string(kSyl[k % 40]) + kSyl[(k / 40) % 40] + (k % 3 ? "" : kSyl[(k / 1600) % 40]);
}

inline std::string Sentence(uint64_t id) {
  uint64_t s = Mix(id * 31 + 7);
  int n = 8 + static_cast<int>(s % 7);
  std::string out;
  for (int i = 0; i < n; ++i) {
    s = Mix(s);
    if (!out.empty()) out += ' ';
    out += Word(s % 4000);
  }
  return out + ". ";
}

constexpr uint64_t kSentences = 3000;
constexpr uint64_t kPhoneRing = 4;   // ads per shared-phone ring (every 200th block)
constexpr uint64_t kTemplateRing = 5;

inline std::string TextOf(uint64_t text_seed, int sentences) {
  std::string t;
  uint64_t s = Mix(text_seed);
  for (int k = 0; k < sentences; ++k) {
    s = Mix(s);
    t += Sentence(s % kSentences);
  }
  return t;
}

// version > 0: the ad changed (new text and maybe a new town).
inline AdFacts SynthAd(uint64_t i, int version = 0) {
  static const char* kTowns[] = {"Maastricht", "Heerlen", "Sittard", "Geleen", "Kerkrade", "Venlo", "Roermond",
                                 "Brunssum", "Landgraaf", "Valkenburg", "Meerssen", "Eijsden", "Gulpen",
                                 "Stein", "Beek", "Weert", "Eindhoven", "Aken", "Luik", "Hasselt"};
  uint64_t r = Mix(i * 1000003 + static_cast<uint64_t>(version));
  AdFacts f;
  f.key = {"synth", std::to_string(i)};
  f.url = "https://synth.example/ad/" + std::to_string(i);
  f.name = "Name" + std::to_string(Mix(i) % 5000);
  uint64_t block = i / 10;
  bool phone_ring = block % 20 == 3 && i % 10 < kPhoneRing;
  bool tmpl_ring = block % 20 == 11 && i % 10 < kTemplateRing;
  uint64_t phone_id = phone_ring ? 900000000 + block : i;
  f.phones = {"+316" + std::to_string(10000000 + phone_id % 89999999)};
  if (phone_id >= 89999999) f.phones[0] = "+324" + std::to_string(70000000 + phone_id % 9999999);
  f.pseudonyms = {std::to_string(Mix(phone_id))};
  f.town = kTowns[(r >> 8) % 20];
  f.municipality = f.town;
  f.seen = FromUnixSeconds(1'767'225'600 + static_cast<int64_t>(i % 100000) * 30 + version * 86400);
  std::string text = tmpl_ring ? TextOf(block * 77 + 1, 8) : TextOf(i * 13 + static_cast<uint64_t>(version), 7);
  f.text = "Hoi ik ben " + f.name + " uit " + f.town + ". " + text + "Bel " + f.phones[0];
  return f;
}

}  // namespace adwatch::bench
