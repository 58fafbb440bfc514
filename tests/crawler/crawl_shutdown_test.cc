// The runner's shutdown edges, with a fetcher the test drives by hand: work
// handed to the io_context (a Stop, a fetch or robots.txt answer, a parsed
// page) must not reach a runner that is gone. The daemon keeps a finished
// runner until a handler it posted destroys it, and a SIGTERM in between
// stops it once more (a use after free that crashed `mail_end_to_end`);
// under AddressSanitizer these tests fail on that.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <filesystem>
#include <optional>

#include "crawler/crawl.h"
#include "store/store.h"
#include "tests/crawler/hand_fetcher.h"

namespace adwatch {
namespace {

class CrawlShutdownTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-crawl-shutdown-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_.store.path = dir_ + "/a.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/key";
    ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
    auto s = OpenStore(config_.store, *Env::Default(), clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    config_.sites.push_back(HandFedSite());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::unique_ptr<CrawlRunner> Make(HttpFetcher& fetcher, const CrawlOptions& opt = {}) {
    auto r = CrawlRunner::Create(config_, *store_, fetcher, io_, clock_, opt);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : nullptr;
  }

  // Runs handlers until `cond` holds (bounded: a broken runner fails, not hangs).
  template <typename F>
  bool RunUntil(F cond) {
    io_.restart();
    for (int i = 0; i < 10000 && !cond(); ++i) {
      io_.run_one_for(std::chrono::milliseconds(10));
      if (io_.stopped()) io_.restart();
    }
    return cond();
  }

  std::string dir_;
  Config config_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  boost::asio::io_context io_;
};

TEST_F(CrawlShutdownTest, StopAfterTheCycleEndedTouchesNothingOnceDestroyed) {
  HandFetcher fetcher(io_);
  std::unique_ptr<CrawlRunner> runner = Make(fetcher);
  ASSERT_TRUE(runner);
  bool done = false;
  // As the daemon's pipeline does: the runner is destroyed by a handler
  // posted from `done`; a Stop (SIGTERM) comes after that post.
  Status st = runner->Start([&](Result<std::vector<SiteSummary>> r) {
    EXPECT_TRUE(r.ok());
    done = true;
    boost::asio::post(io_, [&] { runner.reset(); });
    runner->Stop();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("/robots.txt"); }));
  fetcher.Answer("/robots.txt", 404);
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("/list"); }));
  fetcher.Answer("/list", 404);  // a listing 404: failed, not retried; the cycle ends
  ASSERT_TRUE(RunUntil([&] { return done && !runner; }));
  // Whatever the Stop posted runs now, after the runner is gone.
  io_.restart();
  io_.poll();
}

TEST_F(CrawlShutdownTest, AnswersArrivingAfterTheRunnerIsGoneAreDropped) {
  HandFetcher fetcher(io_);
  // Two start pages on two origins: one robots.txt answered, the page fetch
  // under way; the other robots.txt still unanswered.
  config_.sites[0].start_urls = {"http://127.0.0.1:9/list", "http://127.0.0.2:9/list"};
  std::unique_ptr<CrawlRunner> runner = Make(fetcher);
  ASSERT_TRUE(runner);
  bool done = false;
  ASSERT_TRUE(runner->Start([&](Result<std::vector<SiteSummary>>) { done = true; }).ok());
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("127.0.0.1:9/robots.txt") && fetcher.Has("127.0.0.2:9/robots.txt"); }));
  fetcher.Answer("127.0.0.1:9/robots.txt", 404);
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("127.0.0.1:9/list"); }));
  // The grace period ran out: the daemon destroys the runner mid-cycle.
  runner.reset();
  fetcher.Answer("127.0.0.2:9/robots.txt", 404);
  fetcher.Answer("127.0.0.1:9/list", 200, "<html><body><a class=ad href=/ad/1>x</a></body></html>");
  io_.restart();
  io_.poll();
  EXPECT_FALSE(done);
}

TEST_F(CrawlShutdownTest, AStoppedRunnerDoesNotWaitForRobotsTxt) {
  HandFetcher fetcher(io_);
  std::unique_ptr<CrawlRunner> runner = Make(fetcher);
  ASSERT_TRUE(runner);
  std::optional<Result<std::vector<SiteSummary>>> result;
  ASSERT_TRUE(runner->Start([&](Result<std::vector<SiteSummary>> r) { result = std::move(r); }).ok());
  ASSERT_TRUE(RunUntil([&] { return fetcher.Has("/robots.txt"); }));
  runner->Stop();
  ASSERT_TRUE(RunUntil([&] { return result.has_value(); }));
  ASSERT_TRUE(result->ok());
  EXPECT_FALSE((**result)[0].finished);
  runner.reset();
  fetcher.Answer("/robots.txt", 200, "User-agent: *\nDisallow: /\n");  // too late: dropped
  io_.restart();
  io_.poll();
}

}  // namespace
}  // namespace adwatch
