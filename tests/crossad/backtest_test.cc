// Backtest: alerts that appear, disappear or change severity between the
// active and a candidate configuration, with the contributions behind them.
#include <gtest/gtest.h>

#include "matcher/crossad/backtest.h"
#include "tests/crossad/crossad_fixtures.h"

namespace adwatch {
namespace {

using test::Day;
using test::Fact;
using test::LongText;

// Four names behind one phone (score 30: no alert at the default 50), and one
// ad whose rule hits alone reach 60.
std::vector<AdFacts> Ads() {
  std::vector<AdFacts> ads;
  for (int i = 0; i < 4; ++i)
    ads.push_back(Fact("p" + std::to_string(i), "Name" + std::to_string(i), {"+31611111111"}, "Heerlen", Day(i),
                       LongText(i)));
  AdFacts x = Fact("x", "Solo", {"+31633333333"}, "Sittard", Day(1), LongText(50));
  x.per_ad.hits.push_back(test::MakeHit("extreme_services", "services", 30));
  x.per_ad.hits.push_back(test::MakeHit("third_person", "control", 30));
  ads.push_back(x);
  return ads;
}

// A stand-in per-ad matcher: keeps the stored hits whose rule the config has.
AdSignals KeepConfiguredRules(const AdFacts& f, const MatcherConfig& cfg) {
  AdSignals s;
  for (const Hit& h : f.per_ad.hits)
    for (const RuleSpec& r : cfg.rules)
      if (r.id == h.rule) s.hits.push_back(h);
  return s;
}

MatcherConfig WithRules(std::vector<std::string> ids, const std::string& version) {
  MatcherConfig c = test::Config();
  for (auto& id : ids) {
    RuleSpec r;
    r.id = id;
    c.rules.push_back(r);
  }
  c.rules_version = version;
  return c;
}

TEST(Backtest, LowerAlertThresholdMakesTheRingAppear) {
  MatcherConfig active = test::Config(), candidate = test::Config();
  candidate.alert_threshold = 30;
  BacktestReport r = Backtest(Ads(), active, candidate);
  EXPECT_EQ(r.ads, 5u);
  EXPECT_EQ(r.alerts_active, 1u);     // the solo ad
  EXPECT_EQ(r.alerts_candidate, 2u);  // and the ring
  ASSERT_EQ(r.changes.size(), 1u);
  const BacktestChange& ch = r.changes[0];
  EXPECT_EQ(ch.kind, BacktestChange::Kind::kAppears);
  EXPECT_EQ(ch.subject.rfind("entity:e", 0), 0u) << ch.subject;
  EXPECT_EQ(ch.ad_urls.size(), 4u);
  EXPECT_EQ(ch.before, Severity::kMedium);
  EXPECT_EQ(ch.score_before, 30);
  EXPECT_EQ(ch.after, Severity::kHigh);
  ASSERT_EQ(ch.candidate_why.size(), 1u);
  EXPECT_EQ(ch.candidate_why[0].rule, "shared_phone");
  EXPECT_EQ(ch.candidate_why[0].points, 30);
  ASSERT_EQ(ch.active_why.size(), 1u) << "why it did not alert before";
  EXPECT_EQ(ch.active_why[0].points, 30);
}

TEST(Backtest, CategoryCapHoldsAHeavierWeightBack) {
  MatcherConfig candidate = test::Config();
  candidate.signals.shared_phone_weight = 60;  // capped at category_cap = 40: still below 50
  EXPECT_TRUE(Backtest(Ads(), test::Config(), candidate).changes.empty());
  candidate.signals.category_cap = 60;
  BacktestReport r = Backtest(Ads(), test::Config(), candidate);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].score_after, 60);
}

TEST(Backtest, RemovedRuleMakesAnAdAlertDisappear) {
  MatcherConfig active = WithRules({"extreme_services", "third_person"}, "v1");
  MatcherConfig candidate = WithRules({"extreme_services"}, "v2");
  BacktestReport r = Backtest(Ads(), active, candidate, KeepConfiguredRules);
  ASSERT_EQ(r.changes.size(), 1u);
  const BacktestChange& ch = r.changes[0];
  EXPECT_EQ(ch.kind, BacktestChange::Kind::kDisappears);
  EXPECT_EQ(ch.subject, "ad:test/x");
  EXPECT_EQ(ch.score_before, 60);
  EXPECT_EQ(ch.score_after, 30);
  EXPECT_EQ(ch.active_why.size(), 2u);
  ASSERT_EQ(ch.candidate_why.size(), 1u);
  EXPECT_EQ(ch.candidate_why[0].rule, "extreme_services");

  std::string text = FormatBacktestReport(r);
  EXPECT_NE(text.find("backtest over 5 ads: 1 alerts with the active rules (v1), 0 with the candidate rules (v2)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("- disappears  ad:test/x  high (60.0) -> medium (30.0)"), std::string::npos) << text;
  EXPECT_NE(text.find("30.0  control [third_person]"), std::string::npos) << text;
  EXPECT_NE(text.find("ad https://ads.example/x"), std::string::npos) << text;
}

TEST(Backtest, SameRulesChangeNothing) {
  BacktestReport r = Backtest(Ads(), test::Config(), test::Config());
  EXPECT_TRUE(r.changes.empty());
  EXPECT_NE(FormatBacktestReport(r).find("no alert would change"), std::string::npos);
}

TEST(Backtest, LowerThresholdRaisesSeverity) {
  MatcherConfig candidate = test::Config();
  candidate.critical_threshold = 55;
  BacktestReport r = Backtest(Ads(), test::Config(), candidate);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].kind, BacktestChange::Kind::kSeverityChanged);
  EXPECT_EQ(r.changes[0].before, Severity::kHigh);
  EXPECT_EQ(r.changes[0].after, Severity::kCritical);
  EXPECT_NE(FormatBacktestReport(r).find("~ severity  ad:test/x  high (60.0) -> critical (60.0)"), std::string::npos);
}

}  // namespace
}  // namespace adwatch
