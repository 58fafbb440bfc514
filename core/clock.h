// Clock: the only way adwatch code learns the time.
//
// Production uses SystemClock; tests use FakeClock, whose time moves only when
// the test says so (as in ninja's tests), so schedules, retention, back-off and
// digest times are deterministic.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace adwatch {

using TimePoint = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;
using Seconds = std::chrono::seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(Seconds(1'767'225'600))) : now_(start) {}  // 2026-01-01 UTC
  TimePoint Now() const override { return now_; }
  void Advance(Duration d) { now_ += d; }
  void Set(TimePoint t) { now_ = t; }

 private:
  TimePoint now_;
};

// Unix seconds, the form times take in the store and in JSON.
inline int64_t ToUnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixSeconds(int64_t s) { return TimePoint(Seconds(s)); }

// "2026-11-29T08:00:00Z"
std::string FormatUtc(TimePoint t);

}  // namespace adwatch
