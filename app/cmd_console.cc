// adwatch console: the review console on its own (the daemon runs the same
// server on its event loop when [console] listen is set). Serves until
// SIGTERM or SIGINT.
#include <csignal>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "console/console.h"

namespace adwatch {

int RunConsole(CommandContext& ctx) {
  Args args(ctx.args, {"listen"}, {"help"});
  if (args.Has("help") || !args.ok() || !args.positional().empty()) {
    std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
    if (!args.ok()) out << "adwatch console: " << args.error() << "\n";
    out << "usage: adwatch [--config FILE] console [--listen HOST:PORT]\n\n"
           "Serves the review console ([console] in the config) until SIGTERM. --listen overrides\n"
           "[console] listen (\"127.0.0.1:0\" picks a free port). Prints the URL it serves.\n";
    return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "console");
  if (!config) return kExitUsage;
  if (auto l = args.Value("listen")) config->console.listen = *l;
  if (config->console.listen.empty()) {
    std::cerr << "adwatch console: [console] listen is not set\n";
    return kExitUsage;
  }
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "console");
  if (!store) return kExitFailure;
  boost::asio::io_context io;
  auto running = console::StartConsole(io, *config, *store, clock);
  if (!running.ok()) {
    std::cerr << "adwatch console: " << running.status().message() << "\n";
    return kExitFailure;
  }
  std::string host = config->console.listen.substr(0, config->console.listen.rfind(':'));
  std::cout << "console: " << (config->console.tls_cert.empty() ? "http" : "https") << "://" << host << ":"
            << (*running)->server->port() << "/" << std::endl;
  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
  io.run();
  return kExitOk;
}

}  // namespace adwatch
