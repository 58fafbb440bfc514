// Prints every signal AnalyzeAd finds in a fixed set of ads, one line per
// fact, so two builds of the matcher can be diffed for identical results
// (bench/analyze_identity.sh). The ads: the demo network's ads of a few
// seeds (every language, obfuscation and planted pattern it has) and random
// hostile texts built from digits, separators, number words, look-alikes,
// broken UTF-8 and rule-like phrases.
//
// usage: adwatch_analyze_dump [--seeds N] [--random N]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "config/loader.h"
#include "matcher/analyze.h"
#include "tests/demo_sites/demo_gen.h"

using namespace adwatch;

namespace {

const char* kPieces[] = {
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "06", "+31", "0031", "+32", "+49", " ", "  ", "-", ".",
    "/", "(", ")", "\n", "\t", ",", ":", "nul", "zes", "een", "twee", "drie", "vier", "vijf", "zeven", "acht",
    "negen", "tien", "twintig", "null", "sechs", "eins", "zero", "six", "O", "o", "l", "I", "S", "B", "jaar",
    "jarig", "jr", "years", "old", "Jahre", "ans", "ik ben", "ich bin", "I am", "ik ben net ", "18", "17", "16",
    "19", "21", "\xc3\xa9", "\xc3\x96", "\xe2\x80\x8b", "\xef\xbc\x90", "\xef\xbc\x96", "\xf0\x9f\x98\x8d",
    "\xe2\x93\xaa", "\xe2\x91\xa0", "\xff", "\xc3", "\xe2\x80", "&amp;", "&#48;", "<b>", "</b>", "Maastricht",
    "Heerlen", "Geleen", "Sittard", "Kerkrade", "Aachen", "Luik", "Den Haag", "Bergen op Zoom", "Venlo", "van",
    "de", "het", "geen", "niet", "nee", "no", "nicht", "mijn", "haar", "zij", "ze", "vriendin", "manager", "baas",
    "bel", "app", "whatsapp", "boek", "betaal", "via", "Anna", "Lisa", "Maria", "Sofia", "Tom", "nieuw", "new",
    "jong", "young", "schoolmeisje", "tiener", "teen", "paspoort", "passport", "schuld", "debt", "AO", "GFE",
    "zonder condoom", "bareback", "24/7", "24 uur", "altijd", "always", "tel", "tel:", "wa.me/", "Tel.", "☎",
    "📞", "x", "*", "#", "@", "_", "=", "+", "ʘ", "о", "а", "е", "Ι", "ⅰ", "½", "²", "٣", "۵", "१",
};

std::string RandomText(std::mt19937& rng, size_t pieces) {
  std::string s;
  const size_t n = sizeof(kPieces) / sizeof(*kPieces);
  for (size_t i = 0; i < pieces; ++i) {
    s += kPieces[rng() % n];
    if (rng() % 3 == 0) s += ' ';
  }
  return s;
}

void Dump(const std::string& key, const AdSignals& s) {
  std::printf("ad %s score=%.6f severity=%s\n", key.c_str(), s.score, ToString(s.severity));
  for (const auto& p : s.phones)
    std::printf("  phone %s obf=%d field=%s raw=[%s]\n", p.e164.c_str(), p.obfuscated, p.field.c_str(), p.raw.c_str());
  for (int a : s.ages) std::printf("  age %d\n", a);
  for (const auto& h : s.age_hints) std::printf("  hint %s\n", h.c_str());
  for (const auto& p : s.places)
    std::printf("  place %s|%s|%s|%s\n", p.name.c_str(), p.municipality.c_str(), p.province.c_str(),
                p.country.c_str());
  for (const auto& h : s.hits)
    std::printf("  hit %s %s sev=%s w=%.6f %s %u-%u [%s] v=%s\n", h.rule.c_str(), h.category.c_str(),
                ToString(h.severity), h.weight, h.field.c_str(), h.begin, h.end, h.evidence.c_str(),
                h.rules_version.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t seeds = 3, random_ads = 3000;
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--seeds")) seeds = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--random")) random_ads = std::stoul(argv[++i]);
  }
  LoadResult lr = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  if (!lr.ok()) return 1;
  MatcherConfig mc = lr.config.matcher;
  mc.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  auto m = MakeMatcher(std::move(mc));
  if (!m.ok()) return 1;
  const Matcher& matcher = m.value();

  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    demo::Network net(seed, 2000);
    for (uint64_t i = 0; i < net.UniverseSize(); ++i) {
      for (int epoch : {net.BirthEpoch(i), demo::kMaxEpoch}) {
        if (net.LifeAt(i, epoch) != demo::Life::kLive) continue;
        demo::AdView v = net.View(i, epoch);
        Ad ad;
        ad.site = "demo";
        ad.id = v.id;
        ad.title = v.title;
        ad.text = v.Text();
        ad.name = v.name;
        ad.stated_age = v.age_field;
        ad.city = demo::Places()[v.place].name;
        ad.region = "NL";
        for (const auto& p : {v.phone_field, v.tel_link, v.wa_link})
          if (!p.empty()) ad.phones.push_back(p);
        Dump("s" + std::to_string(seed) + "/" + v.id + "@" + std::to_string(epoch), AnalyzeAd(ad, matcher));
      }
    }
  }
  std::mt19937 rng(12345);
  for (uint64_t i = 0; i < random_ads; ++i) {
    Ad ad;
    ad.title = RandomText(rng, rng() % 12);
    ad.text = RandomText(rng, rng() % 400);
    ad.name = RandomText(rng, rng() % 3);
    ad.stated_age = RandomText(rng, rng() % 3);
    ad.city = RandomText(rng, rng() % 3);
    ad.region = i % 5 ? "NL" : (i % 2 ? "BE" : "");
    for (int k = rng() % 3; k > 0; --k) ad.phones.push_back(RandomText(rng, rng() % 14));
    Dump("r" + std::to_string(i), AnalyzeAd(ad, matcher));
  }
  return 0;
}
