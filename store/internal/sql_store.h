// SqlStore: the one implementation of Store, over the Db interface that the
// SQLite and PostgreSQL adapters provide. Each public write method is one
// transaction built from the *Tx helpers, which run inside an open one.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "store/internal/db.h"
#include "store/store.h"

namespace adwatch::store_internal {

// "SELECT <an ad with its current version> FROM ads a JOIN ad_versions v ": for ReadAdRow.
extern const char* const kAdColumns;

// "No alert names the ad `a`": as its subject, through an entity it belongs
// to, or as a member (any state; purge ends an alert's retention).
extern const char* const kNoAlert;

// JSON forms used for columns that hold structured values.
nlohmann::json AdToJson(const Ad& ad);
// DumpJson(AdToJson(ad)) written directly (the ingest path: several times
// faster); the same JSON value, invalid UTF-8 replaced by U+FFFD.
std::string AdJsonText(const Ad& ad);
Ad AdFromJson(const nlohmann::json& j);
nlohmann::json ContributionsToJson(const std::vector<Contribution>& cs);
std::vector<Contribution> ContributionsFromJson(const nlohmann::json& j);
// Never throw: invalid UTF-8 is replaced, unparsable text yields null.
std::string DumpJson(const nlohmann::json& j);
nlohmann::json ParseJson(const std::string& s);
// j as T, or T{} if j does not hold a T (corrupt column): never throws.
template <typename T>
T JsonAs(const nlohmann::json& j) {
  try {
    return j.get<T>();
  } catch (const nlohmann::json::exception&) {
    return T{};
  }
}

class SqlStore final : public Store {
 public:
  SqlStore(std::unique_ptr<Db> db, std::string pseudonym_key, int schema_version, const Env& env);

  // Applies pending migrations; refuses a newer schema. Called by OpenStore.
  static Result<int> Migrate(Db& db, const Clock& clock);

  std::string Describe() const override { return db_->Describe(); }
  int SchemaVersion() const override { return schema_version_; }

  Status Enqueue(const std::vector<FrontierEntry>& entries, int64_t cycle, TimePoint now) override;
  Result<std::vector<LeasedUrl>> Lease(const std::string& site, const std::string& worker, int n, Duration lease_for,
                                       TimePoint now) override;
  Status Complete(const std::string& site, const std::string& url, const std::string& worker, int64_t cycle,
                  TimePoint next_due, const Validators& v, TimePoint now) override;
  Status Fail(const std::string& site, const std::string& url, const std::string& worker,
              const std::string& error_class, const std::string& error, TimePoint retry_at) override;
  Status ReleaseLeases(const std::string& worker) override;
  Result<Validators> GetValidators(const std::string& site, const std::string& url) override;
  Result<FrontierCounts> CountFrontier(const std::string& site, TimePoint now) override;
  Result<CycleState> BeginCycle(const std::string& site, TimePoint now) override;
  Status FinishCycle(const std::string& site, int64_t cycle, TimePoint now) override;
  Result<CycleCoverage> GetCycleCoverage(const std::string& site, int64_t cycle, TimePoint now) override;
  Result<std::optional<CycleState>> LastCycle(const std::string& site) override;
  Status AddPagesFetched(const std::string& site, int64_t n) override;
  Result<SiteCounters> GetSiteCounters(const std::string& site) override;

  Result<std::vector<AdUpsertResult>> UpsertAds(const std::vector<Ad>& ads, TimePoint now) override;
  Result<std::vector<AdUpsertResult>> ApplyCrawlBatch(const CrawlBatch& batch, TimePoint now) override;
  Status MarkListed(const std::string& site, const std::vector<std::string>& ids, int64_t cycle) override;
  Result<std::vector<AdKey>> SweepVanished(const std::string& site, int64_t cycle, int vanish_after_cycles,
                                           TimePoint now) override;
  Result<AdRecord> LoadAd(const AdKey& key) override;
  Result<std::vector<AdVersion>> LoadAdVersions(const AdKey& key) override;
  Status ForEachLiveAd(const std::function<Status(const AdRecord&)>& fn) override;
  Status ForEachAdLiveOrSeenSince(TimePoint vanished_since,
                                  const std::function<Status(const AdRecord&)>& fn) override;

  Status SaveAdSignals(const AdKey& key, const std::string& content_hash, const AdSignals& signals,
                       const std::string& rules_version, TimePoint now) override;
  Result<std::vector<Sighting>> LoadSightings(TimePoint since) override;
  Result<std::vector<AdKey>> AdsWithPhone(const std::string& e164) override;
  Status ReplaceEntities(const std::vector<StoredEntity>& entities, TimePoint now) override;
  Result<std::vector<StoredEntity>> LoadEntities() override;
  std::string Pseudonym(const std::string& e164) const override;

  Result<AlertUpsert> UpsertAlert(const Alert& a, TimePoint now) override;
  Result<Alert> GetAlert(int64_t id) override;
  Result<std::vector<Alert>> ListAlerts(const AlertQuery& q) override;
  Status SetAlertState(int64_t id, AlertState to, const std::string& who, const std::string& note,
                       TimePoint now) override;
  Result<std::vector<AlertStateChange>> AlertHistory(int64_t id) override;
  Status RecordOutcome(int64_t id, const AlertOutcome& o) override;
  Result<std::vector<AlertOutcome>> AlertOutcomes(int64_t id) override;
  Status SetAlertMunicipalities(int64_t id, const std::vector<std::string>& municipalities, const std::string& who,
                                const std::string& note, TimePoint now) override;
  Status SaveUser(const ConsoleUser& u, TimePoint now) override;
  Result<ConsoleUser> GetUser(const std::string& name) override;
  Result<std::vector<ConsoleUser>> ListUsers() override;
  Status SaveSession(const ConsoleSession& s) override;
  Result<ConsoleSession> GetSession(const std::string& id_hash) override;
  Status DeleteSessions(const std::string& id_hash, const std::string& user) override;
  Status DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) override;
  Status EnqueueMail(const OutboxMessage& m, TimePoint now) override;
  Result<std::vector<OutboxMessage>> DueMail(TimePoint now, int limit) override;
  Status MarkMailSent(const std::string& message_id, const std::string& os_user, TimePoint now) override;
  Status MarkMailFailed(const std::string& message_id, const std::string& error, bool permanent,
                        TimePoint retry_at) override;
  Result<OutboxMessage> GetMail(const std::string& message_id) override;
  Result<std::vector<OutboxMessage>> MailCreatedSince(const std::string& id_prefix, TimePoint since) override;
  Status AppendAudit(const AuditEntry& e) override;
  Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& q) override;
  Result<AuditVerdict> VerifyAudit() override;
  Result<std::vector<EvaluationRow>> EvaluationCounts(int year) override;

  Result<PurgeCounts> Purge(const RetentionConfig& r, const std::string& os_user, TimePoint now) override;
  Result<nlohmann::json> ExportPhone(const std::string& e164, const std::string& os_user, TimePoint now,
                                     const std::string& reason = {}) override;
  Result<ForgetCounts> ForgetPhone(const std::string& e164, const std::string& os_user, TimePoint now,
                                   const std::string& reason = {}) override;
  Result<ForgetCounts> ForgetAd(const std::string& url, const std::string& os_user, TimePoint now,
                                const std::string& reason = {}) override;
  Result<int64_t> StoreGeneration() override;
  Result<std::vector<AdRecord>> MinimiseCandidates(TimePoint before, const AdKey& after, int limit) override;
  Result<int64_t> MinimiseAds(const std::vector<MinimisedAd>& ads, TimePoint now) override;
  Result<int64_t> CountMinimised() override;
  Status DropOutOfScope(const AdKey& key, TimePoint now) override;
  Result<int64_t> CountOutOfScope() override;

 private:
  // Runs fn inside a write transaction; commits if fn returns OK, else rolls
  // back. Retries a few times when the database is busy (fn must reset its
  // outputs at its start).
  template <typename F>
  Status InTx(F&& fn);

  bool pg() const { return db_->dialect() == Dialect::kPostgres; }
  Status EnqueueTx(const std::vector<FrontierEntry>& entries, int64_t cycle, TimePoint now);
  Status CompleteTx(const std::string& site, const CrawlBatch::Done& d, int64_t cycle, TimePoint now);
  Result<CycleCoverage> CoverageTx(const std::string& site, int64_t cycle, TimePoint now);
  Status UpsertChunkTx(const std::vector<Ad>& ads, size_t b, size_t e, TimePoint now, std::vector<AdUpsertResult>* out);
  Status UpsertAdsTx(const std::vector<Ad>& ads, TimePoint now, std::vector<AdUpsertResult>* out);
  // SQLite: ids for `n` new ads (store/sql_ads.cc); an ad's version sealed for its column.
  Result<std::vector<int64_t>> NewAdIdsTx(size_t n);
  Value SealedVersion(const Ad& ad) const;
  Status MarkListedTx(const std::string& site, const std::vector<std::string>& ids, int64_t cycle);
  Status EnsureSiteTx(const std::string& site);
  Result<int64_t> AdRowId(const AdKey& key);
  Result<int64_t> PhoneIdTx(const std::string& e164);
  Result<int64_t> PlaceIdTx(const Place& p);
  Status LoadSignals(int64_t ad_row, AdRecord* rec);
  Result<AdRecord> ReadAdRow(const Row& r);
  // Every ad matching `where` (SQL over "a", parameters from $3: `params`)
  // with its current version, in keyset pages by site, id (ForEachLiveAd).
  Status ForEachAdWhere(const std::string& where, const Params& params,
                        const std::function<Status(const AdRecord&)>& fn);
  Status AuditTx(const std::string& os_user, const std::string& action, const std::string& detail, TimePoint now);
  // Appends e (at e.time) to the hash chain; locks the chain head first.
  Status AuditTx(const AuditEntry& e);
  // Chains rows written before the chain existed (once, at the first append).
  Status SealAuditTx();
  std::string AuditHash(const std::string& prev_hash, const AuditEntry& e) const;
  // Deletes audit rows older than `cut` (a prefix of the chain) and moves the anchor.
  Result<int64_t> PurgeAuditTx(TimePoint cut);
  Status DeleteAdsTx(const std::string& where, const Params& params, PurgeCounts* counts);
  Status DeleteOrphanPhonesTx(PurgeCounts* counts);
  // Sightings, entities, frontier URLs and evaluation counts past their periods.
  Status PurgeClassesTx(const RetentionConfig& r, TimePoint now, PurgeCounts* counts);
  // Deletes one alert with its history and outcomes, counting it in the
  // evaluation statistics first (so every alert is counted exactly once).
  Status DeleteAlertTx(int64_t id);
  // Erases the ads (row ids) and what mentions them or `e164` (may be
  // empty): see ForgetPhone. Runs inside a transaction.
  Status EraseTx(const std::vector<int64_t>& ads, const std::string& e164, ForgetCounts* c);
  // Adds one alert's anonymous counts to evaluation_counts.
  Status CountAlertTx(int64_t id);
  // Alert subject members (store/sql_alerts.cc), inside a transaction.
  Status AddAlertMembers(int64_t id, const std::vector<std::string>& members);
  Result<std::vector<std::string>> AlertMembersTx(int64_t id);
  Status BumpGenerationTx();
  // Encryption at rest (core/crypto.h) of ad versions, hit evidence, raw
  // phone text and numbers in clear, under a key derived from the pseudonym
  // key: the database file alone reveals none of them. Unseal of a value
  // that does not open gives "" (the store never throws).
  std::string Seal(const std::string& plain) const { return box_.Seal(plain); }
  // For a binary column only (ad_versions.data: SQLite BLOB, PostgreSQL bytea).
  std::string SealBinary(const std::string& plain) const { return box_.SealBinary(plain); }
  std::string Unseal(const std::string& stored) const;
  // Scope (store/sql_scope.cc): the frontier key of a URL kept hashed, and
  // the restore of such a URL when it is enqueued again in clear (false:
  // not due yet, skip it).
  std::string HashedUrl(const std::string& site, const std::string& url) const;
  Result<bool> RestoreHashedUrlTx(const std::string& site, const std::string& url, TimePoint now);
  Status HashFrontierUrlTx(const std::string& site, const std::string& url);

  std::unique_ptr<Db> db_;
  std::string key_;
  SecretBox box_;
  int schema_version_;
  const Env& env_;
};

template <typename F>
Status SqlStore::InTx(F&& fn) {
  Status st;
  for (int attempt = 0; attempt < 4; ++attempt) {
    st = db_->Begin();
    if (st.ok()) {
      st = fn();
      if (st.ok()) st = db_->Commit();
    }
    if (st.ok()) return st;
    db_->Rollback();
    if (st.code() != Status::Code::kUnavailable) return st;
  }
  return st;
}

}  // namespace adwatch::store_internal
