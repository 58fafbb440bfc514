// Metrics: the daemon's counters, served as Prometheus text on 127.0.0.1.
//
// The server answers GET /metrics and GET /healthz and never exposes
// personal data: only counts, per site name and per error class. It runs on
// a thread of its own, so a daemon loop that is busy or stuck (a hanging
// mail server, a hostile page) cannot silence it: the loop renders a
// snapshot of `Metrics` every second (a timer on the loop; `Metrics` is only
// ever touched there) and the server thread serves the latest snapshot, its
// age included. Hostile clients are bounded: at most max_connections at once
// (a new one closes the oldest), a request must arrive complete
// within request_timeout, answers are written within the same time, and
// accept errors such as EMFILE back off instead of spinning.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"

namespace adwatch {

struct Metrics {
  // Per site: pages fetched, ads new/changed/vanished, errors by class.
  struct Site {
    int64_t pages = 0, bytes = 0, ads_new = 0, ads_changed = 0, ads_vanished = 0, cycles = 0;
    std::map<std::string, int64_t> errors;
    // Coverage of the last finished cycle (gauges), and the finished cycles
    // that did not see everything (so made no ad vanish).
    int64_t listing_planned = 0, listing_fetched = 0, cycles_incomplete = 0;
    std::string crawled_nothing;  // non-empty: the last finished cycle fetched no listing page; why (not exported)
    // The last finished cycle's profile verdict: 1 = broken (exported as
    // adwatch_site_profile_broken); why, naming the selector (not exported).
    int64_t profile_broken = 0;
    std::string profile_broken_reason;
  };
  std::map<std::string, Site> sites;
  int64_t ads_analyzed = 0;
  int64_t hits = 0;
  int64_t entities = 0;
  int64_t alerts_raised = 0;
  int64_t alerts_open = 0;
  int64_t mail_sent = 0;
  int64_t mail_failed = 0;
  int64_t mail_queued = 0;
  int64_t mail_rounds = 0;  // delivery rounds of the mail worker finished (not exported; tests wait on it)
  int64_t mail_deferred = 0;  // immediate messages deferred to the digest (a recipient's hourly limit)
  int64_t config_reloads = 0;
  int64_t config_reload_failures = 0;
  int64_t purges = 0;
  int64_t started_unix = 0;
};

// The Prometheus text exposition (version 0.0.4) of `m`.
std::string RenderPrometheus(const Metrics& m);

// /healthz, from a snapshot of the metrics: the first line is "ok",
// "degraded: REASON; REASON" (HTTP 200) or "failing: REASON" (HTTP 503).
// failing: the daemon loop has not refreshed the snapshot for loop_stalled_after,
// or no site finished a cycle for site_stale_after. degraded: some site did
// not finish a cycle for site_stale_after or its last cycle fetched nothing;
// mail waits in the outbox (deferred) or the server lacked STARTTLS; the last
// configuration reload was rejected.
struct HealthOptions {
  Duration loop_stalled_after = std::chrono::seconds(60);
  Duration site_stale_after = std::chrono::hours(6);
};

// What the loop keeps between snapshots to date events the counters only count.
struct HealthMemory {
  TimePoint started{};
  std::map<std::string, std::pair<int64_t, TimePoint>> site_cycles;  // cycles count, when it last grew
  int64_t mail_sent = 0;
  TimePoint last_mail_sent{};
  int64_t reloads = 0, reload_failures = 0;
  bool last_reload_failed = false;
};

struct Health {
  int http_status = 200;  // 200 or 503
  std::string text;       // "ok\n", "degraded: ...\n", "failing: ...\n"
};

// Updates `mem` from `m` (call at least once a second) and judges; `loop_age`
// is how long ago the loop last did this (zero when called on the loop).
Health JudgeHealth(const Metrics& m, HealthMemory& mem, TimePoint now, Duration loop_age, const HealthOptions& opt);

struct MetricsServerOptions {
  int max_connections = 64;
  Duration request_timeout = std::chrono::seconds(5);  // idle and header time-out; also for the answer
  HealthOptions health;
  // Runs on the server thread when SIGTERM or SIGINT arrives, even while the
  // daemon loop is stuck (e.g. InterruptMailTransfers). The loop still gets
  // the signal itself once it runs again.
  std::function<void()> on_terminate;
};

class MetricsServer {
 public:
  virtual ~MetricsServer() = default;  // stops the thread and the loop timer; call on the loop's thread
  virtual uint16_t port() const = 0;  // the bound port (useful with ":0")
  virtual int open_connections() const = 0;
};

// Listens on `listen` ("127.0.0.1:9187"; port 0 picks a free one). Only
// loopback addresses are accepted: the metrics are for the local scraper.
// `loop` is the daemon's io_context, where `metrics` is written; the first
// snapshot is taken here (call on the loop's thread).
Result<std::unique_ptr<MetricsServer>> StartMetricsServer(boost::asio::io_context& loop, const std::string& listen,
                                                          const Metrics& metrics, Clock& clock,
                                                          MetricsServerOptions options = {});

// Raises the soft RLIMIT_NOFILE to the hard limit (at start: the default soft
// 1,024 runs out under many clients, and then even time zone files cannot be
// opened). Returns the new soft limit.
int64_t RaiseFileLimit();

}  // namespace adwatch
