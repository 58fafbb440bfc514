// Logging for the adwatch binary: spdlog to stderr. Under systemd (journald
// adds its own time stamps) lines carry only the level and message;
// otherwise an ISO time stamp too. Personal data (phone numbers, names, ad
// text) is logged only at debug level, by the callers' discipline.
#pragma once

#include <string>

#include "core/status.h"

namespace adwatch {

// `level` is trace, debug, info, warn or error.
Status SetupLogging(const std::string& level);

}  // namespace adwatch
