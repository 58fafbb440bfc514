// adwatch: the command-line entry point. Parses the global options, picks the
// subcommand and hands over; everything else lives in the libraries and in
// app/cmd_*.cc.
#include <sys/stat.h>

#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/metrics.h"

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
         "  --help             this text; `adwatch COMMAND --help` for a command\n\n"
         "exit status: 0 ok, 1 runtime failure, 2 usage or configuration error\n";
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
  for (const auto& c : adwatch::AllCommands()) {
    if (command == c.name) return c.run(ctx);
  }
  std::cerr << "adwatch: unknown command '" << command << "' (see adwatch --help)\n";
  return adwatch::kExitUsage;
}
