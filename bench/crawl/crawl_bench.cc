// adwatch_bench_crawl CONFIG STORE_PATH [SITE...]: one full crawl cycle of
// the sites in CONFIG (all if none named) with politeness off, into a SQLite
// store at STORE_PATH. Prints one JSON line: pages, ads known, seconds.
// CPU time and peak RSS are measured from outside (bench/crawl_vs_scrapy.sh).
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>

#include "config/loader.h"
#include "crawler/crawl.h"
#include "crawler/fetcher.h"
#include "store/store.h"

int main(int argc, char** argv) {
  using namespace adwatch;
  if (argc < 3) {
    std::cerr << "usage: adwatch_bench_crawl CONFIG STORE_PATH [SITE...]\n";
    return 2;
  }
  spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));  // stdout carries the JSON line
  spdlog::set_level(spdlog::level::warn);
  LoadResult cfg = LoadConfig(argv[1]);
  for (const auto& e : cfg.errors) std::cerr << e.ToString() << "\n";
  if (!cfg.ok()) return 2;
  Config config = cfg.config;
  config.store.backend = "sqlite";
  config.store.path = argv[2];
  config.store.pseudonym_key = std::string("file:") + argv[2] + ".key";
  if (!EnsurePseudonymKey(config.store.pseudonym_key, *Env::Default()).ok()) return 1;
  SystemClock clock;
  auto store = OpenStore(config.store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << store.status().ToString() << "\n";
    return 1;
  }
  CrawlOptions options;
  options.politeness = false;
  options.worker = "bench";
  for (int i = 3; i < argc; ++i) options.sites.push_back(argv[i]);
  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  auto t0 = std::chrono::steady_clock::now();
  auto res = RunCrawlCycle(config, **store, *fetcher, io, clock, options);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!res.ok()) {
    std::cerr << res.status().ToString() << "\n";
    return 1;
  }
  int64_t pages = 0, known = 0, errors = 0;
  for (const auto& s : *res) {
    std::cerr << s.ToString() << "\n";
    pages += s.pages;
    for (const auto& [k, n] : s.errors) errors += n;
    auto c = (*store)->GetSiteCounters(s.site);
    if (c.ok()) known += c->ads_known;
  }
  std::cout << "{\"pages\":" << pages << ",\"ads_known\":" << known << ",\"errors\":" << errors
            << ",\"seconds\":" << secs << "}\n";
  return 0;
}
