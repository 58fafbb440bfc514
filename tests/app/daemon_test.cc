// The daemon loop with a fake pipeline on a FakeClock: every timer of the
// loop (crawl cycles, digests, outbox retries, retention, the watchdog, the
// grace period) runs only when the test moves the clock, so each test states
// exactly what has run at which moment, with no sleeping. Signals are real
// (raise(), then the loop's ready work is polled), and so is the systemd
// notify socket.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

#include "app/daemon.h"

namespace adwatch {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

// A crawl cycle takes `cycle_time` of the fake clock.
class FakePipeline : public Pipeline {
 public:
  FakePipeline(asio::io_context& io, Clock& clock) : io_(io), clock_(clock) {}
  void StartCycle(ConfigPtr config, const std::string& site, std::function<void(const CycleSummary&)> done) override {
    ++cycles_started;
    started.push_back(site);
    // As the real crawler does: hold a reference into the configuration for
    // the whole cycle (ASan catches it if a reload frees it underneath).
    const SiteConfig* cfg = nullptr;
    for (const auto& sc : config->sites)
      if (sc.name == site) cfg = &sc;
    std::shared_ptr<ClockTimer> t = clock_.NewTimer(io_);
    clock_.After(*t, cycle_time, [t, site, done, this, config, cfg]() mutable {
      CycleSummary s;
      s.site = site;
      s.completed = !stopped && site != fail_site;
      s.failed = site == fail_site;
      finished.push_back(cfg == nullptr ? "(none)" : cfg->name + "@" + std::to_string(config->sites.size()));
      auto keep = std::move(t);  // the timer lives until its callback has run
      done(s);
    });
  }
  void Stop() override { stopped = true; }
  Status Evaluate() override { ++evaluations; return Status::Ok(); }
  TimePoint NextDigest(TimePoint now) const override { return now + std::chrono::hours(1); }
  Status SendDigests(bool) override { ++digests; return Status::Ok(); }
  Status DeliverOutbox() override { ++deliveries; return Status::Ok(); }
  Result<std::string> Purge() override { ++purges; return std::string("nothing"); }
  Status Reload(ConfigPtr c) override { reloaded_with = c->sites.size(); ++reloads; return Status::Ok(); }
  void ReloadRejected(const std::string& why) override { rejected.push_back(why); }
  std::string StatusLine() const override { return "fake"; }

  asio::io_context& io_;
  Clock& clock_;
  Duration cycle_time = 10ms;
  int cycles_started = 0, evaluations = 0, digests = 0, deliveries = 0, purges = 0, reloads = 0;
  size_t reloaded_with = 0;
  bool stopped = false;
  std::string fail_site;  // this site's cycles fail (the store lost mid-cycle)
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

ConfigPtr Ptr(Config c) { return std::make_shared<const Config>(std::move(c)); }

Result<Config> Broken(const std::string&) { return Status::InvalidArgument("x.toml:3:1: unknown key 'wieght'"); }

// One daemon on a FakeClock, driven step by step.
struct Harness {
  asio::io_context io;
  FakeClock clock;  // declared before the loop: its timers live on it
  FakePipeline p{io, clock};
  std::unique_ptr<DaemonLoop> loop;

  void Start(Config c, DaemonOptions opt = {}, ConfigLoader loader = Broken) {
    loop = std::make_unique<DaemonLoop>(io, p, Ptr(std::move(c)), clock, opt, std::move(loader));
    loop->Start();
    Poll();
  }
  // Runs the ready work of the loop (a delivered signal), without waiting.
  void Poll() {
    if (loop->finished()) return;
    io.restart();
    while (io.poll() > 0) {
    }
  }
  // Moves the clock by `d`: every timer due on the way runs, in order.
  void Advance(Duration d) {
    clock.Advance(d);
    Poll();
  }
  void Signal(int sig) {
    ASSERT_FALSE(loop->finished()) << "no handler left for the signal";
    ::raise(sig);
    Poll();
  }
};

TEST(DaemonTest, OnePassCrawlsEverySiteThenSendsTheDigestAndExits0) {
  Harness h;
  DaemonOptions opt;
  opt.once = true;
  h.Start(TwoSites(), opt);
  EXPECT_EQ(h.p.cycles_started, 0);  // nothing runs before the clock moves
  h.Advance(0s);
  EXPECT_EQ(h.p.started, (std::vector<std::string>{"a", "b"}));
  h.Advance(9ms);
  EXPECT_EQ(h.p.evaluations, 0);
  EXPECT_FALSE(h.loop->finished());
  h.Advance(1ms);
  EXPECT_EQ(h.p.evaluations, 1);  // once, after the last site's cycle
  EXPECT_EQ(h.p.digests, 1);
  EXPECT_EQ(h.p.deliveries, 0);  // one pass: no outbox timer, no retention
  EXPECT_EQ(h.p.purges, 0);
  EXPECT_TRUE(h.loop->finished());
  EXPECT_EQ(h.loop->exit_code(), 0);
}

// A pass with a failed cycle holds part of that site's ads: it is not
// evaluated (the next run resumes the cycle and evaluates it whole, as after
// a kill -9), its earlier digests still go out, and the run exits 1.
TEST(DaemonTest, OnePassWithAFailedCycleIsNotEvaluatedAndExits1) {
  Harness h;
  h.p.fail_site = "b";
  DaemonOptions opt;
  opt.once = true;
  h.Start(TwoSites(), opt);
  h.Advance(0s);
  h.Advance(10ms);
  EXPECT_TRUE(h.loop->finished());
  EXPECT_EQ(h.p.evaluations, 0);
  EXPECT_EQ(h.p.digests, 1);
  EXPECT_EQ(h.loop->exit_code(), 1);
}

TEST(DaemonTest, CyclesRecurAtTheirIntervalAfterEachEnds) {
  Harness h;
  h.Start(TwoSites());  // cycles of 10 ms, then 20 ms until the next: one every 30 ms per site
  h.Advance(0s);
  EXPECT_EQ(h.p.cycles_started, 2);
  h.Advance(29ms);
  EXPECT_EQ(h.p.cycles_started, 2);
  EXPECT_EQ(h.p.evaluations, 2);
  h.Advance(1ms);
  EXPECT_EQ(h.p.cycles_started, 4);
  h.Advance(270ms);  // t = 300 ms: cycles started at 0, 30, ..., 300
  EXPECT_EQ(h.p.cycles_started, 2 * 11);
  EXPECT_EQ(h.p.evaluations, 2 * 10);
  h.Signal(SIGTERM);
  h.Advance(10ms);
  EXPECT_TRUE(h.loop->finished());
}

TEST(DaemonTest, DigestOutboxAndRetentionRunAtTheirTimes) {
  Harness h;
  Config c = TwoSites();
  c.sites[0].recrawl_interval = c.sites[1].recrawl_interval = 24h;
  c.daemon.watchdog_interval = 1h;
  DaemonOptions opt;
  opt.outbox_every = 30s;
  opt.retention_every = 24h;
  h.Start(c, opt);
  h.Advance(30s - 1ms);
  EXPECT_EQ(h.p.deliveries, 0);
  h.Advance(1ms);
  EXPECT_EQ(h.p.deliveries, 1);
  h.Advance(30s);  // t = 60 s: the second retry and the first retention (a minute after start)
  EXPECT_EQ(h.p.deliveries, 2);
  EXPECT_EQ(h.p.purges, 1);
  h.Advance(1h - 60s - 1ms);  // the digest is due an hour after start
  EXPECT_EQ(h.p.digests, 0);
  h.Advance(1ms);
  EXPECT_EQ(h.p.digests, 1);
  EXPECT_EQ(h.p.deliveries, 120);
  h.Advance(1h);  // the next digest an hour after the first (+1 s: never the same slot twice)
  EXPECT_EQ(h.p.digests, 1);
  h.Advance(1s);
  EXPECT_EQ(h.p.digests, 2);
  h.Advance(24h);  // retention daily
  EXPECT_EQ(h.p.purges, 2);
  h.Signal(SIGTERM);
  EXPECT_TRUE(h.loop->finished());
  int digests = h.p.digests, deliveries = h.p.deliveries;
  h.clock.Advance(48h);  // after the stop nothing runs
  EXPECT_EQ(h.p.digests, digests);
  EXPECT_EQ(h.p.deliveries, deliveries);
}

TEST(DaemonTest, SigtermDuringACycleWaitsForItNotForTheGracePeriod) {
  Harness h;
  h.p.cycle_time = 200ms;
  DaemonOptions opt;
  opt.grace = 5s;
  h.Start(TwoSites(), opt);
  h.Advance(50ms);
  h.Signal(SIGTERM);
  EXPECT_TRUE(h.p.stopped);
  EXPECT_FALSE(h.loop->finished());  // two cycles in flight
  h.Advance(149ms);
  EXPECT_FALSE(h.loop->finished());
  h.Advance(1ms);  // the in-flight cycles end at 200 ms
  EXPECT_TRUE(h.loop->finished());
  EXPECT_EQ(h.loop->exit_code(), 0);
  EXPECT_EQ(h.p.evaluations, 0);  // nothing new is started after SIGTERM
  EXPECT_EQ(h.p.cycles_started, 2);
}

TEST(DaemonTest, AHungCycleIsAbandonedAfterTheGracePeriod) {
  Harness h;
  h.p.cycle_time = 30s;
  DaemonOptions opt;
  opt.grace = 300ms;
  h.Start(TwoSites(), opt);
  h.Advance(20ms);
  h.Signal(SIGTERM);
  h.Advance(299ms);
  EXPECT_FALSE(h.loop->finished());
  h.Advance(1ms);
  EXPECT_TRUE(h.loop->finished());
  EXPECT_EQ(h.loop->exit_code(), 0);
}

TEST(DaemonTest, SighupWithABrokenConfigKeepsTheRunningOne) {
  Harness h;
  h.Start(TwoSites());
  h.Advance(50ms);
  h.Signal(SIGHUP);
  EXPECT_EQ(h.p.reloads, 0);
  ASSERT_EQ(h.p.rejected.size(), 1u);  // counted and audited by the pipeline
  EXPECT_NE(h.p.rejected[0].find("wieght"), std::string::npos);
  h.Advance(250ms);  // t = 300 ms: both sites kept their 30 ms rhythm on the old configuration
  EXPECT_EQ(h.p.cycles_started, 2 * 11);
  h.Signal(SIGTERM);
  h.Advance(10ms);
  EXPECT_TRUE(h.loop->finished());
}

TEST(DaemonTest, SighupWithAGoodConfigSwapsItInAndStartsOnlyTheNewSite) {
  Harness h;
  auto three = [](const std::string&) -> Result<Config> {
    Config c = TwoSites();
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "c";
    return c;
  };
  h.Start(TwoSites(), {}, three);
  h.Advance(15ms);  // a and b done at 10 ms, next at 30 ms
  h.Signal(SIGHUP);
  EXPECT_EQ(h.p.reloads, 1);
  EXPECT_EQ(h.p.reloaded_with, 3u);
  h.Advance(0s);
  EXPECT_EQ(h.p.started, (std::vector<std::string>{"a", "b", "c"}));  // no unscheduled crawl of a and b
  h.Advance(15ms);
  EXPECT_EQ(h.p.started, (std::vector<std::string>{"a", "b", "c", "a", "b"}));
  h.Signal(SIGTERM);
  h.Advance(10ms);
  EXPECT_TRUE(h.loop->finished());
}

TEST(DaemonTest, AReloadDuringCyclesAddsAndRemovesSitesWhileTheRunningCyclesKeepTheirConfig) {
  Harness h;
  h.p.cycle_time = 100ms;
  Config start = TwoSites();
  start.sites[0].recrawl_interval = start.sites[1].recrawl_interval = std::chrono::hours(1);
  start.daemon.watchdog_interval = 1h;
  auto b_and_c = [&](const std::string&) -> Result<Config> {
    Config c = start;
    c.sites.erase(c.sites.begin());  // "a" removed
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "c";       // "c" added
    c.sites.push_back(c.sites[0]);
    c.sites.back().name = "d";       // reallocates the vector
    return c;
  };
  h.Start(start, {}, b_and_c);
  h.Advance(30ms);  // both cycles in flight
  h.Signal(SIGHUP);
  EXPECT_EQ(h.p.reloads, 1);
  EXPECT_TRUE(h.p.rejected.empty());
  h.Advance(300ms);
  // a and b once (no unscheduled crawl of b by the reload), then the new sites once.
  EXPECT_EQ(h.p.started, (std::vector<std::string>{"a", "b", "c", "d"}));
  // a and b finished on the configuration they started with (two sites), c and d on the new one.
  EXPECT_EQ(h.p.finished, (std::vector<std::string>{"a@2", "b@2", "c@3", "d@3"}));
  h.Advance(2h);  // a stays removed; b, c and d recur hourly
  EXPECT_EQ(std::count(h.p.started.begin(), h.p.started.end(), "a"), 1);
  EXPECT_EQ(std::count(h.p.started.begin(), h.p.started.end(), "b"), 3);
  EXPECT_EQ(std::count(h.p.started.begin(), h.p.started.end(), "d"), 3);
  h.Signal(SIGTERM);
  h.Advance(100ms);
  EXPECT_TRUE(h.loop->finished());
}

TEST(DaemonTest, AReloadThatChangesTheStoreIsRefused) {
  Harness h;
  Config start = TwoSites();
  start.sites[0].recrawl_interval = start.sites[1].recrawl_interval = std::chrono::hours(1);
  auto other_store = [&](const std::string&) -> Result<Config> {
    Config c = start;
    c.store.path = "other.db";
    return c;
  };
  h.Start(start, {}, other_store);
  h.Advance(30ms);
  h.Signal(SIGHUP);
  EXPECT_EQ(h.p.reloads, 0);
  ASSERT_EQ(h.p.rejected.size(), 1u);
  EXPECT_NE(h.p.rejected[0].find("[store] changed"), std::string::npos) << h.p.rejected[0];
  h.Advance(50ms);
  EXPECT_EQ(h.p.cycles_started, 2);
  h.Signal(SIGTERM);
  EXPECT_TRUE(h.loop->finished());
}

TEST(DaemonTest, NotifiesSystemdReadyAndAWatchdogPingEveryHalfInterval) {
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
  {
    Harness h;
    Config c = TwoSites();
    c.daemon.watchdog_interval = 10s;  // the shorter of the two wins
    c.sites[0].recrawl_interval = c.sites[1].recrawl_interval = 1h;
    h.Start(c);
    h.Advance(200ms);  // pings at 0, 50, 100, 150 and 200 ms
    h.Signal(SIGTERM);
    h.Advance(1s);  // none after the stop
  }
  ::unsetenv("NOTIFY_SOCKET");
  ::unsetenv("WATCHDOG_USEC");
  // The datagrams wait in the socket's queue (a dozen, far below its limit).
  std::string all;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) all += std::string(buf, static_cast<size_t>(n)) + "\n";
  ::close(fd);
  ::unlink(path.c_str());
  EXPECT_NE(all.find("READY=1"), std::string::npos) << all;
  EXPECT_NE(all.find("STATUS=fake"), std::string::npos) << all;
  EXPECT_NE(all.find("STOPPING=1"), std::string::npos) << all;
  size_t watchdogs = 0;
  for (size_t pos = 0; (pos = all.find("WATCHDOG=1", pos)) != std::string::npos; ++pos) ++watchdogs;
  EXPECT_EQ(watchdogs, 5u) << all;
}

}  // namespace
}  // namespace adwatch
