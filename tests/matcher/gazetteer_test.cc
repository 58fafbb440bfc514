// The gazetteer: every Zuid-Limburg kern resolves to its municipality, the
// other Dutch municipalities and border towns are there, and ambiguous
// words only count where they clearly name a place.
#include "matcher/gazetteer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>
#include <sstream>

namespace adwatch {
namespace {

const Gazetteer& G() {
  static const Gazetteer* g = [] {
    auto r = Gazetteer::Load(std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv");
    if (!r.ok()) { ADD_FAILURE() << r.status().ToString(); return new Gazetteer(); }
    return new Gazetteer(std::move(r).value());
  }();
  return *g;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, sep)) {
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
  }
  return out;
}

// Every kern of the shared data file, in the city field and (where not an
// ordinary word) in free text with a preposition.
TEST(Gazetteer, EveryZuidLimburgKern) {
  std::ifstream in("/work/shared/data/zuid-limburg-kernen.tsv");
  std::string path = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  if (!in) GTEST_SKIP() << "shared data file not on this machine";
  std::string line;
  int kernen = 0, munis = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    std::string muni = line.substr(0, tab);
    ++munis;
    auto m = G().Lookup(muni);
    ASSERT_TRUE(m.has_value()) << muni;
    EXPECT_EQ(m->municipality, muni);
    for (const auto& kern : Split(line.substr(tab + 1), ',')) {
      SCOPED_TRACE(kern);
      auto p = G().Lookup(kern);
      ASSERT_TRUE(p.has_value());
      EXPECT_EQ(p->municipality, muni);
      EXPECT_EQ(p->province, "Limburg");
      EXPECT_EQ(p->country, "NL");
      auto in_text = G().FindInText("Nieuw hier, ontvangst in " + kern + ", bel me");
      ASSERT_FALSE(in_text.empty());
      EXPECT_EQ(in_text[0].municipality, muni);
      ++kernen;
    }
  }
  EXPECT_EQ(munis, 16);
  EXPECT_GE(kernen, 110);
}

TEST(Gazetteer, FoldsCaseDiacriticsHyphens) {
  EXPECT_EQ(G().Lookup("GELEEN")->municipality, "Sittard-Geleen");
  EXPECT_EQ(G().Lookup("sint-geertruid")->municipality, "Eijsden-Margraten");
  EXPECT_EQ(G().Lookup("Sint Geertruid")->municipality, "Eijsden-Margraten");
  EXPECT_EQ(G().Lookup("Ubach-Palenberg")->country, "DE");
  EXPECT_EQ(G().Lookup("Übach-Palenberg")->country, "DE");
  EXPECT_EQ(G().Lookup("Liège")->country, "BE");
  EXPECT_EQ(G().Lookup("Den Bosch")->municipality, "'s-Hertogenbosch");
  EXPECT_EQ(G().Lookup("'s-Hertogenbosch")->province, "Noord-Brabant");
  EXPECT_EQ(G().Lookup("Bergen op Zoom")->province, "Noord-Brabant");
  EXPECT_EQ(G().Lookup("Cadier en Keer")->municipality, "Eijsden-Margraten");
}

// Municipality names in the config are matched case- and accent-insensitively;
// a kern is not a municipality.
TEST(Gazetteer, FindMunicipalityFoldsButNeedsAMunicipality) {
  EXPECT_EQ(G().FindMunicipality("maastricht"), "Maastricht");
  EXPECT_EQ(G().FindMunicipality("SITTARD geleen"), "Sittard-Geleen");
  EXPECT_EQ(G().FindMunicipality("s-hertogenbosch"), "'s-Hertogenbosch");
  EXPECT_FALSE(G().FindMunicipality("Geleen").has_value());
  EXPECT_FALSE(G().FindMunicipality("Mastricht").has_value());
  auto all = G().Municipalities();
  EXPECT_EQ(std::count_if(all.begin(), all.end(), [](const Place& p) { return p.municipality == "Maastricht"; }), 1);
  EXPECT_GT(all.size(), 300u);  // every Dutch municipality and the border towns' municipalities
}

TEST(Gazetteer, CityFieldNoise) {
  EXPECT_EQ(G().Lookup("6211 AB Maastricht")->name, "Maastricht");
  EXPECT_EQ(G().Lookup("Geleen (NL)")->name, "Geleen");
  EXPECT_EQ(G().Lookup("Regio Heerlen")->name, "Heerlen");
  EXPECT_EQ(G().Lookup("Born, Limburg")->name, "Born");
  EXPECT_FALSE(G().Lookup("Atlantis").has_value());
  EXPECT_FALSE(G().Lookup("").has_value());
}

TEST(Gazetteer, OtherMunicipalitiesAndBorderTowns) {
  EXPECT_GE(G().size(), 500u);
  for (const char* n : {"Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Venlo",
                        "Roermond", "Weert", "Nijmegen", "Zwolle", "Leeuwarden", "Middelburg", "Almere"})
    EXPECT_EQ(G().Lookup(n)->country, "NL") << n;
  for (const char* n : {"Lanaken", "Maasmechelen", "Visé", "Tongeren", "Riemst", "Voeren", "Hasselt", "Genk", "Luik"})
    EXPECT_EQ(G().Lookup(n)->country, "BE") << n;
  for (const char* n : {"Aachen", "Herzogenrath", "Geilenkirchen", "Gangelt", "Selfkant", "Heinsberg", "Alsdorf",
                        "Düren", "Köln", "Keulen"})
    EXPECT_EQ(G().Lookup(n)->country, "DE") << n;
  EXPECT_EQ(G().Lookup("Utrecht")->province, "Utrecht");
  EXPECT_EQ(G().Lookup("Venlo")->province, "Limburg");
}

TEST(Gazetteer, AmbiguousWordsNeedAPreposition) {
  EXPECT_TRUE(G().FindInText("Born to be wild, stein of beer, de beek stroomt").empty());
  EXPECT_TRUE(G().FindInText("Heer zoekt dame, echt waar, de best").empty());
  auto p = G().FindInText("Ontvangst in Born en uit Stein, ook bij Heer");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].municipality, "Sittard-Geleen");
  EXPECT_EQ(p[1].municipality, "Stein");
  EXPECT_EQ(p[2].municipality, "Maastricht");
  EXPECT_EQ(G().Lookup("Eys")->municipality, "Gulpen-Wittem");  // the city field accepts it
}

std::vector<std::string> Names(const std::vector<Place>& v) {
  std::vector<std::string> out;
  for (const auto& p : v) out.push_back(p.name);
  return out;
}

// A real place named by an ambiguous word is found where the text says it
// is a place.
TEST(Gazetteer, AmbiguousPlaceFoundWithACue) {
  const std::pair<const char*, const char*> kCases[] = {
      {"Nieuw in Heel, bel me", "Heel"},
      {"Ontvangst uit Echt.", "Echt"},
      {"omgeving Born en Geleen", "Born"},
      {"Discreet adres regio Stein", "Stein"},
      {"Nu in Stein voor 3 dagen!", "Stein"},
      {"Privé ontvangst te Best (NB)", "Best"},
      {"Best centrum, vlakbij het station", "Best"},
      {"Beek, nieuw en discreet", "Beek"},
      {"Lieve dame\nEpen, bel voor een afspraak", "Epen"},
      {"Incall near Spa, Belgium", "Spa"},
      {"Je suis à Spa ce week-end", "Spa"},
      {"Ich bin bei Heer ab Montag", "Heer"},
      {"Nieuw in Peer en omstreken", "Peer"},
      {"vanuit Bree e.o.", "Bree"},
      {"Wandelen in As", "As"},
      {"Ontvangst in Thorn 6017 AA", "Thorn"},
      {"Ik woon in Meers bij Elsloo", "Meers"},
      {"Bezoek in Sibbe Limburg", "Sibbe"},
      {"Bekijk me in Cologne, Germany", "Köln"},
      {"Nieuw in Luik!", "Luik"},
  };
  for (const auto& [text, name] : kCases) {
    auto found = Names(G().FindInText(text));
    EXPECT_NE(std::find(found.begin(), found.end(), std::string(name)), found.end()) << text;
  }
}

// The same words used as ordinary words are not places.
TEST(Gazetteer, AmbiguousWordIsNotAPlace) {
  const char* kTexts[] = {
      "Ik ben heel lief en heel discreet",
      "In heel Nederland en heel Limburg bekend",
      "Ik ben echt en mijn foto's zijn echt.",
      "Je bent de best, echt waar",
      "Born to please, the best in town",
      "Sie ist wie in Stein gemeißelt",
      "Ein Herz aus Stein",
      "Een beek en een spa, heerlijk",
      "As you like it, as always",
      "Een peer en een appel",
      "Mijn heer, welkom",
      "Im Heer gedient",
      "Sexy high heels",
      "peau lisse et douce",
      "Zur Kapelle und zurück",
      "Over berg en dal",
      "A thorn in my side",
      "Ein Duft wie Cologne",
      "Relax in spa and sauna",
      "Gewoon echt, Best mogelijke service",
      "Ontvangst in heel Zuid-Limburg",
  };
  for (const char* t : kTexts) {
    auto found = Names(G().FindInText(t));
    // Only unambiguous names may be found (Zuid-Limburg is none).
    EXPECT_TRUE(found.empty()) << t << " → " << (found.empty() ? "" : found[0]);
  }
}

// Every name flagged ambiguous in the data behaves alike: found after "in"
// before a comma, never as a lower-case word, never capitalised without a cue.
TEST(Gazetteer, EveryAmbiguousNameResolvesTheSameWay) {
  std::ifstream in(std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    if (cols.size() < 6 || cols[5].find("ambiguous") == std::string::npos) continue;
    std::vector<std::string> names;
    for (const auto& f : Split(cols[5], ','))
      if (f == "ambiguous") names.push_back(cols[0]);
      else if (f.rfind("ambiguous-alias:", 0) == 0) names.push_back(f.substr(16));
    for (const auto& name : names) {
      SCOPED_TRACE(name);
      auto want = G().Lookup(name);
      ASSERT_TRUE(want.has_value());
      auto with_cue = G().FindInText("Ontvangst in " + name + ", bel me");
      ASSERT_EQ(with_cue.size(), 1u);
      EXPECT_EQ(with_cue[0].name, want->name);
      std::string lower;
      for (char ch : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
      EXPECT_TRUE(G().FindInText("ik vind het in " + lower + " mooi").empty());
      EXPECT_TRUE(G().FindInText("Zo " + name + " gemaakt").empty());
      ++n;
    }
  }
  EXPECT_GE(n, 60);
}

// Common words in nl/en/de/fr that are also places must be flagged.
TEST(Gazetteer, CommonWordsAreFlagged) {
  for (const char* w : {"Heel", "Born", "Stein", "Echt", "Best", "Beek", "Epen", "Spa", "As", "Peer", "Bree", "Thorn",
                        "Meers", "Heer", "Sibbe", "Goes", "Hoorn", "Doorn", "Putten", "Lisse", "Kapelle", "Essen",
                        "Namen", "Leiden", "Pelt", "Gent", "Luik", "Cologne"}) {
    SCOPED_TRACE(w);
    ASSERT_TRUE(G().Lookup(w).has_value());                   // a place in the city field
    EXPECT_TRUE(G().FindInText(std::string("Zo ") + w + " gemaakt").empty());  // not in free text without a cue
  }
}

TEST(Gazetteer, AliasesResolve) {
  for (const char* a : {"Liège", "Liege", "Luik", "Lüttich", "Luttich"}) {
    SCOPED_TRACE(a);
    auto p = G().Lookup(a);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->name, "Luik");
    auto t = G().FindInText(std::string("Nieuw in ") + a + ", bel me");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].name, "Luik");
  }
  EXPECT_EQ(G().Lookup("Aken")->name, "Aachen");
  EXPECT_EQ(G().FindInText("Ik kom uit Aken")[0].name, "Aachen");
  EXPECT_EQ(G().Lookup("Mestreech")->name, "Maastricht");
  EXPECT_EQ(G().FindInText("Mestreech, nieuw adres")[0].name, "Maastricht");
  EXPECT_EQ(G().FindInText("Zu Gast in Lüttich")[0].country, "BE");
  EXPECT_EQ(G().FindInText("Je suis à Visé.")[0].name, "Wezet");
  EXPECT_TRUE(G().FindInText("Il vise juste").empty());  // "Visé" folded is a French verb
}

TEST(Gazetteer, UnknownFlagIsAnError) {
  auto r = Gazetteer::Parse("Born\tSittard-Geleen\tLimburg\tNL\t\tambigous\n", "f.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("f.tsv:1"), std::string::npos);
  auto ok = Gazetteer::Parse("Köln\tKöln\tNRW\tDE\tKeulen,Cologne\tambiguous-alias:Cologne\n", "g.tsv");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().FindInText("Ik ben in Keulen").size(), 1u);
  EXPECT_TRUE(ok.value().FindInText("Zo Cologne gemaakt").empty());
  EXPECT_EQ(ok.value().FindInText("Ik ben in Cologne").size(), 1u);
}

TEST(Gazetteer, MultiWordAndOrder) {
  auto p = G().FindInText("Eerst Valkenburg aan de Geul, daarna Berg en Terblijt en Bergen op Zoom. Maastricht!");
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].name, "Valkenburg aan de Geul");
  EXPECT_EQ(p[1].name, "Berg en Terblijt");
  EXPECT_EQ(p[2].name, "Bergen op Zoom");
  EXPECT_EQ(p[3].name, "Maastricht");
}

TEST(Gazetteer, ParseErrorsNameTheLine) {
  auto r = Gazetteer::Parse("# c\nGeleen\tSittard-Geleen\tLimburg\tNL\n\nbroken line\n", "g.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("g.tsv:4"), std::string::npos) << r.status().message();
  EXPECT_FALSE(Gazetteer::Parse("# only comments\n", "e.tsv").ok());
}

}  // namespace
}  // namespace adwatch

namespace adwatch {
namespace {

// FindInText looks only at words whose filter bit is set, with the words
// around them; FindInTextSimple folds every word first. On random and
// hostile text made of place names (ambiguous, several words, with
// diacritics), cues, continuations, capitals, punctuation, line breaks,
// non-Latin and invalid bytes, they find the same places in the same order.
TEST(Gazetteer, FindInTextMatchesSimple) {
  std::vector<std::string> pieces = {
      "Heel", "heel", "Born", "Stein", "Echt", "echt", "Best", "Spa", "As", "Peer", "Cologne", "Sint-Geertruid",
      "Sint Geertruid", "sint", "'s-Hertogenbosch", "Den Bosch", "Bergen op Zoom", "Bergen", "op", "Zoom",
      "Cadier en Keer", "Übach-Palenberg", "Liège", "Maastricht", "Heerlen", "GELEEN", "Sittard-Geleen", "Aachen",
      "in", "In", "uit", "te", "bij", "omgeving", "regio", "near", "from", "bei", "Raum", "à", "À", "a", "près",
      "centrum", "Centrum", "zentrum", "en", "e.o.", "voor", "vanaf", "and", "und", "ab", "et", "ce", "gemeißelt",
      "Nederland", "nieuw", "Lisa", "bel", "3", "06", "dagen", " ", " ", " ", "  ", ", ", ",", ".", "-", "'",
      "\n", "\r\n", "!", "(", ")", "\xe2\x80\x99", "\xc2\xa0", "\xe2\x80\x90", "\xc3\x9f", "\xc3\xa9", "\xc4\x80",
      "\xc4\x81", "\xd0\x96", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x80"};
  for (size_t k = 0; k < 40; ++k) pieces.push_back(G().places()[k * 7 % G().places().size()].name);
  std::mt19937 rng(5);
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    for (size_t n = rng() % 30; n > 0; --n) {
      text += pieces[rng() % pieces.size()];
      if (rng() % 3) text += ' ';
    }
    auto fast = G().FindInText(text), simple = G().FindInTextSimple(text);
    ASSERT_EQ(fast.size(), simple.size()) << round << " '" << text << "'";
    for (size_t k = 0; k < fast.size(); ++k) ASSERT_EQ(fast[k].name, simple[k].name) << round << " '" << text << "'";
  }
}

}  // namespace
}  // namespace adwatch
