// Conformance: the audit log's hash chain. A row edited, deleted or inserted
// behind the store's back, or a deleted tail, is found by VerifyAudit; the
// retention purge of old rows is not tampering.
#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

void Fill(Store& st, TimePoint at, int n) {
  for (int i = 0; i < n; ++i) {
    AuditEntry e{0, at + Seconds(i), "root", "alerts-lookup", "show alert " + std::to_string(i)};
    e.user = "coordinator-" + std::to_string(i % 2);
    e.record = "alert:" + std::to_string(i);
    e.reason = "weekly review";
    ASSERT_OK(st.AppendAudit(e));
  }
}

TEST_P(StoreTest, AuditChainVerifiesAndKeepsWhoWhatWhichWhy) {
  Fill(*store_, Now(), 5);
  auto v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->rows, 5);
  AuditQuery q;
  q.record = "alert:3";
  auto rows = store_->ListAudit(q);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].user, "coordinator-1");
  EXPECT_EQ((*rows)[0].os_user, "root");
  EXPECT_EQ((*rows)[0].reason, "weekly review");
  EXPECT_EQ((*rows)[0].hash.size(), 64u);
  EXPECT_FALSE((*rows)[0].prev_hash.empty());
  q = AuditQuery{};
  q.user = "coordinator-0";
  EXPECT_EQ(store_->ListAudit(q)->size(), 3u);
  q.user = "root";
  EXPECT_EQ(store_->ListAudit(q)->size(), 5u);
  q = AuditQuery{};
  q.since = Now() + Seconds(3);
  EXPECT_EQ(store_->ListAudit(q)->size(), 2u);
}

TEST_P(StoreTest, AuditVerifyFindsAnEditedRow) {
  Fill(*store_, Now(), 5);
  const std::string id = Raw("SELECT id FROM audit_log WHERE record = 'alert:2'");
  Raw("UPDATE audit_log SET os_user = 'mallory' WHERE id = " + id);
  auto v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(std::to_string(v->first_bad_id), id);
  EXPECT_NE(v->problem.find("changed"), std::string::npos) << v->problem;
}

TEST_P(StoreTest, AuditVerifyFindsADeletedRowAndADeletedTail) {
  Fill(*store_, Now(), 5);
  const std::string next = Raw("SELECT id FROM audit_log WHERE record = 'alert:3'");
  Raw("DELETE FROM audit_log WHERE record = 'alert:2'");
  auto v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(std::to_string(v->first_bad_id), next);
  EXPECT_NE(v->problem.find("deleted"), std::string::npos) << v->problem;

  Reopen();
  Raw("DELETE FROM audit_log WHERE record = 'alert:3' OR record = 'alert:4'");
  Raw("DELETE FROM audit_log WHERE record = 'alert:0' OR record = 'alert:1'");
  v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);  // nothing left to link, but the recorded head is gone
}

TEST_P(StoreTest, AuditVerifyFindsARecomputedRowWithoutTheKey) {
  // Someone who can write the database recomputes a plain SHA-256: the chain
  // is keyed, so that does not pass.
  Fill(*store_, Now(), 3);
  const std::string id = Raw("SELECT id FROM audit_log WHERE record = 'alert:2'");
  Raw("UPDATE audit_log SET detail = 'nothing', row_hash = '" + std::string(64, 'a') + "' WHERE id = " + id);
  Raw("UPDATE audit_chain SET head_hash = '" + std::string(64, 'a') + "'");
  auto v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_FALSE(v->ok);
}

TEST_P(StoreTest, AuditPurgeOfOldRowsKeepsTheChainValid) {
  Fill(*store_, Now(), 3);
  clock_.Advance(std::chrono::hours(24 * 365 * 6));
  Fill(*store_, Now(), 2);
  RetentionConfig r;
  auto c = store_->Purge(r, "root", Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->audit, 3);
  auto v = store_->VerifyAudit();
  ASSERT_OK(v);
  EXPECT_TRUE(v->ok) << v->problem;
  EXPECT_EQ(v->rows, 3);  // two lookups and the purge
}

TEST_P(StoreTest, ReviewActionsAreAuditedWithTheReviewer) {
  Alert a;
  a.subject_key = "ad:demo/1";
  auto up = store_->UpsertAlert(a, Now());
  ASSERT_OK(up);
  ASSERT_OK(store_->SetAlertState(up->id, AlertState::kAcknowledged, "j.jansen", "bekeken", Now()));
  ASSERT_OK(store_->RecordOutcome(up->id, {Outcome::kRisicofactoren, "j.jansen", "", "Zorg- en Veiligheidshuis", Now()}));
  ASSERT_OK(store_->SetAlertState(up->id, AlertState::kClosed, "adwatch", "ads gone", Now()));
  AuditQuery q;
  q.record = "alert:" + std::to_string(up->id);
  auto rows = store_->ListAudit(q);
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].action, "alert-state");
  EXPECT_EQ((*rows)[0].user, "j.jansen");
  EXPECT_EQ((*rows)[1].action, "alert-outcome");
  EXPECT_NE((*rows)[1].detail.find("Zorg- en Veiligheidshuis"), std::string::npos);
  EXPECT_TRUE(store_->VerifyAudit()->ok);
}

}  // namespace
}  // namespace adwatch
