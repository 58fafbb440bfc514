// The gazetteer: every Zuid-Limburg kern resolves to its municipality, the
// other Dutch municipalities and border towns are there, and ambiguous
// words only count where they clearly name a place.
#include "matcher/gazetteer.h"

#include <gtest/gtest.h>

#include <fstream>
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
