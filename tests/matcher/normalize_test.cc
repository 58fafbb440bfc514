// Normalize: each folding step, number words in four languages, and the
// origin map (monotone, in bounds, identity on plain lower-case ASCII),
// checked on random inputs against the contract in normalize.h.
#include "matcher/normalize.h"

#include <gtest/gtest.h>

#include <random>

namespace adwatch {
namespace {

std::string N(std::string_view s) { return Normalize(s).text; }

TEST(Normalize, CaseDiacriticsAndNfkc) {
  EXPECT_EQ(N("Ik Ben LISA"), "ik ben lisa");
  EXPECT_EQ(N("Één café, Übach, Straße"), "een cafe, ubach, strasse");
  EXPECT_EQ(N("ｓｃｈｏｏｌ"), "school");          // fullwidth
  EXPECT_EQ(N("𝐬𝐜𝐡𝐨𝐨𝐥"), "school");              // mathematical bold
  EXPECT_EQ(N("sch\u200Bool"), "school");           // zero-width space dropped
  EXPECT_EQ(N("I\u2019m 17 \u2013 ok"), "i'm 17 - ok");
  EXPECT_EQ(N("e\u0301e"), "ee");                    // combining accent
}

TEST(Normalize, Homoglyphs) {
  EXPECT_EQ(N("\u0442\u0435\u0435n"), "teen");      // Cyrillic т е е
  EXPECT_EQ(N("s\u0441h\u043E\u043El"), "school");  // Cyrillic с о о
  EXPECT_EQ(N("\u03A4\u0395\u0395N"), "teen");      // Greek capitals Τ Ε Ε
}

TEST(Normalize, LeetspeakOnlyBetweenLetters) {
  EXPECT_EQ(N("sch00l"), "school");
  EXPECT_EQ(N("t33n"), "teen");
  EXPECT_EQ(N("m1nderjarig"), "minderjarig");
  EXPECT_EQ(N("17j 17yo 06-12345678 24/7 a4 b2b"), "17j 17yo 06-12345678 24/7 a4 b2b");
}

TEST(Normalize, RepeatsAndSpacedLetters) {
  EXPECT_EQ(N("jongggg"), "jong");
  EXPECT_EQ(N("heeeel lief"), "heel lief");
  EXPECT_EQ(N("www.x.nl"), "www.x.nl");
  EXPECT_EQ(N("s c h o o l"), "school");
  EXPECT_EQ(N("een s.c.h.o.o.l. meisje"), "een school. meisje");
  EXPECT_EQ(N("t-e-e-n"), "teen");
  EXPECT_EQ(N("a b"), "a b");  // two letters are not a word spelled out
  EXPECT_EQ(N("il y a a peine"), "il y a a peine");  // vowels alone spell no word: French "il y a à"
  EXPECT_EQ(N("17 jaartjes"), "17 jaar");
  EXPECT_EQ(N("meisje meisjes meidje"), "meisje meisjes meidje");
}

TEST(Normalize, StarredWordsOfAModeratedAd) {
  EXPECT_EQ(N("Fresh girl, j*st 18, n*w in Genk"), "fresh girl, just 18, new in genk");
  EXPECT_EQ(N("everything w******t c****m possible"), "everything without condom possible");
  EXPECT_EQ(N("Amour s*ns pr*tection"), "amour sans protection");
  EXPECT_EQ(N("h*tel, b*reb*ck"), "hotel, bareback");
  EXPECT_EQ(N("G**dkope dame"), "goedkope dame");
  EXPECT_EQ(N("5* hotel, **** service, f**k"), "5* hotel, **** service, f**k");  // fits no rule word
  // Hostile stars: many runs in one word, and the word repeated, fit nothing and stay as they are.
  std::string hostile;
  for (int i = 0; i < 2000; ++i) hostile += "sa**na**sa**na*s ";
  EXPECT_EQ(N(hostile), hostile);
}

TEST(Normalize, NumberWords) {
  struct C {
    const char* in;
    const char* out;
  } cases[] = {
      {"zestien", "16"},           {"Zeventien jaar", "17 jaar"}, {"eenentwintig", "21"},
      {"tweeëntwintig", "22"},     {"negenennegentig", "99"},     {"zeventienjarige", "17jarige"},
      {"seventeen", "17"},         {"twenty-one", "21"},          {"twenty one", "21"},
      {"ninety nine", "99"},       {"siebzehn", "17"},            {"einundzwanzig", "21"},
      {"dreißig", "30"},           {"fünfzehn", "15"},            {"dix-sept", "17"},
      {"vingt et un", "21"},       {"vingt-deux", "22"},          {"soixante-dix-sept", "77"},
      {"soixante et onze", "71"},  {"quatre-vingts", "80"},       {"quatre-vingt-dix-neuf", "99"},
      {"seize ans", "16 ans"},     {"elf jaar", "11 jaar"},       {"six ans", "6 ans"},
      // ambiguous or one-words stay words
      {"een meisje", "een meisje"}, {"one night", "one night"},  {"ein Mann", "ein mann"},
      {"un homme", "un homme"},    {"acht geven", "acht geven"}, {"elf en fee", "elf en fee"},
      {"onze meiden", "onze meiden"}, {"ten noorden", "ten noorden"}, {"seize the day", "seize the day"},
      {"15 sept", "15 sept"},      {"achttien", "18"},            {"tiener", "tiener"},
  };
  for (const auto& c : cases) EXPECT_EQ(N(c.in), c.out) << c.in;
}

TEST(Normalize, HtmlEntities) {
  EXPECT_EQ(N("&#49;&#55; jaar"), "17 jaar");
  EXPECT_EQ(N("dag &amp; nacht"), "dag & nacht");
  EXPECT_EQ(N("caf&eacute;"), "cafe");
  EXPECT_EQ(N("&#x31;&#x36;"), "16");
  EXPECT_EQ(N("AT&T &bogus; &"), "at&t &bogus; &");
}

TEST(Normalize, OriginMapsBack) {
  std::string s = "Ik ben ZESTIEN!";
  NormalizedText n = Normalize(s);
  ASSERT_EQ(n.text, "ik ben 16!");
  auto [b, e] = n.ToOriginal(7, 9);
  EXPECT_EQ(s.substr(b, e - b), "ZESTIEN");
  auto [b1, e1] = n.ToOriginal(7, 8);  // an end inside a replacement extends to its end
  EXPECT_EQ(s.substr(b1, e1 - b1), "ZESTIEN");
  std::string t = "s c h o o l &#49;&#55;";
  NormalizedText m = Normalize(t);
  ASSERT_EQ(m.text, "school 17");
  auto [b2, e2] = m.ToOriginal(0, 6);
  EXPECT_EQ(t.substr(b2, e2 - b2), "s c h o o l");
  auto [b3, e3] = m.ToOriginal(7, 9);
  EXPECT_EQ(t.substr(b3, e3 - b3), "&#49;&#55;");
}

// The contract on random inputs: a mix of ASCII, accents, look-alikes,
// entities, digits and number words.
TEST(Normalize, RandomInputsKeepTheOriginContract) {
  std::mt19937 rng(42);
  const char* parts[] = {"a", "B", "e", " ", ".", "-", "1", "7", "0", "é", "ß", "т", "\xF0\x9F\x98\x80", "&amp;",
                         "&#55;", "&", "zestien", "vingt", " et ", "un", "ggg", "s c h", "\xFF", "\xC3", "\n",
                         "ĳ", "ﬁ", "½", "twenty", "one"};
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    int n = rng() % 20;
    for (int i = 0; i < n; ++i) s += parts[rng() % (sizeof(parts) / sizeof(*parts))];
    NormalizedText r = Normalize(s);
    ASSERT_EQ(r.origin.size(), r.text.size() + 1) << s;
    ASSERT_EQ(r.origin.back(), s.size()) << s;
    for (size_t i = 0; i + 1 < r.origin.size(); ++i) {
      ASSERT_LE(r.origin[i], r.origin[i + 1]) << s;
      ASSERT_LT(r.origin[i], s.size()) << s;
    }
    for (size_t b = 0; b <= r.text.size(); b += 3) {
      auto [ob, oe] = r.ToOriginal(b, std::min(r.text.size(), b + 4));
      ASSERT_LE(ob, oe);
      ASSERT_LE(oe, s.size());
    }
  }
}

TEST(Normalize, LowerCaseAsciiWithoutNumberWordsIsIdentity) {
  std::mt19937 rng(7);
  const char* words[] = {"hallo", "ik", "ben", "lisa", "uit", "heerlen", "bel", "me", "06-12345678", "24/7", "17",
                         "jaar", ",", ".", "!", "?", "(", ")", "ontvang", "je", "graag", "massage", "cm"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    int n = 1 + rng() % 15;
    for (int i = 0; i < n; ++i) s += std::string(words[rng() % (sizeof(words) / sizeof(*words))]) + " ";
    NormalizedText r = Normalize(s);
    ASSERT_EQ(r.text, s);
    for (size_t i = 0; i <= s.size(); ++i) ASSERT_EQ(r.origin[i], i);
  }
}

}  // namespace
}  // namespace adwatch
