#include "core/clock.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <ctime>

namespace adwatch {

std::string FormatUtc(TimePoint t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

class AsioTimer final : public ClockTimer {
 public:
  AsioTimer(boost::asio::io_context& io, const Clock& clock)
      : timer_(io), clock_(clock), generation_(std::make_shared<uint64_t>(0)) {}
  ~AsioTimer() override { Cancel(); }

  void At(TimePoint when, std::function<void()> fn) override {
    uint64_t mine = ++*generation_;
    timer_.expires_after(std::max(Duration::zero(), when - clock_.Now()));
    // The generation, not `this`: an aborted handler may run after the timer is gone.
    timer_.async_wait([gen = generation_, mine, fn = std::move(fn)](const boost::system::error_code& ec) {
      if (!ec && *gen == mine) fn();
    });
  }
  void Cancel() override {
    ++*generation_;
    timer_.cancel();
  }

 private:
  boost::asio::steady_timer timer_;
  const Clock& clock_;
  std::shared_ptr<uint64_t> generation_;
};

}  // namespace

std::unique_ptr<ClockTimer> SystemClock::NewTimer(boost::asio::io_context& io) {
  return std::make_unique<AsioTimer>(io, *this);
}

class FakeTimer final : public ClockTimer {
 public:
  explicit FakeTimer(FakeClock& clock) : clock_(clock) {}
  ~FakeTimer() override { Cancel(); }
  void At(TimePoint when, std::function<void()> fn) override {
    Cancel();
    seq_ = clock_.Arm(when, std::move(fn));
  }
  void Cancel() override {
    if (seq_ != 0) clock_.Disarm(seq_);
    seq_ = 0;
  }

 private:
  FakeClock& clock_;
  uint64_t seq_ = 0;  // 0: not armed (a fired timer's sequence is simply gone from the clock)
};

FakeClock::~FakeClock() {
  // Destroying a callback may destroy a FakeTimer, which disarms itself here.
  std::map<Key, std::function<void()>> left;
  {
    std::lock_guard<std::mutex> l(mu_);
    left.swap(timers_);
    when_of_.clear();
  }
}

TimePoint FakeClock::Now() const {
  std::lock_guard<std::mutex> l(mu_);
  return now_;
}

std::unique_ptr<ClockTimer> FakeClock::NewTimer(boost::asio::io_context&) {
  return std::make_unique<FakeTimer>(*this);
}

uint64_t FakeClock::Arm(TimePoint when, std::function<void()> fn) {
  std::lock_guard<std::mutex> l(mu_);
  uint64_t seq = next_seq_++;
  timers_.emplace(Key{when, seq}, std::move(fn));
  when_of_[seq] = when;
  return seq;
}

void FakeClock::Disarm(uint64_t seq) {
  std::lock_guard<std::mutex> l(mu_);
  auto it = when_of_.find(seq);
  if (it == when_of_.end()) return;  // already fired
  timers_.erase(Key{it->second, seq});
  when_of_.erase(it);
}

size_t FakeClock::Advance(Duration d) {
  std::unique_lock<std::mutex> l(mu_);
  const TimePoint target = now_ + d;
  size_t ran = 0;
  while (!timers_.empty() && timers_.begin()->first.when <= target) {
    auto node = timers_.extract(timers_.begin());
    when_of_.erase(node.key().seq);
    now_ = std::max(now_, node.key().when);
    l.unlock();  // the callback may arm, cancel or destroy timers
    node.mapped()();
    ++ran;
    l.lock();
  }
  now_ = std::max(now_, target);
  return ran;
}

size_t FakeClock::Set(TimePoint t) {
  TimePoint now = Now();
  if (t >= now) return Advance(t - now);
  std::lock_guard<std::mutex> l(mu_);
  now_ = t;
  return 0;
}

std::optional<TimePoint> FakeClock::NextTimer() const {
  std::lock_guard<std::mutex> l(mu_);
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first.when;
}

std::vector<TimePoint> FakeClock::ArmedTimes() const {
  std::lock_guard<std::mutex> l(mu_);
  std::vector<TimePoint> out;
  for (const auto& [key, fn] : timers_) out.push_back(key.when);
  return out;
}

size_t FakeClock::armed() const {
  std::lock_guard<std::mutex> l(mu_);
  return timers_.size();
}

}  // namespace adwatch
