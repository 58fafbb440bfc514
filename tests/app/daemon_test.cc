// The daemon loop with a fake pipeline: one pass, SIGTERM while a cycle is in
// flight, SIGHUP with a broken and a good configuration, and the systemd
// notifications (READY=1, WATCHDOG=1) received on a real notify socket.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/steady_timer.hpp>
#include <atomic>
#include <chrono>
#include <thread>
#include <csignal>

#include "app/daemon.h"

namespace adwatch {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

class FakePipeline : public Pipeline {
 public:
  explicit FakePipeline(asio::io_context& io) : io_(io) {}
  void StartCycle(ConfigPtr config, const std::string& site, std::function<void(const CycleSummary&)> done) override {
    ++cycles_started;
    started.push_back(site);
    // As the real crawler does: hold a reference into the configuration for
    // the whole cycle (ASan catches it if a reload frees it underneath).
    const SiteConfig* cfg = nullptr;
    for (const auto& sc : config->sites)
      if (sc.name == site) cfg = &sc;
    auto t = std::make_shared<asio::steady_timer>(io_, cycle_time);
    t->async_wait([t, site, done, this, config, cfg](const boost::system::error_code&) {
      CycleSummary s;
      s.site = site;
      s.completed = !stopped;
      finished.push_back(cfg == nullptr ? "(none)" : cfg->name + "@" + std::to_string(config->sites.size()));
      done(s);
    });
  }
  void Stop() override { stopped = true; }
  Status Evaluate() override { ++evaluations; return Status::Ok(); }
  TimePoint NextDigest(TimePoint now) const override { return now + std::chrono::hours(1); }
  Status SendDigests(bool) override { ++digests; return Status::Ok(); }
  Status DeliverOutbox() override { return Status::Ok(); }
  Result<std::string> Purge() override { ++purges; return std::string("nothing"); }
  Status Reload(ConfigPtr c) override { reloaded_with = c->sites.size(); ++reloads; return Status::Ok(); }
  void ReloadRejected(const std::string& why) override { rejected.push_back(why); }
  std::string StatusLine() const override { return "fake"; }

  asio::io_context& io_;
  Duration cycle_time = 10ms;
  int cycles_started = 0, evaluations = 0, digests = 0, purges = 0, reloads = 0;
  size_t reloaded_with = 0;
  bool stopped = false;
  std::vector<std::string> started, finished, rejected;
};

Config TwoSites() {
  Config c;
  c.sites.resize(2);
  c.sites[0].name = "a";
  c.sites[1].name = "b";
  c.sites[0].recrawl_interval = c.sites[1].recrawl_interval = 20ms;
  c.daemon.watchdog_interval = 50ms;
  return c;
}

void RaiseAfter(asio::io_context& io, Duration d, int sig) {
  auto t = std::make_shared<asio::steady_timer>(io, d);
  t->async_wait([t, sig](const boost::system::error_code&) { ::raise(sig); });
}

ConfigPtr Ptr(Config c) { return std::make_shared<const Config>(std::move(c)); }

Result<Config> Broken(const std::string&) { return Status::InvalidArgument("x.toml:3:1: unknown key 'wieght'"); }

TEST(DaemonTest, OnePassCrawlsEverySiteThenSendsTheDigestAndExits0) {
  asio::io_context io;
  FakePipeline p(io);
  FakeClock clock;
  DaemonOptions opt;
  opt.once = true;
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, Broken), 0);
  EXPECT_EQ(p.cycles_started, 2);
  EXPECT_EQ(p.evaluations, 2);
  EXPECT_EQ(p.digests, 1);
}

TEST(DaemonTest, SigtermDuringACycleStopsCleanlyWithinTheGracePeriod) {
  asio::io_context io;
  FakePipeline p(io);
  p.cycle_time = 200ms;
  FakeClock clock;
  DaemonOptions opt;
  opt.grace = 5s;
  RaiseAfter(io, 50ms, SIGTERM);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, Broken), 0);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(p.stopped);
  EXPECT_EQ(p.evaluations, 0);  // nothing new is started after SIGTERM
  EXPECT_LT(took, 3s);          // waited for the in-flight cycles, not the whole grace period
}

TEST(DaemonTest, AHungCycleIsAbandonedAfterTheGracePeriod) {
  asio::io_context io;
  FakePipeline p(io);
  p.cycle_time = 30s;
  FakeClock clock;
  DaemonOptions opt;
  opt.grace = 300ms;
  RaiseAfter(io, 20ms, SIGTERM);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, Broken), 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(DaemonTest, SighupWithABrokenConfigKeepsTheRunningOne) {
  asio::io_context io;
  FakePipeline p(io);
  FakeClock clock;
  DaemonOptions opt;
  RaiseAfter(io, 50ms, SIGHUP);
  RaiseAfter(io, 400ms, SIGTERM);
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, Broken), 0);
  EXPECT_EQ(p.reloads, 0);
  ASSERT_EQ(p.rejected.size(), 1u);  // counted and audited by the pipeline
  EXPECT_NE(p.rejected[0].find("wieght"), std::string::npos);
  EXPECT_GE(p.cycles_started, 4);  // kept crawling both sites on the old config
}

TEST(DaemonTest, SighupWithAGoodConfigSwapsItIn) {
  asio::io_context io;
  FakePipeline p(io);
  FakeClock clock;
  DaemonOptions opt;
  RaiseAfter(io, 50ms, SIGHUP);
  RaiseAfter(io, 150ms, SIGTERM);
  auto three = [](const std::string&) -> Result<Config> {
    Config c = TwoSites();
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "c";
    return c;
  };
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, three), 0);
  EXPECT_EQ(p.reloads, 1);
  EXPECT_EQ(p.reloaded_with, 3u);
}

TEST(DaemonTest, AReloadDuringCyclesAddsAndRemovesSitesWhileTheRunningCyclesKeepTheirConfig) {
  asio::io_context io;
  FakePipeline p(io);
  p.cycle_time = 100ms;
  FakeClock clock;
  DaemonOptions opt;
  Config start = TwoSites();
  start.sites[0].recrawl_interval = start.sites[1].recrawl_interval = std::chrono::hours(1);
  RaiseAfter(io, 30ms, SIGHUP);  // both cycles in flight
  RaiseAfter(io, 300ms, SIGTERM);
  auto b_and_c = [&](const std::string&) -> Result<Config> {
    Config c = start;
    c.sites.erase(c.sites.begin());  // "a" removed
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "c";       // "c" added
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "d";       // reallocates the vector
    return c;
  };
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(start), clock, opt, b_and_c), 0);
  EXPECT_EQ(p.reloads, 1);
  EXPECT_TRUE(p.rejected.empty());
  // a and b once (no unscheduled crawl of b by the reload), then the new sites once.
  EXPECT_EQ(p.started, (std::vector<std::string>{"a", "b", "c", "d"}));
  // a and b finished on the configuration they started with (two sites), c and d on the new one.
  EXPECT_EQ(p.finished, (std::vector<std::string>{"a@2", "b@2", "c@3", "d@3"}));
}

TEST(DaemonTest, AReloadThatChangesTheStoreIsRefused) {
  asio::io_context io;
  FakePipeline p(io);
  FakeClock clock;
  DaemonOptions opt;
  Config start = TwoSites();
  start.sites[0].recrawl_interval = start.sites[1].recrawl_interval = std::chrono::hours(1);
  RaiseAfter(io, 30ms, SIGHUP);
  RaiseAfter(io, 80ms, SIGTERM);
  auto other_store = [&](const std::string&) -> Result<Config> {
    Config c = start;
    c.store.path = "other.db";
    return c;
  };
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(start), clock, opt, other_store), 0);
  EXPECT_EQ(p.reloads, 0);
  ASSERT_EQ(p.rejected.size(), 1u);
  EXPECT_NE(p.rejected[0].find("[store] changed"), std::string::npos) << p.rejected[0];
  EXPECT_EQ(p.cycles_started, 2);
}

TEST(DaemonTest, NotifiesSystemdReadyAndWatchdog) {
  std::string path = "/tmp/adwatch-notify-" + std::to_string(::getpid());
  ::unlink(path.c_str());
  int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  ASSERT_GE(fd, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "100000", 1);  // 100 ms: pinged every 50 ms

  // Read as systemd does, while the daemon runs: a full datagram queue would block the sender.
  std::string all;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    char buf[4096];
    while (!done) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        all += std::string(buf, static_cast<size_t>(n)) + "\n";
      } else {
        std::this_thread::sleep_for(1ms);
      }
    }
  });
  asio::io_context io;
  FakePipeline p(io);
  FakeClock clock;
  DaemonOptions opt;
  RaiseAfter(io, 300ms, SIGTERM);
  EXPECT_EQ(RunDaemonLoop(io, p, Ptr(TwoSites()), clock, opt, Broken), 0);
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  std::this_thread::sleep_for(20ms);
  done = true;
  reader.join();
  ::close(fd);
  ::unlink(path.c_str());
  EXPECT_NE(all.find("READY=1"), std::string::npos) << all;
  EXPECT_NE(all.find("STATUS=fake"), std::string::npos) << all;
  EXPECT_NE(all.find("STOPPING=1"), std::string::npos) << all;
  size_t watchdogs = 0;
  for (size_t pos = 0; (pos = all.find("WATCHDOG=1", pos)) != std::string::npos; ++pos) ++watchdogs;
  EXPECT_GE(watchdogs, 3u) << all;
}

}  // namespace
}  // namespace adwatch
