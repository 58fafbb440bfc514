#include "crawler/politeness.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace adwatch {

Politeness::Politeness(const Clock& clock, PolitenessParams params, uint64_t seed)
    : clock_(clock), p_(params), rng_(seed) {
  tokens_ = std::max(1.0, p_.global_rate);
  refilled_ = clock_.Now();
}

std::optional<TimePoint> Politeness::TryStart(const std::string& host) {
  TimePoint now = clock_.Now();
  // Retrying soon is cheap: the caller waits on a timer, not in a loop.
  const TimePoint soon = now + std::chrono::milliseconds(20);
  if (in_flight_ >= p_.max_in_flight) return soon;
  Host& h = hosts_[host];
  if (p_.enabled) {
    if (h.in_flight >= p_.per_host_in_flight) return soon;
    if (now < h.not_before) return h.not_before;
    Duration delay = std::max(p_.min_delay, h.delay.value_or(Duration::zero()));
    if (h.last_start != TimePoint{} && now < h.last_start + delay) return h.last_start + delay;
    if (p_.global_rate > 0) {
      double secs = std::chrono::duration<double>(now - refilled_).count();
      tokens_ = std::min(std::max(1.0, p_.global_rate), tokens_ + secs * p_.global_rate);
      refilled_ = now;
      if (tokens_ < 1) {
        auto wait = std::chrono::duration<double>((1 - tokens_) / p_.global_rate);
        return now + std::chrono::duration_cast<Duration>(wait) + std::chrono::microseconds(1);
      }
      tokens_ -= 1;
    }
  }
  h.in_flight++;
  h.last_start = now;
  in_flight_++;
  return std::nullopt;
}

void Politeness::Finish(const std::string& host) {
  auto it = hosts_.find(host);
  if (it != hosts_.end() && it->second.in_flight > 0) it->second.in_flight--;
  if (in_flight_ > 0) in_flight_--;
}

void Politeness::PauseHost(const std::string& host, TimePoint until) {
  Host& h = hosts_[host];
  h.not_before = std::max(h.not_before, until);
}

void Politeness::SetHostDelay(const std::string& host, Duration d) { hosts_[host].delay = d; }

Duration Politeness::Backoff(int attempt) {
  attempt = std::clamp(attempt, 1, 30);
  double base = std::chrono::duration<double>(p_.backoff_base).count();
  double cap = std::chrono::duration<double>(p_.backoff_max).count();
  double d = std::min(cap, base * static_cast<double>(1ull << (attempt - 1)));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(d * jitter(rng_)));
}

std::optional<TimePoint> ParseRetryAfter(const std::string& value, TimePoint now) {
  std::string v = value;
  v.erase(0, v.find_first_not_of(" \t"));
  v.erase(v.find_last_not_of(" \t\r\n") + 1);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (v.size() > 9) return std::nullopt;
    return now + std::chrono::seconds(std::stol(v));
  }
  time_t t = curl_getdate(v.c_str(), nullptr);  // RFC 7231 HTTP-date forms
  if (t < 0) return std::nullopt;
  TimePoint at = FromUnixSeconds(t);
  return std::max(at, now);
}

}  // namespace adwatch
