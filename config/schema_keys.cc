// The table of every configuration key (config/schema.h): the loader accepts
// these, --explain prints them and adwatch.toml(5) is generated from them.
// A key added here and not read by config/sections.cc (or the reverse) fails
// tests/config/reference_test.cc; after editing, regenerate the man page:
//   build/adwatch check-config --man > deploy/adwatch.toml.5
#include "config/schema.h"

namespace adwatch {
namespace {

using K = KeyKind;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr Duration Days(int n) { return hours(24 * n); }
// Retention beyond five years (with a leap day) is not proportionate for
// any data adwatch keeps; a longer value is a typo ("9000d").
constexpr Duration kFiveYears = Days(5 * 365 + 1);
const std::vector<std::string> kSeverities = {"low", "medium", "high", "critical"};

}  // namespace

const std::vector<ConfigTable>& ConfigTables() {
  static const std::vector<ConfigTable> kTables = {
      {"", "Top level", "The main file's own keys; its tables follow."},
      {"store", "[store]"},
      {"crawler", "[crawler]"},
      {"site", "[[site]]",
       "One table per watched site, in the main file or in an included file (a sites/ folder)."},
      {"site.fields", "[site.fields]", "Each value is a field rule (below)."},
      {"field", "Field rules",
       "How one field is read from a page: a string is a CSS selector, or a JSON pointer if it starts with "
       "\"/\"; a table holds the keys below."},
      {"matcher", "[matcher]"},
      {"rules", "Rule files",
       "A file named by `include` or found in `rules_dir` holds only [[site]], [[rule]], [signals] and the "
       "local rule edits (`disable`, [[override]]), applied once every file is read; an id that names no rule "
       "is an error."},
      {"rule", "[[rule]] (rule files)"},
      {"rule.examples", "[rule.examples]",
       "Written `examples = { match = [...], no_match = [...] }`: texts the rule must and must not match (both "
       "required for pattern rules); `adwatch rules test` and `check-config` run them."},
      {"override", "[[override]] (rule files, e.g. rules.d)",
       "Change a rule by id: `id` and any of weight, severity, patterns, exclude. An override that changes "
       "nothing is an error."},
      {"signals", "[signals] (rule files)", "The cross-ad signals and their weights."},
      {"alerts", "[alerts]"},
      {"alerts.municipality", "[[alerts.municipality]]", "One table per municipality that receives alerts."},
      {"alerts.smtp", "[alerts.smtp]", "The mail server, for transport = \"smtp\"."},
      {"console", "[console]",
       "The review console for coordinators (HTTPS; plain HTTP only on loopback behind a reverse proxy that "
       "terminates TLS)."},
      {"register", "[register]",
       "For the register of processing (AVG art. 30) that `adwatch report processing` writes."},
      {"retention", "[retention]"},
      {"scope", "[scope]",
       "The region adwatch has a task for. An ad that names at least one place, all of them outside the region "
       "and its border margin, is not kept: the frontier keeps only a keyed hash of its URL, its validators and "
       "its due time (the page is fetched again, conditionally, when due and found again). An ad naming no "
       "known place is kept. Counted in `adwatch status`."},
      {"minimise", "[minimise]",
       "Ads behind no alert keep, after a short period, only what linking needs: keyed pseudonyms of their "
       "numbers, a template fingerprint (every word a keyed token), the keyed token of the name, places, first "
       "and last seen, the content hash and the rule ids of their hits. Text, title, name, age, photos, prices "
       "and the evidence excerpts go; a number no other ad needs is kept only as its pseudonym. Ads behind an "
       "alert keep their versions as evidence until the alert's retention ends. Run at most daily by the daemon "
       "and by `adwatch purge`."},
      {"logging", "[logging]"},
      {"daemon", "[daemon]"},
  };
  return kTables;
}

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> kKeys = {
      // The main file.
      {.table = "", .key = "include", .kind = K::kStringList, .type = "array of globs", .def = "none",
       .doc = "Rule and site files to read, relative to this file (wildcards in the file name only); a glob that "
              "matches no file is a warning.",
       .example = "include = [\"/usr/share/adwatch/rules/*.toml\", \"sites/*.toml\"]"},
      {.table = "", .key = "rules_dir", .type = "path", .def = "none",
       .doc = "Local rule files (*.toml, in name order), read after every include: what an upgrade never "
              "overwrites; packaged hosts use /etc/adwatch/rules.d.",
       .example = "rules_dir = \"/etc/adwatch/rules.d\""},
      {.table = "", .key = "store", .kind = K::kTable},
      {.table = "", .key = "crawler", .kind = K::kTable},
      {.table = "", .key = "matcher", .kind = K::kTable},
      {.table = "", .key = "alerts", .kind = K::kTable},
      {.table = "", .key = "retention", .kind = K::kTable},
      {.table = "", .key = "scope", .kind = K::kTable},
      {.table = "", .key = "minimise", .kind = K::kTable},
      {.table = "", .key = "register", .kind = K::kTable},
      {.table = "", .key = "logging", .kind = K::kTable},
      {.table = "", .key = "daemon", .kind = K::kTable},
      {.table = "", .key = "console", .kind = K::kTable},
      {.table = "", .key = "site", .kind = K::kTableArray},
      {.table = "", .key = "rule", .kind = K::kTableArray},
      {.table = "", .key = "signals", .kind = K::kTable},
      {.table = "", .key = "words", .kind = K::kTable},

      // [store]
      {.table = "store", .key = "backend", .kind = K::kOneOf, .def = "\"sqlite\"", .allowed = {"sqlite", "postgresql"},
       .doc = "The store: a SQLite file, or a PostgreSQL database (needs `conninfo`).",
       .example = "backend = \"postgresql\""},
      {.table = "store", .key = "path", .type = "path", .def = "\"adwatch.db\"",
       .doc = "The SQLite file, relative to this file.", .example = "path = \"/var/lib/adwatch/adwatch.db\""},
      {.table = "store", .key = "conninfo",
       .doc = "libpq connection string, without password (postgresql; required with it). A password here is an "
              "error: name a secret in `password`.",
       .example = "conninfo = \"host=db dbname=adwatch user=adwatch sslmode=verify-full\""},
      {.table = "store", .key = "password", .type = "secret reference",
       .doc = "The PostgreSQL password: \"env:NAME\", \"file:/path\" or \"credential:NAME\".",
       .example = "password = \"credential:db-password\""},
      {.table = "store", .key = "pseudonym_key", .type = "secret reference", .def = "\"file:pseudonym.key\"",
       .doc = "The HMAC key for phone pseudonyms (also the key the sealed columns are derived from).",
       .example = "pseudonym_key = \"credential:pseudonym-key\""},
      {.table = "store", .key = "busy_timeout", .kind = K::kDuration, .def = "5s", .dmin = Duration::zero(),
       .dmax = minutes(10), .doc = "SQLite lock wait."},

      // [crawler]
      {.table = "crawler", .key = "user_agent", .def = "\"adwatch/0.1 (+municipal monitoring; contact in config)\"",
       .doc = "The User-Agent, with a contact.",
       .example = "user_agent = \"adwatch/0.1 (+https://gemeente.example/adwatch; security@gemeente.example)\""},
      {.table = "crawler", .key = "proxy", .type = "URL", .def = "direct",
       .doc = "http:// or socks5h:// proxy for every site.", .example = "proxy = \"socks5h://127.0.0.1:9050\""},
      {.table = "crawler", .key = "max_in_flight", .kind = K::kInt, .def = "64", .imin = 1, .imax = 10000,
       .doc = "Requests in flight over all hosts."},
      {.table = "crawler", .key = "per_host_in_flight", .kind = K::kInt, .def = "2", .imin = 1, .imax = 1000,
       .doc = "Requests in flight per host."},
      {.table = "crawler", .key = "min_delay", .kind = K::kDuration, .def = "1s", .dmin = Duration::zero(),
       .dmax = hours(1), .doc = "Between two requests to one host."},
      {.table = "crawler", .key = "global_rate", .kind = K::kNumber, .def = "20", .nmin = 0.01, .nmax = 100000,
       .doc = "Requests per second over all hosts."},
      {.table = "crawler", .key = "connect_timeout", .kind = K::kDuration, .def = "10s", .dmin = milliseconds(100),
       .dmax = minutes(10), .doc = "Connect timeout."},
      {.table = "crawler", .key = "timeout", .kind = K::kDuration, .def = "30s", .dmin = milliseconds(100),
       .dmax = hours(1), .doc = "Whole-transfer timeout."},
      {.table = "crawler", .key = "max_body_bytes", .kind = K::kInt, .def = "5242880 (5 MiB)", .imin = 1024,
       .imax = int64_t{1} << 32, .doc = "Body bytes on the wire."},
      {.table = "crawler", .key = "max_decoded_bytes", .kind = K::kInt, .def = "20971520 (20 MiB)", .imin = 1024,
       .imax = int64_t{1} << 34, .doc = "Bytes after content decoding."},
      {.table = "crawler", .key = "max_redirects", .kind = K::kInt, .def = "5", .imin = 0, .imax = 50,
       .doc = "Redirect hops."},
      {.table = "crawler", .key = "max_retries", .kind = K::kInt, .def = "3", .imin = 0, .imax = 100,
       .doc = "Retries of a failed page per cycle."},
      {.table = "crawler", .key = "vanish_after_cycles", .kind = K::kInt, .def = "2", .imin = 1, .imax = 1000,
       .doc = "Cycles an ad may be unlisted before it counts as vanished."},
      {.table = "crawler", .key = "max_page_bytes", .kind = K::kInt, .def = "8388608 (8 MiB)", .imin = 1024,
       .imax = int64_t{1} << 30,
       .doc = "Decoded bytes of one page given to the parser; a larger page fails as `page-budget`."},
      {.table = "crawler", .key = "max_page_depth", .kind = K::kInt, .def = "1000", .imin = 16, .imax = 100000,
       .doc = "Element nesting of an HTML page (JSON has its own fixed limit); deeper fails as `page-budget` "
              "before any parser sees the page."},
      {.table = "crawler", .key = "max_page_elements", .kind = K::kInt, .def = "100000", .imin = 100,
       .imax = 10000000, .doc = "HTML start tags of one page; more fails as `page-budget` before parsing."},
      {.table = "crawler", .key = "max_page_cpu", .kind = K::kDuration, .def = "2s", .dmin = milliseconds(10),
       .dmax = minutes(10),
       .doc = "Thread CPU time for parsing and extracting one page; a page over it fails as `page-budget`. A page "
              "over any page budget is retried with back-off and, after `max_retries`, parked: tried once per "
              "cycle and shown by `adwatch status`."},
      {.table = "crawler", .key = "worker_threads", .kind = K::kInt, .def = "2", .imin = 1, .imax = 64,
       .doc = "The worker pool that parses pages and runs the matcher, shared by every site (read at start; a "
              "reload keeps the running pool); one site's ads use at most all but one of its threads. The event "
              "loop itself only fetches, schedules and writes to the store."},

      // [[site]]
      {.table = "site", .key = "name", .required = true, .doc = "Short name in logs, metrics, alerts.",
       .example = "name = \"demo-html\""},
      {.table = "site", .key = "kind", .kind = K::kOneOf, .def = "\"html\"", .allowed = {"html", "json", "embedded-json"},
       .doc = "How pages are read: HTML with CSS selectors, a JSON API with JSON pointers, or JSON embedded in a "
              "script of an HTML page (`embedded_json_selector`)."},
      {.table = "site", .key = "purpose", .required = true,
       .doc = "Why the site is watched (recorded per cycle; shown in `adwatch report processing`). May start with "
              "a documented code, \"code: free text\" (see `adwatch report processing`).",
       .example = "purpose = \"signalering-mensenhandel: ...\""},
      {.table = "site", .key = "legal_basis", .required = true,
       .doc = "The legal ground (recorded per cycle), likewise \"code: free text\"."},
      {.table = "site", .key = "start_urls", .kind = K::kStringList, .type = "array of http(s) URLs", .required = true,
       .doc = "The listing pages a cycle starts from.", .example = "start_urls = [\"https://ads.example/escorts\"]"},
      {.table = "site", .key = "allowed_hosts", .kind = K::kStringList, .def = "the hosts of start_urls",
       .doc = "Hosts a link or redirect may lead to.", .example = "allowed_hosts = [\"ads.example\", \"img.ads.example\"]"},
      {.table = "site", .key = "allow_private_addresses", .kind = K::kBool, .def = "false",
       .doc = "Lift the SSRF guard (a site on loopback, e.g. the demo)."},
      {.table = "site", .key = "allowed_private_addresses", .kind = K::kStringList,
       .type = "array of \"address:port\" or addresses",
       .doc = "With allow_private_addresses: only these endpoints (\"127.0.0.1:8080\", \"[::1]:8080\"). A bare "
              "address is allowed only on the ports of the site's start URLs, so a redirect to another port of the "
              "same address is refused.",
       .example = "allowed_private_addresses = [\"127.0.0.1:8080\"]"},
      {.table = "site", .key = "respect_robots", .kind = K::kBool, .def = "true", .doc = "Obey robots.txt."},
      {.table = "site", .key = "robots_opt_out_reason", .doc = "Required when respect_robots = false."},
      {.table = "site", .key = "region", .type = "ISO code", .def = "\"NL\"",
       .doc = "Region of phone numbers without a country code (checked against libphonenumber).",
       .example = "region = \"BE\""},
      {.table = "site", .key = "proxy", .type = "URL", .doc = "Overrides [crawler] proxy."},
      {.table = "site", .key = "recrawl_interval", .kind = K::kDuration, .def = "15m", .dmin = seconds(1),
       .dmax = Days(30), .doc = "Between cycles.", .example = "recrawl_interval = \"1h\""},
      {.table = "site", .key = "max_pages_per_cycle", .kind = K::kInt, .def = "10000", .imin = 1, .imax = 10000000,
       .doc = "Pages per cycle."},
      {.table = "site", .key = "ad_links", .kind = K::kFieldRule,
       .doc = "Ad links on a listing page; required unless ad_items or detail_url_template is set.",
       .example = "ad_links = \"a.ad-link@href\""},
      {.table = "site", .key = "next_page", .kind = K::kFieldRule, .doc = "The next listing page.",
       .example = "next_page = \"a[rel=next]@href\""},
      {.table = "site", .key = "listing_ids", .kind = K::kFieldRule,
       .doc = "Ad ids a listing shows (enables conditional GET): what marks an ad as still listed this cycle. "
              "Without it, only ads whose detail page was fetched count as listed, and detail pages are fetched "
              "unconditionally.",
       .example = "listing_ids = { json = \"/ads/*/id\", all = true }"},
      {.table = "site", .key = "ad_items", .kind = K::kFieldRule,
       .doc = "Whole ads on the listing page itself (a JSON API that returns complete ads, an HTML listing without "
              "detail pages): each match is one ad, and the [site.fields] rules are read inside it (JSON pointers "
              "from the item, CSS selectors within the element). Their ids count as listed.",
       .example = "ad_items = { json = \"/ads/*\", all = true }"},
      {.table = "site", .key = "embedded_json_selector", .type = "CSS selector", .def = "script#__NEXT_DATA__",
       .doc = "The script holding the data (embedded-json)."},
      {.table = "site", .key = "next_page_template", .type = "string with {next}",
       .doc = "A listing whose next_page value is a cursor or page number, not a link: the value fills {next}, "
              "percent-encoded, and the result is resolved against the listing page's URL (\"?limit=20&cursor={next}\" "
              "keeps the path and replaces the query). Requires next_page.",
       .example = "next_page_template = \"?limit=20&cursor={next}\""},
      {.table = "site", .key = "detail_url_template", .type = "string with {id}",
       .doc = "A JSON API whose listing gives ids only: each id from listing_ids (required with it) fills {id}, "
              "percent-encoded, and the result is resolved against the listing page's URL.",
       .example = "detail_url_template = \"/api/ads/{id}\""},
      {.table = "site", .key = "fields", .kind = K::kTable, .required = true,
       .doc = "Field rules: id (required), url, title, text, name, age, city, region, phones, price, posted, "
              "photos. See [site.fields]."},

      // [site.fields]
      {.table = "site.fields", .key = "id", .kind = K::kFieldRule, .required = true,
       .doc = "The site's own id of the ad.", .example = "id = { selector = \"article@data-id\" }"},
      {.table = "site.fields", .key = "url", .kind = K::kFieldRule,
       .doc = "The canonical URL shown in digests (default the page URL)."},
      {.table = "site.fields", .key = "title", .kind = K::kFieldRule, .doc = "The title.", .example = "title = \"h1\""},
      {.table = "site.fields", .key = "text", .kind = K::kFieldRule,
       .doc = "The description; empty text on most ads marks a broken profile (`adwatch site test` names the "
              "selector).",
       .example = "text = \"div.description\""},
      {.table = "site.fields", .key = "name", .kind = K::kFieldRule, .doc = "The advertiser's name as shown."},
      {.table = "site.fields", .key = "age", .kind = K::kFieldRule, .doc = "The stated age as shown."},
      {.table = "site.fields", .key = "city", .kind = K::kFieldRule, .doc = "The location (resolved by the gazetteer)."},
      {.table = "site.fields", .key = "region", .kind = K::kFieldRule,
       .doc = "ISO country code for numbers without a prefix (default the site's region)."},
      {.table = "site.fields", .key = "phones", .kind = K::kFieldRule, .type = "field rule, all",
       .doc = "Phone fields and links: take the whole tel:, https://wa.me/ or api.whatsapp.com href; adwatch reads "
              "them itself (a regex that strips \"wa.me/\" loses the +).",
       .example = "phones = { selector = \"a.phone@href\", all = true }"},
      {.table = "site.fields", .key = "price", .kind = K::kFieldRule, .doc = "Prices as shown."},
      {.table = "site.fields", .key = "posted", .kind = K::kFieldRule, .doc = "Posting date as shown."},
      {.table = "site.fields", .key = "photos", .kind = K::kFieldRule, .type = "field rule, all",
       .doc = "Photo URLs."},

      // Field rules
      {.table = "field", .key = "selector", .type = "CSS selector",
       .doc = "\"sel@attr\" takes an attribute; \"@url\" alone is the page's own URL (an id only in the address, "
              "with a regex). A plain string value is a selector, or a JSON pointer if it starts with \"/\".",
       .example = "title = { selector = \"h1.title\" }"},
      {.table = "field", .key = "json", .type = "JSON pointer", .doc = "RFC 6901; \"*\" stands for every element.",
       .example = "text = { json = \"/props/pageProps/ad/description\" }"},
      {.table = "field", .key = "regex", .kind = K::kRegex, .type = "RE2 with one capture group",
       .doc = "Keeps the capture; a value that does not match is dropped.", .example = "age = { selector = \"dd.age\", regex = '(\\d+) jaar' }"},
      {.table = "field", .key = "all", .kind = K::kBool, .def = "false",
       .doc = "Every match (phones, photos) instead of the first; for text the matches are joined as paragraphs.",
       .example = "photos = { selector = \"img.photo@src\", all = true }"},

      // [matcher]
      {.table = "matcher", .key = "default_region", .type = "ISO code", .def = "\"NL\"",
       .doc = "Region for numbers without a country code (checked against libphonenumber)."},
      {.table = "matcher", .key = "min_age", .kind = K::kInt, .def = "18", .imin = 16, .imax = 30,
       .doc = "Minimum age for stated_age_below_min."},
      {.table = "matcher", .key = "gazetteer", .type = "path", .def = "the shipped gazetteer.tsv",
       .doc = "Places to municipalities."},
      {.table = "matcher", .key = "alert_threshold", .kind = K::kNumber, .def = "40", .nmin = 0, .nmax = 1e6,
       .doc = "Score at which an ad or entity alerts."},
      {.table = "matcher", .key = "critical_threshold", .kind = K::kNumber, .def = "80", .nmin = 0, .nmax = 1e6,
       .doc = "Score at which an alert is critical; not below alert_threshold."},

      // Rule files
      {.table = "rules", .key = "disable", .kind = K::kStringList, .type = "array of rule ids",
       .doc = "Drop these rules (after every file is read and every [[override]] applied).",
       .example = "disable = [\"age.just_18\"]"},
      {.table = "rules", .key = "override", .kind = K::kTableArray},
      {.table = "rules", .key = "site", .kind = K::kTableArray},
      {.table = "rules", .key = "rule", .kind = K::kTableArray},
      {.table = "rules", .key = "signals", .kind = K::kTable},
      {.table = "rules", .key = "words", .kind = K::kTable,
       .doc = "Named word lists for this file's patterns: each key names an array of RE2 alternatives, and "
              "`{name}` in a pattern or exclude of the same file stands for `(?:alt1|alt2|...)`. Only a "
              "lower-case name in braces is a word (`{0,40}` stays a repetition); words do not nest and are "
              "local to their file; an undefined name is an error at its pattern.",
       .example = "words = { office = ['office', 'bureau', 'rezeption'] }"},

      // [[rule]]
      {.table = "rule", .key = "id", .required = true, .doc = "Unique id.", .example = "id = \"age.just_18\""},
      {.table = "rule", .key = "category", .required = true,
       .doc = "age, control, services, availability, language, movement, ..."},
      {.table = "rule", .key = "fields", .kind = K::kStringList, .def = "[\"title\", \"text\"]",
       .doc = "Ad fields the rule reads (the field names of [site.fields])."},
      {.table = "rule", .key = "patterns", .kind = K::kRegexList, .type = "array of RE2",
       .doc = "What the rule matches (or builtin).", .example = "patterns = ['\\bnet 18\\b']"},
      {.table = "rule", .key = "exclude", .kind = K::kRegexList, .type = "array of RE2",
       .doc = "A match inside an exclusion does not count. For the builtin named_intermediary: an exclusion matching anywhere in the title or text drops the hit."},
      {.table = "rule", .key = "weight", .kind = K::kNumber, .def = "0", .nmin = -1000, .nmax = 1000,
       .doc = "Score contribution (checked against severity and the thresholds)."},
      {.table = "rule", .key = "severity", .kind = K::kOneOf, .def = "\"low\"", .allowed = kSeverities,
       .doc = "What the rule means alone."},
      {.table = "rule", .key = "description", .required = true, .doc = "Shown with the evidence."},
      {.table = "rule", .key = "source", .required = true, .doc = "Where the indicator comes from."},
      {.table = "rule", .key = "evidence", .kind = K::kOneOf, .allowed = {"V", "P", "C", "X"},
       .doc = "Strength of the evidence."},
      {.table = "rule", .key = "age_hint", .kind = K::kBool, .def = "false", .doc = "Reported under age hints."},
      {.table = "rule", .key = "negatable", .kind = K::kBool, .def = "true",
       .doc = "A negation cue before the match (\"geen\", \"no\", \"kein\", \"pas de\"), an answer \"no\" right "
              "after it (\"AO: nee\", \"extreme? no!\") or a refusal list it stands in (\"Wat ik niet doe: ...\") "
              "cancels it. Pattern rules only."},
      {.table = "rule", .key = "builtin", .kind = K::kOneOf,
       .allowed = {"stated_age_below_min", "stated_age_minor", "phone_obfuscated", "phone_multiple",
                   "name_third_person", "named_intermediary"},
       .doc = "A computed signal instead of patterns: name_third_person is the ad's own name as the subject of a "
              "verb (\"Anna is nieuw\"); named_intermediary a first name other than hers between the client and "
              "her (\"bel je Tony\", \"pay Mihai at the door\", \"Ivo maakt de afspraken\")."},
      {.table = "rule", .key = "only_with", .kind = K::kStringList, .type = "array of categories",
       .doc = "The hit counts only when the ad also has a hit of one of these categories: \"afspraken via mij\" is "
              "control in an ad written about her (third_person), her own phone when she writes it herself.",
       .example = "only_with = [\"third_person\"]"},
      {.table = "rule", .key = "only_with_age_at_most", .kind = K::kInt, .def = "0 (any ad)", .imin = 0, .imax = 99,
       .doc = "The hit counts only when the ad states an age (age field, title or text) of at most this: a recent "
              "birthday or a first time is youth wording beside a stated 18, not beside a stated 45.",
       .example = "only_with_age_at_most = 18"},
      {.table = "rule", .key = "examples", .kind = K::kTable, .type = "table: match, no_match",
       .doc = "Texts the rule must and must not match (both required for pattern rules). See [rule.examples].",
       .example = "examples = { match = [\"net 18\"], no_match = [\"18 jaar ervaring\"] }"},

      {.table = "rule.examples", .key = "match", .kind = K::kStringList, .doc = "Texts the rule must match."},
      {.table = "rule.examples", .key = "no_match", .kind = K::kStringList, .doc = "Texts the rule must not match."},

      // [[override]]
      {.table = "override", .key = "id", .required = true, .doc = "The rule to change."},
      {.table = "override", .key = "weight", .kind = K::kNumber, .nmin = -1000, .nmax = 1000, .doc = "A new weight."},
      {.table = "override", .key = "severity", .kind = K::kOneOf, .allowed = kSeverities, .doc = "A new severity."},
      {.table = "override", .key = "patterns", .kind = K::kRegexList, .type = "array of RE2",
       .doc = "New patterns, replacing the rule's."},
      {.table = "override", .key = "exclude", .kind = K::kRegexList, .type = "array of RE2",
       .doc = "New exclusions, replacing the rule's."},

      // [signals]
      {.table = "signals", .key = "shared_phone_min_names", .kind = K::kInt, .def = "3", .imin = 2, .imax = 1000,
       .doc = "Names under one number that make a shared phone."},
      {.table = "signals", .key = "shared_phone_window", .kind = K::kDuration, .def = "30d", .dmin = hours(1),
       .dmax = Days(366), .doc = "The window in which the names are counted."},
      {.table = "signals", .key = "shared_phone_weight", .kind = K::kNumber, .def = "30", .nmin = 0, .nmax = 1000,
       .doc = "Weight of a shared phone."},
      {.table = "signals", .key = "touring_min_towns", .kind = K::kInt, .def = "3", .imin = 2, .imax = 1000,
       .doc = "Towns within the window that make touring."},
      {.table = "signals", .key = "touring_window", .kind = K::kDuration, .def = "14d", .dmin = hours(1),
       .dmax = Days(366), .doc = "The window in which the towns are counted."},
      {.table = "signals", .key = "touring_weight", .kind = K::kNumber, .def = "10", .nmin = 0, .nmax = 1000,
       .doc = "Weight of touring; counts only with other signals."},
      {.table = "signals", .key = "template_shingle", .kind = K::kInt, .def = "5", .imin = 1, .imax = 20,
       .doc = "Word-shingle size for near-identical copies."},
      {.table = "signals", .key = "template_jaccard", .kind = K::kNumber, .def = "0.6", .nmin = 0.05, .nmax = 1.0,
       .doc = "Shingle Jaccard of near-identical copies."},
      {.table = "signals", .key = "template_sentence_min_words", .kind = K::kInt, .def = "3", .imin = 1, .imax = 50,
       .doc = "Shorter sentences never count."},
      {.table = "signals", .key = "template_sentence_match", .kind = K::kNumber, .def = "0.5", .nmin = 0.1,
       .nmax = 1.0, .doc = "Word-set Jaccard of an edited sentence."},
      {.table = "signals", .key = "template_family_similarity", .kind = K::kNumber, .def = "0.5", .nmin = 0.05,
       .nmax = 1.0, .doc = "Share of sentence weight matched."},
      {.table = "signals", .key = "template_common_sentence_ads", .kind = K::kInt, .def = "30", .imin = 2,
       .imax = 100000000, .doc = "A sentence in more ads is stock wording."},
      {.table = "signals", .key = "template_min_phones", .kind = K::kInt, .def = "3", .imin = 2, .imax = 1000,
       .doc = "Numbers behind one text family."},
      {.table = "signals", .key = "template_weight", .kind = K::kNumber, .def = "30", .nmin = 0, .nmax = 1000,
       .doc = "Weight of a text family behind several numbers."},
      {.table = "signals", .key = "category_cap", .kind = K::kNumber, .def = "60", .nmin = 0, .nmax = 1e6,
       .doc = "No category adds more than this."},

      // [alerts]
      {.table = "alerts", .key = "transport", .kind = K::kOneOf, .def = "\"file\"", .allowed = {"smtp", "file"},
       .doc = "How mail leaves: .eml files in out_dir, or SMTP ([alerts.smtp] with url required)."},
      {.table = "alerts", .key = "out_dir", .type = "path", .def = "\"mail\"",
       .doc = "Where the file transport writes .eml files."},
      {.table = "alerts", .key = "from", .type = "e-mail address", .def = "\"adwatch@localhost\"",
       .doc = "Sender (RFC 5321; \"Name <addr>\" allowed).",
       .example = "from = \"adwatch <adwatch@gemeente.example>\""},
      {.table = "alerts", .key = "language", .kind = K::kOneOf, .def = "\"nl\"", .allowed = {"nl", "en"},
       .doc = "Language of mail."},
      {.table = "alerts", .key = "detail", .kind = K::kOneOf,
       .def = "\"minimal\" with [console] public_base_url, else \"full\"", .allowed = {"full", "minimal"},
       .doc = "Minimal: ids, municipalities, categories and counts only."},
      {.table = "alerts", .key = "digest_times", .kind = K::kStringList, .type = "array of \"HH:MM Zone\"",
       .def = "[\"08:00 Europe/Amsterdam\"]", .doc = "When digests go out.",
       .example = "digest_times = [\"08:00 Europe/Amsterdam\", \"13:00 Europe/Amsterdam\"]"},
      {.table = "alerts", .key = "workdays_only", .kind = K::kBool, .def = "true", .doc = "No digests at weekends."},
      {.table = "alerts", .key = "quiet_digest", .kind = K::kBool, .def = "false",
       .doc = "Send \"no new signals\" digests."},
      {.table = "alerts", .key = "meldroute", .def = "the Zuid-Limburg route",
       .doc = "The \"what next\" (Wat nu) text of the region in digests; a municipality may have its own."},
      {.table = "alerts", .key = "max_immediate_per_hour", .kind = K::kInt, .def = "10", .imin = 0, .imax = 10000,
       .doc = "Immediate (critical) messages per hour."},
      {.table = "alerts", .key = "close_after", .kind = K::kDuration, .def = "30d", .dmin = hours(1),
       .dmax = Days(366), .doc = "An alert without new evidence closes after this.",
       .example = "close_after = \"14d\""},
      {.table = "alerts", .key = "region_recipients", .kind = K::kStringList, .type = "array of addresses",
       .doc = "Receive every alert of the region."},
      {.table = "alerts", .key = "fallback_recipients", .kind = K::kStringList, .type = "array of addresses",
       .doc = "Receive alerts no municipality recipient gets."},
      {.table = "alerts", .key = "admin_recipients", .kind = K::kStringList, .type = "array of addresses",
       .def = "none",
       .doc = "The administrator: receive mail about the installation itself, not about ads. While a site profile "
              "is broken (a crawl cycle found no ad links, or empty text on most ads; see `adwatch site test`) one "
              "message per site and day (UTC) names the site, the field and its selector, and one page; no ad "
              "text, no phone numbers. Sent through the outbox and transport of the digests.",
       .example = "admin_recipients = [\"beheer@gemeente.example\"]"},
      {.table = "alerts", .key = "municipality", .kind = K::kTableArray},
      {.table = "alerts", .key = "smtp", .kind = K::kTable},

      // [[alerts.municipality]]
      {.table = "alerts.municipality", .key = "name", .required = true,
       .doc = "A gazetteer municipality, any case (a typo is an error with \"did you mean\").",
       .example = "name = \"Maastricht\""},
      {.table = "alerts.municipality", .key = "recipients", .kind = K::kStringList, .type = "array of addresses",
       .required = true, .doc = "Who receives the municipality's alerts.",
       .example = "recipients = [\"zorg-en-veiligheid@maastricht.example\"]"},
      {.table = "alerts.municipality", .key = "min_age", .kind = K::kInt, .def = "[matcher] min_age", .imin = 16,
       .imax = 30, .doc = "The municipality's own minimum age."},
      {.table = "alerts.municipality", .key = "meldroute", .def = "[alerts] meldroute",
       .doc = "The \"what next\" text in this municipality's digests."},

      // [alerts.smtp]
      {.table = "alerts.smtp", .key = "url", .type = "smtp:// or smtps:// URL", .required = true,
       .doc = "The server: smtp:// with STARTTLS, or smtps://.", .example = "url = \"smtp://mail.gemeente.example:587\""},
      {.table = "alerts.smtp", .key = "username", .doc = "The SMTP user."},
      {.table = "alerts.smtp", .key = "password", .type = "secret reference", .doc = "The SMTP password.",
       .example = "password = \"credential:smtp-password\""},
      {.table = "alerts.smtp", .key = "require_tls", .kind = K::kBool, .def = "true",
       .doc = "STARTTLS required; only a test sink may turn it off."},
      {.table = "alerts.smtp", .key = "ca_file", .type = "path", .def = "the system's CAs",
       .doc = "The CA certificates to verify the server with."},
      {.table = "alerts.smtp", .key = "connect_timeout", .kind = K::kDuration, .def = "10s", .dmin = seconds(1),
       .dmax = minutes(10), .doc = "Longest wait for the connection."},
      {.table = "alerts.smtp", .key = "reply_timeout", .kind = K::kDuration, .def = "30s", .dmin = seconds(1),
       .dmax = hours(1), .doc = "Longest wait for one server reply (whole seconds)."},
      {.table = "alerts.smtp", .key = "total_timeout", .kind = K::kDuration, .def = "120s", .dmin = seconds(1),
       .dmax = hours(1), .doc = "Longest time for one message."},
      {.table = "alerts.smtp", .key = "hold_off", .kind = K::kDuration, .def = "60s", .dmin = seconds(0),
       .dmax = hours(1),
       .doc = "After a time-out, further messages to that server fail at once for this long (a silent server costs "
              "one time-out per round, not one per message)."},

      // [console]
      {.table = "console", .key = "listen", .type = "host:port", .def = "empty = no console",
       .doc = "Where the console listens, inside the daemon (or alone with `adwatch console`); other than loopback "
              "only with tls_cert and tls_key.",
       .example = "listen = \"127.0.0.1:8443\""},
      {.table = "console", .key = "public_base_url", .type = "https:// URL",
       .doc = "The console's address as coordinators reach it; digests link each signal to "
              "<public_base_url>/signals/<id>, and with it set digests default to detail = \"minimal\". http:// "
              "only for 127.0.0.1 or localhost.",
       .example = "public_base_url = \"https://adwatch.gemeente.example\""},
      {.table = "console", .key = "tls_cert", .type = "PEM file", .doc = "The certificate chain; with tls_key."},
      {.table = "console", .key = "tls_key", .type = "PEM file",
       .doc = "The private key; with tls_cert (both or neither)."},
      {.table = "console", .key = "trusted_proxies", .kind = K::kStringList, .type = "array of IP addresses",
       .doc = "Reverse proxies whose sso_header is believed; from any other address the header is ignored.",
       .example = "trusted_proxies = [\"127.0.0.1\"]"},
      {.table = "console", .key = "sso_header",
       .doc = "The header carrying the signed-in user from the single sign-on proxy; needs trusted_proxies.",
       .example = "sso_header = \"X-Forwarded-User\""},
      {.table = "console", .key = "session_idle", .kind = K::kDuration, .def = "30m", .dmin = minutes(1),
       .dmax = Days(7), .doc = "A session ends after this long without a request."},
      {.table = "console", .key = "session_absolute", .kind = K::kDuration, .def = "10h", .dmin = minutes(1),
       .dmax = Days(30), .doc = "A session ends this long after sign-in, whatever happens; not shorter than "
                                "session_idle."},
      {.table = "console", .key = "max_connections", .kind = K::kInt, .def = "64", .imin = 1, .imax = 10000,
       .doc = "Connections served at once."},
      {.table = "console", .key = "request_timeout", .kind = K::kDuration, .def = "30s", .dmin = seconds(1),
       .dmax = minutes(10),
       .doc = "Time for the headers and body of one request, and for an idle keep-alive connection."},

      // [register]
      {.table = "register", .key = "controller",
       .doc = "The controller: the municipality or the region's central municipality, with its address."},
      {.table = "register", .key = "dpo", .doc = "How to reach the data protection officer (FG)."},
      {.table = "register", .key = "processors", .kind = K::kStringList,
       .doc = "Processors (hosting, mail provider), one per entry."},

      // [retention]
      {.table = "retention", .key = "unflagged_ads", .kind = K::kDuration, .def = "90d", .dmin = hours(1),
       .dmax = kFiveYears, .doc = "Ads that never alerted."},
      {.table = "retention", .key = "flagged_ads", .kind = K::kDuration, .def = "365d", .dmin = hours(1),
       .dmax = kFiveYears, .doc = "Ads behind an alert."},
      {.table = "retention", .key = "audit_log", .kind = K::kDuration, .def = "1825d", .dmin = hours(24),
       .dmax = kFiveYears, .doc = "The audit log."},
      {.table = "retention", .key = "frontier", .kind = K::kDuration, .def = "90d", .dmin = hours(24),
       .dmax = kFiveYears, .doc = "Crawl frontier URLs no page linked to for this long."},
      {.table = "retention", .key = "sightings", .kind = K::kDuration, .def = "30d", .dmin = hours(24),
       .dmax = kFiveYears,
       .doc = "A number or group seen in a place (touring reads only its window, 14 days as shipped)."},
      {.table = "retention", .key = "entities", .kind = K::kDuration, .def = "90d", .dmin = hours(24),
       .dmax = kFiveYears,
       .doc = "Groups of linked ads not updated for this long (the daemon rewrites them at each evaluation)."},
      {.table = "retention", .key = "outbox", .kind = K::kDuration, .def = "90d", .dmin = hours(24),
       .dmax = kFiveYears, .doc = "Sent and failed mail in the outbox."},
      {.table = "retention", .key = "statistics", .kind = K::kDuration, .def = "1826d", .dmin = Days(366),
       .dmax = kFiveYears,
       .doc = "The anonymous evaluation counts, by whole years: a year goes once all of it is older."},

      // [scope]
      {.table = "scope", .key = "enabled", .kind = K::kBool, .def = "true",
       .doc = "Off: ads from every region are kept."},
      {.table = "scope", .key = "municipalities", .kind = K::kStringList,
       .def = "the 16 municipalities of Zuid-Limburg",
       .doc = "Gazetteer municipality names, any case; must not be empty while enabled."},
      {.table = "scope", .key = "border_towns", .kind = K::kStringList, .def = "empty",
       .doc = "The border margin: places or municipalities outside the region whose ads are kept too. The "
              "gazetteer has no coordinates, so the margin is named places, not a distance.",
       .example = "border_towns = [\"Aachen\", \"Visé\", \"Echt-Susteren\"]"},

      // [minimise]
      {.table = "minimise", .key = "enabled", .kind = K::kBool, .def = "true",
       .doc = "Off: ads keep everything until [retention]."},
      {.table = "minimise", .key = "after", .kind = K::kDuration, .def = "7d", .dmin = seconds(0), .dmax = kFiveYears,
       .doc = "Since the ad's current version was first seen. 0s minimises before the first evaluation (for tests: "
              "alerts then rest on minimised ads only)."},

      // [logging], [daemon]
      {.table = "logging", .key = "level", .kind = K::kOneOf, .def = "\"info\"",
       .allowed = {"trace", "debug", "info", "warn", "error"},
       .doc = "Log level (phone numbers and ad text only at debug and trace)."},
      {.table = "daemon", .key = "metrics_listen", .type = "host:port", .def = "\"127.0.0.1:9187\"; empty = off",
       .doc = "Prometheus metrics and health (/healthz)."},
      {.table = "daemon", .key = "watchdog_interval", .kind = K::kDuration, .def = "10s", .dmin = seconds(1),
       .dmax = hours(1), .doc = "systemd watchdog pings."},
  };
  return kKeys;
}

}  // namespace adwatch
