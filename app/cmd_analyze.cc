#include "app/commands.h"

namespace adwatch {

int RunAnalyze(CommandContext&) { return NotYetAvailable("analyze", "matcher"); }

}  // namespace adwatch
