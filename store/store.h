// Store: everything adwatch keeps, behind one interface with two backends
// that pass the same conformance suite: SQLite (embedded default; WAL, busy
// timeout, one writer) and PostgreSQL (production; several crawler hosts may
// share one frontier).
//
// Contract shared by every method:
// - Never throws. Errors are Status codes: kIoError (database), kUnavailable
//   (locked/busy, try again), kNotFound, kInvalidArgument, kFailedPrecondition
//   (lease lost, store made by a newer adwatch). Messages name the database
//   (file path or host/dbname), never a password, phone number or ad text.
// - Every write method is ONE transaction: it is applied whole or not at all,
//   so a kill -9 at any moment loses nothing committed and duplicates nothing.
// - Writes are idempotent upserts: repeating a call with the same input leaves
//   the same state (an ad upserted twice is one ad, "unchanged" the 2nd time).
// - Times are stored as unix seconds (sub-second parts are dropped).
// - A Store object is used from one thread at a time; open one per thread or
//   process (each holds its own connection).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config.h"
#include "core/ad.h"
#include "core/alert.h"
#include "core/clock.h"
#include "core/env.h"
#include "core/signal.h"
#include "core/status.h"

namespace adwatch {

// ---------------------------------------------------------------- frontier
enum class UrlKind { kListing = 0, kDetail = 1, kApi = 2 };
const char* ToString(UrlKind k);

// HTTP validators of the last good fetch of a URL.
struct Validators {
  std::string etag;
  std::string last_modified;
  std::string content_hash;  // hex SHA-256 of the body
};

// A URL to (re)fetch. Enqueue of a known URL never takes a lease away; it
// only raises the priority and moves next_due earlier, and only if the URL
// was not completed in `cycle` already (so a page found twice in one cycle
// is fetched once). Either way the URL counts as planned in `cycle`
// (CycleCoverage).
struct FrontierEntry {
  std::string site;
  std::string url;
  UrlKind kind = UrlKind::kDetail;
  int priority = 0;        // higher first
  TimePoint next_due{};    // not leased before this time
};

struct LeasedUrl {
  std::string site;
  std::string url;
  UrlKind kind = UrlKind::kDetail;
  int priority = 0;
  int attempts = 0;        // failed attempts so far
  std::string last_error;
  TimePoint lease_expiry{};
  Validators validators;   // empty if never fetched
};

struct FrontierCounts {
  int64_t total = 0;
  int64_t due = 0;         // due now and not leased
  int64_t leased = 0;      // lease still valid
  int64_t failing = 0;     // attempts > 0
};

// How much of a cycle was seen. A URL is "planned" in the cycle it was last
// enqueued in (start pages at the cycle's begin, links found on pages fetched
// in it); it is "fetched" when a worker completed it with an answer in that
// cycle (2xx; for detail pages also 304 and 404/410). Listing pages that are
// no longer linked from anywhere are not planned, so their failures do not
// count. Only a complete cycle may make ads vanish (crawler/crawl.h).
struct CycleCoverage {
  int64_t listing_planned = 0;
  int64_t listing_fetched = 0;
  int64_t listing_leased = 0;   // planned, not fetched, under a valid lease now (another worker)
  int64_t detail_planned = 0;   // detail and api URLs
  int64_t detail_fetched = 0;
  bool swept = false;           // the vanish sweep ran for the cycle (SweepVanished)
  bool ListingComplete() const { return listing_planned > 0 && listing_fetched == listing_planned; }
  bool DetailComplete() const { return detail_fetched == detail_planned; }
};

// Per-site crawl cycle; a cycle not finished is resumed after a restart.
struct CycleState {
  int64_t cycle = 0;       // 1, 2, …
  TimePoint started{};
  std::optional<TimePoint> finished;
  // As recorded by FinishCycle (an unfinished cycle: only `swept`; see
  // Store::GetCycleCoverage for its coverage so far).
  CycleCoverage coverage;
};

struct SiteCounters {
  int64_t ads_known = 0;   // ads stored for the site
  int64_t ads_live = 0;    // not vanished
  int64_t pages_fetched = 0;
  std::map<std::string, int64_t> errors;  // error class ("http-5xx", "timeout", …) → count
};

// ---------------------------------------------------------------- ads
struct AdUpsertResult {
  AdKey key;
  AdEvent event = AdEvent::kNew;  // kNew, kChanged or kUnchanged
  std::string content_hash;       // core/ad.h ContentHash
};

// One crawl batch, applied in ONE transaction (the unit of crash consistency).
struct CrawlBatch {
  std::string site;
  int64_t cycle = 0;
  std::vector<Ad> ads;                    // upserted; all must be of `site`
  std::vector<std::string> listed_ids;    // ad ids seen on listing pages this cycle
  std::vector<FrontierEntry> discovered;  // enqueued (see FrontierEntry)
  struct Done {
    std::string url;
    std::string worker;
    TimePoint next_due{};                 // when to fetch it again
    Validators validators;
    bool fetched = true;                  // false: completed unfetched (robots.txt disallows it)
    bool not_modified = false;            // 304: the ad of this URL was seen (live again, last_seen = now)
    std::string ad_id;                    // the ad extracted from this URL, remembered for later 304s
  };
  std::vector<Done> completed;            // Complete() for each
};

struct AdVersion {
  std::string content_hash;
  Ad ad;
  TimePoint first_seen{};
};

// ---------------------------------------------------------------- signals
// A phone or entity seen in a place at a time (for touring signals).
struct Sighting {
  std::string phone_e164;   // empty for entity sightings
  std::string entity_id;    // empty for phone sightings
  Place place;
  AdKey ad;
  TimePoint at{};
};

// An ad with its latest version and the signals last saved for it.
struct AdRecord {
  Ad ad;
  std::string content_hash;
  TimePoint first_seen{};
  TimePoint last_seen{};
  bool live = true;
  std::optional<TimePoint> vanished_at;
  bool has_signals = false;     // false until SaveAdSignals
  std::string signals_hash;     // version the signals were computed on
  std::string rules_version;
  AdSignals signals;
  // Minimised (Store::MinimiseAds): ad.text holds the template fingerprint,
  // ad.name the name token, title/photos/price/posted are gone, phones in
  // signals are "p:<pseudonym>" unless another ad still needs the number.
  bool minimised = false;
};

// What a minimised ad keeps for linking (app/minimise.h).
struct MinimisedAd {
  AdKey key;
  std::string content_hash;   // the version it was made from; the ad is skipped if it changed since
  std::string fingerprint;    // crossad.h TemplateFingerprint: keyed word tokens
  std::string name_token;     // keyed token of the name; "" for none
};

// A group of ads linked by shared phones or phrasing (matcher II).
struct StoredEntity {
  std::string id;
  std::vector<AdKey> ads;
  std::vector<std::string> phones;   // E.164
  double score = 0;
  Severity severity = Severity::kNone;
  std::vector<Contribution> contributions;
  TimePoint updated{};
};

// ---------------------------------------------------------------- alerts
struct AlertUpsert {
  int64_t id = 0;
  bool created = false;               // a new alert, not an update of an open one
  Severity previous = Severity::kNone;  // severity before this update
  bool kept_closed = false;           // the subject is dismissed or closed and nothing new came: id is that alert
  int64_t reopened_from = 0;          // created because new evidence reopened this closed alert's subject
};

struct AlertQuery {
  std::vector<AlertState> states;     // empty = all
  std::string municipality;           // empty = all
  std::optional<TimePoint> updated_since;
  int limit = 1000;
};

struct AlertStateChange {
  AlertState from = AlertState::kNew;
  AlertState to = AlertState::kNew;
  std::string who;                    // OS user or "adwatch"
  std::string note;
  TimePoint at{};
};

struct AlertOutcome {
  Outcome outcome = Outcome::kNone;
  std::string who;
  std::string note;
  std::string forwarded_to;           // "doorgezet naar": the organisation, or empty
  TimePoint at{};
  std::string registration;           // the receiving organisation's number (Veilig Thuis), or empty
  std::optional<TimePoint> passed_on; // the day it was passed on
  std::optional<TimePoint> look_again;  // the day to look at the subject again
  std::string reason;                 // why an earlier assessment was changed; empty for the first
};

enum class MailState { kQueued = 0, kSent = 1, kFailed = 2 };
const char* ToString(MailState s);

struct OutboxMessage {
  std::string message_id;             // RFC 5322 Message-ID, unique
  std::vector<std::string> recipients;
  std::string subject;
  std::string body;                   // the full MIME message; must be valid UTF-8 (7-bit MIME is)
  std::vector<int64_t> alert_ids;     // alerts the message reports
  MailState state = MailState::kQueued;
  int attempts = 0;
  TimePoint next_attempt{};
  std::string last_error;
  TimePoint created{};
};

// Append-only, and tamper-evident: each row stores the hash of the row
// before it and its own hash (HMAC-SHA256 under the pseudonym key over
// prev_hash and the row's canonical content), so an edited, inserted or
// deleted row breaks the chain (VerifyAudit). `detail`, `record` and
// `reason` must carry no phone number, name or ad text.
struct AuditEntry {
  int64_t id = 0;                     // assigned by the store
  TimePoint time{};
  std::string os_user;                // the Unix user of the process
  std::string action;                 // "digest-sent", "export", "forget", "alerts-lookup", "config-reload", "purge", …
  std::string detail;
  std::string user{};                 // the signed-in user (console, reviewer name); empty = os_user acted
  std::string record{};               // which record: "alert:12", "ad:site/id", "message:<id>", "phone" (never the number)
  std::string reason{};               // why, where a reason is asked
  std::string prev_hash{};            // set by the store (ignored by AppendAudit)
  std::string hash{};                 // set by the store (ignored by AppendAudit)
};

struct AuditQuery {
  std::optional<TimePoint> since;
  std::optional<TimePoint> until;
  std::string action;                 // empty = all
  int limit = 1000;
  std::string user{};                 // empty = all; else os_user or user equals it
  std::string record{};               // empty = all; else record equals it
};

// The result of checking the audit log's hash chain from its anchor (the
// hash of the last row purged, or "") to its recorded head.
struct AuditVerdict {
  bool ok = true;
  int64_t rows = 0;                   // rows checked
  int64_t first_bad_id = 0;           // the first row whose link is broken; 0 if none (or the tail is missing)
  std::string problem;                // what is wrong, for people; empty if ok
};

// ---------------------------------------------------------------- console accounts (console/)
// A local or single-sign-on account of the review console. Roles:
// "coordinator" (its municipalities), "regional" (all), "dpo", "admin".
struct ConsoleUser {
  std::string name;
  std::string role;
  std::vector<std::string> municipalities;
  std::string password_hash;          // Argon2id (libsodium crypto_pwhash_str); empty = SSO only
  std::string totp_secret;            // base32 (RFC 6238); empty = no second factor
  bool disabled = false;
  int failures = 0;                   // failed sign-ins since the last success
  std::optional<TimePoint> locked_until;
  TimePoint created{};
};

// A signed-in session. Only the hash of the session id is stored.
struct ConsoleSession {
  std::string id_hash;                // hex SHA-256 of the cookie's id
  std::string user;
  std::string csrf;                   // the session's form token
  TimePoint created{};
  TimePoint last_seen{};
};

// ---------------------------------------------------------------- retention, subject rights
struct PurgeCounts {
  int64_t ads = 0;
  int64_t ad_versions = 0;
  int64_t hits = 0;
  int64_t sightings = 0;
  int64_t phones = 0;
  int64_t alerts = 0;
  int64_t mail = 0;
  int64_t audit = 0;
  int64_t frontier_urls = 0;          // crawl frontier URLs not found again within retention.frontier
  int64_t entities = 0;
  int64_t statistics = 0;             // evaluation count rows of years past retention.statistics
  std::string ToString() const;       // "ads=3 ad_versions=4 …"
};
// A message that reported on an erased person: its recipients must be told
// of the erasure (GDPR art. 17(2), 19).
struct MailNotice {
  std::string message_id;
  std::vector<std::string> recipients;
  MailState state = MailState::kQueued;  // queued or failed: it never reached them
  TimePoint created{};
  std::optional<TimePoint> sent;
};

struct ForgetCounts : PurgeCounts {
  int64_t frontier = 0;               // crawl frontier URLs of the erased ads
  int64_t alerts_redacted = 0;        // alerts about others (entities) with the person cut out
  int64_t entities_redacted = 0;
  std::vector<MailNotice> mailed;     // messages about the person, now deleted from the outbox
};

// Whether `text` (plain or a quoted-printable MIME message) mentions the
// number (its last nine digits in a run of ASCII digits with separators,
// any national or international form) or one of `urls`.
bool MentionsPerson(const std::string& text, const std::string& e164, const std::vector<std::string>& urls);

// ---------------------------------------------------------------- statistics
// Anonymous counts for the policy plan's yearly evaluation: alerts per
// municipality, quarter, indicator (category and rule), latest outcome and
// destination passed on. An alert is counted into a stored table when it is
// deleted (purge, forget), so the counts outlive the data; live alerts are
// counted on the fly. One alert gives one row per municipality with
// category = rule = "" (count alerts there) and one per distinct rule.
struct EvaluationRow {
  int year = 0;
  int quarter = 0;                    // 1-4, of the alert's creation (UTC)
  std::string municipality;           // "" if the alert named none
  std::string category;
  std::string rule;                   // "" (with category ""): the alert itself
  std::string outcome;                // ToString(Outcome) of the latest, or "dismissed" / "undecided"
  std::string forwarded_to;           // of the latest outcome
  int64_t alerts = 0;
};

// ---------------------------------------------------------------- the store, by concern
// The store is one object (SqlStore) seen through narrow interfaces, one per
// concern; a component takes only the one(s) it uses (or the view below made
// for it), so a unit test's fake implements only those. The contract at the
// top of this file holds for every method of every interface.

// The crawl frontier, cycles and per-site counters (crawler/).
class FrontierStore {
 public:
  virtual ~FrontierStore() = default;

  // --- frontier (crawler)
  virtual Status Enqueue(const std::vector<FrontierEntry>& entries, int64_t cycle, TimePoint now) = 0;
  // Atomically takes up to n due, unleased (or lease-expired) URLs of `site`
  // ("" = any site), highest priority and earliest due first, and leases them
  // to `worker` until now + lease_for. PostgreSQL: FOR UPDATE SKIP LOCKED, so
  // concurrent workers never get the same URL.
  virtual Result<std::vector<LeasedUrl>> Lease(const std::string& site, const std::string& worker, int n,
                                               Duration lease_for, TimePoint now) = 0;
  // Completes a leased URL: clears the lease, records `cycle` as done, stores
  // the validators and the next due time. kFailedPrecondition if `worker` no
  // longer holds the lease (it expired and another worker took it).
  virtual Status Complete(const std::string& site, const std::string& url, const std::string& worker,
                          int64_t cycle, TimePoint next_due, const Validators& v, TimePoint now) = 0;
  // A failed fetch: attempts+1, last_error, lease cleared, due again at retry_at.
  // Counts one error of `error_class` for the site. Same lease check as Complete.
  virtual Status Fail(const std::string& site, const std::string& url, const std::string& worker,
                      const std::string& error_class, const std::string& error, TimePoint retry_at) = 0;
  // Drops every lease held by `worker` (graceful shutdown).
  virtual Status ReleaseLeases(const std::string& worker) = 0;
  virtual Result<Validators> GetValidators(const std::string& site, const std::string& url) = 0;
  virtual Result<FrontierCounts> CountFrontier(const std::string& site, TimePoint now) = 0;

  // --- cycles and counters (crawler)
  // Returns the unfinished cycle of the site if there is one (resume after a
  // crash), else starts cycle last+1 at `now`.
  virtual Result<CycleState> BeginCycle(const std::string& site, TimePoint now) = 0;
  // Marks the cycle finished and records its coverage as it stands.
  virtual Status FinishCycle(const std::string& site, int64_t cycle, TimePoint now) = 0;
  // The coverage of the site's current cycle, from the frontier (only the
  // newest cycle can be computed; older ones are in LastCycle's record).
  virtual Result<CycleCoverage> GetCycleCoverage(const std::string& site, int64_t cycle, TimePoint now) = 0;
  virtual Result<std::optional<CycleState>> LastCycle(const std::string& site) = 0;
  virtual Status AddPagesFetched(const std::string& site, int64_t n) = 0;
  virtual Result<SiteCounters> GetSiteCounters(const std::string& site) = 0;
};

// Writing ads as they are crawled (crawler/).
class AdWriter {
 public:
  virtual ~AdWriter() = default;

  // --- ads (crawler)
  // Upserts the ads in ONE transaction. A changed ad keeps its old version in
  // ad_versions (keyed by content hash); the ad row points to the newest.
  // Result order follows `ads`. An ad seen again after vanishing is live again.
  virtual Result<std::vector<AdUpsertResult>> UpsertAds(const std::vector<Ad>& ads, TimePoint now) = 0;
  // Enqueue + UpsertAds + MarkListed + Complete of one batch, ONE transaction.
  // A lost lease in `completed` fails the whole batch (kFailedPrecondition).
  // A completed URL with not_modified revives its vanished ad (the ad id it
  // was last completed with, else the ad whose URL it is).
  virtual Result<std::vector<AdUpsertResult>> ApplyCrawlBatch(const CrawlBatch& batch, TimePoint now) = 0;
  virtual Status MarkListed(const std::string& site, const std::vector<std::string>& ids, int64_t cycle) = 0;
  // Live ads of `site` not listed in the last `vanish_after_cycles` cycles
  // (listed cycle <= cycle - vanish_after_cycles) become vanished at `now`.
  // Ads never passed to MarkListed are never swept. Records that the cycle
  // was swept. The caller decides that the cycle was complete (coverage).
  virtual Result<std::vector<AdKey>> SweepVanished(const std::string& site, int64_t cycle,
                                                   int vanish_after_cycles, TimePoint now) = 0;
};

// Reading stored ads and their versions.
class AdReader {
 public:
  virtual ~AdReader() = default;

  // --- reading ads (alerts, console, app)
  virtual Result<AdRecord> LoadAd(const AdKey& key) = 0;   // kNotFound if unknown
  virtual Result<std::vector<AdVersion>> LoadAdVersions(const AdKey& key) = 0;  // oldest first
  // Calls fn for every live ad (latest version + signals), ordered by site, id.
  // Stops at and returns the first non-OK Status from fn.
  virtual Status ForEachLiveAd(const std::function<Status(const AdRecord&)>& fn) = 0;
  // Calls fn for every ad a running cross-ad index still holds: every live
  // ad, and every vanished ad last seen at or after `vanished_since` (the
  // index keeps those until CrossAdIndex::Expire). Ordered by site, id; read
  // in keyset pages, so memory stays bounded and fn may call the store
  // itself (also to drop the ad). Stops at and returns fn's first non-OK Status.
  virtual Status ForEachAdLiveOrSeenSince(TimePoint vanished_since,
                                          const std::function<Status(const AdRecord&)>& fn) = 0;
};

// The matcher's signals, sightings and cross-ad entities; pseudonyms.
class SignalStore {
 public:
  virtual ~SignalStore() = default;

  // --- signals (matcher, matcher II)
  // Replaces the signals of the ad (phones + links, places, hits with
  // evidence, ages, score) with `signals`, computed on version `content_hash`
  // by rules `rules_version`; adds a sighting per (phone, place) not seen
  // before for this ad, at `now`. kNotFound if the ad is unknown.
  virtual Status SaveAdSignals(const AdKey& key, const std::string& content_hash, const AdSignals& signals,
                               const std::string& rules_version, TimePoint now) = 0;
  virtual Result<std::vector<Sighting>> LoadSightings(TimePoint since) = 0;
  // Live ads linked to a phone (E.164).
  virtual Result<std::vector<AdKey>> AdsWithPhone(const std::string& e164) = 0;
  // Replaces ALL entities (a full rebuild of cross-ad signals) in one transaction.
  virtual Status ReplaceEntities(const std::vector<StoredEntity>& entities, TimePoint now) = 0;
  virtual Result<std::vector<StoredEntity>> LoadEntities() = 0;
  // The keyed pseudonym (HMAC-SHA256 hex) of an E.164 number: the only form a
  // number may take in logs, exports to others and digests. A number the
  // store keeps only as its pseudonym reads "p:<pseudonym>" (minimised ads);
  // its pseudonym is that.
  virtual std::string Pseudonym(const std::string& e164) const = 0;
};

// Alerts, their history and outcomes, and their yearly counts.
class AlertStore {
 public:
  virtual ~AlertStore() = default;

  // --- alerts (alerts)
  // The subject of `a` is a.subject_key and a.members: an earlier alert with
  // the same key or any same member is about the same subject, whatever its
  // key is now (entity ids change with rebuilds and re-linking). If the
  // subject has an open alert (new, sent or acknowledged), that one is updated
  // (score, severity, municipalities, contributions, key; members replaced by a's;
  // municipalities only if no person re-routed it, see SetAlertMunicipalities). If
  // its latest alert is dismissed or assessed (an outcome recorded), nothing
  // changes (kept_closed) unless `a` brings new evidence: an ad not among its
  // members, a rule not among its contributions, or a higher severity; then,
  // as for a subject closed because its ads were gone, a new alert is created
  // with reopened_from set and a history note naming the earlier one.
  // Otherwise a new alert. a.id, a.state and a.reopened_from are ignored. A
  // new alert gets a history entry none→new by "adwatch".
  virtual Result<AlertUpsert> UpsertAlert(const Alert& a, TimePoint now) = 0;
  virtual Result<Alert> GetAlert(int64_t id) = 0;
  virtual Result<std::vector<Alert>> ListAlerts(const AlertQuery& q) = 0;  // newest first
  // Records the change with who/when/note in the state history.
  virtual Status SetAlertState(int64_t id, AlertState to, const std::string& who, const std::string& note,
                               TimePoint now) = 0;
  virtual Result<std::vector<AlertStateChange>> AlertHistory(int64_t id) = 0;  // oldest first
  virtual Status RecordOutcome(int64_t id, const AlertOutcome& o) = 0;
  virtual Result<std::vector<AlertOutcome>> AlertOutcomes(int64_t id) = 0;     // oldest first

  // Re-routes an alert to other municipalities ("verkeerde gemeente"); the
  // history gets an entry (same state) with who, when and the note. The
  // re-route sticks: later UpsertAlert updates of the alert, and an alert that
  // reopens its subject, keep these municipalities until the next re-route.
  virtual Status SetAlertMunicipalities(int64_t id, const std::vector<std::string>& municipalities,
                                        const std::string& who, const std::string& note, TimePoint now) = 0;

  // --- statistics (`adwatch report evaluation`)
  // Stored counts of deleted alerts plus the live alerts, for alerts created
  // in `year`, merged on all dimensions, sorted.
  virtual Result<std::vector<EvaluationRow>> EvaluationCounts(int year) = 0;
};

// Console accounts and sessions (console/).
class UserStore {
 public:
  virtual ~UserStore() = default;

  // --- console accounts and sessions (console/)
  // Inserts or replaces the account `u.name` (created is kept on replace).
  virtual Status SaveUser(const ConsoleUser& u, TimePoint now) = 0;
  virtual Result<ConsoleUser> GetUser(const std::string& name) = 0;  // kNotFound if unknown
  virtual Result<std::vector<ConsoleUser>> ListUsers() = 0;          // by name
  // Inserts the session or updates its last_seen.
  virtual Status SaveSession(const ConsoleSession& s) = 0;
  virtual Result<ConsoleSession> GetSession(const std::string& id_hash) = 0;  // kNotFound if unknown
  // Deletes one session (id_hash) or every session of a user (user, id_hash empty).
  virtual Status DeleteSessions(const std::string& id_hash, const std::string& user) = 0;
  // Deletes the sessions last seen before `idle_before` or created before `created_before` (expired).
  virtual Status DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) = 0;
};

// The mail outbox (alerts/).
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // --- mail outbox (alerts)
  // Idempotent on message_id (a second enqueue of the same id is a no-op).
  virtual Status EnqueueMail(const OutboxMessage& m, TimePoint now) = 0;
  // Queued messages with next_attempt <= now, oldest first.
  virtual Result<std::vector<OutboxMessage>> DueMail(TimePoint now, int limit) = 0;
  // Call only after the server's 250 for the message. Also appends the audit
  // entry "digest-sent" (recipients, alert ids) as `os_user`, in the same
  // transaction: the alerts code must not append its own.
  virtual Status MarkMailSent(const std::string& message_id, const std::string& os_user, TimePoint now) = 0;
  // attempts+1; permanent=true marks it failed, else it is due again at retry_at.
  virtual Status MarkMailFailed(const std::string& message_id, const std::string& error, bool permanent,
                                TimePoint retry_at) = 0;
  virtual Result<OutboxMessage> GetMail(const std::string& message_id) = 0;
  // Messages whose Message-ID starts with `id_prefix`, created at or after
  // `since`, in any state, oldest first (the hour of immediate mail a rate
  // limit counts, whichever process queued it).
  virtual Result<std::vector<OutboxMessage>> MailCreatedSince(const std::string& id_prefix, TimePoint since) = 0;
};

// The audit log (everyone).
class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // --- audit log (append-only; everyone)
  virtual Status AppendAudit(const AuditEntry& e) = 0;  // e.id ignored
  virtual Result<std::vector<AuditEntry>> ListAudit(const AuditQuery& q) = 0;  // oldest first
  // Walks the whole chain; reports the first broken link: a changed row
  // (its hash does not match its content), a deleted or inserted row (its
  // prev_hash does not match the row before), or missing rows at the end
  // (the last row is not the recorded head).
  virtual Result<AuditVerdict> VerifyAudit() = 0;
};

// Retention, data-subject rights, minimisation, scope and the erasure
// generation (app/ commands and the daemon's maintenance).
class PrivacyStore {
 public:
  virtual ~PrivacyStore() = default;

  // --- retention (daemon daily, `adwatch purge`)
  // Deletes for real: ads (with versions, hits, sightings, links) whose
  // last_seen is older than r.unflagged_ads, or r.flagged_ads for ads linked
  // to an alert (alerts about a deleted ad go with it); alerts (any state)
  // not updated within r.flagged_ads;
  // sent/failed mail older than r.outbox; phones no longer linked to any ad;
  // sightings older than r.sightings; entities not updated within
  // r.entities; frontier URLs (not leased) not enqueued again within
  // r.frontier; evaluation counts of years ended before now - r.statistics;
  // audit entries older than r.audit_log (the oldest rows, the chain's
  // anchor moves with them). Each deleted alert is first counted in
  // the evaluation statistics (EvaluationCounts). SQLite space is reclaimed
  // (secure_delete, incremental vacuum). Appends an audit entry "purge" with the counts.
  virtual Result<PurgeCounts> Purge(const RetentionConfig& r, const std::string& os_user, TimePoint now) = 0;

  // --- data-subject rights (`adwatch export|forget --phone`)
  // Everything held about the number: {"phone", "pseudonym", "ads": [{site,
  // id, url, first_seen, last_seen, live, versions: [...], hits: [...],
  // places: [...]}], "sightings": [...], "entities": [...], "alerts": [...]}.
  // Appends audit "export" (pseudonym-free counts only). kNotFound if the
  // store holds nothing about the number.
  virtual Result<nlohmann::json> ExportPhone(const std::string& e164, const std::string& os_user,
                                             TimePoint now, const std::string& reason = {}) = 0;
  // Erases the number and every ad that carries it, in one transaction:
  // the ads with versions, hits, places, sightings and their crawl frontier
  // URLs; alerts about those ads; the number itself; the person's ads,
  // number and URLs cut out of entities and entity alerts about others (their
  // contributions redacted); every outbox message that reported on the
  // person (by alert id, URL or number), returned in `mailed` so its
  // recipients can be told. Appends audit "forget" with the counts and the
  // message ids told (neither number nor pseudonym), with `reason`.
  virtual Result<ForgetCounts> ForgetPhone(const std::string& e164, const std::string& os_user,
                                           TimePoint now, const std::string& reason = {}) = 0;
  // The same for one ad by URL (its canonical URL or a frontier URL that
  // yielded it): the ad, its frontier entry, alerts about it, its URL in
  // others' alerts and the messages about it; its numbers only if no other
  // ad carries them. kNotFound if nothing is held under the URL.
  virtual Result<ForgetCounts> ForgetAd(const std::string& url, const std::string& os_user, TimePoint now,
                                        const std::string& reason = {}) = 0;

  // --- minimisation (privacy, [minimise])
  // Ads not minimised yet, after `after` in (site, id) order, whose current
  // version was first seen before `before` and that no alert names (as its
  // subject, through an entity, or as a member; any state): up to `limit`
  // records, text and all, for the caller to fingerprint.
  virtual Result<std::vector<AdRecord>> MinimiseCandidates(TimePoint before, const AdKey& after, int limit) = 0;
  // Minimises the ads, one transaction, each unless it changed (content
  // hash), was minimised already or an alert names it by now: its older
  // versions are deleted; the current one keeps site, id, URL, city and
  // region, with the fingerprint as text and the name token as name (title,
  // name, age, phones, price, posted and photos gone); its hits keep rule,
  // category, weight and severity, not their evidence; the raw phone text
  // goes, and a number no unminimised ad carries is kept only as
  // "p:<pseudonym>". Bumps the generation if any ad was minimised (the
  // daemon's index reloads them in their new form). Returns how many.
  virtual Result<int64_t> MinimiseAds(const std::vector<MinimisedAd>& ads, TimePoint now) = 0;
  virtual Result<int64_t> CountMinimised() = 0;

  // --- scope (privacy, [scope])
  // Forgets an ad found, after analysis, to lie outside the region: the ad
  // with its versions, signals, sightings and alerts goes (numbers left
  // without an ad too), and every frontier URL that yielded it stays only as
  // a keyed hash (FrontierUrlHash) with its validators and due time. Such a
  // row is never leased; Enqueue of the same URL before the due time is
  // skipped, at or after it the URL comes back in clear with its validators
  // (a conditional fetch), and a 304 for a URL whose ad the store does not
  // hold hashes it again. Does not bump the generation (the caller drops the
  // ad from its own memory). OK if the ad is unknown; an ad an alert names
  // (subject, entity or member) is kept as evidence, as it was.
  virtual Status DropOutOfScope(const AdKey& key, TimePoint now) = 0;
  // Frontier URLs held only as a keyed hash (ads outside the scope).
  virtual Result<int64_t> CountOutOfScope() = 0;

  // --- erasure reaching running processes
  // A counter bumped in the same transaction as every erasure (ForgetPhone,
  // ForgetAd, Purge): a process that keeps store data in memory (the daemon's
  // cross-ad index) compares it before using that data and reloads when it
  // moved, so it never writes back what was erased.
  virtual Result<int64_t> StoreGeneration() = 0;
};

// ---------------------------------------------------------------- views per component
// What the crawler writes and reads: frontier, ads, its cycle audit entries.
class CrawlStore : public virtual FrontierStore, public virtual AdWriter, public virtual AuditStore {};

// What alerting reads and writes: alerts, the outbox, the audit log, and the
// ads and entities an alert is about (digests, lifecycle).
class AlertingStore : public virtual AlertStore,
                      public virtual OutboxStore,
                      public virtual AuditStore,
                      public virtual AdReader,
                      public virtual SignalStore {};

// What the review console reads and writes: accounts and sessions, alerts,
// the ads, entities and audit log behind them, crawl state for the dashboard.
class ConsoleStore : public virtual UserStore,
                     public virtual AlertStore,
                     public virtual AuditStore,
                     public virtual AdReader,
                     public virtual SignalStore,
                     public virtual FrontierStore {};

// The whole store (app/ wires it; commands and the daemon use it whole).
class Store : public virtual CrawlStore,
              public virtual AlertingStore,
              public virtual ConsoleStore,
              public virtual PrivacyStore {
 public:
  // "sqlite:/path/adwatch.db" or "postgresql:host/dbname": for messages.
  virtual std::string Describe() const = 0;
  virtual int SchemaVersion() const = 0;
};

// Opens (creating if absent) the store named by `config`, applies pending
// migrations, and refuses a store whose schema is newer than this build
// ("store schema version N is newer than this adwatch (max M): upgrade
// adwatch"). Reads the pseudonym key via ReadSecret(config.pseudonym_key)
// and the PostgreSQL password via ReadSecret(config.password) if set; a
// missing key fails with a message naming the reference (run
// EnsurePseudonymKey or `adwatch check-config` hints at it).
Result<std::unique_ptr<Store>> OpenStore(const StoreConfig& config, const Env& env, const Clock& clock);

// For first runs and demos: if the secret reference names a file ("file:/p"
// or a bare path) that does not exist, creates it with 32 random bytes
// (hex-encoded), mode 0600. Returns OK if the file exists afterwards;
// kInvalidArgument for env:/credential: references (those are the admin's).
Status EnsurePseudonymKey(const std::string& reference, const Env& env);

// The newest schema version this build knows, per backend ("sqlite", "postgresql").
int MaxSchemaVersion(const std::string& backend);

}  // namespace adwatch
