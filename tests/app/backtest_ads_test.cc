// `rules backtest`, the per-ad half: score and severity before and after,
// the rules gained, lost or reweighed, largest change first; phone numbers masked in
// URLs and in the cross-ad report's evidence.
#include "app/rules_backtest.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace adwatch {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Hit MakeHit(const std::string& rule, double weight) {
  Hit h;
  h.rule = rule;
  h.category = rule.substr(0, rule.find('.'));
  h.weight = weight;
  return h;
}

AdFacts Fact(const std::string& id, double score, Severity sev, std::vector<Hit> hits,
             const std::string& url = "") {
  AdFacts f;
  f.key = {"demo-html", id};
  f.url = url.empty() ? "http://127.0.0.1:8081/ad/" + id : url;
  f.phones = {"+31612345678"};
  f.pseudonyms = {"a1b2c3d4e5f6a7b8"};
  f.per_ad.score = score;
  f.per_ad.severity = sev;
  f.per_ad.hits = std::move(hits);
  return f;
}

// The candidate: age.teen weighs nothing (it no longer hits), age.young weighs 10 more.
AdSignals Candidate(const AdFacts& f) {
  AdSignals s;
  for (const Hit& h : f.per_ad.hits) {
    if (h.rule == "age.teen") continue;
    Hit x = h;
    if (h.rule == "age.young") x.weight += 10;
    s.hits.push_back(x);
    s.score += x.weight;
  }
  s.severity = s.score >= 40 ? Severity::kHigh : s.score >= 20 ? Severity::kMedium : Severity::kNone;
  return s;
}

TEST(CompareAdScores, ScoreChangesBelowTheAlertLineAreShownLargestFirst) {
  std::vector<AdFacts> facts = {
      Fact("1", 45, Severity::kHigh, {MakeHit("age.teen", 30), MakeHit("services.x", 15)}),  // 45 high -> 15 none
      Fact("2", 12, Severity::kNone, {MakeHit("age.young", 12)}),                           // 12 none -> 22 medium
      Fact("3", 5, Severity::kNone, {MakeHit("age.young", 5)}),                             // 5 -> 15, still none
      Fact("4", 15, Severity::kNone, {MakeHit("services.x", 15)}),                          // unchanged
  };
  auto changes = CompareAdScores(facts, Candidate);
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].ad, "demo-html/1");
  EXPECT_DOUBLE_EQ(changes[0].score_before, 45);
  EXPECT_DOUBLE_EQ(changes[0].score_after, 15);
  EXPECT_EQ(changes[0].before, Severity::kHigh);
  EXPECT_EQ(changes[0].after, Severity::kNone);
  EXPECT_THAT(changes[0].rules_changed, ElementsAre("-age.teen"));
  EXPECT_THAT(changes[1].rules_changed, ElementsAre("age.young 12.0->22.0"));
  EXPECT_EQ(changes[1].ad, "demo-html/2");  // ties (10 points) by ad
  EXPECT_EQ(changes[2].ad, "demo-html/3");
  EXPECT_EQ(changes[2].before, changes[2].after);  // a score change alone is reported

  std::string text = FormatAdScoreChanges(changes, 2);
  EXPECT_THAT(text, HasSubstr("per ad: 3 ads change score, 2 of them severity\n"));
  EXPECT_THAT(text, HasSubstr("~ demo-html/1  45.0 (high) -> 15.0 (none)  -age.teen  http://127.0.0.1:8081/ad/1\n"));
  EXPECT_THAT(text, HasSubstr("~ demo-html/2  12.0 (none) -> 22.0 (medium)  age.young 12.0->22.0  http://127.0.0.1:8081/ad/2\n"));
  EXPECT_THAT(text, HasSubstr("… and 1 more (--limit)"));
  EXPECT_THAT(text, Not(HasSubstr("demo-html/3")));
}

TEST(CompareAdScores, APhoneNumberInAUrlIsMaskedOtherIdsKept) {
  std::vector<AdFacts> facts = {
      Fact("1", 30, Severity::kMedium, {MakeHit("age.teen", 30)}, "https://ads.example/escort/0612345678"),
      Fact("2", 30, Severity::kMedium, {MakeHit("age.teen", 30)}, "https://ads.example/ad/123456789012"),
  };
  std::string text = FormatAdScoreChanges(CompareAdScores(facts, Candidate), 10);
  EXPECT_THAT(text, Not(HasSubstr("0612345678")));
  EXPECT_THAT(text, HasSubstr("https://ads.example/escort/[tel a1b2c3d4]"));
  EXPECT_THAT(text, HasSubstr("https://ads.example/ad/123456789012"));
}

TEST(MaskPhones, TheCrossAdReportShowsNoNumberInClear) {
  std::vector<AdFacts> facts = {Fact("1", 45, Severity::kHigh, {})};
  BacktestReport r;
  BacktestChange ch;
  ch.subject = "ad:demo-html/1";
  ch.ad_urls = {"http://127.0.0.1:8081/ad/1"};
  ch.active_why = {{"age.teen", "age", 30, "text[3,20]: net 18, bel 06-12 34 56 78 of +31 6 98765432", {}}};
  r.changes.push_back(ch);
  MaskPhones(&r, facts);
  std::string text = FormatBacktestReport(r);
  EXPECT_THAT(text, Not(HasSubstr("12 34 56 78")));
  EXPECT_THAT(text, Not(HasSubstr("98765432")));
  EXPECT_THAT(text, HasSubstr("[tel a1b2c3d4]"));
  EXPECT_THAT(text, HasSubstr("net 18"));
  EXPECT_THAT(text, HasSubstr("http://127.0.0.1:8081/ad/1"));
}

}  // namespace
}  // namespace adwatch
