// Digest content: what a coordinator reads. Plain text and HTML of the same
// content, Dutch by default, English available.
//
// Order: summary counts first, then per alert its stable id, severity,
// score, municipalities, the indicators with their evidence (highlighted in
// HTML), the ads (site, title, link, first and last seen, the towns over
// time) and what to do next (the meldroute). A footer says that a signal is
// not proof.
//
// Privacy by default: phone numbers in evidence are masked and shown as their
// pseudonym reference ("[tel 3fa9c2d1]"); no photos and no full ad text are
// ever rendered (DigestInput does not carry them). detail = "minimal" renders
// only alert ids, municipalities, indicator categories and counts.
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

struct DigestAlert {
  Alert alert;
  std::vector<DigestAd> ads;
  std::vector<PhoneRef> phones;
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

struct RenderOptions {
  std::string language = "nl";      // "nl" or "en"
  std::string detail = "full";      // "full" or "minimal"
  std::string time_zone = "Europe/Amsterdam";  // for dates shown to the reader
  std::map<std::string, std::string> meldroute;  // municipality -> what to do next; default text otherwise
};

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
