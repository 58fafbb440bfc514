// `adwatch --as-service COMMAND ...`: run a command in the service's context.
//
// The unit (adwatch.service) runs as a dynamic user with its state directory
// and its secrets as systemd credentials, so a store command run by the
// administrator in a shell has neither the store's permissions nor
// $CREDENTIALS_DIRECTORY. --as-service re-executes adwatch through
//   systemd-run --pipe --wait --quiet --collect --service-type=exec
//     --property=User=adwatch --property=DynamicUser=yes
//     --property=StateDirectory=adwatch ... --property=LoadCredential=...
// with the execution settings copied from the unit file, so the command sees
// exactly what the daemon sees (same dynamic user: a shared User= name).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace adwatch {

// Where the unit file is looked for: $ADWATCH_UNIT, /etc/systemd/system/adwatch.service,
// /lib/systemd/system/adwatch.service.
std::string ServiceUnitPath();

// The systemd-run argument vector (argv[0] = "systemd-run") that runs
// `adwatch_path --config config_path args...` with the [Service] settings of
// `unit_text` that shape the execution context (User, Group, DynamicUser,
// StateDirectory*, WorkingDirectory, LoadCredential, SetCredential,
// Environment, UMask, ReadWritePaths, ...). `config_path` must be absolute.
// Errors: no [Service] section, a relative config path.
Result<std::vector<std::string>> ServiceRunArgv(const std::string& unit_text, const std::string& adwatch_path,
                                                const std::string& config_path,
                                                const std::vector<std::string>& args);

}  // namespace adwatch
