// adwatch check-config: load the configuration and every rule file, report
// every error at once with file:line:col, exit 2 if there is any.
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "config/loader.h"

namespace adwatch {

int RunCheckConfig(CommandContext& ctx) {
  Args args(ctx.args, {}, {"help"});
  if (!args.ok() || args.Has("help") || !args.positional().empty()) {
    std::ostream& out = args.Has("help") ? std::cout : std::cerr;
    if (!args.ok()) out << "adwatch check-config: " << args.error() << "\n";
    out << "usage: adwatch [--config FILE] check-config\n\n"
           "Loads the configuration and the rule files it includes and reports every\n"
           "error (unknown keys, wrong types, bad durations, invalid regexes, missing\n"
           "keys) with file:line:col. Exit 0 if valid, 2 if not.\n";
    return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
  }
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult r = LoadConfig(path);
  if (!r.ok()) {
    for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
    std::cerr << path << ": " << r.errors.size() << (r.errors.size() == 1 ? " error" : " errors") << "\n";
    return kExitUsage;
  }
  const Config& c = r.config;
  std::cout << path << ": ok (" << c.sites.size() << " sites, " << c.matcher.rules.size()
            << " rules, rules version " << c.matcher.rules_version.substr(0, 12) << ", store "
            << c.store.backend << ")\n";
  return kExitOk;
}

}  // namespace adwatch
