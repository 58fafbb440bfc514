// LiteralPrefix (matcher/internal/literal_prefix.h): what every match of a
// rule pattern starts with, so that MatchPatterns may start RE2 at its next
// occurrence. The premise is checked against RE2 itself on the shipped
// rules: every match of every pattern, on the rules' own examples as the
// rules see them (normalised), starts with the pattern's prefix.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include "config/loader.h"
#include "matcher/internal/literal_prefix.h"
#include "matcher/normalize.h"

namespace adwatch {
namespace {

using matcher_internal::LiteralPrefix;

TEST(LiteralPrefix, PlainStartsOnly) {
  EXPECT_EQ(LiteralPrefix(R"(\bnieuw\s+in\s+(?:de\s+)?stad)"), "nieuw");
  EXPECT_EQ(LiteralPrefix(R"((?i)\bAlleen\s+deze)"), "alleen");
  EXPECT_EQ(LiteralPrefix(R"(\b\bvooraf\s+betalen\b)"), "vooraf");
  EXPECT_EQ(LiteralPrefix("18plus"), "18plu");  // up to the first 's'
  // A letter a quantifier follows may be missing.
  EXPECT_EQ(LiteralPrefix("abcd?e"), "abc");
  EXPECT_EQ(LiteralPrefix("abcd*"), "abc");
  EXPECT_EQ(LiteralPrefix("abcd+"), "abc");
  EXPECT_EQ(LiteralPrefix("abcd{2}"), "abc");
  // 'k' and 's' also match U+212A and U+017F under RE2's case folding.
  EXPECT_EQ(LiteralPrefix("tourist"), "touri");
  EXPECT_EQ(LiteralPrefix("bank"), "ban");
  EXPECT_EQ(LiteralPrefix("sex"), "");
  // Alternatives at the top level, quoting, anchors, flags other than (?i), one letter: none.
  EXPECT_EQ(LiteralPrefix("abc|abd"), "");
  EXPECT_EQ(LiteralPrefix(R"(abc\)|d)"), "");
  EXPECT_EQ(LiteralPrefix("abc[)]|d"), "");
  EXPECT_EQ(LiteralPrefix("abc[]|(]d|e"), "");
  EXPECT_EQ(LiteralPrefix(R"(\Qabc\E)"), "");
  EXPECT_EQ(LiteralPrefix("^abc"), "");
  EXPECT_EQ(LiteralPrefix("(?-i)abc"), "");
  EXPECT_EQ(LiteralPrefix("(?:abc)"), "");
  EXPECT_EQ(LiteralPrefix("a"), "");
  // Alternatives inside a group after the prefix are fine.
  EXPECT_EQ(LiteralPrefix("abc(?:d|e)f"), "abc");
  EXPECT_EQ(LiteralPrefix("abc[|]d"), "abc");
}

TEST(LiteralPrefix, EveryMatchOfTheShippedRulesStartsWithIt) {
  LoadResult lr = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  for (const auto& e : lr.errors) ADD_FAILURE() << e.ToString();
  std::vector<std::string> texts;
  for (const auto& r : lr.config.matcher.rules) {
    for (const auto& ex : r.must_match) texts.push_back(Normalize(ex).text);
    for (const auto& ex : r.must_not_match) texts.push_back(Normalize(ex).text);
  }
  // And the examples run together, so that matches also start mid-text.
  for (size_t k = 0; k + 1 < texts.size(); k += 2) texts.push_back(texts[k] + " " + texts[k + 1]);
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(false);  // as CompiledRules compiles them
  size_t with_prefix = 0, matches = 0;
  for (const auto& r : lr.config.matcher.rules)
    for (const auto& p : r.patterns) {
      const std::string prefix = LiteralPrefix(p);
      if (prefix.empty()) continue;
      ++with_prefix;
      RE2 re(p, o);
      ASSERT_TRUE(re.ok()) << p;
      for (const std::string& t : texts) {
        const re2::StringPiece whole(t);
        re2::StringPiece m;
        // Every leftmost match from every start a scan may resume at.
        for (size_t pos = 0; pos <= t.size() && re.Match(whole, pos, t.size(), RE2::UNANCHORED, &m, 1);) {
          const size_t b = static_cast<size_t>(m.data() - t.data());
          ASSERT_EQ(t.compare(b, prefix.size(), prefix), 0) << r.id << ": '" << p << "' in '" << t << "'";
          ++matches;
          pos = b + 1;
        }
      }
    }
  EXPECT_GE(with_prefix, 50u);  // most patterns start with a word
  EXPECT_GE(matches, 500u);
}

}  // namespace
}  // namespace adwatch
