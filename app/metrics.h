// Metrics: the daemon's counters, served as Prometheus text on 127.0.0.1.
//
// The endpoint runs on the daemon's own io_context (no thread of its own),
// answers GET /metrics and nothing else, and never exposes personal data:
// only counts, per site name and per error class.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

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
  int64_t mail_deferred = 0;  // immediate messages deferred to the digest (a recipient's hourly limit)
  int64_t config_reloads = 0;
  int64_t config_reload_failures = 0;
  int64_t purges = 0;
  int64_t started_unix = 0;
};

// The Prometheus text exposition (version 0.0.4) of `m`.
std::string RenderPrometheus(const Metrics& m);

class MetricsServer {
 public:
  virtual ~MetricsServer() = default;
  virtual uint16_t port() const = 0;  // the bound port (useful with ":0")
};

// Listens on `listen` ("127.0.0.1:9187"; port 0 picks a free one). Only
// loopback addresses are accepted: the metrics are for the local scraper.
Result<std::unique_ptr<MetricsServer>> StartMetricsServer(boost::asio::io_context& io, const std::string& listen,
                                                          const Metrics& metrics);

}  // namespace adwatch
