// The configuration schema: one table of every key adwatch.toml and the rule
// files may hold, with its type, range, default, documentation and example.
//
// It is the single source of three things, so they cannot drift apart:
//   - the loader (config/reader.cc) accepts only keys listed here, reports
//     the others with the nearest listed key, and takes each key's range
//     (integers, numbers, durations) and allowed values from its entry;
//   - `adwatch check-config --explain KEY` prints an entry (ExplainConfigKey);
//   - adwatch.toml(5) is generated from it (ConfigReferenceMan, printed by
//     `adwatch check-config --man`); the committed deploy/adwatch.toml.5 is
//     checked against it by tests/config/reference_test.cc.
// Checks that need more than a type and a range (e-mail addresses, selectors,
// "needs X with Y") stay in config/sections.cc; the entry's text says them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace adwatch {

enum class KeyKind {
  kString,      // also paths, secret references, URLs (see ConfigKey::type)
  kBool,
  kInt,         // range [imin, imax]
  kNumber,      // range [nmin, nmax]; an integer is accepted too
  kDuration,    // "90s", "15m", "1h30m"; range [dmin, dmax]
  kOneOf,       // a string out of `allowed`
  kStringList,
  kRegex,       // an RE2 pattern
  kRegexList,
  kTable,       // a sub-table, documented as its own table
  kTableArray,  // [[...]]: an array of tables, documented as its own table
  kFieldRule,   // a selector string, a JSON pointer, or a field rule table
};

// One key of one table. Text fields use `x` for code (bold in the man page)
// and plain UTF-8 otherwise; they are escaped for roff when rendered.
struct ConfigKey {
  std::string_view table;  // a ConfigTable id: "" (main file), "store", "site.fields", ...
  std::string_view key;
  KeyKind kind = KeyKind::kString;
  std::string_view type = {};  // the noun shown instead of the kind's: "path", "secret reference"
  std::string_view def = {};   // the default, as written in the file ("" = none)
  int64_t imin = 0, imax = 0;
  double nmin = 0, nmax = 0;
  Duration dmin = Duration::zero(), dmax = Duration::max();
  std::vector<std::string> allowed = {};
  bool required = false;
  std::string_view doc = {};      // one paragraph; "\n\n" starts another
  std::string_view example = {};  // a TOML line, e.g. `close_after = "14d"`
};

// A table of the files, in the order of the reference.
struct ConfigTable {
  std::string_view id;       // "alerts.smtp"; "" is the main file's top level
  std::string_view heading;  // "[alerts.smtp]", "[[site]]", "Top level"
  std::string_view intro = {};
};

const std::vector<ConfigTable>& ConfigTables();
const std::vector<ConfigKey>& ConfigKeys();

// The entry of `key` in table `table`, or nullptr.
const ConfigKey* FindConfigKey(std::string_view table, std::string_view key);

// The keys of one table, in reference order.
std::vector<const ConfigKey*> ConfigKeysOf(std::string_view table);

// The listed key of `table` nearest to `key` (edit distance below 3), or "".
std::string NearestConfigKey(std::string_view table, std::string_view key);

// "(duration 1h..366d, default 30d)": type, range, allowed values, default,
// "required"; as the man page and --explain show it.
std::string ConfigKeySummary(const ConfigKey& k);

// For --explain: "close_after" (every table's), "alerts.close_after",
// "site.fields.text", "alerts.smtp.url", "[alerts.smtp] url". The entries
// as plain text ("[alerts] close_after (duration 1h..366d, default 30d)"
// then the text, indented), or "" if no key matches.
std::string ExplainConfigKey(std::string_view name);

// adwatch.toml(5), whole, in roff.
std::string ConfigReferenceMan();

}  // namespace adwatch
