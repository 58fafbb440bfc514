// adwatch run [--once]: the daemon (see app/daemon.h), or one full pass.
#include <spdlog/spdlog.h>

#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/daemon.h"
#include "app/metrics.h"
#include "alerts/transport.h"
#include "app/setup.h"
#include "config/loader.h"
#include "console/console.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] run [--once]\n\n"
    "Runs adwatch as a daemon (systemd Type=notify): crawl cycles per site, matching,\n"
    "cross-ad signals and alerts after each cycle, digests at the configured times,\n"
    "outbox retries and daily retention. SIGHUP reloads the configuration (an invalid\n"
    "one is rejected and the running one kept); SIGTERM stops within 10 s.\n\n"
    "  --once   one pass: crawl every site once, evaluate, write or send the digests, exit\n"
    "           (exit 1 if a site crawled nothing: no listing page fetched, a site's\n"
    "           profile is broken: no ad links, or empty text on most ads, or mail\n"
    "           could not be delivered)\n";

Result<Config> ReloadConfig(const std::string& path) {
  LoadResult r = LoadConfig(path);
  if (r.ok()) return std::move(r.config);
  std::string all;
  for (const auto& e : r.errors) {
    spdlog::error("{}", e.ToString());
    all += (all.empty() ? "" : "; ") + e.ToString();
  }
  return Status::InvalidArgument(std::to_string(r.errors.size()) + " configuration errors: " + all);
}

}  // namespace

int RunRun(CommandContext& ctx) {
  Args args(ctx.args, {}, {"once", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok() || !args.positional().empty()) {
    std::cerr << "adwatch run: " << (args.ok() ? "unexpected argument" : args.error()) << "\n" << kUsage;
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "run");
  if (!config) return kExitUsage;

  boost::asio::io_context io;
  SystemClock clock;
  Metrics metrics;
  metrics.started_unix = ToUnixSeconds(clock.Now());
  auto running = std::make_shared<const Config>(std::move(*config));
  auto pipeline = CreatePipeline(io, running, clock, metrics);
  if (!pipeline.ok()) {
    spdlog::error("cannot start: {}", pipeline.status().message());
    return kExitFailure;
  }
  std::unique_ptr<MetricsServer> metrics_server;
  if (!running->daemon.metrics_listen.empty() && !args.Has("once")) {
    MetricsServerOptions mopt;
    mopt.on_terminate = [] { InterruptMailTransfers(); };  // a hanging mail server must not delay SIGTERM
    auto server = StartMetricsServer(io, running->daemon.metrics_listen, metrics, clock, std::move(mopt));
    if (!server.ok()) {
      spdlog::error("cannot start: {}", server.status().message());
      return kExitFailure;
    }
    metrics_server = std::move(*server);
    spdlog::info("metrics on http://127.0.0.1:{}/metrics", metrics_server->port());
  }
  // The review console on the same event loop, with a Store of its own (a Store serves one user at a time).
  std::unique_ptr<Store> console_store;
  std::unique_ptr<console::RunningConsole> review_console;
  if (!running->console.listen.empty() && !args.Has("once")) {
    console_store = OpenStoreForCommand(*running, clock, "run");
    if (!console_store) return kExitFailure;
    auto started = console::StartConsole(io, *running, *console_store, clock);
    if (!started.ok()) {
      spdlog::error("cannot start: {}", started.status().message());
      return kExitFailure;
    }
    review_console = std::move(*started);
    spdlog::info("review console on port {}", review_console->server->port());
  }
  DaemonOptions opt;
  opt.config_path = running->path;
  opt.once = args.Has("once");
  int code = RunDaemonLoop(io, **pipeline, running, clock, opt, ReloadConfig);
  // One pass that did not watch a site at all is a failure, not a quiet 0.
  for (const auto& [site, m] : metrics.sites) {
    if (!opt.once || m.crawled_nothing.empty()) continue;
    std::cerr << "adwatch run: site " << site << " crawled nothing (no listing page fetched): " << m.crawled_nothing
              << "\n";
    if (code == kExitOk) code = kExitFailure;
  }
  // Nor one whose site profile no longer reads the site (no ad links, empty text).
  for (const auto& [site, m] : metrics.sites) {
    if (!opt.once || !m.profile_broken) continue;
    std::cerr << "adwatch run: PROFILE BROKEN for site " << site << ": " << m.profile_broken_reason
              << "; fix [[site]] " << site << " (try it with `adwatch site test " << site << "`)\n";
    if (code == kExitOk) code = kExitFailure;
  }
  // Nor is a pass whose mail did not go out (it stays queued and is retried).
  if (opt.once && (metrics.mail_failed > 0 || metrics.mail_queued > 0)) {
    std::cerr << "adwatch run: mail not delivered: " << metrics.mail_failed << " failed attempts, "
              << metrics.mail_queued << " messages wait in the outbox (see the log and `adwatch status`)\n";
    if (code == kExitOk) code = kExitFailure;
  }
  return code;
}

}  // namespace adwatch
