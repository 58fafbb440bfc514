// CompiledRules: the RE2::Set path agrees with running every pattern on its
// own (reference implementation), exclusions work, errors name file:line,
// and an exhausted DFA budget falls back instead of silently missing.
#include "matcher/rules.h"

#include <gtest/gtest.h>

#include <random>

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
