#include "app/commands.h"

namespace adwatch {

int RunCrawl(CommandContext&) { return NotYetAvailable("crawl", "crawler"); }

}  // namespace adwatch
