// The real pipeline crawling two sites over HTTP on 127.0.0.1, with an
// injected analyser that holds one site's ads until the test lets go: the
// other site's cycle still finishes, and the event loop keeps running timers
// (the metrics refresh is one), because matching runs on the worker pool.
// With matching on the loop this test cannot pass: the held analysis would
// block the loop, and the other cycle could not finish until the release.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "app/pipeline.h"
#include "config/loader.h"
#include "matcher/analyze.h"
#include "store/store.h"
#include "tests/app/one_rule.h"
#include "tests/crawler/test_server.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;
using testing::TestReply;
using testing::TestRequest;
using testing::TestServer;

constexpr const char* kRules = testing::kOneRule;

TestReply Page(const TestRequest& q, const std::string& id) {
  TestReply r;
  r.headers = {{"Content-Type", "text/html"}};
  if (q.target == "/robots.txt") r.status = 404;
  else if (q.target == "/list") r.body = "<a class=ad href=/ad/1></a><a class=ad href=/ad/2></a>";
  else r.body = "<h1 data-id=" + id + q.target.substr(4) + ">ad</h1><p>24/7 bereikbaar</p>";
  return r;
}

SiteConfig Site(const std::string& name, const std::string& base) {
  SiteConfig s;
  s.name = name;
  s.purpose = "test";
  s.legal_basis = "test";
  s.start_urls = {base + "/list"};
  s.allow_private_addresses = true;
  s.ad_links.selector = "a.ad@href";
  s.fields["id"].selector = "h1@data-id";
  s.fields["title"].selector = "h1";
  s.fields["text"].selector = "p";
  return s;
}

TEST(PipelineOffLoopTest, ASiteSlowToAnalyseHoldsUpNeitherTheLoopNorOtherSites) {
  const std::string dir = ::testing::TempDir() + "/adwatch-offloop-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir + "/mail");
  std::ofstream(dir + "/rules.toml") << kRules;
  LoadResult loaded = LoadRuleFiles({dir + "/rules.toml"});
  ASSERT_TRUE(loaded.ok());
  Config config = loaded.config;
  config.matcher.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  config.store.path = dir + "/adwatch.db";
  config.store.pseudonym_key = "file:" + dir + "/pseudonym.key";
  config.alerts.transport = "file";
  config.alerts.out_dir = dir + "/mail";
  config.crawler.min_delay = 0ms;
  config.crawler.worker_threads = 2;
  ASSERT_TRUE(EnsurePseudonymKey(config.store.pseudonym_key, *Env::Default()).ok());
  TestServer slow_site([](const TestRequest& q) { return Page(q, "s"); });
  TestServer fast_site([](const TestRequest& q) { return Page(q, "f"); });
  config.sites = {Site("slow", slow_site.base()), Site("fast", fast_site.base())};

  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const std::thread::id io_thread = std::this_thread::get_id();
  std::atomic<int> on_io{0}, analysed{0};
  PipelineHooks hooks;
  hooks.analyse = [&, released](const Ad& ad, const Matcher& m) {
    if (std::this_thread::get_id() == io_thread) ++on_io;
    if (ad.site == "slow") released.wait_for(30s);  // bounded: a blocked loop fails below, not hangs
    ++analysed;
    return AnalyzeAd(ad, m);
  };

  boost::asio::io_context io;
  SystemClock clock;
  Metrics metrics;
  auto pipeline = CreatePipeline(io, std::make_shared<const Config>(config), clock, metrics, hooks);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  std::optional<CycleSummary> slow_done, fast_done;
  (*pipeline)->StartCycle(std::make_shared<const Config>(config), "slow", [&](const CycleSummary& s) { slow_done = s; });
  (*pipeline)->StartCycle(std::make_shared<const Config>(config), "fast", [&](const CycleSummary& s) { fast_done = s; });
  // A timer armed while the slow site's ads are being analysed.
  int ticks = 0;
  boost::asio::steady_timer tick(io);
  std::function<void()> arm = [&] {
    tick.expires_after(5ms);
    tick.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      ++ticks;
      arm();
    });
  };
  arm();

  auto run_until = [&](auto cond) {
    auto end = std::chrono::steady_clock::now() + 20s;
    while (!cond() && std::chrono::steady_clock::now() < end) {
      io.run_one_for(10ms);
      if (io.stopped()) io.restart();
    }
    return cond();
  };
  ASSERT_TRUE(run_until([&] { return fast_done.has_value(); })) << "the fast site's cycle did not finish";
  EXPECT_TRUE(fast_done->completed) << fast_done->error;
  EXPECT_EQ(fast_done->ads_new, 2);
  EXPECT_FALSE(slow_done.has_value()) << "the slow site's cycle ended before its ads were analysed";
  const int ticks_before = ticks;
  ASSERT_TRUE(run_until([&] { return ticks >= ticks_before + 3; })) << "the loop is blocked";
  EXPECT_FALSE(slow_done.has_value());

  release.set_value();
  ASSERT_TRUE(run_until([&] { return slow_done.has_value(); }));
  EXPECT_TRUE(slow_done->completed) << slow_done->error;
  EXPECT_EQ(analysed.load(), 4);
  EXPECT_EQ(on_io.load(), 0) << "an ad was analysed on the io thread";
  EXPECT_EQ(metrics.ads_analyzed, 4);
  EXPECT_TRUE((*pipeline)->Evaluate().ok());
  EXPECT_NE((*pipeline)->StatusLine().find("4 ads"), std::string::npos) << (*pipeline)->StatusLine();
  tick.cancel();
  pipeline->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace adwatch
