#include <iostream>

#include "app/commands.h"
#include "app/version.h"

namespace adwatch {

int RunVersion(CommandContext& ctx) {
  if (!ctx.args.empty() && ctx.args[0] == "--help") {
    std::cout << "usage: adwatch version\n\nPrints the adwatch version.\n";
    return kExitOk;
  }
  std::cout << "adwatch " << kAdwatchVersion << "\n";
  return kExitOk;
}

}  // namespace adwatch
