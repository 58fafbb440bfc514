#include "app/commands.h"

namespace adwatch {

int RunAlerts(CommandContext&) { return NotYetAvailable("alerts", "alerts"); }

}  // namespace adwatch
