// The daemon: one process, one Asio event loop. It schedules per-site crawl
// cycles, evaluation after each cycle, digests at their configured times,
// outbox retries and daily retention, and talks to systemd (READY, WATCHDOG
// from the loop itself, STATUS, RELOADING, STOPPING).
//
// Signals: SIGTERM/SIGINT stop taking new work, let in-flight work finish or
// abandon it after a grace period, and exit 0 within 10 s. SIGHUP reloads
// the configuration and rules atomically: an invalid new configuration, or
// one that changes [store], is rejected with its errors logged, counted and
// audited, and the old one kept. Cycles in flight finish on the configuration
// they started with; a reload starts no crawl except a new site's first.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>

#include "app/pipeline.h"
#include "config/config.h"

namespace adwatch {

struct DaemonOptions {
  std::string config_path;           // re-read on SIGHUP
  bool once = false;                 // one pass (every site once, evaluate, digest), then exit
  Duration grace = std::chrono::seconds(8);  // how long in-flight work may finish on SIGTERM
  std::chrono::hours retention_every{24};
  std::chrono::seconds outbox_every{30};
};

// Loads a config for a reload; the real one is LoadConfig (tests inject).
using ConfigLoader = std::function<Result<Config>(const std::string& path)>;

// Ok if `next` may replace `running` by a reload: a changed [store] is
// refused (the store is opened once, at start).
Status CheckReloadable(const Config& running, const Config& next);

// Runs until stopped; returns the exit code (0 on a clean stop).
int RunDaemonLoop(boost::asio::io_context& io, Pipeline& pipeline, ConfigPtr config, Clock& clock,
                  const DaemonOptions& options, ConfigLoader loader);

// The same loop for tests that drive it themselves: Start() arms the timers
// (all on `clock`) and the signal handlers and says READY=1; the work then runs
// from io.poll() (signals, the pipeline's callbacks) and, on a FakeClock, from
// FakeClock::Advance (every timer). finished() once it stopped.
class Daemon;
class DaemonLoop {
 public:
  DaemonLoop(boost::asio::io_context& io, Pipeline& pipeline, ConfigPtr config, Clock& clock,
             const DaemonOptions& options, ConfigLoader loader);
  ~DaemonLoop();
  void Start();
  bool finished() const;
  int exit_code() const;  // 0 on a clean stop

 private:
  std::unique_ptr<Daemon> d_;
};

}  // namespace adwatch
