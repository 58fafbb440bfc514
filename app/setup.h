// What most commands do first: load the configuration (every error printed
// to stderr with file:line:col) and set up logging, where --log-level on the
// command line beats [logging] level in the file.
#pragma once

#include <optional>

#include "app/commands.h"
#include "config/config.h"

namespace adwatch {

// Returns the loaded config, or nullopt after printing why (the caller exits
// with kExitUsage).
std::optional<Config> LoadConfigForCommand(const CommandContext& ctx, const char* command);

}  // namespace adwatch
