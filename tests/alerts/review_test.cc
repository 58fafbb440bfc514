#include "alerts/review.h"

#include <gtest/gtest.h>

#include "tests/alerts/fixture.h"

namespace adwatch {
namespace {

class Review : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::OpenTestStore(testing::FreshDir("review"), clock_);
    ASSERT_TRUE(store_);
    for (int i = 0; i < 3; ++i) {
      auto s = testing::PutAd(*store_, "r" + std::to_string(i), "Geleen", "Sittard-Geleen", 60, Severity::kHigh,
                              clock_.Now(), "+3161234567" + std::to_string(i));
      if (i == 2) s.contributions.push_back({"phone.shared", "movement", 30, "", {}});
      auto r = UpdateAlerts(*store_, {s}, 50, std::chrono::hours(720), clock_.Now());
      ASSERT_TRUE(r.ok());
      ids_.push_back(r->raised.at(0));
    }
  }
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  std::vector<int64_t> ids_;
};

TEST_F(Review, AckDismissDecideAndStateRules) {
  EXPECT_TRUE(Acknowledge(*store_, ids_[0], "coord", "kijk ik naar", clock_.Now()).ok());
  EXPECT_EQ(store_->GetAlert(ids_[0])->state, AlertState::kAcknowledged);
  EXPECT_EQ(Dismiss(*store_, ids_[1], "coord", "", clock_.Now()).code(), Status::Code::kInvalidArgument);
  EXPECT_TRUE(Dismiss(*store_, ids_[1], "coord", "zelfstandige, geen signalen", clock_.Now()).ok());
  EXPECT_EQ(Acknowledge(*store_, ids_[1], "coord", "", clock_.Now()).code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(Acknowledge(*store_, 999999, "coord", "", clock_.Now()).code(), Status::Code::kNotFound);
  auto h = store_->AlertHistory(ids_[1]);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->back().note, "zelfstandige, geen signalen");
  EXPECT_EQ(h->back().who, "coord");

  std::string org;
  ASSERT_TRUE(ParseForwardedTo("Veilig Thuis", &org));
  EXPECT_EQ(org, "Veilig Thuis");
  EXPECT_FALSE(ParseForwardedTo("politie-x", &org));
  EXPECT_FALSE(Decide(*store_, ids_[2], Outcome::kNone, "", "coord", "x", clock_.Now()).ok());
  EXPECT_FALSE(Decide(*store_, ids_[2], Outcome::kRisicofactoren, "", "coord", "", clock_.Now()).ok());
  ASSERT_TRUE(Decide(*store_, ids_[2], Outcome::kErnstigeVermoedens, "AVIM", "coord", "besproken", clock_.Now()).ok());
  EXPECT_EQ(store_->GetAlert(ids_[2])->state, AlertState::kAcknowledged);
  ASSERT_TRUE(Decide(*store_, ids_[0], Outcome::kGeenMensenhandel, "", "coord", "gesproken", clock_.Now()).ok());

  auto rows = IndicatorReport(*store_);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  const IndicatorRow& age = (*rows)[0];
  EXPECT_EQ(age.rule, "age.young_wording");
  EXPECT_EQ(age.alerts, 3);
  EXPECT_EQ(age.undecided, 1);
  EXPECT_EQ(age.dismissed, 1);
  EXPECT_EQ(age.outcomes.at(Outcome::kGeenMensenhandel), 1);
  EXPECT_EQ(age.outcomes.at(Outcome::kErnstigeVermoedens), 1);
  EXPECT_DOUBLE_EQ(age.Precision(), 0.5);
  const IndicatorRow& shared = (*rows)[1];
  EXPECT_EQ(shared.rule, "phone.shared");
  EXPECT_EQ(shared.alerts, 1);
  EXPECT_EQ(shared.forwarded.at("AVIM"), 1);
  EXPECT_DOUBLE_EQ(shared.Precision(), 1.0);
}

}  // namespace
}  // namespace adwatch
