// Clock: the only way adwatch code learns the time, and the only way it waits.
//
// Production uses SystemClock; tests use FakeClock, whose time moves only when
// the test says so (as in ninja's tests), so schedules, retention, back-off,
// digest times and the daemon's timers are deterministic: a test moves the
// clock and sees exactly which timers ran, without sleeping.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace boost::asio {
class io_context;
}

namespace adwatch {

using TimePoint = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;
using Seconds = std::chrono::seconds;

// A one-shot wake-up on a Clock's time (Clock::NewTimer). Not thread-safe:
// arm, cancel and destroy it on the thread that runs its io_context.
class ClockTimer {
 public:
  virtual ~ClockTimer() = default;  // cancels a pending wait
  // Runs `fn` once the clock reaches `when` (as soon as possible if it has),
  // unless cancelled or re-armed first. Re-arming replaces a pending wait; a
  // cancelled or replaced `fn` is never called.
  virtual void At(TimePoint when, std::function<void()> fn) = 0;
  virtual void Cancel() = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
  // A timer on this clock's time whose callbacks run on `io` (SystemClock) or
  // from FakeClock::Advance (FakeClock). The clock must outlive the timer.
  virtual std::unique_ptr<ClockTimer> NewTimer(boost::asio::io_context& io) = 0;

  // Arms `timer` for now + `delay`.
  void After(ClockTimer& timer, Duration delay, std::function<void()> fn) {
    timer.At(Now() + delay, std::move(fn));
  }
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
  // An Asio steady timer for the remaining time (wall-clock jumps do not move it).
  std::unique_ptr<ClockTimer> NewTimer(boost::asio::io_context& io) override;
};

// Time stands still until the test moves it. Timers fire only inside
// Advance/Set, on the calling thread, one at a time in order of their time
// (equal times: in the order they were armed), with Now() at that time; a
// timer armed at or before Now() fires at the next Advance (also Advance(0)).
// Now() may be read from any thread.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start = TimePoint(Seconds(1'767'225'600)))  // 2026-01-01 UTC
      : now_(start) {}
  ~FakeClock() override;
  TimePoint Now() const override;
  std::unique_ptr<ClockTimer> NewTimer(boost::asio::io_context& io) override;

  // Moves time forward by `d`, running every timer due on the way (including
  // those its callbacks arm within the span). Returns how many ran.
  size_t Advance(Duration d);
  // Moves time to `t`: forward as Advance does; backwards without running anything.
  size_t Set(TimePoint t);
  // The time of the earliest armed timer, if any.
  std::optional<TimePoint> NextTimer() const;
  // The times of every armed timer, earliest first (a test asks when a
  // component means to wake: "the back-off ends at ...").
  std::vector<TimePoint> ArmedTimes() const;
  size_t armed() const;

 private:
  friend class FakeTimer;
  struct Key {
    TimePoint when;
    uint64_t seq;
    bool operator<(const Key& o) const { return when != o.when ? when < o.when : seq < o.seq; }
  };
  uint64_t Arm(TimePoint when, std::function<void()> fn);  // returns the sequence number
  void Disarm(uint64_t seq);

  mutable std::mutex mu_;
  TimePoint now_;
  uint64_t next_seq_ = 1;
  std::map<Key, std::function<void()>> timers_;
  std::map<uint64_t, TimePoint> when_of_;  // seq -> time, to disarm by sequence
};

// Unix seconds, the form times take in the store and in JSON.
inline int64_t ToUnixSeconds(TimePoint t) {
  return std::chrono::duration_cast<Seconds>(t.time_since_epoch()).count();
}
inline TimePoint FromUnixSeconds(int64_t s) { return TimePoint(Seconds(s)); }

// "2026-11-29T08:00:00Z"
std::string FormatUtc(TimePoint t);

}  // namespace adwatch
