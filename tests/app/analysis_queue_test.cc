// AnalysisQueue: a slow analysis on the pool holds up neither the io thread
// nor another group; WhenIdle waits for its own group only. No sleeps: the
// slow analysis waits for the test to release it.
#include "app/analysis_queue.h"

#include <gtest/gtest.h>

#include <boost/asio/steady_timer.hpp>
#include <future>
#include <thread>

namespace adwatch {
namespace {

using namespace std::chrono_literals;

Ad MakeAd(const std::string& site, const std::string& id) {
  Ad ad;
  ad.site = site;
  ad.id = id;
  ad.text = "text " + id;
  return ad;
}

// Runs handlers until `cond` holds or a generous bound passes.
template <typename F>
bool RunUntil(boost::asio::io_context& io, F cond) {
  auto end = std::chrono::steady_clock::now() + 20s;
  io.restart();
  while (!cond() && std::chrono::steady_clock::now() < end) {
    io.run_one_for(10ms);
    if (io.stopped()) io.restart();  // out of work for a moment: results are still to come from the pool
  }
  return cond();
}

TEST(AnalysisQueueTest, ASlowGroupHoldsUpNeitherTheLoopNorOtherGroups) {
  boost::asio::io_context io;
  boost::asio::thread_pool pool(2);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  const std::thread::id io_thread = std::this_thread::get_id();
  std::atomic<bool> analysed_on_io{false};
  {
    AnalysisQueue q(io, pool, 1);  // one of the two workers per group
    auto analyse = [&](const Ad& ad) {
      if (std::this_thread::get_id() == io_thread) analysed_on_io = true;
      if (ad.site == "slow") released.wait_for(30s);
      AdSignals s;
      s.score = static_cast<double>(ad.id.size());
      return s;
    };
    std::vector<std::string> done;
    bool slow_idle = false, fast_idle = false, timer_fired = false;
    // Two slow ones: with both on the pool, nothing would be left for "fast".
    q.Submit("slow", MakeAd("slow", "s1"), analyse, [&](const Ad& ad, AdSignals) { done.push_back(ad.id); });
    q.Submit("slow", MakeAd("slow", "s2"), analyse, [&](const Ad& ad, AdSignals) { done.push_back(ad.id); });
    for (int i = 0; i < 5; ++i)
      q.Submit("fast", MakeAd("fast", "f" + std::to_string(i)), analyse,
               [&](const Ad& ad, AdSignals) { done.push_back(ad.id); });
    EXPECT_EQ(q.Pending("slow"), 2);
    EXPECT_EQ(q.Pending("fast"), 5);
    EXPECT_EQ(q.Pending(), 7);
    q.WhenIdle("slow", [&] { slow_idle = true; });
    q.WhenIdle("fast", [&] { fast_idle = true; });
    boost::asio::steady_timer timer(io, 1ms);  // what the loop also has to do (the metrics refresh)
    timer.async_wait([&](const boost::system::error_code&) { timer_fired = true; });

    ASSERT_TRUE(RunUntil(io, [&] { return fast_idle && timer_fired; }))
        << "the fast group waited for the slow one, or the loop was blocked";
    EXPECT_FALSE(slow_idle);
    EXPECT_EQ(done.size(), 5u);
    EXPECT_EQ(q.Pending("slow"), 2);

    release.set_value();
    ASSERT_TRUE(RunUntil(io, [&] { return slow_idle; }));
    ASSERT_EQ(done.size(), 7u);
    EXPECT_EQ(done[5], "s1");
    EXPECT_EQ(done[6], "s2") << "a group's ads come back in their order";
    EXPECT_EQ(q.Pending(), 0);

    bool idle_now = false;
    q.WhenIdle("fast", [&] { idle_now = true; });
    EXPECT_FALSE(idle_now) << "WhenIdle runs its callback posted, not inside";
    ASSERT_TRUE(RunUntil(io, [&] { return idle_now; }));
  }
  EXPECT_FALSE(analysed_on_io);
  pool.join();
}

TEST(AnalysisQueueTest, ResultsAfterTheQueueIsGoneAreDropped) {
  boost::asio::io_context io;
  boost::asio::thread_pool pool(1);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  bool done = false, idle = false;
  {
    AnalysisQueue q(io, pool, 1);
    q.Submit(
        "s", MakeAd("s", "1"),
        [released](const Ad&) {
          released.wait_for(30s);
          return AdSignals{};
        },
        [&](const Ad&, AdSignals) { done = true; });
    q.WhenIdle("s", [&] { idle = true; });
  }
  release.set_value();
  pool.join();  // the analysis finished and posted its result
  io.restart();
  io.poll();
  EXPECT_FALSE(done);
  EXPECT_FALSE(idle);
}

}  // namespace
}  // namespace adwatch
