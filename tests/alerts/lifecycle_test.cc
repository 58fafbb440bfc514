#include "alerts/lifecycle.h"

#include <gtest/gtest.h>

#include "tests/alerts/fixture.h"

namespace adwatch {
namespace {

using std::chrono::hours;

class Lifecycle : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir("lifecycle");
    store_ = testing::OpenTestStore(dir_, clock_);
  }
  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

TEST(SubjectKey, RoundTrip) {
  AdKey k;
  EXPECT_TRUE(ParseAdSubjectKey(AdSubjectKey({"demo-html", "a/1"}), &k));
  EXPECT_EQ(k.site, "demo-html");
  EXPECT_EQ(k.id, "a/1");
  EXPECT_FALSE(ParseAdSubjectKey("entity:7", &k));
  EXPECT_FALSE(ParseAdSubjectKey("ad:/x", &k));
}

// A subject that split in two (an ad left a linked group): the larger part
// keeps the alert, in whichever order the subjects come (the index lists them
// by entity id, which follows when ads were first seen, so a restart can swap
// them); the ad that left gets a new alert.
TEST_F(Lifecycle, TheLargerPartOfASplitSubjectKeepsItsAlertInAnyOrder) {
  ASSERT_TRUE(store_);
  for (bool alone_first : {true, false}) {
    SCOPED_TRACE(alone_first ? "the single ad listed first" : "the group listed first");
    store_.reset();
    std::filesystem::remove_all(dir_);
    dir_ = testing::FreshDir(alone_first ? "lifecycle-split-a" : "lifecycle-split-b");
    store_ = testing::OpenTestStore(dir_, clock_);
    ScoredSubject group;
    for (const char* id : {"g1", "g2", "g3", "solo"}) {
      ScoredSubject ad = testing::PutAd(*store_, id, "Geleen", "Sittard-Geleen", 60, Severity::kHigh, clock_.Now(),
                                        std::string("+3161234500") + std::to_string(group.ads.size()));
      group.ads.push_back(ad.ads[0]);
      group.contributions = ad.contributions;
    }
    group.subject_key = "entity:e1";
    group.score = 60;
    group.severity = Severity::kHigh;
    auto r = UpdateAlerts(*store_, {group}, 50, hours(24 * 30), clock_.Now());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->raised.size(), 1u);
    const int64_t id = r->raised[0];

    ScoredSubject rest = group, solo = group;
    rest.ads.pop_back();
    rest.subject_key = "entity:e2";  // its earliest ad changed
    solo.ads = {group.ads.back()};
    solo.subject_key = AdSubjectKey(solo.ads[0]);
    std::vector<ScoredSubject> split = alone_first ? std::vector{solo, rest} : std::vector{rest, solo};
    r = UpdateAlerts(*store_, split, 50, hours(24 * 30), clock_.Now());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->updated, std::vector<int64_t>{id});
    ASSERT_EQ(r->raised.size(), 1u);
    auto has = [&](int64_t alert, const std::string& ad) {
      auto m = store_->GetAlert(alert)->members;
      return std::find(m.begin(), m.end(), "ad:demo-html/" + ad) != m.end();
    };
    EXPECT_TRUE(has(id, "g1") && has(id, "g3") && !has(id, "solo")) << "the group keeps the alert";
    EXPECT_TRUE(has(r->raised[0], "solo") && !has(r->raised[0], "g1"));
  }
}

TEST_F(Lifecycle, RaiseUpdateEscalateClose) {
  ASSERT_TRUE(store_);
  auto s = testing::PutAd(*store_, "1", "Geleen", "Sittard-Geleen", 60, Severity::kHigh, clock_.Now());
  auto low = testing::PutAd(*store_, "2", "Heerlen", "Heerlen", 20, Severity::kLow, clock_.Now());
  auto r = UpdateAlerts(*store_, {s, low}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->raised.size(), 1u) << "below threshold raises nothing";
  const int64_t id = r->raised[0];
  auto a = store_->GetAlert(id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state, AlertState::kNew);
  EXPECT_EQ(a->municipalities, std::vector<std::string>{"Sittard-Geleen"});

  // New evidence: the same open alert is updated, not a second one.
  clock_.Advance(hours(1));
  s.score = 65;
  r = UpdateAlerts(*store_, {s}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->raised.empty());
  EXPECT_EQ(r->updated, std::vector<int64_t>{id});
  EXPECT_TRUE(r->escalated.empty());

  // Mailed, then the severity rises: escalated and back to new.
  ASSERT_TRUE(store_->SetAlertState(id, AlertState::kSent, "adwatch", "mailed", clock_.Now()).ok());
  clock_.Advance(hours(1));
  s.severity = Severity::kCritical;
  s.score = 90;
  r = UpdateAlerts(*store_, {s}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->escalated, std::vector<int64_t>{id});
  a = store_->GetAlert(id);
  EXPECT_EQ(a->state, AlertState::kNew);
  EXPECT_EQ(a->severity, Severity::kCritical);
  auto h = store_->AlertHistory(id);
  ASSERT_TRUE(h.ok());
  ASSERT_FALSE(h->empty());
  EXPECT_TRUE(IsEscalationNote(h->back().note)) << h->back().note;

  // Ads gone, but not long enough: still open. Then long enough: closed.
  s.ads_gone_since = clock_.Now();
  clock_.Advance(hours(24 * 29));
  r = UpdateAlerts(*store_, {s}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->closed.empty());
  clock_.Advance(hours(24 * 2));
  r = UpdateAlerts(*store_, {s}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->closed, std::vector<int64_t>{id});
  EXPECT_TRUE(r->raised.empty()) << "a closed subject is not re-raised by its stale score";
  EXPECT_EQ(store_->GetAlert(id)->state, AlertState::kClosed);

  // The ad comes back with fresh evidence: a new alert, not the closed one.
  s.ads_gone_since.reset();
  r = UpdateAlerts(*store_, {s}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->raised.size(), 1u);
  EXPECT_NE(r->raised[0], id);
}

TEST_F(Lifecycle, EntityNoLongerScoredClosesAfterCloseAfter) {
  ASSERT_TRUE(store_);
  ScoredSubject e;
  e.subject_key = "entity:abc";
  e.score = 70;
  e.severity = Severity::kHigh;
  auto r = UpdateAlerts(*store_, {e}, 50, hours(48), clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->raised.size(), 1u);
  clock_.Advance(hours(47));
  EXPECT_TRUE(UpdateAlerts(*store_, {}, 50, hours(48), clock_.Now())->closed.empty());
  clock_.Advance(hours(2));
  EXPECT_EQ(UpdateAlerts(*store_, {}, 50, hours(48), clock_.Now())->closed, r->raised);
}

}  // namespace
}  // namespace adwatch

namespace adwatch {
namespace {

// An entity of ads `ids`, known by the phone pseudonym "p1"; its key changes
// as entity ids do after a restart (the index only reloads live ads).
ScoredSubject Entity(const std::string& key, std::vector<std::string> ids, Severity sev,
                     std::vector<std::string> rules = {"crossad.shared_phone"}) {
  ScoredSubject s;
  s.subject_key = key;
  s.score = 80;
  s.severity = sev;
  for (const auto& id : ids) s.ads.push_back({"demo-html", id});
  for (const auto& r : rules) s.contributions.push_back({r, "crossad", 40, "", {}});
  s.members = {"phone:p1"};
  s.municipalities = {"Heerlen"};
  return s;
}

TEST_F(Lifecycle, ASubjectKeepsItsAlertWhenItsEntityIdChangesAfterARestart) {
  ASSERT_TRUE(store_);
  auto r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2", "3"}, Severity::kHigh)}, 50, hours(24 * 30),
                        clock_.Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->raised.size(), 1u);
  const int64_t id = r->raised[0];

  // Same store, a new store object (as after a restart); ad 1 vanished, so the
  // rebuilt index names the entity after ad 2.
  store_.reset();
  store_ = testing::OpenTestStore(dir_, clock_);
  ASSERT_TRUE(store_);
  clock_.Advance(hours(1));
  r = UpdateAlerts(*store_, {Entity("entity:e2", {"2", "3"}, Severity::kHigh)}, 50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->raised.empty());
  EXPECT_EQ(r->updated, std::vector<int64_t>{id});
  auto a = store_->GetAlert(id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->subject_key, "entity:e2");  // the key follows the subject
  auto all = store_->ListAlerts(AlertQuery{{}, "", {}, 100});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

TEST_F(Lifecycle, ADismissedSubjectStaysDismissedUntilNewEvidenceThenReopensWithALink) {
  ASSERT_TRUE(store_);
  auto r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2"}, Severity::kHigh)}, 50, hours(24 * 30),
                        clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->raised.size(), 1u);
  const int64_t first = r->raised[0];
  ASSERT_TRUE(store_->SetAlertState(first, AlertState::kDismissed, "coordinator", "known, checked", clock_.Now()).ok());

  // The same evidence, even under another entity id: nothing is raised.
  for (const char* key : {"entity:e1", "entity:e9"}) {
    clock_.Advance(hours(1));
    r = UpdateAlerts(*store_, {Entity(key, {"1", "2"}, Severity::kHigh)}, 50, hours(24 * 30), clock_.Now());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->raised.empty()) << key;
    EXPECT_EQ(r->kept_closed, std::vector<int64_t>{first}) << key;
  }
  EXPECT_EQ(store_->GetAlert(first)->state, AlertState::kDismissed);

  // A new ad: reopened, as a new alert linked to the dismissed one.
  clock_.Advance(hours(1));
  r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2", "7"}, Severity::kHigh)}, 50, hours(24 * 30),
                   clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->raised.size(), 1u);
  EXPECT_EQ(r->reopened, r->raised);
  auto again = store_->GetAlert(r->raised[0]);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->reopened_from, first);
  auto history = store_->AlertHistory(again->id);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_NE(history->front().note.find("a new ad since alert " + std::to_string(first) + " (dismissed)"),
            std::string::npos)
      << history->front().note;

  // That one is open now: later rounds update it.
  clock_.Advance(hours(1));
  r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2", "7"}, Severity::kHigh)}, 50, hours(24 * 30),
                   clock_.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->raised.empty());
  EXPECT_EQ(r->updated, std::vector<int64_t>{again->id});
}

TEST_F(Lifecycle, ADismissedSubjectReopensOnANewRuleOrAHigherSeverity) {
  ASSERT_TRUE(store_);
  auto r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2"}, Severity::kHigh)}, 50, hours(24 * 30),
                        clock_.Now());
  ASSERT_TRUE(r.ok());
  int64_t id = r->raised.at(0);
  ASSERT_TRUE(store_->SetAlertState(id, AlertState::kDismissed, "coordinator", "", clock_.Now()).ok());
  r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2"}, Severity::kHigh, {"crossad.shared_phone", "age.minor"})},
                   50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->reopened.size(), 1u);
  EXPECT_EQ(store_->GetAlert(r->reopened[0])->reopened_from, id);

  id = r->reopened[0];
  ASSERT_TRUE(store_->SetAlertState(id, AlertState::kDismissed, "coordinator", "", clock_.Now()).ok());
  r = UpdateAlerts(*store_, {Entity("entity:e1", {"1", "2"}, Severity::kCritical, {"crossad.shared_phone", "age.minor"})},
                   50, hours(24 * 30), clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->reopened.size(), 1u);
  EXPECT_EQ(store_->GetAlert(r->reopened[0])->reopened_from, id);
}

}  // namespace
}  // namespace adwatch
