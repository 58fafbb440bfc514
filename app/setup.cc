#include "app/setup.h"

#include <iostream>

#include "app/logging.h"
#include "config/loader.h"

namespace adwatch {

std::optional<Config> LoadConfigForCommand(const CommandContext& ctx, const char* command) {
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult r = LoadConfig(path);
  if (!r.ok()) {
    for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
    std::cerr << "adwatch " << command << ": " << path << " has " << r.errors.size()
              << (r.errors.size() == 1 ? " error" : " errors") << " (see adwatch check-config)\n";
    return std::nullopt;
  }
  std::string level = ctx.log_level.empty() ? r.config.logging.level : ctx.log_level;
  if (Status st = SetupLogging(level); !st.ok()) {
    std::cerr << "adwatch " << command << ": " << st.message() << "\n";
    return std::nullopt;
  }
  return std::move(r.config);
}

}  // namespace adwatch
