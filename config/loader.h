// Loading and validating adwatch.toml and the rule files it includes.
//
// Validation is strict and reports everything at once: unknown keys (with the
// nearest known key as a hint), wrong types, bad durations, out-of-range
// values, invalid regexes and missing required keys each become a
// ConfigError naming file:line:col and the expected form.
#pragma once

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
  bool ok() const { return errors.empty(); }
};

// Loads the main file and every rule file it includes ("include" globs are
// relative to the main file). Never throws.
LoadResult LoadConfig(const std::string& path, const Env& env = *Env::Default());

// Loads only rule files (for `adwatch rules test FILE` and backtests).
LoadResult LoadRuleFiles(const std::vector<std::string>& paths, const Env& env = *Env::Default());

// Parses a string as the main file would be (for tests); `name` is used in positions.
LoadResult LoadConfigFromString(const std::string& toml, const std::string& name,
                                const Env& env = *Env::Default());

// "90s", "15m", "24h", "30d", "500ms", "1h30m".
bool ParseDuration(const std::string& s, Duration* out);
std::string FormatDuration(Duration d);

// "08:00 Europe/Amsterdam" → minutes after midnight and the zone name.
struct TimeOfDay {
  int minutes = 0;
  std::string zone;
};
bool ParseTimeOfDay(const std::string& s, TimeOfDay* out);

// Where to find the main config when --config is not given.
std::string DefaultConfigPath(const Env& env);

}  // namespace adwatch
