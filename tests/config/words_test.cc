// [words] in rule files: named word lists expanded into patterns, local to
// their file, with errors at file:line:col.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "config/loader.h"

namespace adwatch {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class WordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("adwatch-words-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "rules");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    std::ofstream(p) << text;
    return p.string();
  }
  LoadResult LoadRules(const std::string& text) { return LoadRuleFiles({Write("rules/a.toml", text)}); }
  static std::string Joined(const LoadResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.ToString() + "\n";
    return s;
  }
  fs::path dir_;
};

std::string Rule(const std::string& patterns, const std::string& exclude = "") {
  return "[[rule]]\nid = \"control.office\"\ncategory = \"control\"\npatterns = [" + patterns + "]\n" +
         (exclude.empty() ? "" : "exclude = [" + exclude + "]\n") +
         "weight = 40\nseverity = \"high\"\ndescription = \"d\"\nsource = \"s\"\nevidence = \"P\"\n"
         "examples.match = [\"bookings via the office\"]\nexamples.no_match = [\"office hours\"]\n";
}

TEST_F(WordsTest, NamesExpandToGroupsAndRepetitionsStay) {
  LoadResult r = LoadRules(
      "[words]\nbooking = ['book\\w*', 'afspra\\w*']\noffice = ['office', 'bureau']\n" +
      Rule("'\\b{booking}\\b[^.]{0,40}\\bvia\\s+(?:the\\s+)?{office}\\b'", "'{office}\\s+hours'"));
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  ASSERT_EQ(r.config.matcher.rules.size(), 1u);
  const RuleSpec& rule = r.config.matcher.rules[0];
  EXPECT_EQ(rule.patterns[0], "\\b(?:book\\w*|afspra\\w*)\\b[^.]{0,40}\\bvia\\s+(?:the\\s+)?(?:office|bureau)\\b");
  EXPECT_EQ(rule.exclude[0], "(?:office|bureau)\\s+hours");
}

TEST_F(WordsTest, EscapedBracesAndNonNamesAreLiteral) {
  LoadResult r = LoadRules("[words]\nx = ['a']\n" + Rule("'\\{x\\}', '{X}', 'a{2}'"));
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  EXPECT_EQ(r.config.matcher.rules[0].patterns[0], "\\{x\\}");
  EXPECT_EQ(r.config.matcher.rules[0].patterns[1], "{X}");
  EXPECT_EQ(r.config.matcher.rules[0].patterns[2], "a{2}");
}

TEST_F(WordsTest, UnknownWordIsAnErrorAtItsPattern) {
  LoadResult r = LoadRules("[words]\noffice = ['office']\n" + Rule("'ok', '{ofice}'"));
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("a.toml:6:19:"));  // the second element of `patterns`
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("{ofice} is not defined"));
}

TEST_F(WordsTest, WordsAreLocalToTheirFile) {
  std::string a = Write("rules/a.toml", "[words]\noffice = ['office']\n" + Rule("'{office}'"));
  std::string b_rule = Rule("'{office}'");
  b_rule.replace(b_rule.find("control.office"), 14, "control.other");
  std::string b = Write("rules/b.toml", b_rule);
  LoadResult r = LoadRuleFiles({a, b});
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("b.toml"));
}

TEST_F(WordsTest, BadWordListsAreReported) {
  LoadResult r = LoadRules("[words]\nOffice = ['x']\nempty = []\nnested = ['{empty}']\nbad = ['(']\n" +
                           Rule("'plain'"));
  std::string all = Joined(r);
  EXPECT_THAT(all, HasSubstr("name 'Office'"));
  EXPECT_THAT(all, HasSubstr("'empty' must be a non-empty array"));
  EXPECT_THAT(all, HasSubstr("cannot use another word"));
  EXPECT_THAT(all, HasSubstr("'bad': invalid regex"));
}

TEST_F(WordsTest, OverridesUseTheirFilesWords) {
  std::string a = Write("rules/a.toml", Rule("'x'"));
  std::string b = Write("rules/b.toml",
                        "[words]\noffice = ['office', 'kantoor']\n[[override]]\nid = \"control.office\"\n"
                        "patterns = ['via {office}']\n");
  LoadResult r = LoadRuleFiles({a, b});
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  EXPECT_EQ(r.config.matcher.rules[0].patterns[0], "via (?:office|kantoor)");
}

}  // namespace
}  // namespace adwatch
