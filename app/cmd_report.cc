#include "app/commands.h"

namespace adwatch {

int RunReport(CommandContext&) { return NotYetAvailable("report", "alerts"); }

}  // namespace adwatch
