#include "app/commands.h"

namespace adwatch {

int RunExport(CommandContext&) { return NotYetAvailable("export", "store"); }

}  // namespace adwatch
