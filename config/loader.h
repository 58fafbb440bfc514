// Loading and validating adwatch.toml and the rule files it includes.
//
// Validation is strict and reports everything at once: unknown keys (not in
// config/schema.h; the nearest listed key as a hint), wrong types, bad durations, out-of-range
// values, invalid regexes and missing required keys each become a
// ConfigError naming file:line:col and the expected form.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/env.h"
#include "core/status.h"

namespace adwatch {

struct ConfigError {
  SourcePos pos;
  std::string message;
  std::string ToString() const;  // "file:line:col: message"
};

struct LoadResult {
  Config config;
  std::vector<ConfigError> errors;
  std::vector<ConfigError> warnings;  // e.g. an include glob that matches no file
  // Every key the loader asked for in the tables present, as "alerts.from",
  // "site.fields.text" (config/schema.h); a test checks these are the schema's.
  std::set<std::string> accepted_keys;
  bool ok() const { return errors.empty(); }
};

// Loads the main file and every rule file it includes ("include" globs are
// relative to the main file; one that matches no file is a warning), then the
// local rule files: every *.toml in `rules_dir` (default none; packaged
// hosts use /etc/adwatch/rules.d), in name order. Rule files hold [[rule]]
// tables and may also hold, applied after every file is read:
//   disable = ["rule.id", ...]                  the rules are dropped
//   [[override]] id = "rule.id" + any of weight, severity, patterns, exclude
// An id that names no rule is an error. Never throws.
LoadResult LoadConfig(const std::string& path, const Env& env = *Env::Default());

// LoadConfig leaving out one included or local rule file (`rules backtest --without FILE`).
LoadResult LoadConfigWithout(const std::string& path, const std::string& skip_file,
                             const Env& env = *Env::Default());

// The active rules with candidate rule files on top, as `rules backtest
// --rules FILE` compares them: a candidate [[rule]] with an active rule's id
// replaces it, other rules are added, and the files' disable and [[override]]
// apply to the whole set. The thresholds and [signals] stay the active ones.
LoadResult LoadCandidateRules(const MatcherConfig& active, const std::vector<std::string>& paths,
                              const Env& env = *Env::Default());

// Loads only rule files (for `adwatch rules test FILE` and backtests).
LoadResult LoadRuleFiles(const std::vector<std::string>& paths, const Env& env = *Env::Default());

// Parses a string as the main file would be (for tests); `name` is used in positions.
LoadResult LoadConfigFromString(const std::string& toml, const std::string& name,
                                const Env& env = *Env::Default());

// "90s", "15m", "24h", "30d", "500ms", "1h30m".
bool ParseDuration(const std::string& s, Duration* out);
std::string FormatDuration(Duration d);

// An e-mail address as the config writes one: "addr" or "Name <addr>", where
// addr is an RFC 5321 Mailbox (Dot-string or Quoted-string local part of at
// most 64 octets, "@", a domain of letter/digit/hyphen labels or an address
// literal such as "[192.0.2.1]"). "" if valid, else why not.
std::string MailAddressError(const std::string& s);

// "08:00 Europe/Amsterdam" → minutes after midnight and the zone name.
struct TimeOfDay {
  int minutes = 0;
  std::string zone;
};
bool ParseTimeOfDay(const std::string& s, TimeOfDay* out);

// Where to find the main config when --config is not given.
std::string DefaultConfigPath(const Env& env);

}  // namespace adwatch
