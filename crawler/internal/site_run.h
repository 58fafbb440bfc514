// Internal: the state machine of one site's crawl cycle (see crawler/crawl.h
// for the contract). One SiteRun per site; all run on one io_context and
// share the politeness scheduler and the robots.txt cache.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crawler/crawl.h"
#include "crawler/extract.h"
#include "crawler/politeness.h"
#include "crawler/robots.h"

namespace adwatch::internal {

class SiteRun;

// robots.txt of one origin in this run. A failed fetch (5xx, 429, time-out,
// no connection) is retried after a back-off (kRetry); after max_retries, or
// when the wait would exceed max_wait, the origin is kUnavailable for the
// run: its URLs fail with "robots-unavailable" and are due next cycle.
// Never "disallow all": that would end the cycle with nothing listed.
struct RobotsEntry {
  enum class State { kFetching, kRetry, kReady, kUnavailable } state = State::kFetching;
  RobotsRules rules;
  int attempts = 0;
  TimePoint retry_at{};
  std::string error;  // "robots.txt http://host:port/robots.txt: HTTP 503"
  bool refused = false;  // the guard refused the origin itself: its URLs fail as refused
};

struct Shared {
  const Config& config;
  CrawlStore& store;
  HttpFetcher& fetcher;
  boost::asio::io_context& io;
  Clock& clock;  // Now() and every wait of the crawl (politeness, back-off, retries)
  CrawlOptions options;
  CrawlHooks hooks;
  Politeness politeness;
  std::map<std::string, RobotsEntry> robots;  // by origin
  std::vector<SiteRun*> runs;
  bool stopping = false;
  std::function<void()> after_pump;  // the runner checks whether all are done
  boost::asio::thread_pool* pool = nullptr;  // parsing and extraction (the runner's)
  std::shared_ptr<bool> alive;       // false once the runner is gone (io thread only)
  void PumpAll();
};

// What the worker pool made of one page (ProcessPage).
struct ParsedPage {
  Status status;                     // parse/extract error; IsPageBudgetError for budgets
  Listing listing;                   // listing pages
  std::optional<Ad> ad;              // detail pages
  std::string url;                   // final URL
  std::string etag, last_modified, sha256;
};

// Runs on a worker thread: parse and extract one page under `limits`.
ParsedPage ProcessPage(const CompiledProfile& profile, bool listing, const FetchResult& r,
                       const PageLimits& limits, const std::function<void(const std::string&)>& before);

// The outcome of one page, written to the store in one batch with others.
struct PageOutcome {
  std::vector<Ad> ads;
  std::vector<std::string> listed_ids;
  std::vector<FrontierEntry> discovered;
  CrawlBatch::Done completed;
};

class SiteRun {
 public:
  SiteRun(Shared& shared, const SiteConfig& site, std::shared_ptr<const CompiledProfile> profile);

  Status Begin();     // cycle, audit, leases, start URLs
  void Pump();        // lease, start what politeness allows, flush, finish
  bool done() const { return done_; }
  int in_flight() const { return in_flight_; }
  const Status& fatal() const { return fatal_; }
  SiteSummary& summary() { return summary_; }
  const SiteConfig& site() const { return site_; }
  // Lease owner: "<options.worker>/<site>", so that runners of different
  // sites in one process (the daemon runs one per site) never release each
  // other's leases, and a restart of the same host resumes its own.
  const std::string& worker() const { return worker_; }

 private:
  friend class FetchHandler;
  FetchRequest MakeRequest(const std::string& url) const;
  RobotsEntry::State Robots(const std::string& origin);  // fetches it if needed
  void Start(LeasedUrl u);
  void OnFetched(const LeasedUrl& u, FetchResult r);
  void Analyse(const LeasedUrl& u, FetchResult r);  // hands the page to the pool
  void OnParsed(const LeasedUrl& u, ParsedPage p);
  void OnListing(const LeasedUrl& u, ParsedPage& p, PageOutcome* out);
  void OnDetail(const LeasedUrl& u, ParsedPage& p, PageOutcome* out);
  void OverBudget(const LeasedUrl& u, const std::string& msg);
  // pause_host: a back-off also pauses the URL's host (server trouble).
  void Failure(const LeasedUrl& u, const std::string& cls, const std::string& msg,
               std::optional<TimePoint> retry_at, bool pause_host = true);
  // fetched = false: completed without an answer (robots.txt disallows it).
  void Complete(const LeasedUrl& u, PageOutcome out, Validators v, bool fetched = true);
  void Error(const std::string& cls) { summary_.errors[cls]++; }
  bool InScope(const std::string& url) const;
  void Flush();
  void ApplyOutcomes(std::vector<PageOutcome>& outs, bool split);
  void Finish();
  // The profile verdict of the run (crawl.h, SiteSummary::profile_broken).
  void JudgeProfile();
  void Broken(const std::string& example_url, const std::string& reason);
  void CountText(const Ad& ad, const std::string& url);
  // Why the cycle (all runs of it so far) did not see everything; "" if it did.
  std::string IncompleteReason(const CycleCoverage& c) const;
  void WakeAt(TimePoint t);
  void Fatal(Status s);

  Shared& sh_;
  const SiteConfig& site_;
  std::shared_ptr<const CompiledProfile> profile_;  // shared with the pool's jobs
  SiteSummary summary_;
  int64_t cycle_ = 0;
  std::string worker_;
  std::vector<std::string> scope_;
  std::vector<AllowedEndpoint> allowed_private_;  // site.allowed_private_addresses, with ports
  std::deque<LeasedUrl> queue_;
  int in_flight_ = 0;
  std::vector<PageOutcome> pending_;
  int64_t pending_pages_ = 0;
  bool flush_now_ = false;
  bool lease_dirty_ = true;               // the store changed since the last lease
  bool last_lease_empty_ = false;
  TimePoint last_empty_lease_{};
  std::multiset<TimePoint> retries_;       // expected re-leases within this cycle
  std::map<std::string, int> tries_;       // failed attempts per URL this run
  std::map<std::string, int> overloaded_;  // requeues after FetchError::kOverloaded
  static constexpr int kMaxOverloadedRequeues = 50;
  bool use_validators_ = false;            // only with listing ids (see crawl.cc)
  bool done_ = false;
  bool pumping_ = false;
  Status fatal_;
  std::vector<double> latencies_ms_;
  int64_t listing_parsed_ = 0;             // listing pages the profile read this run
  int64_t ad_links_found_ = 0;             // ad links (and ad_items ads) on them
  std::string empty_text_example_;         // the first ad extracted with empty text
  std::unique_ptr<ClockTimer> wake_;    // on sh_.clock
  TimePoint wake_at_{};
};

}  // namespace adwatch::internal
