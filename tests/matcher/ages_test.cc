// ExtractAges: stated ages in NL/EN/DE/FR forms, and the numbers that are
// not ages (prices, durations, years, sizes, experience, 18+).
#include "matcher/ages.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

struct Case {
  const char* text;
  std::vector<int> ages;
};

const Case kCases[] = {
    // Dutch
    {"Lisa, 19 jaar, nieuw in Heerlen", {19}},
    {"ik ben 19 jaar", {19}},
    {"19 jr", {19}},
    {"19jr jong", {19}},
    {"19 jr. uit Maastricht", {19}},
    {"19-jarige studente", {19}},
    {"19 jarige dame", {19}},
    {"een 23-jarig meisje", {23}},
    {"leeftijd: 25", {25}},
    {"Leeftijd 25", {25}},
    {"lft: 31", {31}},
    {"ik ben 22 en woon in Sittard", {22}},
    {"Ik ben pas 18", {18}},
    {"ik ben al 19 jaar", {19}},
    {"Sanne (21) ontvangt je graag", {21}},
    {"Sanne(21)", {21}},
    {"Sanne, 21, uit Geleen", {21}},
    {"16 jaar", {16}},
    {"ik ben 17", {17}},
    {"Ik ben 19 jaar, mijn vriendin is 22 jaar", {19, 22}},
    {"19 jaar oud", {19}},
    {"bel 0470 12 34 56, ik ben 17", {17}},
    {"Lisa en 19 jaar", {19}},
    // English
    {"23yo", {23}},
    {"23 yo blonde", {23}},
    {"23 y/o", {23}},
    {"I'm 20", {20}},
    {"I am 21 years old", {21}},
    {"20 years old", {20}},
    {"20-year-old", {20}},
    {"age: 24", {24}},
    {"Age 24", {24}},
    {"Kim (26) from Aachen", {26}},
    {"27 yrs", {27}},
    // German
    {"24 Jahre", {24}},
    {"ich bin 24 Jahre alt", {24}},
    {"24-jährige", {24}},
    {"eine 24jährige Studentin", {24}},
    {"Alter: 28", {28}},
    {"ich bin 19", {19}},
    // French
    {"20 ans", {20}},
    {"j'ai 20 ans", {20}},
    {"âge: 22", {22}},
    // not ages
    {"18+", {}},
    {"alleen 18+ heren", {}},
    {"vanaf 25 jaar", {}},
    {"heren vanaf 30 jaar welkom", {}},
    {"ouder dan 40 jaar", {}},
    {"20 jaar ervaring", {}},
    {"al 15 jaar in het vak", {}},
    {"10 years experience", {}},
    {"20 Jahre Erfahrung", {}},
    {"20 jaar geleden", {}},
    {"€ 19 per minuut", {}},
    {"19 euro", {}},
    {"19:00 - 02:00", {}},
    {"vanaf 19.00 uur", {}},
    {"30 minuten 80 euro", {}},
    {"1 uur 150", {}},
    {"geboren 1999", {}},
    {"sinds 2019 actief", {}},
    {"cup 75C, 1.70 lang, 55 kg", {}},
    {"maat 38", {}},
    {"24/7 bereikbaar", {}},
    {"ik ben 24/7 bereikbaar", {}},
    {"2 jaar in Nederland", {}},
    {"100 jaar oud huis", {}},
    {"tussen 20 en 30 jaar", {}},
    {"20-30 jaar", {}},
    {"20 tot 30 jaar", {}},
    {"20 to 30 years", {}},
    {"klanten 25 jaar en ouder", {}},
    {"21 years and older only", {}},
    {"Tel 0612345678", {}},
    {"MAASTRICHT (43)", {}},
    {"Bel me (06) 12345678", {}},
};

TEST(Ages, Table) {
  int n = 0;
  for (const auto& c : kCases) {
    EXPECT_EQ(ExtractAges(c.text), c.ages) << "text: " << c.text;
    ++n;
  }
  EXPECT_GE(n, 50);
}

TEST(Ages, MentionsCarrySpans) {
  std::string t = "Hoi! Ik ben Lisa, 19 jaar en lief";
  auto m = ExtractAgeMentions(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].age, 19);
  EXPECT_EQ(t.substr(m[0].begin, m[0].end - m[0].begin).substr(0, 7), "19 jaar");
}

TEST(Ages, AgeField) {
  EXPECT_EQ(ParseAgeField("19"), 19);
  EXPECT_EQ(ParseAgeField("19 jaar"), 19);
  EXPECT_EQ(ParseAgeField("Leeftijd: 23"), 23);
  EXPECT_EQ(ParseAgeField(""), 0);
  EXPECT_EQ(ParseAgeField("onbekend"), 0);
  EXPECT_EQ(ParseAgeField("1999"), 0);
  EXPECT_EQ(ParseAgeField("5"), 0);
}

}  // namespace
}  // namespace adwatch
