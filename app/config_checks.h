// What `adwatch check-config` checks beyond the loader: everything that
// would otherwise only fail at run time, because it needs the crawler's
// selector compiler, the gazetteer, libphonenumber or the secrets.
//
//  - every site profile compiles: CSS selectors, JSON pointers (RFC 6901
//    escapes), regexes, the embedded-JSON selector;
//  - every phone region (matcher.default_region, each site's region) is one
//    libphonenumber supports;
//  - every [[alerts.municipality]] name is a municipality of the gazetteer
//    (case and diacritics ignored), else an error with "did you mean";
//  - a warning for each municipality in scope without a recipient of its own
//    (its signals go to region or fallback recipients only). In scope: every
//    municipality of the provinces the configured municipalities lie in;
//  - each secret the config names can be read here: an unreadable "file:" or
//    "env:" secret is an error; a "credential:" secret outside the service
//    (no $CREDENTIALS_DIRECTORY) is a warning saying how to check it there.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "core/env.h"
#include "matcher/gazetteer.h"

namespace adwatch {

struct ConfigFinding {
  SourcePos pos;
  bool warning = false;
  std::string message;
  std::string ToString() const;  // "file:line:col: message" (as the loader's errors) / "...: warning: message"
};

// `gazetteer` may be null (it did not load): the municipality checks are skipped.
std::vector<ConfigFinding> CheckRunTimeConfig(const Config& config, const Gazetteer* gazetteer, const Env& env);

// Checks used above, exposed for tests.
bool IsSupportedPhoneRegion(const std::string& region);
// The closest of `candidates` to `name` (case-insensitive edit distance), or "" if none is close.
std::string ClosestName(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace adwatch
