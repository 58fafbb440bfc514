// Retention (storage limitation) and data-subject rights: deletion is real
// (rows gone, SQLite pages given back), and both are recorded in the audit
// log without personal data.
#include <chrono>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

// Ads linked to an alert, directly or through an entity.
constexpr const char* kFlagged =
    "(EXISTS (SELECT 1 FROM alerts al WHERE al.subject_key = 'ad:' || ads.site || '/' || ads.ad_id) OR "
    "EXISTS (SELECT 1 FROM entity_ads ea JOIN alerts al ON al.subject_key = 'entity:' || ea.entity "
    "WHERE ea.ad = ads.id))";

// "($1, …, $n)" and the ids as parameters: placeholders, not literals, so
// the statement cache holds at most one shape per chunk size.
std::string IdList(const std::vector<int64_t>& ids, size_t begin, size_t end, Params* params) {
  std::string s = "(";
  for (size_t i = begin; i < end; ++i) {
    s += (i > begin ? ", $" : "$") + std::to_string(i - begin + 1);
    params->push_back(I(ids[i]));
  }
  return s + ")";
}

}  // namespace

Status SqlStore::DeleteAdsTx(const std::string& where, const Params& params, PurgeCounts* counts) {
  // Materialise the ids first: deleting links changes what `where` selects.
  auto rows = db_->Query("SELECT id, site, ad_id FROM ads WHERE " + where, params);
  if (!rows.ok()) return rows.status();
  std::vector<int64_t> ids;
  for (const Row& r : *rows) ids.push_back(r.Int(0));
  for (const Row& r : *rows) {
    // Alerts about a single ad go with the ad (their history and outcomes too).
    auto n = db_->Query("SELECT id FROM alerts WHERE subject_key = $1", {S("ad:" + r.Str(1) + "/" + r.Str(2))});
    if (!n.ok()) return n.status();
    for (const Row& a : *n) {
      ADWATCH_RETURN_IF_ERROR(DeleteAlertTx(a.Int(0)));
      ++counts->alerts;
    }
  }
  for (size_t b = 0; b < ids.size(); b += 500) {
    Params chunk;
    std::string in = IdList(ids, b, std::min(ids.size(), b + 500), &chunk);
    struct Step {
      const char* table;
      const char* column;
      int64_t* count;
    };
    const Step steps[] = {{"hits", "ad", &counts->hits},         {"sightings", "ad", &counts->sightings},
                          {"ad_phones", "ad", nullptr},          {"ad_places", "ad", nullptr},
                          {"ad_signals", "ad", nullptr},         {"entity_ads", "ad", nullptr},
                          {"ad_versions", "ad", &counts->ad_versions}, {"ads", "id", &counts->ads}};
    for (const Step& s : steps) {
      auto n = db_->Exec(std::string("DELETE FROM ") + s.table + " WHERE " + s.column + " IN " + in, chunk);
      if (!n.ok()) return n.status();
      if (s.count) *s.count += *n;
    }
  }
  return Status::Ok();
}

Status SqlStore::DeleteOrphanPhonesTx(PurgeCounts* counts) {
  const std::string orphan = "(SELECT id FROM phones WHERE id NOT IN (SELECT phone FROM ad_phones))";
  auto s = db_->Exec("DELETE FROM sightings WHERE phone IN " + orphan);
  if (!s.ok()) return s.status();
  counts->sightings += *s;
  ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM entity_phones WHERE phone IN " + orphan).status());
  auto n = db_->Exec("DELETE FROM phones WHERE id NOT IN (SELECT phone FROM ad_phones)");
  if (!n.ok()) return n.status();
  counts->phones += *n;
  // Entities left without ads describe no one any more.
  return db_->Exec("DELETE FROM entities WHERE id NOT IN (SELECT entity FROM entity_ads)").status();
}

Result<PurgeCounts> SqlStore::Purge(const RetentionConfig& r, const std::string& os_user, TimePoint now) {
  PurgeCounts c;
  // Deleted rows are overwritten, not only unlinked (SQLite).
  if (!pg()) ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA secure_delete = ON;"));
  Status st = InTx([&]() -> Status {
    c = PurgeCounts{};
    const Value flagged_cut = T(now - r.flagged_ads);
    // Alerts not updated within the flagged period go first, decided or not
    // (flags without follow-up expire): their ads then fall under the
    // (shorter) unflagged period.
    auto old = db_->Query("SELECT id FROM alerts WHERE updated < $1", {flagged_cut});
    if (!old.ok()) return old.status();
    for (const Row& a : *old) {
      ADWATCH_RETURN_IF_ERROR(DeleteAlertTx(a.Int(0)));
      ++c.alerts;
    }
    ADWATCH_RETURN_IF_ERROR(DeleteAdsTx(std::string("(NOT ") + kFlagged + " AND last_seen < $1) OR (" + kFlagged +
                                            " AND last_seen < $2)",
                                        {T(now - r.unflagged_ads), flagged_cut}, &c));
    ADWATCH_RETURN_IF_ERROR(DeleteOrphanPhonesTx(&c));
    auto mail = db_->Exec("DELETE FROM outbox WHERE state IN (1, 2) AND created < $1", {T(now - r.outbox)});
    if (!mail.ok()) return mail.status();
    c.mail = *mail;
    ADWATCH_RETURN_IF_ERROR(PurgeClassesTx(r, now, &c));
    auto audit = PurgeAuditTx(now - r.audit_log);
    if (!audit.ok()) return audit.status();
    c.audit = *audit;
    ADWATCH_RETURN_IF_ERROR(BumpGenerationTx());
    return AuditTx(os_user, "purge", c.ToString(), now);
  });
  if (!st.ok()) return st;
  if (!pg()) {
    // Give the freed pages back to the file system (auto_vacuum=INCREMENTAL),
    // and fold the WAL into the main file so the old pages are really gone.
    ADWATCH_RETURN_IF_ERROR(db_->ExecScript("PRAGMA incremental_vacuum; PRAGMA wal_checkpoint(TRUNCATE);"));
  }
  return c;
}

Status SqlStore::PurgeClassesTx(const RetentionConfig& r, TimePoint now, PurgeCounts* c) {
  auto sightings = db_->Exec("DELETE FROM sightings WHERE at < $1", {T(now - r.sightings)});
  if (!sightings.ok()) return sightings.status();
  c->sightings += *sightings;
  // Entities are rewritten at each evaluation; one not updated for the
  // period describes ads nobody evaluates any more.
  const Value entity_cut = T(now - r.entities);
  for (const char* table : {"entity_ads", "entity_phones"}) {
    ADWATCH_RETURN_IF_ERROR(db_->Exec(std::string("DELETE FROM ") + table +
                                          " WHERE entity IN (SELECT id FROM entities WHERE updated < $1)",
                                      {entity_cut})
                                .status());
  }
  auto entities = db_->Exec("DELETE FROM entities WHERE updated < $1", {entity_cut});
  if (!entities.ok()) return entities.status();
  c->entities = *entities;
  // Frontier URLs no page linked to for the period (seen_at 0: from before
  // it was recorded, kept until enqueued again); never one under a lease.
  auto frontier = db_->Exec("DELETE FROM frontier WHERE seen_at > 0 AND seen_at < $1 AND "
                            "(lease_owner IS NULL OR lease_expiry <= $2)",
                            {T(now - r.frontier), T(now)});
  if (!frontier.ok()) return frontier.status();
  c->frontier_urls = *frontier;
  // Evaluation counts by whole years: a year goes once all of it is older
  // than the period.
  const std::chrono::sys_seconds cut(std::chrono::seconds(ToUnixSeconds(now - r.statistics)));
  const std::chrono::year_month_day cut_day(std::chrono::floor<std::chrono::days>(cut));
  const int64_t cut_year = static_cast<int>(cut_day.year());
  auto stats = db_->Exec("DELETE FROM evaluation_counts WHERE year < $1", {I(cut_year)});
  if (!stats.ok()) return stats.status();
  c->statistics = *stats;
  return Status::Ok();
}

Status SqlStore::BumpGenerationTx() {
  return db_->Exec("UPDATE store_state SET value = value + 1 WHERE name = 'generation'", {}).status();
}

Result<int64_t> SqlStore::StoreGeneration() {
  auto rows = db_->Query("SELECT value FROM store_state WHERE name = 'generation'", {});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Corruption("store: no generation row in store_state");
  return rows->front().Int(0);
}

}  // namespace adwatch::store_internal
