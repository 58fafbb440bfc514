// The shipped default rules file: it loads, compiles, every rule's examples
// hold, and it keeps the promises the file's header makes.
#include <gtest/gtest.h>

#include <regex>

#include "config/loader.h"
#include "matcher/rules.h"

namespace adwatch {
namespace {

const std::string kPath = std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml";

std::vector<RuleSpec> LoadDefault() {
  LoadResult r = LoadRuleFiles({kPath});
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  return r.config.matcher.rules;
}

TEST(DefaultRules, LoadAndCompile) {
  auto specs = LoadDefault();
  ASSERT_GE(specs.size(), 25u);
  auto c = CompiledRules::Compile(specs, "v");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->set_failures(), 0u);
}

TEST(DefaultRules, EveryExampleHolds) {
  auto specs = LoadDefault();
  auto c = CompiledRules::Compile(specs, "v");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  size_t checked = 0;
  for (const auto& r : specs) checked += r.must_match.size() + r.must_not_match.size();
  EXPECT_GE(checked, 100u);
  for (const auto& f : CheckExamples(*c)) ADD_FAILURE() << f.ToString();
}

TEST(DefaultRules, EveryRuleIsDocumentedAndSourced) {
  for (const auto& r : LoadDefault()) {
    SCOPED_TRACE(r.id);
    EXPECT_FALSE(r.description.empty());
    EXPECT_FALSE(r.source.empty());
    EXPECT_TRUE(r.evidence == "V" || r.evidence == "P" || r.evidence == "C" || r.evidence == "X");
    if (r.builtin.empty()) {
      EXPECT_FALSE(r.must_match.empty());
      EXPECT_FALSE(r.must_not_match.empty());
    }
    // Movement language was *less* common in trafficking ads: it must weigh little.
    if (r.category == "movement" || r.evidence == "X") {
      EXPECT_LE(r.weight, 3);
    }
  }
}

TEST(DefaultRules, NoRuleUsesNationalityOrEthnicity) {
  static const std::regex kBanned(
      R"((?:nationalit|ethnic|etnisch|afkomst|herkomst\b|roman|bulgar|hongaar|hungar|nigeria|thai|chin|latina|afrika|african|aziat|asian|oost-?europ|eastern europ|russ|oekra|ukrain|polish|pools|moldav|brazil|braziliaan|colombia|dominican|spaans|spanish))",
      std::regex::icase);
  for (const auto& r : LoadDefault()) {
    for (const auto& p : r.patterns) EXPECT_FALSE(std::regex_search(p, kBanned)) << r.id << ": " << p;
    for (const auto& p : r.must_match) EXPECT_FALSE(std::regex_search(p, kBanned)) << r.id << ": " << p;
  }
}

TEST(DefaultRules, BuiltinsPresentAndMinorIsCritical) {
  auto c = CompiledRules::Compile(LoadDefault(), "v");
  ASSERT_TRUE(c.ok());
  for (const auto& b : KnownBuiltins()) EXPECT_NE(c->FindBuiltin(b), nullptr) << b;
  EXPECT_EQ(c->FindBuiltin("stated_age_minor")->severity, Severity::kCritical);
}

TEST(DefaultRules, SpeaksOfSignalNeverSuspect) {
  for (const auto& r : LoadDefault()) {
    std::string d = r.description;
    for (auto& ch : d) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(d.find("verdacht"), std::string::npos) << r.id;
    EXPECT_EQ(d.find("suspect"), std::string::npos) << r.id;
    EXPECT_EQ(d.find("dader"), std::string::npos) << r.id;
  }
}

}  // namespace
}  // namespace adwatch
