// AnalysisQueue: matching off the daemon's event loop. The crawler hands each
// new or changed ad over on the io thread after the store committed it; the
// matcher runs on the worker pool the crawler parses pages on (one pool for
// every site of the daemon), and the result comes back to the io thread,
// where the signals are saved and the cross-ad index updated. So the loop
// only does I/O, scheduling and short store writes: a site whose ads take
// long to analyse does not hold up /metrics, timers or other sites' cycles.
//
// Contract:
// - Submit and WhenIdle are called on the io thread; `done` and `then` run
//   there, posted, never inside Submit.
// - `analyse` runs on a pool thread: it may only read what it captured (the
//   Matcher is safe to share, matcher/analyze.h).
// - Work is grouped (the daemon groups by site): WhenIdle(group) runs once
//   every ad submitted in that group so far has had its `done`, so a cycle
//   is evaluated only after all of its ads were analysed.
// - At most `per_group` analyses of one group are on the pool at once (the
//   rest wait in the group's order): a site whose ads are slow to analyse
//   cannot take every worker from the other sites.
// - Destroying the queue drops the results still to come (their `done` never
//   runs); the pool must outlive it. Ads dropped this way are in the store
//   without current signals, and the index load at the next start analyses
//   them (LoadIndexFromStore).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/ad.h"
#include "core/signal.h"

namespace adwatch {

class AnalysisQueue {
 public:
  using Analyse = std::function<AdSignals(const Ad&)>;
  using Done = std::function<void(const Ad&, AdSignals)>;

  AnalysisQueue(boost::asio::io_context& io, boost::asio::thread_pool& pool, int per_group);
  ~AnalysisQueue();
  AnalysisQueue(const AnalysisQueue&) = delete;
  AnalysisQueue& operator=(const AnalysisQueue&) = delete;

  void Submit(const std::string& group, Ad ad, Analyse analyse, Done done);
  // Runs `then` (posted) once nothing submitted in `group` is pending.
  void WhenIdle(const std::string& group, std::function<void()> then);
  int Pending(const std::string& group) const;
  int Pending() const;  // over all groups

 private:
  struct Job {
    Ad ad;
    Analyse analyse;
    Done done;
  };
  struct Group {
    int pending = 0;  // submitted, `done` not yet run
    int running = 0;  // on the pool
    std::deque<Job> waiting;
  };
  void Dispatch(const std::string& group, Job job);
  void Finished(const std::string& group);
  boost::asio::io_context& io_;
  boost::asio::thread_pool& pool_;
  const int per_group_;
  std::map<std::string, Group> groups_;
  std::map<std::string, std::vector<std::function<void()>>> idle_waiters_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // io thread only
};

}  // namespace adwatch
