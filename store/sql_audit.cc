// The audit log: append-only in fact, not only by convention. Every row
// carries the hash of the row before it and its own hash, keyed with the
// pseudonym key (kept outside the database), so someone who can write the
// database but not read the key cannot edit, insert or delete a row and
// recompute the chain. audit_chain holds the head (last id and hash: a
// deleted tail is noticed) and the anchor (the hash of the last row purged
// by retention: purging the oldest rows is not tampering).
#include <limits>

#include "core/hash.h"
#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

constexpr const char* kAuditColumns =
    "SELECT id, at, os_user, action, detail, actor, record, reason, prev_hash, row_hash FROM audit_log ";

AuditEntry ReadAudit(const Row& r) {
  AuditEntry e{r.Int(0), r.Time(1), r.Str(2), r.Str(3), r.Str(4)};
  e.user = r.Str(5);
  e.record = r.Str(6);
  e.reason = r.Str(7);
  e.prev_hash = r.Str(8);
  e.hash = r.Str(9);
  return e;
}

// Length-prefixed fields: no choice of separator inside a value can make two
// different rows hash alike.
void AddField(std::string* out, const std::string& v) {
  *out += std::to_string(v.size());
  *out += ':';
  *out += v;
  *out += ';';
}

}  // namespace

std::string SqlStore::AuditHash(const std::string& prev_hash, const AuditEntry& e) const {
  std::string canonical = "adwatch-audit-v1;";
  AddField(&canonical, prev_hash);
  AddField(&canonical, std::to_string(ToUnixSeconds(e.time)));
  for (const std::string* f : {&e.os_user, &e.user, &e.action, &e.record, &e.reason, &e.detail})
    AddField(&canonical, *f);
  return HmacSha256Hex(key_, canonical);
}

Status SqlStore::SealAuditTx() {
  auto rows = db_->Query(std::string(kAuditColumns) + "ORDER BY id");
  if (!rows.ok()) return rows.status();
  std::string prev;
  int64_t last = 0;
  for (const Row& r : *rows) {
    AuditEntry e = ReadAudit(r);
    std::string h = AuditHash(prev, e);
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("UPDATE audit_log SET prev_hash = $2, row_hash = $3 WHERE id = $1", {I(e.id), S(prev), S(h)})
            .status());
    prev = h;
    last = e.id;
  }
  if (last == 0) return Status::Ok();
  return db_->Exec("UPDATE audit_chain SET head_id = $1, head_hash = $2 WHERE id = 1", {I(last), S(prev)}).status();
}

Status SqlStore::AuditTx(const AuditEntry& e) {
  // The head row is the chain's lock: on PostgreSQL FOR UPDATE serialises
  // appenders; SQLite has one writer already (BEGIN IMMEDIATE).
  auto head = db_->Query(std::string("SELECT head_id, head_hash FROM audit_chain WHERE id = 1") +
                         (pg() ? " FOR UPDATE" : ""));
  if (!head.ok()) return head.status();
  if (head->empty()) return Status::Internal("store: audit chain head is missing (run `adwatch audit verify`)");
  if (head->front().Int(0) == 0) {
    ADWATCH_RETURN_IF_ERROR(SealAuditTx());
    head = db_->Query("SELECT head_id, head_hash FROM audit_chain WHERE id = 1");
    if (!head.ok()) return head.status();
  }
  const std::string prev = head->front().Str(1);
  const std::string h = AuditHash(prev, e);
  auto id = db_->Query(
      "INSERT INTO audit_log (at, os_user, action, detail, actor, record, reason, prev_hash, row_hash) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {T(e.time), S(e.os_user), S(e.action), S(e.detail), S(e.user), S(e.record), S(e.reason), S(prev), S(h)});
  if (!id.ok()) return id.status();
  return db_->Exec("UPDATE audit_chain SET head_id = $1, head_hash = $2 WHERE id = 1", {I(id->front().Int(0)), S(h)})
      .status();
}

Status SqlStore::AuditTx(const std::string& os_user, const std::string& action, const std::string& detail,
                         TimePoint now) {
  return AuditTx(AuditEntry{0, now, os_user, action, detail});
}

Result<int64_t> SqlStore::PurgeAuditTx(TimePoint cut) {
  // Only a prefix of the chain goes (rows are ordered by id, not by time), so
  // what stays is still one unbroken chain from the new anchor.
  auto first_kept = db_->Query("SELECT MIN(id) FROM audit_log WHERE at >= $1", {T(cut)});
  if (!first_kept.ok()) return first_kept.status();
  const int64_t keep_from =
      first_kept->front().IsNull(0) ? std::numeric_limits<int64_t>::max() : first_kept->front().Int(0);
  auto last_gone = db_->Query("SELECT row_hash FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT 1", {I(keep_from)});
  if (!last_gone.ok()) return last_gone.status();
  if (last_gone->empty()) return int64_t{0};
  ADWATCH_RETURN_IF_ERROR(
      db_->Exec("UPDATE audit_chain SET anchor_hash = $1 WHERE id = 1", {S(last_gone->front().Str(0))}).status());
  return db_->Exec("DELETE FROM audit_log WHERE id < $1", {I(keep_from)});
}

Status SqlStore::AppendAudit(const AuditEntry& e) {
  return InTx([&] { return AuditTx(e); });
}

Result<std::vector<AuditEntry>> SqlStore::ListAudit(const AuditQuery& q) {
  auto rows = db_->Query(
      std::string(kAuditColumns) +
          "WHERE at >= $1 AND at <= $2 AND (CAST($3 AS TEXT) = '' OR action = $3) "
          "AND (CAST($5 AS TEXT) = '' OR os_user = $5 OR actor = $5) AND (CAST($6 AS TEXT) = '' OR record = $6) "
          "ORDER BY id LIMIT $4",
      {I(q.since ? ToUnixSeconds(*q.since) : std::numeric_limits<int64_t>::min()),
       I(q.until ? ToUnixSeconds(*q.until) : std::numeric_limits<int64_t>::max()), S(q.action), I(q.limit),
       S(q.user), S(q.record)});
  if (!rows.ok()) return rows.status();
  std::vector<AuditEntry> out;
  for (const Row& r : *rows) out.push_back(ReadAudit(r));
  return out;
}

Result<AuditVerdict> SqlStore::VerifyAudit() {
  // Rows written before the chain existed are chained first (a no-op after
  // the first append).
  ADWATCH_RETURN_IF_ERROR(InTx([&]() -> Status {
    auto head = db_->Query("SELECT head_id FROM audit_chain WHERE id = 1");
    if (!head.ok()) return head.status();
    return !head->empty() && head->front().Int(0) == 0 ? SealAuditTx() : Status::Ok();
  }));
  auto chain = db_->Query("SELECT head_id, head_hash, anchor_hash FROM audit_chain WHERE id = 1");
  if (!chain.ok()) return chain.status();
  AuditVerdict v;
  if (chain->empty()) {
    v.ok = false;
    v.problem = "the chain head (audit_chain) was deleted";
    return v;
  }
  const int64_t head_id = chain->front().Int(0);
  const std::string head_hash = chain->front().Str(1);
  std::string expected_prev = chain->front().Str(2);
  int64_t last_id = 0;
  std::string last_hash;
  // In pages, so a five-year log does not have to fit in memory at once.
  for (;;) {
    auto rows = db_->Query(std::string(kAuditColumns) + "WHERE id > $1 ORDER BY id LIMIT 5000", {I(last_id)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      AuditEntry e = ReadAudit(r);
      ++v.rows;
      if (e.prev_hash != expected_prev) {
        v.ok = false;
        v.first_bad_id = e.id;
        v.problem = "row " + std::to_string(e.id) + " does not follow " +
                    (last_id ? "row " + std::to_string(last_id) : std::string("the chain's start")) +
                    ": a row between them was deleted or inserted, or its link was changed";
        return v;
      }
      if (AuditHash(e.prev_hash, e) != e.hash) {
        v.ok = false;
        v.first_bad_id = e.id;
        v.problem = "row " + std::to_string(e.id) + " was changed after it was written";
        return v;
      }
      expected_prev = e.hash;
      last_id = e.id;
      last_hash = e.hash;
    }
    if (rows->size() < 5000) break;
  }
  if (last_id != head_id || last_hash != head_hash) {
    v.ok = false;
    v.problem = "the log ends at row " + std::to_string(last_id) + " but its recorded head is row " +
                std::to_string(head_id) + ": rows at the end were deleted";
  }
  return v;
}

}  // namespace adwatch::store_internal
