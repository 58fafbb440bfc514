// What most commands do first: load the configuration (every error printed
// to stderr with file:line:col) and set up logging, where --log-level on the
// command line beats [logging] level in the file.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/commands.h"
#include "config/config.h"
#include "store/store.h"

namespace adwatch {

// Returns the loaded config, or nullopt after printing why (the caller exits
// with kExitUsage).
std::optional<Config> LoadConfigForCommand(const CommandContext& ctx, const char* command);

// Opens the configured store, or prints why not (the caller exits with
// kExitFailure) and returns null.
std::unique_ptr<Store> OpenStoreForCommand(const Config& config, const Clock& clock, const char* command);

// A --phone argument as the store keys numbers (E.164): "+31612345678" as
// is, anything else through the matcher's extraction in the config's default
// region. Prints why not (the caller exits with kExitUsage) and returns "".
std::string PhoneArgument(const std::string& raw, const Config& config, const char* command);

// A municipality name as the user typed it ("maastricht", "SITTARD GELEEN")
// in the gazetteer's spelling, which the store keeps; unchanged if the
// gazetteer does not know it (or cannot be loaded).
std::string CanonicalMunicipality(const Config& config, const std::string& name);

}  // namespace adwatch
