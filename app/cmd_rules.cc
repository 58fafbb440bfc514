#include "app/commands.h"

namespace adwatch {

int RunRules(CommandContext&) { return NotYetAvailable("rules", "matcher"); }

}  // namespace adwatch
