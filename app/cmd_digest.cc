#include "app/commands.h"

namespace adwatch {

int RunDigest(CommandContext&) { return NotYetAvailable("digest", "alerts"); }

}  // namespace adwatch
