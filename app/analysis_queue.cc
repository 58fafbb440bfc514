#include "app/analysis_queue.h"

#include <algorithm>
#include <boost/asio/post.hpp>

namespace adwatch {

AnalysisQueue::AnalysisQueue(boost::asio::io_context& io, boost::asio::thread_pool& pool, int per_group)
    : io_(io), pool_(pool), per_group_(std::max(1, per_group)) {}

AnalysisQueue::~AnalysisQueue() { *alive_ = false; }

void AnalysisQueue::Submit(const std::string& group, Ad ad, Analyse analyse, Done done) {
  Group& g = groups_[group];
  ++g.pending;
  Job job{std::move(ad), std::move(analyse), std::move(done)};
  if (g.running >= per_group_) {
    g.waiting.push_back(std::move(job));
    return;
  }
  Dispatch(group, std::move(job));
}

void AnalysisQueue::Dispatch(const std::string& group, Job job) {
  ++groups_[group].running;
  boost::asio::post(pool_, [this, group, job = std::move(job), alive = alive_, io = &io_]() mutable {
    AdSignals s = job.analyse(job.ad);
    // Back on the io thread; `alive` is only read there.
    boost::asio::post(*io, [this, group = std::move(group), job = std::move(job), s = std::move(s),
                             alive = std::move(alive)]() mutable {
      if (!*alive) return;
      job.done(job.ad, std::move(s));
      Finished(group);
    });
  });
}

void AnalysisQueue::WhenIdle(const std::string& group, std::function<void()> then) {
  if (Pending(group) == 0) {
    boost::asio::post(io_, std::move(then));
    return;
  }
  idle_waiters_[group].push_back(std::move(then));
}

int AnalysisQueue::Pending(const std::string& group) const {
  auto it = groups_.find(group);
  return it == groups_.end() ? 0 : it->second.pending;
}

int AnalysisQueue::Pending() const {
  int n = 0;
  for (const auto& [name, g] : groups_) n += g.pending;
  return n;
}

void AnalysisQueue::Finished(const std::string& group) {
  Group& g = groups_[group];
  --g.running;
  if (!g.waiting.empty()) {
    Job next = std::move(g.waiting.front());
    g.waiting.pop_front();
    Dispatch(group, std::move(next));
  }
  if (--g.pending > 0) return;
  groups_.erase(group);
  auto it = idle_waiters_.find(group);
  if (it == idle_waiters_.end()) return;
  std::vector<std::function<void()>> ready = std::move(it->second);
  idle_waiters_.erase(it);
  for (auto& then : ready) boost::asio::post(io_, std::move(then));
}

}  // namespace adwatch
