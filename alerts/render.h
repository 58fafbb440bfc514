// Digest content: what a coordinator reads. Plain text and HTML of the same
// content, Dutch by default, English available.
//
// Order: summary counts (per severity and per municipality) and what the
// severities mean first, then per alert its stable id, severity with the
// reason in one line, municipalities, the link to the console, the
// indicators as sentences (the rules' descriptions; cross-ad signals such as
// "hetzelfde telefoonnummer staat in 4 advertenties onder 4 namen binnen 30
// dagen") with the matched words in a short snippet, and the ads (site,
// title, link, first and last seen, the towns over time); then what to do
// next (the meldroute) and a footer saying that a signal is not proof. Rule
// ids, categories as identifiers and byte offsets are never shown; counts
// agree in number ("1 signaal", "2 signalen"). Ad content (titles, snippets,
// shared phrases) is always quoted „…” so a reader can tell it from ours.
//
// Privacy by default: phone numbers in evidence are masked and shown as their
// pseudonym reference ("[tel 3fa9c2d1]"); no photos and no full ad text are
// ever rendered (DigestInput does not carry them). detail = "minimal" renders
// counts per municipality and severity, each alert's id, municipalities,
// severity, indicator categories and its console link: no phone number,
// name, ad text, title or ad URL.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/alert.h"
#include "core/clock.h"
#include "core/status.h"

namespace adwatch {

struct DigestAd {
  std::string site;
  std::string title;
  std::string url;
  TimePoint first_seen{};
  TimePoint last_seen{};
  std::vector<std::pair<TimePoint, std::string>> towns;  // town by first sighting, oldest first
};

// A phone pseudonym the masker may show instead of a number: `digits` is the
// national significant number (e.g. "612345678" for +31 6 12345678), `ref`
// the short pseudonym reference (a prefix of the HMAC).
struct PhoneRef {
  std::string digits;
  std::string ref;
};

// One rule hit on one of the alert's ads, as the digest shows it: the
// matched words with a little context (`before` + `match` + `after`, cut at
// word boundaries; empty when the hit has no span, e.g. a count of numbers).
struct DigestHit {
  std::string rule;         // rule id: looks up the description; never shown
  std::string description;  // as stored with the hit (used if the rule is no longer configured)
  Severity severity = Severity::kLow;
  std::string before, match, after;
};

struct DigestAlert {
  Alert alert;
  std::vector<DigestAd> ads;
  std::vector<PhoneRef> phones;
  std::vector<DigestHit> hits;  // the strongest hit per rule over the alert's ads
  bool escalated = false;  // severity rose since the last message
};

struct DigestInput {
  std::string digest_id;            // stable id of this message (also its Message-ID key)
  TimePoint generated{};
  std::vector<std::string> municipalities;  // the recipient's; empty = region-wide
  std::vector<DigestAlert> alerts;
  int open_alerts = 0;              // open alerts in scope, incl. ones not in this digest
  bool immediate = false;           // a single critical alert sent outside the schedule
};

// What the rules files say about a rule (matcher.rules).
struct RuleText {
  std::string description;           // Dutch, from the rule's `description`
  Severity severity = Severity::kLow;
  std::string evidence;              // V, P, C or X: how strong the evidence behind the rule is
};

struct RenderOptions {
  std::string language = "nl";      // "nl" or "en"
  std::string detail = "full";      // "full" or "minimal"
  std::string time_zone = "Europe/Amsterdam";  // for dates shown to the reader
  std::map<std::string, std::string> meldroute;  // municipality -> what to do next
  std::string meldroute_default;    // for the others; empty = the Zuid-Limburg route
  double alert_threshold = 40;      // matcher.alert_threshold: "hoog" from here
  double critical_threshold = 80;   // matcher.critical_threshold
  std::map<std::string, RuleText> rules;  // rule id -> its text; hits fall back to their stored description
  std::string console_url;          // console.public_base_url; each alert links to <url>/signals/<id>
};

// The severity a reader is shown, and why, from the score, the thresholds
// and the rules' severities: critical on a critical rule's hit or a score at
// the critical threshold, high from the alert threshold, medium from half of
// it. So "hoog" never stands beside a score below the alert threshold.
struct SeverityReason {
  Severity severity = Severity::kNone;
  std::string critical_rule;        // the critical rule's description, if that is the reason
};
SeverityReason ExplainSeverity(const DigestAlert& da, const RenderOptions& opt);

struct RenderedDigest {
  std::string subject;
  std::string text;
  std::string html;
};

// Fails only on a bad language or detail value.
Result<RenderedDigest> RenderDigest(const DigestInput& in, const RenderOptions& opt);

// Replaces every digit run that looks like a phone number (8+ digits,
// optionally with +, spaces, dots, dashes, slashes or parentheses) by
// "[tel <ref>]" when it matches a PhoneRef (by its last 9 digits), otherwise
// by "[tel]". Shorter numbers (prices, ages, postcodes) stay.
std::string MaskPhones(const std::string& text, const std::vector<PhoneRef>& phones);

}  // namespace adwatch
