#include "app/commands.h"

namespace adwatch {

int RunPurge(CommandContext&) { return NotYetAvailable("purge", "store"); }

}  // namespace adwatch
