// adwatch: the command-line entry point. Parses the global options, picks the
// subcommand and hands over; everything else lives in the libraries and in
// app/cmd_*.cc.
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/metrics.h"
#include "app/service_exec.h"
#include "config/loader.h"
#include "core/env.h"

namespace {

void PrintUsage(std::ostream& out) {
  out << "usage: adwatch [--config FILE] [--log-level LEVEL] COMMAND [ARGS]\n\n"
         "adwatch watches sex-work ad sites for signals of exploitation and sends\n"
         "digests to municipal coordinators for human review.\n\n"
         "commands:\n";
  for (const auto& c : adwatch::AllCommands()) {
    std::string name = c.name;
    name.resize(14, ' ');
    out << "  " << name << c.summary << "\n";
  }
  out << "\nglobal options:\n"
         "  --config FILE      main configuration (default: $ADWATCH_CONFIG, ./adwatch.toml,\n"
         "                     /etc/adwatch/adwatch.toml)\n"
         "  --log-level LEVEL  trace, debug, info, warn, error (overrides the config)\n"
         "  --as-service       run COMMAND in the service's context (its dynamic user, state\n"
         "                     directory and credentials) through systemd-run; e.g.\n"
         "                     `sudo adwatch --as-service alerts list`\n"
         "  --help             this text; `adwatch help COMMAND` or `adwatch COMMAND --help`\n"
         "                     for a command\n\n"
         "exit status: 0 ok, 1 runtime failure, 2 usage or configuration error\n";
}

// Re-executes this adwatch through systemd-run with the unit's execution
// context (app/service_exec.h). Returns only on failure.
int ExecAsService(const adwatch::CommandContext& ctx, const std::string& command) {
  const adwatch::Env& env = *adwatch::Env::Default();
  std::string unit_path = adwatch::ServiceUnitPath();
  auto unit = env.ReadFile(unit_path);
  if (!unit.ok()) {
    std::cerr << "adwatch: --as-service: cannot read the unit " << unit_path << " (" << unit.status().message()
              << "); set $ADWATCH_UNIT\n";
    return adwatch::kExitUsage;
  }
  std::string config = ctx.config_path.empty() ? adwatch::DefaultConfigPath(env) : ctx.config_path;
  std::error_code ec;
  config = std::filesystem::absolute(config, ec).string();
  char self[4096];
  ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  std::string adwatch_path = n > 0 ? std::string(self, static_cast<size_t>(n)) : "/usr/bin/adwatch";
  std::vector<std::string> args = {command};
  if (!ctx.log_level.empty()) args = {"--log-level", ctx.log_level, command};
  args.insert(args.end(), ctx.args.begin(), ctx.args.end());
  auto argv = adwatch::ServiceRunArgv(*unit, adwatch_path, config, args);
  if (!argv.ok()) {
    std::cerr << "adwatch: --as-service: " << argv.status().message() << "\n";
    return adwatch::kExitUsage;
  }
  // $ADWATCH_SYSTEMD_RUN: another systemd-run (tests use one that prints its arguments).
  std::string runner = env.GetEnv("ADWATCH_SYSTEMD_RUN").value_or("systemd-run");
  std::vector<char*> cargv;
  for (auto& a : *argv) cargv.push_back(a.data());
  cargv[0] = runner.data();
  cargv.push_back(nullptr);
  ::execvp(runner.c_str(), cargv.data());
  std::cerr << "adwatch: --as-service: cannot run " << runner << ": " << std::strerror(errno) << "\n";
  return adwatch::kExitFailure;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything adwatch writes (store, mail, exports) is sensitive personal
  // data: private to its user, whatever umask the shell or unit gave.
  ::umask(077);
  // Keep descriptors in reserve: many clients must not starve the store,
  // time zone files or the crawler (the default soft limit is 1,024).
  adwatch::RaiseFileLimit();
  adwatch::CommandContext ctx;
  std::string command;
  bool as_service = false;
  int i = 1;
  for (; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* opt) -> const char* {
      size_t n = std::strlen(opt);
      if (a.size() > n && a.compare(0, n, opt) == 0 && a[n] == '=') return argv[i] + n + 1;
      if (a == opt && i + 1 < argc) return argv[++i];
      return nullptr;
    };
    if (a == "--help" || a == "-h") {
      PrintUsage(std::cout);
      return adwatch::kExitOk;
    } else if (a == "--as-service") {
      as_service = true;
    } else if (a == "--version") {
      command = "version";
    } else if (a.rfind("--config", 0) == 0) {
      const char* v = value("--config");
      if (!v) { std::cerr << "adwatch: --config needs a file\n"; return adwatch::kExitUsage; }
      ctx.config_path = v;
    } else if (a.rfind("--log-level", 0) == 0) {
      const char* v = value("--log-level");
      if (!v) { std::cerr << "adwatch: --log-level needs a level\n"; return adwatch::kExitUsage; }
      ctx.log_level = v;
    } else if (a.rfind("--", 0) == 0) {
      std::cerr << "adwatch: unknown option " << a << " (see adwatch --help)\n";
      return adwatch::kExitUsage;
    } else {
      command = a;
      ++i;
      break;
    }
  }
  for (; i < argc; ++i) ctx.args.emplace_back(argv[i]);

  if (command.empty()) {
    PrintUsage(std::cerr);
    return adwatch::kExitUsage;
  }
  if (as_service) return ExecAsService(ctx, command);
  // `adwatch help [COMMAND]`: what `--help` prints, exit 0.
  if (command == "help") {
    if (ctx.args.empty()) {
      PrintUsage(std::cout);
      return adwatch::kExitOk;
    }
    command = ctx.args.front();
    ctx.args = {"--help"};
  }
  for (const auto& c : adwatch::AllCommands()) {
    if (command != c.name) continue;
    // Libraries' exceptions are caught in their adapters; one that escapes
    // anyway is a bug, reported as an error and exit 1, not a terminate().
    try {
      return c.run(ctx);
    } catch (const std::exception& e) {
      spdlog::error("adwatch {}: unexpected exception: {}", command, e.what());
    } catch (...) {
      spdlog::error("adwatch {}: unexpected exception of unknown type", command);
    }
    return adwatch::kExitFailure;
  }
  std::cerr << "adwatch: unknown command '" << command << "' (see adwatch --help)\n";
  return adwatch::kExitUsage;
}
