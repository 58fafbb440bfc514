// The adwatch subcommands. Each lives in its own app/cmd_<name>.cc and
// returns the process exit code: 0 ok, 1 runtime failure, 2 usage or config
// error.
#pragma once

#include <string>
#include <vector>

namespace adwatch {

// What every command gets: the global options and its own arguments.
struct CommandContext {
  std::string config_path;            // --config, or the default search
  std::string log_level;              // --log-level, overrides the config
  std::vector<std::string> args;      // after the command name
};

constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(CommandContext&);
};

// All commands, in the order `adwatch --help` lists them.
const std::vector<Command>& AllCommands();

int RunCheckConfig(CommandContext& ctx);
int RunRun(CommandContext& ctx);
int RunCrawl(CommandContext& ctx);
int RunAnalyze(CommandContext& ctx);
int RunRules(CommandContext& ctx);
int RunAlerts(CommandContext& ctx);
int RunDigest(CommandContext& ctx);
int RunReport(CommandContext& ctx);
int RunPurge(CommandContext& ctx);
int RunExport(CommandContext& ctx);
int RunForget(CommandContext& ctx);
int RunAudit(CommandContext& ctx);
int RunStatus(CommandContext& ctx);
int RunVersion(CommandContext& ctx);
int RunSite(CommandContext& ctx);     // app/cmd_site.cc: the site-profile workbench
int RunConsole(CommandContext& ctx);
int RunUsers(CommandContext& ctx);

}  // namespace adwatch
