// CompiledRules: the RE2::Set path agrees with running every pattern on its
// own (reference implementation), exclusions work, errors name file:line,
// and an exhausted DFA budget falls back instead of silently missing.
#include "matcher/rules.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <random>

#include "config/loader.h"

namespace adwatch {
namespace {

RuleSpec Rule(std::string id, std::vector<std::string> patterns, std::vector<std::string> exclude = {},
              std::vector<std::string> fields = {"title", "text"}) {
  RuleSpec r;
  r.id = std::move(id);
  r.category = "test";
  r.patterns = std::move(patterns);
  r.exclude = std::move(exclude);
  r.fields = std::move(fields);
  r.weight = 10;
  r.description = "d";
  r.pos = {"rules.toml", 7, 1};
  return r;
}

std::vector<std::string> Ids(const std::vector<Hit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.rule + "@" + std::to_string(h.begin) + "-" + std::to_string(h.end));
  return out;
}

TEST(Rules, HitCarriesEvidence) {
  auto c = CompiledRules::Compile({Rule("a", {"(?i)alles\\s+mogelijk"})}, "ver1");
  ASSERT_TRUE(c.ok());
  std::string text = "Hallo, bij mij is Alles Mogelijk, bel snel";
  auto hits = c->Match("text", text);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "a");
  EXPECT_EQ(hits[0].field, "text");
  EXPECT_EQ(text.substr(hits[0].begin, hits[0].end - hits[0].begin), "Alles Mogelijk");
  EXPECT_NE(hits[0].evidence.find("Alles Mogelijk"), std::string::npos);
  EXPECT_EQ(hits[0].description, "d");
  EXPECT_EQ(hits[0].rules_version, "ver1");
  EXPECT_TRUE(c->Match("city", text).empty());  // rule does not apply to city
}

TEST(Rules, ExclusionsSuppressOverlappingMatchesOnly) {
  auto c = CompiledRules::Compile({Rule("nc", {"(?i)zonder\\s+condoom"}, {"(?i)nooit\\s+zonder"})});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Match("text", "nooit zonder condoom").empty());
  auto hits = c->Match("text", "nooit zonder condoom? jawel: zonder condoom");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].begin, 29u);  // the second, non-excluded match
}

TEST(Rules, CompileErrorsNameFileLineAndRule) {
  auto bad = Rule("broken", {"(unclosed"});
  auto dup = Rule("a", {"x"});
  auto c = CompiledRules::Compile({Rule("a", {"y"}), dup, bad});
  ASSERT_FALSE(c.ok());
  const std::string& m = c.status().message();
  EXPECT_NE(m.find("rules.toml:7: rule 'broken': pattern 1"), std::string::npos) << m;
  EXPECT_NE(m.find("rule 'a': duplicate"), std::string::npos) << m;
  RuleSpec b = Rule("b", {});
  b.builtin = "no_such_signal";
  EXPECT_FALSE(CompiledRules::Compile({b}).ok());
  b.builtin = "phone_obfuscated";
  auto ok = CompiledRules::Compile({b});
  ASSERT_TRUE(ok.ok());
  EXPECT_NE(ok->FindBuiltin("phone_obfuscated"), nullptr);
  EXPECT_TRUE(ok->Match("text", "anything").empty());
}

// Random rules and texts: the set path and the one-by-one path agree.
TEST(Rules, SetAgreesWithReference) {
  std::mt19937 rng(42);
  const std::vector<std::string> words = {"net", "18", "alles", "mogelijk", "zonder", "condoom", "hotel", "auto",
                                          "nieuw", "stad", "24/7", "dag", "nacht", "jong", "meisje", "lief"};
  std::vector<RuleSpec> rules;
  for (int i = 0; i < 200; ++i) {
    std::string a = words[rng() % words.size()], b = words[rng() % words.size()];
    std::vector<std::string> pats = {"(?i)\\b" + a + "\\s+" + b + "\\b"};
    if (i % 3 == 0) pats.push_back("(?i)\\b" + b + "\\b");
    std::vector<std::string> excl;
    if (i % 5 == 0) excl.push_back("(?i)niet\\s+" + a);
    rules.push_back(Rule("r" + std::to_string(i), pats, excl));
  }
  auto c = CompiledRules::Compile(rules);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  for (int t = 0; t < 300; ++t) {
    std::string text;
    for (int w = 0; w < 40; ++w) text += (rng() % 7 == 0 ? "niet " : "") + words[rng() % words.size()] + " ";
    EXPECT_EQ(Ids(c->Match("text", text)), Ids(c->MatchEachPattern("text", text))) << text;
  }
  EXPECT_EQ(c->set_failures(), 0u);
}

// A tiny DFA budget: the set cannot be used, results stay correct, and the
// failure is counted rather than looking like "no match".
TEST(Rules, FallsBackWhenTheSetRunsOutOfMemory) {
  std::vector<RuleSpec> rules;
  for (int i = 0; i < 60; ++i)
    rules.push_back(Rule("r" + std::to_string(i), {"(?i)[a-z]{" + std::to_string(3 + i % 5) + "}x" +
                                                   std::to_string(i) + "[0-9]{" + std::to_string(1 + i % 4) + "}"}));
  auto c = CompiledRules::Compile(rules, "", 4 << 10);
  ASSERT_TRUE(c.ok());
  std::string text;
  for (int i = 0; i < 60; ++i) text += " abcdefghx" + std::to_string(i) + "1234";
  auto hits = c->Match("text", text);
  EXPECT_EQ(hits.size(), 60u);
  EXPECT_EQ(Ids(hits), Ids(c->MatchEachPattern("text", text)));
  EXPECT_GT(c->set_failures(), 0u);
}

// Patterns run on normalised text; spans and evidence point into the original.
TEST(Rules, MatchNormalisedTextWithOriginalSpans) {
  auto c = CompiledRules::Compile({Rule("teen", {"(?i)\\bteen\\b"}), Rule("school", {"(?i)\\bschool\\s?meisje\\b"}),
                                   Rule("n18", {"(?i)\\bnet\\s+18\\b"}), Rule("ao", {"\\bAO\\b"}),
                                   Rule("moglich", {"(?i)\\balles\\s+m(?:ö|oe|o)glich\\b"})});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto span = [&](const std::string& text) {
    auto hits = c->Match("text", text);
    EXPECT_EQ(Ids(hits), Ids(c->MatchEachPattern("text", text))) << text;
    std::vector<std::string> out;
    for (const auto& h : hits) out.push_back(h.rule + ":" + text.substr(h.begin, h.end - h.begin));
    return out;
  };
  EXPECT_EQ(span("hot T33N here"), std::vector<std::string>{"teen:T33N"});
  EXPECT_EQ(span("een s c h o o l meisje"), std::vector<std::string>{"school:s c h o o l meisje"});
  EXPECT_EQ(span("Net achttien!"), std::vector<std::string>{"n18:Net achttien"});
  EXPECT_EQ(span("\u0442\u0435\u0435n"), std::vector<std::string>{"teen:\u0442\u0435\u0435n"});  // Cyrillic
  EXPECT_EQ(span("ook ao mogelijk"), std::vector<std::string>{"ao:ao"});
  EXPECT_EQ(span("Alles MÖGLICH"), std::vector<std::string>{"moglich:Alles MÖGLICH"});
  EXPECT_EQ(span("net &#49;&#56;"), std::vector<std::string>{"n18:net &#49;&#56;"});
  auto hits = c->Match("text", "Hallo, ik ben een T33N uit Heerlen");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].evidence.find("T33N"), std::string::npos) << hits[0].evidence;
}

// Negation cues before a match drop it, in four languages; cues inside the
// match do not count; `negatable = false` turns it off.
TEST(Rules, NegationInFourLanguages) {
  auto extreme = Rule("extreme", {"(?i)\\bextreme?\\b", "(?i)\\bgangbang\\b"});
  auto teen = Rule("teen", {"(?i)\\btieners?\\b", "(?i)\\bteens?\\b"});
  auto nocondom = Rule("nc", {"(?i)\\bzonder\\s+condoom\\b", "(?i)\\bwithout\\s+condom\\b",
                              "(?i)\\bohne\\s+gummi\\b", "(?i)\\bsans\\s+capote\\b"});
  auto limits = Rule("limits", {"(?i)\\b(?:geen|no|keine)\\s+(?:taboes|limits|tabus)\\b"});
  auto hotel = Rule("hotel", {"(?i)\\bhotel\\b"});
  hotel.negatable = false;
  auto c = CompiledRules::Compile({extreme, teen, nocondom, limits, hotel});
  ASSERT_TRUE(c.ok());
  struct Case {
    const char* text;
    std::vector<std::string> rules;
  } cases[] = {
      // Dutch
      {"Geen extreme dingen.", {}},
      {"Extreme dingen mogelijk.", {"extreme"}},
      {"Geen tieners, alleen heren vanaf 25.", {}},
      {"ik doe niet aan extreme dingen", {}},
      {"nooit zonder condoom", {}},
      {"ook zonder condoom", {"nc"}},
      {"geen taboes", {"limits"}},
      {"alles behalve extreme dingen", {}},
      {"geen haast, extreme dingen kan", {"extreme"}},
      {"niet alleen extreme dingen", {"extreme"}},
      {"niet bellen maar extreme dingen", {"extreme"}},
      {"nee.\nextreme dingen", {"extreme"}},
      {"geen hotel", {"hotel"}},  // negatable = false
      {"geen leuke grote lieve tieners", {"teen"}},  // four words back: out of reach
      // answered "no" after it, as in service lists and questions
      {"Extreme: nee.", {}},
      {"extreme dingen? Nee!", {}},
      {"tieners-look? nee", {}},
      {"Teens? No thanks", {}},
      {"extreme dingen geen probleem", {"extreme"}},
      {"gangbang - no", {}},
      {"extreme: no limits", {"extreme", "limits"}},  // "no" does not end its clause
      {"extreme? nee hoor, wel ja", {"extreme"}},
      {"extreme? ja!", {"extreme"}},
      {"Wat ik NIET doe: anaal, zonder condoom, extreme dingen.", {}},
      // a clause after the colon is no refused list: "pas de panique : c'est ..."
      {"Geen zorgen: het zijn extreme dingen.", {"extreme"}},
      {"Tabus: gangbang, extreme Sachen", {}},
      {"Service: massage, extreme dingen", {"extreme"}},
      // a condition before the colon refuses nothing
      {"Wenn ich nicht rangehe: extreme Sachen", {"extreme"}},
      {"If I don't answer: extreme stuff", {"extreme"}},
      {"zonder condoom? Vergeet het maar", {}},
      // English
      {"no teens please", {}},
      {"I don't do extreme stuff", {}},
      {"never without condom", {}},
      {"without condom", {"nc"}},
      {"no limits", {"limits"}},
      {"not only extreme", {"extreme"}},
      {"except gangbang", {}},
      // German
      {"keine Teens", {}},
      {"ich mache nicht extreme Sachen", {}},
      {"niemals ohne Gummi", {}},
      {"auch ohne Gummi", {"nc"}},
      {"kein Problem ohne Gummi", {"nc"}},  // "no problem" is a yes: it negates nothing after it
      {"keine Tabus", {"limits"}},
      {"außer Gangbang", {}},
      // French
      {"je ne fais pas de gangbang", {}},
      {"jamais sans capote", {}},
      {"sans capote", {"nc"}},
      {"pas extreme", {"extreme"}},  // "pas" without "ne" (Dutch "pas" = "just")
      {"pas sans capote", {}},       // ... but spoken French drops "ne" before de/d'/sans
      {"pas d'extreme", {}},
      {"aucun extreme", {}},
      {"sauf gangbang", {}},
  };
  for (const auto& k : cases) {
    std::vector<std::string> got;
    for (const auto& h : c->Match("text", k.text)) got.push_back(h.rule);
    EXPECT_EQ(got, k.rules) << k.text;
    std::vector<std::string> ref;
    for (const auto& h : c->MatchEachPattern("text", k.text)) ref.push_back(h.rule);
    EXPECT_EQ(ref, k.rules) << k.text;
  }
  // A negated first match does not hide a later one.
  auto hits = c->Match("text", "geen extreme dingen; wel extreme prijzen");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].begin, 25u);
}

// The rule key `negatable`: a bool on pattern rules, with file:line:col errors.
TEST(Rules, NegatableKeyIsLoadedAndValidated) {
  std::string dir = ::testing::TempDir();
  std::string good = dir + "/negatable_good.toml", bad = dir + "/negatable_bad.toml";
  const char* rule = "id = \"r\"\ncategory = \"c\"\ndescription = \"d\"\nsource = \"s\"\nevidence = \"P\"\n";
  std::ofstream(good) << "[[rule]]\n" << rule << "patterns = ['x']\nnegatable = false\n"
                      << "examples.match = ['x']\nexamples.no_match = ['y']\n";
  std::ofstream(bad) << "[[rule]]\n" << rule << "patterns = ['x']\nnegatable = \"no\"\n"
                     << "examples.match = ['x']\nexamples.no_match = ['y']\n"
                     << "[[rule]]\nid = \"b\"\ncategory = \"c\"\ndescription = \"d\"\nsource = \"s\"\n"
                     << "evidence = \"P\"\nbuiltin = \"phone_multiple\"\nnegatable = true\n";
  LoadResult g = LoadRuleFiles({good});
  ASSERT_TRUE(g.ok()) << (g.errors.empty() ? "" : g.errors[0].ToString());
  ASSERT_EQ(g.config.matcher.rules.size(), 1u);
  EXPECT_FALSE(g.config.matcher.rules[0].negatable);
  LoadResult d = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  for (const auto& r : d.config.matcher.rules) EXPECT_TRUE(r.negatable) << r.id;
  LoadResult b = LoadRuleFiles({bad});
  ASSERT_EQ(b.errors.size(), 2u);
  EXPECT_NE(b.errors[0].ToString().find("negatable_bad.toml:8:13"), std::string::npos) << b.errors[0].ToString();
  EXPECT_NE(b.errors[1].ToString().find("'negatable' applies to pattern rules only"), std::string::npos)
      << b.errors[1].ToString();
  std::remove(good.c_str());
  std::remove(bad.c_str());
}

TEST(Rules, ExampleChecksReportFailures) {
  auto r = Rule("ex", {"(?i)\\bnet\\s+18\\b"});
  r.must_match = {"net 18", "just 18"};
  r.must_not_match = {"18+", "net 18 jaar ervaring"};
  auto c = CompiledRules::Compile({r});
  ASSERT_TRUE(c.ok());
  auto f = CheckExamples(*c);
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].ToString(), "rules.toml:7: rule 'ex': should match: \"just 18\"");
  EXPECT_FALSE(f[1].expected_match);
}

}  // namespace
}  // namespace adwatch
