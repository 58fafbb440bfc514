// The configuration of adwatch, as loaded from adwatch.toml and the rule files
// it includes. Plain structs with the defaults an administrator gets when a
// key is absent; config/loader.h turns TOML into these and reports every
// error with file:line:col. Secrets are never held here: only references
// ("env:NAME", "file:/path", "credential:NAME") resolved by ReadSecret().
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/signal.h"

namespace adwatch {

// Where a value came from, for messages that point the administrator at it.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;  // "file:line:col"
};

struct StoreConfig {
  std::string backend = "sqlite";        // "sqlite" or "postgresql"
  std::string path = "adwatch.db";       // sqlite file
  std::string conninfo;                  // libpq connection string, without password
  std::string password;                  // secret reference for the PostgreSQL password
  std::string pseudonym_key = "file:pseudonym.key";  // secret reference for the HMAC key
  Duration busy_timeout = Seconds(5);
};

// How to get one field out of a page: a CSS selector (optionally "@attr"),
// or a JSON pointer, each optionally narrowed by an RE2 capture.
struct FieldRule {
  std::string selector;      // CSS selector, "sel@attr" takes an attribute
  std::string json_pointer;  // "/data/ads/0/title"
  std::string regex;         // RE2 with one capture group
  bool all = false;          // collect every match (phones, photos) instead of the first
  SourcePos pos;
};

struct SiteConfig {
  std::string name;
  std::string kind = "html";        // "html", "json", "embedded-json"
  std::string purpose;              // required: why this site is watched
  std::string legal_basis;          // required: the legal ground recorded per cycle
  std::vector<std::string> start_urls;
  std::vector<std::string> allowed_hosts;  // scope; empty = hosts of start_urls
  bool allow_private_addresses = false;    // SSRF guard opt-out (demo on loopback)
  // With allow_private_addresses: only these address-and-port pairs are
  // exempt from the SSRF guard ("127.0.0.1:8080", "[::1]:8080"); a bare
  // address ("127.0.0.1") is exempt on the ports of start_urls only (their
  // explicit port, else 80/443). Empty = every non-public address, any port.
  std::vector<std::string> allowed_private_addresses;
  bool respect_robots = true;
  std::string robots_opt_out_reason;       // required if respect_robots = false
  std::string region = "NL";               // default region for phone numbers
  SourcePos region_pos;                    // where region was written (else the site's table)
  std::string proxy;                       // overrides crawler.proxy
  Duration recrawl_interval = std::chrono::minutes(15);
  int max_pages_per_cycle = 10000;
  // Listing pages: how to find ad links and the next page.
  FieldRule ad_links;
  FieldRule next_page;
  // Ids of the ads a listing page shows (all values): what marks an ad as
  // still listed this cycle. Without it, only ads whose detail page was
  // fetched count as listed, and detail pages are fetched unconditionally.
  FieldRule listing_ids;
  // Whole ads on the listing page itself (a JSON API that lists complete ads,
  // or an HTML listing without detail pages): each match is one ad, its
  // fields read inside it.
  FieldRule ad_items;
  std::string embedded_json_selector;      // script tag holding the data (embedded-json)
  std::string detail_url_template;         // JSON APIs: detail URL from an id ("{id}")
  std::string next_page_template;          // cursor APIs: next page URL from the next_page value ("{next}")
  std::map<std::string, FieldRule> fields; // id, url, title, text, name, age, city, phones, price, posted, photos
  SourcePos pos;
};

struct CrawlerConfig {
  std::string user_agent = "adwatch/0.1 (+municipal monitoring; contact in config)";
  std::string proxy;                 // http://, socks5h:// ; empty = direct
  int max_in_flight = 64;            // requests in flight over all hosts
  int per_host_in_flight = 2;
  Duration min_delay = std::chrono::milliseconds(1000);  // between requests to one host
  double global_rate = 20;           // requests per second over all hosts
  Duration connect_timeout = Seconds(10);
  Duration timeout = Seconds(30);
  int64_t max_body_bytes = 5 << 20;
  int64_t max_decoded_bytes = 20 << 20;
  int max_redirects = 5;
  int max_retries = 3;
  int vanish_after_cycles = 2;       // not listed this many cycles = vanished
  // The work on one page, on the worker pool (crawler/page_budget.h).
  int64_t max_page_bytes = 8 << 20;  // decoded body given to the parser
  int max_page_depth = 1000;         // HTML element nesting
  int64_t max_page_elements = 100000;  // HTML start tags
  Duration max_page_cpu = std::chrono::seconds(2);  // parse + extraction, thread CPU time
  int worker_threads = 2;            // parsing and matching, shared by every site
};

// One indicator rule. Patterns are RE2; all patterns of a field are compiled
// into one RE2::Set by the matcher.
struct RuleSpec {
  std::string id;
  std::string category;              // age, control, services, availability, language, movement, …
  std::vector<std::string> fields = {"title", "text"};
  std::vector<std::string> patterns;
  std::vector<std::string> exclude;  // a match inside an exclusion does not count
  double weight = 0;
  Severity severity = Severity::kLow;
  std::string description;
  std::string source;
  std::string evidence;              // V, P, C or X (see docs/indicators)
  bool age_hint = false;             // reported under "age_hints"
  bool negatable = true;             // a match after a negation cue ("geen …") does not count
  std::string builtin;               // computed signal instead of patterns ("phone_obfuscated", …)
  // The hit counts only when the ad also has a hit of one of these categories:
  // "afspraken via mij" is control when the ad speaks of her in the third
  // person, and her own phone when she writes it herself.
  std::vector<std::string> only_with;
  // The hit counts only when the ad states an age of at most this (0: any ad):
  // "my birthday was last week" is youth wording beside a stated 18, not beside 45.
  int only_with_age_at_most = 0;
  std::vector<std::string> must_match;
  std::vector<std::string> must_not_match;
  SourcePos pos;
};

// Thresholds and weights of the cross-ad signals (matcher II).
struct SignalParams {
  int shared_phone_min_names = 3;
  Duration shared_phone_window = std::chrono::hours(24 * 30);
  double shared_phone_weight = 30;
  int touring_min_towns = 3;
  Duration touring_window = std::chrono::hours(24 * 14);
  double touring_weight = 10;        // counts only together with other signals
  int template_shingle = 5;
  double template_jaccard = 0.6;          // near-identical copies: word-shingle Jaccard
  // Template families (edited copies): see deploy/rules/signals.toml.
  int template_sentence_min_words = 3;    // shorter sentences never count
  double template_sentence_match = 0.5;   // word-set Jaccard for "the same sentence, edited"
  double template_family_similarity = 0.48; // share of sentence weight matched
  int template_common_sentence_ads = 30;  // a sentence in more ads is stock wording
  int template_min_phones = 3;
  double template_weight = 30;
  double category_cap = 60;          // no one category adds more than this (as shipped)
};

struct MatcherConfig {
  std::string default_region = "NL";
  SourcePos default_region_pos;      // where it was written (checked against libphonenumber)
  int min_age = 18;
  std::string gazetteer;             // path; empty = built-in data file location
  double alert_threshold = 40;        // as in the shipped configurations; see core/decision.h
  double critical_threshold = 80;
  std::vector<RuleSpec> rules;       // from the included rule files, local edits applied
  std::string rules_dir;             // top-level rules_dir: local rule files (*.toml), loaded last
  SignalParams signals;
  std::string rules_version;         // content hash of the rule files
};

struct MunicipalityConfig {
  std::string name;                  // as in the gazetteer ("Sittard-Geleen"), any case
  std::vector<std::string> recipients;
  int min_age = 0;                   // 0 = matcher.min_age
  std::string meldroute;             // "what to do next" text in digests; empty = the default text
  SourcePos pos;
  SourcePos name_pos;                // last, so {name, recipients, ...} initialisers keep working
};

struct SmtpConfig {
  std::string url;                   // smtp://host:587 or smtps://host:465
  std::string username;
  std::string password;              // secret reference
  bool require_tls = true;           // STARTTLS required; only a test sink may turn it off
  std::string ca_file;
  // Per-phase limits, so a server that accepts and then says nothing costs
  // one reply_timeout, not the whole outbox (alerts/transport.h).
  Duration connect_timeout = std::chrono::seconds(10);
  Duration reply_timeout = std::chrono::seconds(30);   // each server reply
  Duration total_timeout = std::chrono::seconds(120);  // one message, start to 250
  Duration hold_off = std::chrono::seconds(60);        // after a time-out: no new attempt to that server
};

struct AlertsConfig {
  std::string transport = "file";    // "smtp" or "file"
  std::string out_dir = "mail";      // file transport
  std::string from = "adwatch@localhost";
  std::string language = "nl";       // "nl" or "en"
  std::string detail;                // "full" or "minimal"; empty = minimal with console.public_base_url, else full
  std::vector<std::string> digest_times = {"08:00 Europe/Amsterdam"};
  bool workdays_only = true;
  bool quiet_digest = false;         // send "no new signals" digests
  std::string meldroute;             // "Wat nu" text for the region; empty = the Zuid-Limburg route
  int max_immediate_per_hour = 10;
  Duration close_after = std::chrono::hours(24 * 30);
  std::vector<std::string> region_recipients;
  std::vector<std::string> fallback_recipients;
  std::vector<MunicipalityConfig> municipalities;
  SmtpConfig smtp;
  // The administrator: mail about the installation (a broken site profile,
  // alerts/admin_mail.h), once a day per site; empty = none.
  std::vector<std::string> admin_recipients;
};

struct RetentionConfig {
  Duration unflagged_ads = std::chrono::hours(24 * 90);
  Duration flagged_ads = std::chrono::hours(24 * 365);
  Duration audit_log = std::chrono::hours(24 * 365 * 5);
  // Each class of data has its own period (store.h Store::Purge).
  Duration frontier = std::chrono::hours(24 * 90);     // URLs not found on any page for this long
  Duration sightings = std::chrono::hours(24 * 30);    // phone/entity in a place (touring needs its window)
  Duration entities = std::chrono::hours(24 * 90);     // linked groups not updated for this long
  Duration outbox = std::chrono::hours(24 * 90);       // sent or failed mail
  Duration statistics = std::chrono::hours(24 * (365 * 5 + 1));  // evaluation counts (whole years)
};

// The region adwatch has a task for ([scope]). An ad that names at least
// one place, and only places outside the region and its border margin, is
// not kept: the frontier keeps a keyed hash of its URL, its validators and
// its due time, nothing else. An ad naming no known place is kept (nothing
// says it is outside). The gazetteer has no coordinates, so the margin is
// named places, not a distance.
struct ScopeConfig {
  bool enabled = true;
  // Gazetteer municipality names, any case.
  std::vector<std::string> municipalities = {
      "Maastricht", "Heerlen", "Sittard-Geleen", "Kerkrade", "Landgraaf", "Brunssum", "Beekdaelen", "Stein",
      "Beek", "Meerssen", "Valkenburg aan de Geul", "Gulpen-Wittem", "Eijsden-Margraten", "Vaals", "Simpelveld",
      "Voerendaal"};
  // The border margin: places or municipalities outside the region whose ads
  // are kept too ("Aachen", "Visé", "Echt-Susteren"), any case.
  std::vector<std::string> border_towns;
};

// Minimisation of ads that raise nothing ([minimise]): `after` this long
// since it was first seen, an ad behind no alert keeps only what linking
// needs (app/minimise.h). 0 minimises before the first evaluation (tests).
struct MinimiseConfig {
  bool enabled = true;
  Duration after = std::chrono::hours(24 * 7);
};

// The register of processing (GDPR art. 30, `adwatch report processing`):
// what the configuration cannot tell by itself.
struct RegisterConfig {
  std::string controller;            // the municipality (college van B&W) responsible
  std::string dpo;                   // the data protection officer's (FG) contact
  std::vector<std::string> processors;  // hosting, mail, … (verwerkers)
};

struct LoggingConfig {
  std::string level = "info";        // trace, debug, info, warn, error
};

struct DaemonConfig {
  std::string metrics_listen = "127.0.0.1:9187";  // empty = off
  Duration watchdog_interval = Seconds(10);
};

// The review console (console/): an HTTPS server for coordinators. Without
// tls_cert/tls_key it must listen on loopback behind a reverse proxy that
// terminates TLS (the loader refuses anything else).
struct ConsoleConfig {
  std::string listen;                // "127.0.0.1:8443"; empty = no console
  std::string public_base_url;       // "https://adwatch.gemeente.nl": links in mail, cookie scope
  std::string tls_cert;              // PEM file (chain); with tls_key
  std::string tls_key;               // PEM file
  std::vector<std::string> trusted_proxies;  // addresses whose sso_header is believed
  std::string sso_header;            // "X-Forwarded-User"; empty = local accounts only
  Duration session_idle = std::chrono::minutes(30);
  Duration session_absolute = std::chrono::hours(10);
  int max_connections = 64;
  Duration request_timeout = Seconds(30);  // headers and body of one request, and idle keep-alive
};

struct Config {
  std::string path;                  // the main file
  StoreConfig store;
  CrawlerConfig crawler;
  std::vector<SiteConfig> sites;
  MatcherConfig matcher;
  AlertsConfig alerts;
  RetentionConfig retention;
  ScopeConfig scope;                 // [scope]
  MinimiseConfig minimise;           // [minimise]
  RegisterConfig register_;          // [register]
  LoggingConfig logging;
  DaemonConfig daemon;
  ConsoleConfig console;
};

}  // namespace adwatch
