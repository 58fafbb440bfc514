#include "app/commands.h"

namespace adwatch {

int RunStatus(CommandContext&) { return NotYetAvailable("status", "daemon"); }

}  // namespace adwatch
