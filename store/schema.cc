// Forward-only schema migrations per backend. Version N is element N-1; an
// applied migration is never edited, a change is a new element. Version 1 is
// written once as a template ({ID}, {INT}, {REAL}) so both backends start
// from the same tables; later migrations may differ per backend.
#include <string>
#include <vector>

#include "store/internal/db.h"

namespace adwatch::store_internal {
namespace {

constexpr const char* kV1 = R"SQL(
CREATE TABLE sites (
  name TEXT PRIMARY KEY,
  pages_fetched {INT} NOT NULL DEFAULT 0
);
CREATE TABLE site_errors (
  site TEXT NOT NULL,
  error_class TEXT NOT NULL,
  count {INT} NOT NULL DEFAULT 0,
  PRIMARY KEY (site, error_class)
);
CREATE TABLE cycles (
  site TEXT NOT NULL,
  cycle {INT} NOT NULL,
  started {INT} NOT NULL,
  finished {INT},
  PRIMARY KEY (site, cycle)
);
CREATE TABLE frontier (
  site TEXT NOT NULL,
  url TEXT NOT NULL,
  kind {INT} NOT NULL,
  priority {INT} NOT NULL DEFAULT 0,
  next_due {INT} NOT NULL,
  lease_owner TEXT,
  lease_expiry {INT},
  attempts {INT} NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  done_cycle {INT} NOT NULL DEFAULT 0,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  content_hash TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site, url)
);
CREATE INDEX frontier_due ON frontier (site, next_due);
CREATE INDEX frontier_owner ON frontier (lease_owner);
CREATE TABLE ads (
  id {ID},
  site TEXT NOT NULL,
  ad_id TEXT NOT NULL,
  url TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  first_seen {INT} NOT NULL,
  last_seen {INT} NOT NULL,
  live {INT} NOT NULL DEFAULT 1,
  vanished_at {INT},
  listed_cycle {INT} NOT NULL DEFAULT 0,
  UNIQUE (site, ad_id)
);
CREATE INDEX ads_last_seen ON ads (last_seen);
CREATE TABLE ad_versions (
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  first_seen {INT} NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (ad, content_hash)
);
CREATE TABLE phones (
  id {ID},
  e164 TEXT NOT NULL UNIQUE,
  pseudonym TEXT NOT NULL UNIQUE
);
CREATE TABLE ad_phones (
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  phone {INT} NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  obfuscated {INT} NOT NULL DEFAULT 0,
  raw TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (ad, phone, field)
);
CREATE INDEX ad_phones_phone ON ad_phones (phone);
CREATE TABLE places (
  id {ID},
  name TEXT NOT NULL,
  municipality TEXT NOT NULL,
  province TEXT NOT NULL,
  country TEXT NOT NULL,
  UNIQUE (name, municipality, province, country)
);
CREATE TABLE ad_places (
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  place {INT} NOT NULL REFERENCES places (id) ON DELETE CASCADE,
  PRIMARY KEY (ad, place)
);
CREATE TABLE ad_signals (
  ad {INT} PRIMARY KEY REFERENCES ads (id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  score {REAL} NOT NULL,
  severity {INT} NOT NULL,
  ages TEXT NOT NULL,
  age_hints TEXT NOT NULL,
  analysed_at {INT} NOT NULL
);
CREATE TABLE hits (
  id {ID},
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  rule TEXT NOT NULL,
  category TEXT NOT NULL,
  severity {INT} NOT NULL,
  weight {REAL} NOT NULL,
  field TEXT NOT NULL,
  span_begin {INT} NOT NULL,
  span_end {INT} NOT NULL,
  evidence TEXT NOT NULL,
  description TEXT NOT NULL,
  rules_version TEXT NOT NULL
);
CREATE INDEX hits_ad ON hits (ad);
CREATE TABLE sightings (
  id {ID},
  phone {INT} REFERENCES phones (id) ON DELETE CASCADE,
  entity TEXT,
  place {INT} NOT NULL REFERENCES places (id) ON DELETE CASCADE,
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  at {INT} NOT NULL,
  UNIQUE (phone, place, ad)
);
CREATE INDEX sightings_at ON sightings (at);
CREATE INDEX sightings_ad ON sightings (ad);
CREATE TABLE entities (
  id TEXT PRIMARY KEY,
  score {REAL} NOT NULL,
  severity {INT} NOT NULL,
  contributions TEXT NOT NULL,
  updated {INT} NOT NULL
);
CREATE TABLE entity_ads (
  entity TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  ad {INT} NOT NULL REFERENCES ads (id) ON DELETE CASCADE,
  PRIMARY KEY (entity, ad)
);
CREATE INDEX entity_ads_ad ON entity_ads (ad);
CREATE TABLE entity_phones (
  entity TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
  phone {INT} NOT NULL REFERENCES phones (id) ON DELETE CASCADE,
  PRIMARY KEY (entity, phone)
);
CREATE TABLE alerts (
  id {ID},
  subject_key TEXT NOT NULL,
  state {INT} NOT NULL,
  severity {INT} NOT NULL,
  score {REAL} NOT NULL,
  municipalities TEXT NOT NULL,
  contributions TEXT NOT NULL,
  created {INT} NOT NULL,
  updated {INT} NOT NULL
);
CREATE INDEX alerts_subject ON alerts (subject_key);
CREATE TABLE alert_history (
  id {ID},
  alert {INT} NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  from_state {INT},
  to_state {INT} NOT NULL,
  who TEXT NOT NULL,
  note TEXT NOT NULL,
  at {INT} NOT NULL
);
CREATE TABLE alert_outcomes (
  id {ID},
  alert {INT} NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  outcome TEXT NOT NULL,
  who TEXT NOT NULL,
  note TEXT NOT NULL,
  forwarded_to TEXT NOT NULL,
  at {INT} NOT NULL
);
CREATE TABLE outbox (
  message_id TEXT PRIMARY KEY,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  alert_ids TEXT NOT NULL,
  state {INT} NOT NULL,
  attempts {INT} NOT NULL DEFAULT 0,
  next_attempt {INT} NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created {INT} NOT NULL,
  finished {INT}
);
CREATE TABLE audit_log (
  id {ID},
  at {INT} NOT NULL,
  os_user TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_at ON audit_log (at);
)SQL";

// Coverage of crawl cycles (see CycleCoverage in store/store.h): which cycle
// a URL was last planned in and fetched in, the ad a detail URL yielded (so
// a 304 can revive it), and each finished cycle's recorded coverage.
constexpr const char* kV2 = R"SQL(
ALTER TABLE frontier ADD COLUMN planned_cycle {INT} NOT NULL DEFAULT 0;
ALTER TABLE frontier ADD COLUMN fetched_cycle {INT} NOT NULL DEFAULT 0;
ALTER TABLE frontier ADD COLUMN ad_id TEXT NOT NULL DEFAULT '';
CREATE INDEX frontier_planned ON frontier (site, planned_cycle);
ALTER TABLE cycles ADD COLUMN listing_planned {INT} NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN listing_fetched {INT} NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN listing_leased {INT} NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN detail_planned {INT} NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN detail_fetched {INT} NOT NULL DEFAULT 0;
ALTER TABLE cycles ADD COLUMN swept {INT} NOT NULL DEFAULT 0;
)SQL";

// The review console (console/): local accounts, sessions (only the hash of
// a session id is stored), and the assessment's details (registration number
// at Veilig Thuis, date passed on, date to look again, why an earlier
// assessment was changed).
constexpr const char* kV3Console = R"SQL(
CREATE TABLE console_users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  municipalities TEXT NOT NULL,
  password_hash TEXT NOT NULL DEFAULT '',
  totp_secret TEXT NOT NULL DEFAULT '',
  disabled {INT} NOT NULL DEFAULT 0,
  failures {INT} NOT NULL DEFAULT 0,
  locked_until {INT},
  created {INT} NOT NULL
);
CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES console_users (name) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created {INT} NOT NULL,
  last_seen {INT} NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_name);
ALTER TABLE alert_outcomes ADD COLUMN registration TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_outcomes ADD COLUMN passed_on {INT};
ALTER TABLE alert_outcomes ADD COLUMN look_again {INT};
ALTER TABLE alert_outcomes ADD COLUMN reason TEXT NOT NULL DEFAULT '';
)SQL";

// Privacy (issue #16): the audit log's actor, record, reason and hash chain
// (audit_chain holds its head, to detect a deleted tail, and its anchor, the
// hash of the last row purged); anonymous evaluation counts that outlive
// the alerts they were counted from.
constexpr const char* kV4Privacy = R"SQL(
ALTER TABLE audit_log ADD COLUMN actor TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN record TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN row_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE audit_chain (
  id {INT} PRIMARY KEY,
  head_id {INT} NOT NULL,
  head_hash TEXT NOT NULL,
  anchor_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, head_id, head_hash, anchor_hash) VALUES (1, 0, '', '');
CREATE TABLE evaluation_counts (
  year {INT} NOT NULL,
  quarter {INT} NOT NULL,
  municipality TEXT NOT NULL,
  category TEXT NOT NULL,
  rule TEXT NOT NULL,
  outcome TEXT NOT NULL,
  forwarded_to TEXT NOT NULL,
  alerts {INT} NOT NULL,
  PRIMARY KEY (year, quarter, municipality, category, rule, outcome, forwarded_to)
);
)SQL";

// Stable alert subjects (see UpsertAlert in store/store.h): the members that
// identify an alert's subject across restarts and re-linking, and the link
// from a reopened subject's alert to the earlier one.
constexpr const char* kV5Members = R"SQL(
CREATE TABLE alert_members (
  alert {INT} NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  member TEXT NOT NULL,
  PRIMARY KEY (member, alert)
);
CREATE INDEX alert_members_alert ON alert_members (alert);
INSERT INTO alert_members (alert, member) SELECT id, subject_key FROM alerts;
ALTER TABLE alerts ADD COLUMN reopened_from {INT} NOT NULL DEFAULT 0;
)SQL";

// The erasure generation (see StoreGeneration in store/store.h).
constexpr const char* kV6Generation = R"SQL(
CREATE TABLE store_state (
  name TEXT PRIMARY KEY,
  value {INT} NOT NULL
);
INSERT INTO store_state (name, value) VALUES ('generation', 0);
)SQL";

// A re-route sticks ("verkeerde gemeente"): the municipalities a person gave
// the alert, as JSON; '' = never re-routed. UpsertAlert keeps them over the
// ones the matcher finds (see store.h).
constexpr const char* kV7Reroute = R"SQL(
ALTER TABLE alerts ADD COLUMN rerouted TEXT NOT NULL DEFAULT '';
)SQL";

// Privacy (issue #16, second part): minimised ads (see Store::MinimiseAds);
// when a frontier URL was last enqueued (retention.frontier; 0 = before this
// version, kept until it is enqueued again).
constexpr const char* kV8Minimise = R"SQL(
ALTER TABLE ads ADD COLUMN minimised {INT} NOT NULL DEFAULT 0;
ALTER TABLE frontier ADD COLUMN seen_at {INT} NOT NULL DEFAULT 0;
CREATE INDEX sightings_phone ON sightings (phone);
)SQL";

// The order of an ad's places as the matcher found them (the first is its
// town: an index reloaded from the store must see the same one).
constexpr const char* kV9PlaceOrder = R"SQL(
ALTER TABLE ad_places ADD COLUMN seq {INT} NOT NULL DEFAULT 0;
)SQL";

// Ingest speed (issue #14), PostgreSQL only: a sealed version (base64 of
// ciphertext, ~2.3 KB for a typical ad) crossed the 2 KB toast threshold, so
// every new ad cost a futile pglz pass over random bytes and a row in the
// toast table with its index. Sealed data never compresses: rows stay inline
// up to the page's limit, and larger ones go out of line uncompressed.
constexpr const char* kV10PgInlineVersions = R"SQL(
ALTER TABLE ad_versions SET (toast_tuple_target = 8160);
ALTER TABLE ad_versions ALTER COLUMN data SET STORAGE EXTERNAL;
)SQL";
constexpr const char* kV10SqliteNothing = "SELECT 1;";  // keeps both backends' versions in step

// Ingest speed (issue #14), PostgreSQL only: versions as bytes. The bulk path
// writes SealBinary's box unencoded (a quarter shorter than base64, and
// nothing for the server to parse: the COPY is binary). Stored values keep
// their bytes ("enc1:" + base64 text, or plain JSON written before sealing),
// so every version still opens; the type change rewrites the table once and
// resets the column's storage, set again.
constexpr const char* kV11PgBinaryVersions = R"SQL(
ALTER TABLE ad_versions ALTER COLUMN data TYPE bytea USING convert_to(data, 'UTF8');
ALTER TABLE ad_versions ALTER COLUMN data SET STORAGE EXTERNAL;
)SQL";
constexpr const char* kV11SqliteNothing = "SELECT 1;";

std::string Fill(std::string s, const std::string& id, const std::string& integer, const std::string& real) {
  auto replace = [&](const std::string& from, const std::string& to) {
    for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
  };
  replace("{ID}", id);
  replace("{INT}", integer);
  replace("{REAL}", real);
  return s;
}

}  // namespace

const std::vector<std::string>& SqliteMigrations() {
  static const std::vector<std::string> m = {
      Fill(kV1, "INTEGER PRIMARY KEY", "INTEGER", "REAL"),
      Fill(kV2, "", "INTEGER", "REAL"),
      Fill(kV3Console, "", "INTEGER", "REAL"),
      Fill(kV4Privacy, "", "INTEGER", "REAL"),
      Fill(kV5Members, "", "INTEGER", "REAL"),
      Fill(kV6Generation, "", "INTEGER", "REAL"),
      Fill(kV7Reroute, "", "INTEGER", "REAL"),
      Fill(kV8Minimise, "", "INTEGER", "REAL"),
      Fill(kV9PlaceOrder, "", "INTEGER", "REAL"),
      kV10SqliteNothing,
      kV11SqliteNothing,
  };
  return m;
}

const std::vector<std::string>& PgMigrations() {
  static const std::vector<std::string> m = {
      Fill(kV1, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV2, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV3Console, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV4Privacy, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV5Members, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV6Generation, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV7Reroute, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV8Minimise, "", "BIGINT", "DOUBLE PRECISION"),
      Fill(kV9PlaceOrder, "", "BIGINT", "DOUBLE PRECISION"),
      kV10PgInlineVersions,
      kV11PgBinaryVersions,
  };
  return m;
}

}  // namespace adwatch::store_internal
