// The crawl's waits on a FakeClock: the politeness delay between two requests
// to one host and the back-off after a failure end exactly when the test
// moves time, not a moment before, and nothing sleeps. The fetcher is driven
// by hand (tests/crawler/hand_fetcher.h); only parsing runs on the runner's
// pool, which the test waits for by running the io_context.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>

#include "crawler/crawl.h"
#include "store/store.h"
#include "tests/crawler/hand_fetcher.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;

class CrawlClockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-crawl-clock-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_.store.path = dir_ + "/a.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/key";
    ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
    auto s = OpenStore(config_.store, *Env::Default(), clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    config_.crawler.min_delay = 2s;
    config_.crawler.per_host_in_flight = 1;
    config_.sites.push_back(HandFedSite());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Runs the io_context's handlers until `cond` holds; the clock stands still.
  // The work guard makes each step wait for the next handler (the listing is
  // parsed on the pool and posted back), instead of returning at once while
  // the pool is still busy. Bounded: a crawler that never gets there fails
  // instead of hanging.
  template <typename F>
  bool RunUntil(F cond) {
    io_.restart();
    auto guard = boost::asio::make_work_guard(io_);
    for (int i = 0; i < 3000 && !cond(); ++i) io_.run_one_for(std::chrono::milliseconds(10));
    return cond();
  }
  // Runs what is ready now, without waiting for anything.
  void Poll() {
    io_.restart();
    io_.poll();
  }
  bool Armed(TimePoint t) const {
    auto times = clock_.ArmedTimes();
    return std::find(times.begin(), times.end(), t) != times.end();
  }
  // The earliest armed time after `after` that is not the runner's 100 ms tick.
  std::optional<TimePoint> WakeAfter(TimePoint after) const {
    for (TimePoint t : clock_.ArmedTimes())
      if (t > after + 100ms) return t;
    return std::nullopt;
  }

  std::string dir_;
  Config config_;
  FakeClock clock_;
  boost::asio::io_context io_;
  std::unique_ptr<Store> store_;
};

TEST_F(CrawlClockTest, PolitenessDelayAndBackOffEndExactlyWhenTheClockMoves) {
  HandFetcher fetcher(io_);
  CrawlOptions opt;
  opt.backoff_base = 10s;  // the first retry 5-10 s after the failure (full jitter)
  auto runner = CrawlRunner::Create(config_, *store_, fetcher, io_, clock_, opt);
  ASSERT_TRUE(runner.ok()) << runner.status().ToString();
  std::optional<Result<std::vector<SiteSummary>>> result;
  ASSERT_TRUE((*runner)->Start([&](Result<std::vector<SiteSummary>> r) { result = std::move(r); }).ok());

  const TimePoint t0 = clock_.Now();
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("/robots.txt"); }));
  fetcher.Answer("/robots.txt", 404);  // no rules
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("/list"); }));
  fetcher.Answer("/list", 200, "<a class=ad href=/ad/1>one</a>");

  // The listing is parsed on the pool; the ad it links waits for min_delay
  // after the listing's start: the site asks to be woken at t0 + 2 s.
  ASSERT_TRUE(RunUntil([&] { return Armed(t0 + 2s); })) << "no wake-up at the end of the politeness delay";
  Poll();
  EXPECT_FALSE(fetcher.Has("/ad/1"));
  clock_.Advance(2s - 1ms);  // the runner's ticks run, the delay holds
  Poll();
  EXPECT_FALSE(fetcher.Has("/ad/1")) << "requested before min_delay passed";
  clock_.Advance(1ms);
  EXPECT_TRUE(fetcher.Has("/ad/1")) << "not requested when min_delay passed";

  // A server error: retried after the back-off, not before.
  const TimePoint failed = clock_.Now();
  fetcher.Answer("/ad/1", 500);
  std::optional<TimePoint> retry;
  ASSERT_TRUE(RunUntil([&] { return (retry = WakeAfter(failed)).has_value(); })) << "no wake-up for the retry";
  EXPECT_GE(*retry - failed, 5s);
  EXPECT_LE(*retry - failed, 10s);
  clock_.Set(*retry - 1ms);
  Poll();
  EXPECT_FALSE(fetcher.Has("/ad/1")) << "retried before the back-off ended";
  EXPECT_FALSE(result.has_value()) << "the cycle ended with a retry pending";
  clock_.Advance(1ms);
  EXPECT_TRUE(fetcher.Has("/ad/1")) << "not retried when the back-off ended";

  fetcher.Answer("/ad/1", 200, "<h1>1</h1><p>hello</p>");
  ASSERT_TRUE(RunUntil([&] {
    clock_.Advance(100ms);  // the cycle ends on a pump; nothing else is due
    return result.has_value();
  }));
  ASSERT_TRUE(result->ok()) << result->status().ToString();
  const SiteSummary& s = (*result)->front();
  EXPECT_TRUE(s.finished);
  EXPECT_EQ(s.ads_new, 1);
  EXPECT_EQ(s.retries, 1);
  EXPECT_EQ(s.errors.at("http-5xx"), 1);
}

}  // namespace
}  // namespace adwatch
