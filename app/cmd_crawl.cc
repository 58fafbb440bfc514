// adwatch crawl --once [--site NAME]...: one full crawl cycle of the
// configured sites (or the named ones), resuming an unfinished cycle, then a
// per-site summary. Exit 0 if every cycle finished with a working profile,
// 1 if a site's profile is broken, a site crawled nothing (no listing page
// fetched in its cycle: robots.txt or the site down, leases held elsewhere)
// or the store failed, 2 on usage/config errors. A cycle that fetched some
// but not all listing pages exits 0: it is reported, and no ad vanishes.
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "crawler/crawl.h"
#include "crawler/fetcher.h"
#include "store/store.h"

namespace adwatch {

int RunCrawl(CommandContext& ctx) {
  Args args(ctx.args, {"site", "worker"}, {"once", "help", "no-politeness"});
  if (!args.ok() || args.Has("help") || !args.Has("once") || !args.positional().empty()) {
    std::ostream& out = args.Has("help") ? std::cout : std::cerr;
    if (!args.ok()) out << "adwatch crawl: " << args.error() << "\n";
    else if (!args.Has("help") && !args.Has("once")) out << "adwatch crawl: --once is required (the daemon crawls on schedule)\n";
    out << "usage: adwatch [--config FILE] crawl --once [--site NAME] [--worker ID] [--no-politeness]\n\n"
           "Runs one full crawl cycle of every configured site (or of NAME), resuming an\n"
           "unfinished cycle, and prints a summary per site. --no-politeness drops the\n"
           "per-host delay and rate limits (only for sites you run yourself, e.g. the demo).\n";
    return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "crawl");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStore(config->store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch crawl: " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  CrawlOptions options;
  if (auto site = args.Value("site")) options.sites = {*site};
  options.worker = args.ValueOr("worker", "");
  options.politeness = !args.Has("no-politeness");
  options.os_user = Env::Default()->UserName();

  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  auto result = RunCrawlCycle(*config, **store, *fetcher, io, clock, options);
  if (!result.ok()) {
    std::cerr << "adwatch crawl: " << result.status().ToString() << "\n";
    return result.status().code() == Status::Code::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  bool ok = true;
  for (const SiteSummary& s : *result) {
    std::cout << s.ToString() << "\n";
    if (s.profile_broken) {
      std::cerr << "adwatch crawl: PROFILE BROKEN for site " << s.site << ": " << s.profile_broken_reason << " (e.g. "
                << s.profile_broken_example << "); fix [[site]] " << s.site << " (try it with `adwatch site test "
                << s.site << "`)\n";
      ok = false;
    }
    if (s.CrawledNothing()) {
      std::cerr << "adwatch crawl: site " << s.site << " crawled nothing (no listing page fetched): " << s.incomplete
                << "\n";
      ok = false;
    }
    ok = ok && s.finished;
  }
  return ok ? kExitOk : kExitFailure;
}

}  // namespace adwatch
