#include "app/commands.h"

namespace adwatch {

int RunForget(CommandContext&) { return NotYetAvailable("forget", "store"); }

}  // namespace adwatch
