// `adwatch rules evaluate`'s arithmetic on a tiny hand-made corpus whose every
// figure is known: review, per-rule firings, categories, phones, ages,
// municipalities and template pairs; malformed lines are named by file:line.
#include "app/evaluate.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "config/loader.h"
#include "tests/app/one_rule.h"

namespace adwatch {
namespace {

// The pipeline tests' "24/7" rule (one_rule.h), a stated-minor builtin and
// the cross-ad weights the template family needs.
constexpr const char* kMinorRule = R"(
[[rule]]
id = "age.stated_minor"
category = "age"
builtin = "stated_age_minor"
weight = 60
severity = "critical"
description = "minor"
source = "test"
evidence = "V"
)";
constexpr const char* kSignals = R"(
[signals]
template_min_phones = 3
category_cap = 60
template_weight = 50
)";

// id, labels and text of one line; phones are written in the text.
std::string Line(const std::string& id, const std::string& text, const std::string& label) {
  return R"({"id":")" + id + R"(","lang":"nl","region":"NL","title":"","text":")" + text +
         R"(","name":")" + id + R"(","age":"","city":"","phones":[],"price":"","label":)" + label + "}\n";
}

class EvaluateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per process: ctest runs the cases of this fixture in parallel processes, and a
    // shared folder let one case rewrite the rules and corpus another was reading.
    dir_ = ::testing::TempDir() + "/evaluate_test-" + std::to_string(::getpid());
    std::remove((dir_ + "/a.jsonl").c_str());
    (void)Env::Default()->CreateDirs(dir_);
    std::ofstream(dir_ + "/rules.toml") << kMinorRule << testing::kOneRule << kSignals;
    LoadResult r = LoadRuleFiles({dir_ + "/rules.toml"});
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
    MatcherConfig mc = r.config.matcher;
    mc.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
    mc.alert_threshold = 40;
    auto m = MakeMatcher(mc);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    matcher_ = std::make_unique<Matcher>(std::move(m).value());
  }
  std::string dir_;
  std::unique_ptr<Matcher> matcher_;
};

TEST_F(EvaluateTest, FiguresOfAKnownCorpus) {
  const std::string family_text =
      "Hallo lieve heren, ik ontvang jullie graag in mijn rustige appartement met parkeerplaats voor de deur. "
      "Kom langs voor een ontspannen uurtje zonder haast, ik neem de tijd voor je.";
  std::ofstream(dir_ + "/a.jsonl")
      // A stated minor, found: a true review; its age and number are right.
      << Line("a1", "Ik ben 16 jaar, bel 0612345678 in Heerlen.",
              R"({"phones":["+31612345678"],"ages":[16],"place":"Heerlen","municipality":"Heerlen","categories":["age"],"review":true,"hard_negative":false,"family":null,"reason":"minor"})")
      // Must be reviewed, but nothing fires: a missed review, a missed category.
      << Line("a2", "Afspraken via mij, zij spreekt geen Nederlands.",
              R"({"phones":[],"ages":[],"place":null,"municipality":null,"categories":["control"],"review":true,"hard_negative":false,"family":null,"reason":"control"})")
      // A hard negative that fires the availability rule but stays below the threshold.
      << Line("a3", "24/7 bereikbaar via de site, 25 jaar.",
              R"({"phones":[],"ages":[25],"place":null,"municipality":null,"categories":[],"review":false,"hard_negative":true,"family":null,"reason":"benign"})")
      // A template family of three ads with three numbers: flagged, so reviewed.
      << Line("f1", family_text + " Bel 0612345671.",
              R"({"phones":["+31612345671"],"ages":[],"place":null,"municipality":null,"categories":[],"review":true,"hard_negative":false,"family":"fam","reason":"template"})")
      << Line("f2", family_text + " Bel 0612345672.",
              R"({"phones":["+31612345672"],"ages":[],"place":null,"municipality":null,"categories":[],"review":true,"hard_negative":false,"family":"fam","reason":"template"})")
      << Line("f3", family_text + " Bel 0612345673.",
              R"({"phones":["+31612345673"],"ages":[],"place":null,"municipality":null,"categories":[],"review":true,"hard_negative":false,"family":"fam","reason":"template"})");
  auto corpus = LoadCorpus(dir_ + "/a.jsonl");
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  ASSERT_EQ(corpus->size(), 6u);
  EvaluationReport r = Evaluate(*corpus, *matcher_);
  EXPECT_EQ(r.ads, 6);
  EXPECT_EQ(r.must_review, 5);
  EXPECT_EQ(r.must_not_review, 1);
  EXPECT_EQ(r.hard_negatives, 1);
  EXPECT_EQ(r.review.tp, 4);  // a1 and the three family members
  EXPECT_EQ(r.review.fn, 1);  // a2
  EXPECT_EQ(r.review.fp, 0);
  EXPECT_DOUBLE_EQ(r.FalseReviewRate(), 0.0);
  EXPECT_EQ(r.rules["availability.always"].on_hard_negative, 1);
  EXPECT_EQ(r.rules["age.stated_minor"].on_review, 1);
  EXPECT_EQ(r.categories["control"].fn, 1);
  EXPECT_EQ(r.categories["availability"].fp, 1);
  EXPECT_EQ(r.phones.tp, 4);
  EXPECT_EQ(r.phones.fp + r.phones.fn, 0);
  EXPECT_EQ(r.ages.tp, 2);
  EXPECT_EQ(r.municipality_right, 6);
  EXPECT_EQ(r.template_pairs.tp, 3);  // {f1,f2}, {f1,f3}, {f2,f3}
  EXPECT_EQ(r.template_pairs.fp, 0);
  std::string text = FormatReport(r, /*with_misses=*/true);
  EXPECT_NE(text.find("missed review"), std::string::npos);
  EXPECT_EQ(text.find("0612345678"), std::string::npos) << "numbers never printed";
  EXPECT_EQ(ReportJson(r).find("+3161234567"), std::string::npos);
}

TEST_F(EvaluateTest, MalformedLinesAreNamedAllAtOnce) {
  std::ofstream(dir_ + "/a.jsonl") << "{\"id\":\"x\"}\nnot json\n\n" + std::string(100, '[') + "\n";
  auto corpus = LoadCorpus(dir_ + "/a.jsonl");
  ASSERT_FALSE(corpus.ok());
  const std::string& m = corpus.status().message();
  EXPECT_NE(m.find("a.jsonl:1: no \"label\""), std::string::npos) << m;
  EXPECT_NE(m.find("a.jsonl:2: not a JSON object"), std::string::npos) << m;
  EXPECT_NE(m.find("a.jsonl:4: nested too deep"), std::string::npos) << m;
}

}  // namespace
}  // namespace adwatch
