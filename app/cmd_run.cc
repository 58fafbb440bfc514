#include "app/commands.h"

namespace adwatch {

int RunRun(CommandContext&) { return NotYetAvailable("run", "daemon"); }

}  // namespace adwatch
