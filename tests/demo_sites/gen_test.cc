// Unit tests of the demo generator: determinism, planted patterns, phone
// validity (libphonenumber), listings that cover every live ad exactly once,
// planted wording in four languages, innocent look-alikes that really use the
// same vocabulary, and the ground truth.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include "tests/demo_sites/demo_gen.h"
#include "tests/demo_sites/internal/gen_internal.h"
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {
namespace {

const std::vector<std::string> kOrigins = {"http://127.0.0.1:1001", "http://127.0.0.1:1002",
                                           "http://127.0.0.1:1003"};

// Word 3-shingles, to tell edited copies of one text from unrelated texts.
std::set<std::string> Shingles(const std::string& text) {
  std::vector<std::string> w;
  std::istringstream in(text);
  for (std::string t; in >> t;) w.push_back(t);
  std::set<std::string> out;
  for (size_t i = 0; i + 3 <= w.size(); ++i) out.insert(w[i] + " " + w[i + 1] + " " + w[i + 2]);
  return out;
}

double Jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  size_t both = 0;
  for (const auto& x : a) both += b.count(x);
  return a.empty() && b.empty() ? 1.0 : static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

const Network& Net() {
  static const Network net(7, 2000);
  return net;
}

TEST(DemoGen, DeterministicFromSeedAndIndex) {
  Network a(7, 2000), b(7, 2000), c(8, 2000);
  int differs = 0;
  for (uint64_t i = 0; i < a.UniverseSize(); i += 37) {
    AdView x = a.View(i, 3), y = b.View(i, 3), z = c.View(i, 3);
    EXPECT_EQ(x.Text(), y.Text());
    EXPECT_EQ(x.phones, y.phones);
    EXPECT_EQ(x.name, y.name);
    // Listings show what the detail page shows.
    AdView light = a.View(i, 3, false);
    EXPECT_EQ(light.title, x.title);
    ASSERT_EQ(light.rates.size(), x.rates.size());
    for (size_t r = 0; r < x.rates.size(); ++r) EXPECT_EQ(light.rates[r].eur, x.rates[r].eur);
    EXPECT_EQ(light.phones, x.phones);
    EXPECT_TRUE(light.paragraphs.empty());
    differs += x.Text() != z.Text();
  }
  EXPECT_GT(differs, 70);
}

TEST(DemoGen, EveryPhoneIsValidPerLibphonenumber) {
  auto* util = i18n::phonenumbers::PhoneNumberUtil::GetInstance();
  const Network& net = Net();
  std::map<std::string, uint64_t> owner;
  for (uint64_t i = 0; i < net.UniverseSize(); ++i) {
    AdView ad = net.View(i, net.BirthEpoch(i));
    ASSERT_FALSE(ad.phones.empty());
    for (const std::string& p : ad.phones) {
      i18n::phonenumbers::PhoneNumber num;
      ASSERT_EQ(util->Parse(p, "NL", &num), i18n::phonenumbers::PhoneNumberUtil::NO_PARSING_ERROR) << p;
      EXPECT_TRUE(util->IsValidNumber(num)) << p;
      std::string e164;
      util->Format(num, i18n::phonenumbers::PhoneNumberUtil::E164, &e164);
      EXPECT_EQ(e164, p);
      // Numbers are distinct per ad unless a pattern shares them on purpose.
      auto [it, fresh] = owner.emplace(p, i);
      if (!fresh) {
        EXPECT_TRUE(net.IsPlanted(i) && net.IsPlanted(it->second)) << p;
      }
    }
    if (!ad.phone_field.empty()) {
      i18n::phonenumbers::PhoneNumber num;
      util->Parse(ad.phone_field, "NL", &num);
      EXPECT_TRUE(util->IsValidNumber(num)) << ad.phone_field;
    }
  }
}

TEST(DemoGen, PlantsEveryRequiredPattern) {
  const Network& net = Net();
  std::map<std::string, int> count;
  for (const PatternInstance& p : net.patterns()) {
    ++count[p.kind];
    std::set<std::string> names, phones, texts, towns;
    for (uint64_t m : p.members) {
      AdView ad = net.View(m, 0);
      names.insert(ad.name);
      phones.insert(ad.phones[0]);
      texts.insert(ad.paragraphs[0] + ad.paragraphs[1]);
      for (int e = 0; e <= 2; ++e) towns.insert(Places()[static_cast<size_t>(net.PlaceAt(m, e))].name);
      if (p.kind == "minor_age") {
        EXPECT_LT(ad.age ? ad.age : ad.text_age, 18);
      }
      if (p.kind == "young_age_alone") {
        EXPECT_GE(ad.age, 18);
        EXPECT_LE(ad.age, 20);
      }
    }
    if (p.kind == "shared_phone") {
      EXPECT_EQ(phones.size(), 1u);
      EXPECT_GE(names.size(), 3u);
    }
    if (p.kind == "template") {
      EXPECT_GE(phones.size(), 3u);
      // Edited copies of one text: mostly the same word sequences, never all identical.
      AdView base = net.View(p.members[0], 0);
      std::set<std::string> whole;
      for (uint64_t m : p.members) {
        AdView ad = net.View(m, 0);
        whole.insert(ad.Text());
        double j = Jaccard(Shingles(base.Text()), Shingles(ad.Text()));
        EXPECT_GT(j, 0.45) << ad.Text();
      }
      EXPECT_EQ(whole.size(), p.members.size());
    }
    if (p.kind == "touring_with_control" || p.kind == "touring_alone") {
      EXPECT_EQ(phones.size(), 1u);
      EXPECT_GE(towns.size(), 3u);
    }
  }
  for (const char* kind : {"minor_age", "age_hint_minor", "third_party_control", "control_services",
                           "shared_phone", "template", "touring_with_control", "touring_alone",
                           "young_age_alone", "benign", "benign_duration", "benign_times", "benign_client_age",
                           "benign_idiom", "benign_negation", "hotel_visit", "new_in_town_alone",
                           "licensed_club", "same_person_two_ads"}) {
    EXPECT_GE(count[kind], 3) << kind;
  }
}

bool MustAlert(const Network& net, const std::string& kind) {
  for (const PatternInstance& p : net.patterns()) {
    if (p.kind == kind) return p.expect_alert;
  }
  return false;
}

TEST(DemoGen, PlantedWordingComesInFourLanguagesAndManyWordings) {
  // Over ten seeds: every wording kind in every language, with several
  // different wordings per language, and not one fixed set per seed.
  std::map<std::string, std::set<std::string>> langs;                 // kind -> languages
  std::map<std::pair<std::string, std::string>, std::set<std::string>> texts;  // (kind, lang) -> texts
  std::map<std::string, int> planted_langs;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    Network net(seed, 600);
    for (const PatternInstance& p : net.patterns()) {
      if (!p.expect_alert) continue;
      for (uint64_t m : p.members) {
        AdView ad = net.View(m, 0);
        ++planted_langs[ad.lang];
        langs[p.kind].insert(ad.lang);
        texts[{p.kind, ad.lang}].insert(ad.Text());
        if (p.kind == "minor_age") {
          EXPECT_LT(ad.text_age, 18);
          EXPECT_GT(ad.text_age, 0);
        }
        if (p.members.size() == 1) {
          // The ground truth names the planted wording, and it is in the text as named.
          EXPECT_FALSE(ad.planted.empty()) << p.kind;
          for (const std::string& w : ad.planted) EXPECT_NE(ad.Text().find(w), std::string::npos) << w;
        }
      }
    }
  }
  for (const char* kind : {"minor_age", "age_hint_minor", "third_party_control", "control_services"}) {
    EXPECT_EQ(langs[kind].size(), 4u) << kind;
    for (const char* lang : {"nl", "en", "de", "fr"}) {
      EXPECT_GE((texts[{kind, lang}].size()), 2u) << kind << " " << lang;
    }
  }
  // Dutch leads, as on the sites near Maastricht, but is far from all.
  int total = 0;
  for (const auto& [lang, n] : planted_langs) total += n;
  EXPECT_GT(planted_langs["nl"], total / 3);
  EXPECT_LT(planted_langs["nl"], total * 3 / 4);
}

TEST(DemoGen, StatedMinorsUseDigitsAndNumberWords) {
  const RE2 digits("(?i)\\b1[67]\\b|\\b1[67](j|yo|jr|J\\.)|\\(1[67]\\)");
  const RE2 words("(?i)zestien|zeventien|sixteen|seventeen|sechzehn|siebzehn|seize|dix-sept");
  int with_digits = 0, with_words = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    Network net(seed, 600);
    for (const PatternInstance& p : net.patterns()) {
      if (p.kind != "minor_age") continue;
      AdView ad = net.View(p.members[0], 0);
      bool d = RE2::PartialMatch(ad.Text(), digits), w = RE2::PartialMatch(ad.Text(), words);
      EXPECT_TRUE(d || w) << ad.Text();
      with_digits += d;
      with_words += w;
    }
  }
  EXPECT_GT(with_digits, 10);
  EXPECT_GT(with_words, 3);
}

TEST(DemoGen, InnocentLookAlikesReallyUseTheVocabulary) {
  // The must-not-alert ads are only a test if they carry the words that risk
  // wording carries: ages and years, times, "teen", condoms, 24/7, hotels.
  const RE2 vocab(
      "(?i)\\b1[5-9]\\b|tiener|teen|\\bados?\\b|condoom|condom|gummi|préservatif|24/7|24h/24|"
      "rund um die uhr|hotel|hôtel|\\bjong|young|jung|jeune|nieuw|new|neu|nouvelle|dames|ladies|damen|"
      "extreme|extrême|\\bAO\\b|bareback|teen|tenen|toe|kopf|pieds|fresh|verse|frische|fraîch|"
      "zestien|zeventien|seventeen|siebzehn|dix-sept|\\b[0-9]+ ?(pm|uur|Uhr|h)\\b|niet oud");
  std::map<std::string, int> hits, ads;
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Network net(seed, 600);
    for (const PatternInstance& p : net.patterns()) {
      if (p.expect_alert) continue;
      for (uint64_t m : p.members) {
        AdView ad = net.View(m, 0);
        EXPECT_TRUE(ad.age == 0 || ad.age >= 18) << p.kind;
        EXPECT_TRUE(ad.text_age == 0 || ad.text_age >= 18) << p.kind;
        ++ads[p.kind];
        hits[p.kind] += RE2::PartialMatch(ad.title + "\n" + ad.Text(), vocab);
      }
    }
  }
  for (const char* kind : {"benign_duration", "benign_times", "benign_client_age", "benign_idiom",
                           "benign_negation", "hotel_visit", "new_in_town_alone", "licensed_club"}) {
    EXPECT_EQ(hits[kind], ads[kind]) << kind;
  }
}

TEST(DemoGen, UnplantedAdsCarryNoPlantedWording) {
  // The ground truth calls every unplanted ad benign: it must not carry the
  // wording of a must-alert pattern by accident.
  const Network& net = Net();
  int checked = 0;
  for (uint64_t i = 0; i < net.UniverseSize(); i += 3) {
    if (net.IsPlanted(i)) continue;
    AdView ad = net.View(i, 0);
    const RiskWording& r = RiskFor(ad.lang);
    const std::string text = ad.title + "\n" + ad.Text();
    for (const Strs* pool : {&r.youth, &r.third_party, &r.services, &r.new_girls}) {
      for (const std::string& s : *pool) {
        if (s.find('{') != std::string::npos) continue;
        EXPECT_EQ(text.find(s), std::string::npos) << s;
      }
    }
    EXPECT_TRUE(ad.age == 0 || ad.age >= 18);
    ++checked;
  }
  EXPECT_GT(checked, 600);
  EXPECT_FALSE(MustAlert(net, "young_age_alone"));
  EXPECT_TRUE(MustAlert(net, "third_party_control"));
}

TEST(DemoGen, ListingsCoverEveryLiveAdOnce) {
  const Network& net = Net();
  for (int epoch : {0, 4}) {
    for (int site = 0; site < kSiteCount; ++site) {
      std::set<uint64_t> listed;
      Network::Filter all;
      int pages = net.TotalPages(site, all, epoch, 20);
      for (int p = 1; p <= pages; ++p) {
        auto page = net.Page(site, all, epoch, p, 20);
        EXPECT_LE(page.size(), 20u);
        for (uint64_t i : page) EXPECT_TRUE(listed.insert(i).second);
      }
      std::set<uint64_t> live;
      for (uint64_t i = static_cast<uint64_t>(site); i < net.UniverseSize(); i += 3) {
        if (net.LifeAt(i, epoch) == Life::kLive) live.insert(i);
      }
      EXPECT_EQ(listed, live);
      // Town listings partition the same set.
      std::set<uint64_t> by_town;
      for (size_t t = 0; t < Places().size(); ++t) {
        Network::Filter f;
        f.place = static_cast<int>(t);
        for (int p = 1, n = net.TotalPages(site, f, epoch, 20); p <= n; ++p) {
          for (uint64_t i : net.Page(site, f, epoch, p, 20)) {
            EXPECT_EQ(net.PlaceAt(i, epoch), static_cast<int>(t));
            EXPECT_TRUE(by_town.insert(i).second);
          }
        }
      }
      EXPECT_EQ(by_town, live);
    }
  }
}

TEST(DemoGen, EpochsBringNewVanishedChangedAndMovedAds) {
  const Network& net = Net();
  int born = 0, vanished = 0, changed = 0, moved = 0;
  for (uint64_t i = 0; i < net.UniverseSize(); ++i) {
    born += net.BirthEpoch(i) == 1;
    vanished += net.LifeAt(i, 0) == Life::kLive && net.LifeAt(i, 1) == Life::kVanished;
    changed += net.LifeAt(i, 1) == Life::kLive && net.TextVersion(i, 1) != net.TextVersion(i, 0);
    moved += net.PlaceAt(i, 1) != net.PlaceAt(i, 0);
  }
  EXPECT_EQ(born, 100);
  EXPECT_GT(vanished, 10);
  EXPECT_GT(changed, 50);
  EXPECT_GE(moved, 9);
  EXPECT_EQ(net.LifeAt(net.UniverseSize(), kMaxEpoch), Life::kUnborn);
}

TEST(DemoGen, GroundTruthListsAdsAndPatterns) {
  const Network& net = Net();
  auto gt = nlohmann::json::parse(GroundTruthJson(net, kOrigins));
  EXPECT_EQ(gt["ads"].size(), net.UniverseSize());
  EXPECT_EQ(gt["ads_listed"], "all");
  std::set<std::string> urls;
  for (const auto& ad : gt["ads"]) {
    urls.insert(ad["url"].get<std::string>());
    EXPECT_FALSE(ad["epochs"].empty());
    EXPECT_FALSE(ad["versions"].empty());
    EXPECT_EQ(ad["versions"][0]["place"], ad["place"]);
  }
  EXPECT_EQ(urls.size(), net.UniverseSize());
  EXPECT_TRUE(urls.count("http://127.0.0.1:1001/advertentie/1000000"));
  for (const auto& p : gt["patterns"]) {
    for (const auto& u : p["ads"]) EXPECT_TRUE(urls.count(u.get<std::string>())) << u;
  }
  Network big(7, 100000);
  auto sample = nlohmann::json::parse(GroundTruthJson(big, kOrigins));
  EXPECT_EQ(sample["ads_listed"], "sample");
  EXPECT_LT(sample["ads"].size(), 20000u);
}

TEST(DemoGen, HugeNetworksNeedNoMemoryPerAd) {
  Network net(3, 1'000'000);
  AdView ad = net.View(2'999'997, 0);
  EXPECT_EQ(ad.id, "1999999");
  EXPECT_EQ(net.SiteBornCount(0, 0), 333'334u);
  Network::Filter f;
  f.place = FindPlaceBySlug("geleen");
  int pages = net.TotalPages(kHtml, f, 0, 20);
  EXPECT_GT(pages, 100);
  EXPECT_FALSE(net.Page(kHtml, f, 0, pages - 1, 20).empty());
}

// Undoes every obfuscation the generator uses, to check that the ground-truth
// number is really the one written.
std::string Deobfuscate(std::string s) {
  auto replace = [&s](const std::string& from, const std::string& to) {
    for (size_t i = 0; (i = s.find(from, i)) != std::string::npos; i += to.size()) s.replace(i, from.size(), to);
  };
  replace("\xef\xb8\x8f\xe2\x83\xa3", "");  // keycap
  replace("\xef\xbc\x8b", "+");
  for (int d = 0; d < 10; ++d) replace(std::string("\xef\xbc") + static_cast<char>(0x90 + d), std::to_string(d));
  const std::vector<std::vector<std::string>> words = {
      {"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"},
      {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
      {"null", "eins", "zwei", "drei", "vier", "f\xc3\xbcnf", "sechs", "sieben", "acht", "neun"},
      {"z\xc3\xa9ro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"}};
  std::string out;
  std::istringstream in(s);
  std::string tok;
  while (in >> tok) {
    bool word = false;
    for (const auto& list : words) {
      for (int d = 0; d < 10 && !word; ++d) {
        if (tok == list[static_cast<size_t>(d)]) {
          out += std::to_string(d);
          word = true;
        }
      }
    }
    if (word) continue;
    if (tok == "plus") {
      out += '+';
      continue;
    }
    for (char c : tok) {
      if (c == 'O') out += '0';
      else if (c == 'l' || c == 'I') out += '1';
      else if ((c >= '0' && c <= '9') || c == '+') out += c;
    }
  }
  if (out.rfind("+310", 0) == 0) out = "+31" + out.substr(4);  // "+31 (0) 6 …"
  return out;
}

TEST(DemoGen, ObfuscatedNumbersDecodeToTheGroundTruth) {
  for (uint64_t key : {0ULL, 17ULL, 123456ULL}) {
    for (int roll : {0, 90, 99}) {
      const std::string e164 = MakePhone(key, roll);
      for (int kind = 0; kind < kObfuscationKinds; ++kind) {
        for (const char* lang : {"nl", "en", "de", "fr"}) {
          std::string text;
          std::string name = ObfuscatePhone(e164, kind, lang, &text);
          std::string got = Deobfuscate(text);
          bool same = got == e164 || (e164.rfind("+31", 0) == 0 && got == "0" + e164.substr(3));
          EXPECT_TRUE(same) << name << ": " << text << " -> " << got << " vs " << e164;
          EXPECT_NE(text, e164) << name;
        }
      }
    }
  }
}

TEST(DemoGen, EveryPlaceHasAPlausiblePostcode) {
  Rng rng(1);
  const RE2 nl("[1-9][0-9]{3} [A-Z]{2}"), be("[1-9][0-9]{3}"), de("[0-9]{5}");
  for (const Place& p : Places()) {
    std::string code = PostcodeFor(p, rng);
    const RE2& re = p.country == "NL" ? nl : p.country == "BE" ? be : de;
    EXPECT_TRUE(RE2::FullMatch(code, re)) << p.name << ": " << code;
    if (p.region == "zuid-limburg") {
      EXPECT_EQ(code[0], '6') << p.name;
    }
    for (char bad : std::string("FIOQUY")) EXPECT_EQ(code.find(bad), std::string::npos) << code;
  }
}

TEST(DemoGen, PlacesMatchTheSharedGazetteerFile) {
  std::ifstream in("/work/shared/data/zuid-limburg-kernen.tsv");
  if (!in) GTEST_SKIP() << "shared data file not present";
  std::string line;
  int towns = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::stringstream ss(line.substr(tab + 1));
    std::string town;
    while (std::getline(ss, town, ',')) {
      while (!town.empty() && town.front() == ' ') town.erase(0, 1);
      int p = FindPlaceBySlug(Places()[0].slug);  // keep the helper in use
      (void)p;
      bool found = false;
      for (const Place& pl : Places()) found |= pl.name == town && pl.municipality == line.substr(0, tab);
      EXPECT_TRUE(found) << town;
      ++towns;
    }
  }
  EXPECT_GT(towns, 100);
}

}  // namespace
}  // namespace adwatch::demo
