// Politeness: when may the next request to a host start?
//
// Per host (origin "host:port"): at most `per_host_in_flight` requests in
// flight, at least `min_delay` (or the robots.txt Crawl-delay if larger)
// between request starts, and a "not before" time set by Retry-After or by
// exponential back-off after failures. Over all hosts: at most
// `max_in_flight` requests and `global_rate` starts per second (a token
// bucket). Time comes from the injected Clock, so tests are deterministic.
//
// This is where politeness lives, not in curl: curl's per-host connection
// limit queues transfers inside curl, where they burn their timeouts.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>

#include "core/clock.h"

namespace adwatch {

struct PolitenessParams {
  bool enabled = true;         // false: only max_in_flight applies (benchmarks)
  int max_in_flight = 64;
  int per_host_in_flight = 2;
  Duration min_delay = std::chrono::seconds(1);
  double global_rate = 20;     // starts per second; <= 0 = unlimited
  Duration backoff_base = std::chrono::seconds(2);
  Duration backoff_max = std::chrono::minutes(10);
};

class Politeness {
 public:
  Politeness(const Clock& clock, PolitenessParams params, uint64_t seed = 42);

  // If a request to `host` may start now, records the start and returns
  // nullopt; otherwise returns the earliest time worth asking again.
  std::optional<TimePoint> TryStart(const std::string& host);
  // The request finished (any outcome).
  void Finish(const std::string& host);

  // A server asked us to wait (429/503 Retry-After): no request to the host
  // before `until`.
  void PauseHost(const std::string& host, TimePoint until);
  // Back-off after the attempt-th consecutive failure (1, 2, …):
  // base * 2^(attempt-1), capped, with "full jitter" in [d/2, d].
  Duration Backoff(int attempt);
  // A larger delay for one host (robots.txt Crawl-delay).
  void SetHostDelay(const std::string& host, Duration d);

  int in_flight() const { return in_flight_; }

 private:
  struct Host {
    int in_flight = 0;
    TimePoint last_start{};
    TimePoint not_before{};
    std::optional<Duration> delay;
  };
  const Clock& clock_;
  PolitenessParams p_;
  std::map<std::string, Host> hosts_;
  int in_flight_ = 0;
  double tokens_ = 1;
  TimePoint refilled_{};
  std::mt19937_64 rng_;
};

// Retry-After as seconds ("120") or HTTP-date; nullopt if unparsable.
std::optional<TimePoint> ParseRetryAfter(const std::string& value, TimePoint now);

}  // namespace adwatch
