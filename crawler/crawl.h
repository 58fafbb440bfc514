// The crawl cycle: listing pages → ad links → detail pages → Ad → store, per
// site, all sites concurrently on one io_context.
//
// Contract:
// - State lives in the store: the frontier (queued URLs with leases and
//   validators), the cycle number, which ads were listed in which cycle.
//   Each fetched page's outcome (ads, discovered links, listed ids, the
//   completion of its URL) is written in ONE store transaction
//   (Store::ApplyCrawlBatch, several pages per batch), so a kill -9 at any
//   moment loses at most the uncommitted pages, which are fetched again.
//   Ads written twice are "unchanged" the second time: nothing is announced
//   twice.
// - Leases belong to "<worker>/<site>"; the worker defaults to
//   "<hostname>/adwatch", the same for every adwatch process of a host (the
//   daemon, `run --once`, `crawl --once`) and across restarts. A run begins
//   by releasing the leases of its own name, so a process restarted after a
//   kill -9 takes back at once what its dead predecessor held (a PID in the
//   name would leave those URLs leased, hence unfetched, until the leases
//   expire). The price: two crawlers of one host must not run at the same
//   time on one store, or they take each other's leases (the outcome stays
//   consistent, pages are fetched twice); give a second one its own --worker.
//   Crawlers on other hosts have other names and never touch these leases.
// - A cycle ends when no URL of the site is due. Only a COMPLETE cycle makes
//   ads vanish (those not listed for crawler.vanish_after_cycles cycles):
//   every listing page planned in the cycle (start pages, and next pages
//   linked from pages fetched in it) was fetched in it by some run, and for
//   sites without listing ids every planned detail page too; the page budget
//   was not hit. Coverage is counted in the store (CycleCoverage), so failed
//   pages, pages another worker still holds and pages a killed run never
//   committed all keep the sweep from running. The summary says why
//   (SiteSummary::incomplete); a cycle that fetched no listing page at all
//   is SiteSummary::CrawledNothing.
// - Detail pages are fetched with If-None-Match / If-Modified-Since; 304
//   means unchanged and seen: a vanished ad is live again; 404/410 means
//   gone (the ad vanishes at the sweep).
// - 429/503 pause the host until Retry-After; other failures are retried
//   with jittered exponential back-off, up to crawler.max_retries times.
// - robots.txt is fetched once per origin and run and honoured unless the
//   site opts out with a reason (logged and audited). 2xx: its rules; 4xx
//   (not 429): no rules (RFC 9309); 5xx, 429, time-out, no connection:
//   "try later", retried like a page, then the origin's URLs fail with
//   "robots-unavailable" (counted, last_error names robots.txt) and are due
//   next cycle. Never "disallow all": that would make a cycle that saw
//   nothing look like one that found no ads.
// - Each cycle appends an audit entry "crawl" with the site's purpose and
//   legal basis. No logins, no form posts: only GET of public pages; photos
//   stay URLs.
// - Parsing and extraction run on a small worker pool (options.pool, shared
//   by the daemon's runners and its matcher; else one of the runner's own),
//   never on the io thread, which only fetches, schedules and writes; a page
//   being parsed counts as in flight. Each page works under the page budgets
//   of [crawler] (size, nesting, elements, CPU time: PageLimitsOf);
//   a page over budget fails with the class "page-budget" and is retried with
//   back-off (the host is not paused: the page is at fault, not the server);
//   once its attempts pass crawler.max_retries it is parked: one try per
//   cycle, counted as "page-budget-parked" (shown by `adwatch status`).
// - A fetch refused the fetcher's shared decoded-bytes budget (kOverloaded)
//   is the crawler's own limit: the URL goes back in the queue and starts
//   again shortly, not counted as an attempt (at most 50 times per run).
// - A start URL refused before any request (SSRF guard, scope, scheme; also
//   via its robots.txt) is a configuration error: it is counted, listed in
//   SiteSummary::refused_start_urls and makes the cycle CrawledNothing.
// - Hooks run on the crawl thread after the store committed the ad.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "core/status.h"
#include "crawler/fetcher.h"
#include "crawler/page_budget.h"
#include "store/store.h"

namespace adwatch {

struct CrawlHooks {
  // An ad is new or changed (after the store committed it).
  std::function<void(const Ad&, const AdUpsertResult&)> on_ad;
  // Ads that vanished at the end of a cycle.
  std::function<void(const AdKey&)> on_vanished;
};

struct CrawlOptions {
  std::vector<std::string> sites;     // empty = every configured site
  bool politeness = true;             // false: only max_in_flight (benchmarks)
  std::string worker;                 // lease owner prefix; default "<hostname>/adwatch" (+ "/<site>")
  int batch_pages = 50;               // pages per store transaction
  Duration lease_for = std::chrono::minutes(2);
  // Waiting on a Retry-After or back-off longer than this ends the cycle for
  // that URL (it stays queued for the next cycle).
  Duration max_wait = std::chrono::minutes(2);
  Duration backoff_base = std::chrono::seconds(2);  // first retry after 1-2 s, doubling
  std::string os_user = "adwatch";    // for the audit entry
  // A pool shared by several runners (the daemon runs one per site); it must
  // outlive them. Null: the runner makes its own of crawler.worker_threads.
  boost::asio::thread_pool* pool = nullptr;
  std::string ca_file;                // trusted CAs (PEM) for https; empty = the system's
  // Tests: runs on the worker thread before each page is parsed.
  std::function<void(const std::string& url)> before_parse;
};

struct SiteSummary {
  std::string site;
  int64_t cycle = 0;
  bool finished = false;              // the cycle completed (not aborted)
  int64_t pages = 0;                  // responses received (any status)
  int64_t listing_pages = 0;
  int64_t detail_pages = 0;
  int64_t not_modified = 0;           // 304
  int64_t gone = 0;                   // 404/410 on a detail page
  int64_t bytes = 0;                  // body bytes on the wire
  int64_t ads_new = 0;
  int64_t ads_changed = 0;
  int64_t ads_unchanged = 0;
  int64_t ads_vanished = 0;
  int64_t robots_disallowed = 0;
  int64_t retries = 0;
  std::map<std::string, int64_t> errors;  // class → count ("timeout", "http-5xx", "robots-unavailable", …)
  CycleCoverage coverage;                 // of the whole cycle (every run of it), when it finished
  std::string incomplete;                 // why the cycle did not see everything ("" = it did; swept)
  // Start URLs refused before any request (SSRF guard, scope, scheme), with
  // the reason: a configuration error, not a site outage.
  std::vector<std::string> refused_start_urls;
  // The cycle finished without a single listing page, or a start URL was
  // refused: the site was not watched (as configured); `incomplete` says
  // why (`crawl --once` and `run --once` exit 1).
  bool CrawledNothing() const {
    return finished && (coverage.listing_fetched == 0 || !refused_start_urls.empty());
  }
  bool profile_broken = false;
  std::string profile_broken_example;     // a URL the profile failed on
  // Why, naming the field and its selector or pointer ("text selector
  // 'div.x' matched nothing on 40 of 42 ads"); set with profile_broken.
  // Broken: a start page with neither ad links nor a next page, listing pages
  // fetched without a single ad link or ad_items ad, a listing page whose
  // ad_items all fail, a detail page without id or title and text, or empty
  // text on most ads read (at least 3; detail pages and ad_items) in the run
  // by a profile that has a text rule.
  std::string profile_broken_reason;
  int64_t ads_extracted = 0;              // detail pages that gave an ad, this run
  int64_t ads_without_text = 0;           // … of which with empty text
  double latency_ms_p50 = 0;
  double latency_ms_p95 = 0;
  std::string ToString() const;           // one line for the summary and the log
};

namespace internal {
struct Shared;
class SiteRun;
}  // namespace internal

// One crawl cycle of the selected sites, asynchronous on an io_context the
// caller runs (the daemon's). Not thread-safe: use it on the io thread.
class CrawlRunner {
 public:
  using Done = std::function<void(Result<std::vector<SiteSummary>>)>;
  // Compiles the selected sites' profiles; errors name the site and field.
  static Result<std::unique_ptr<CrawlRunner>> Create(const Config& config, CrawlStore& store, HttpFetcher& fetcher,
                                                     boost::asio::io_context& io, Clock& clock,
                                                     CrawlOptions options, CrawlHooks hooks = {});
  ~CrawlRunner();

  // Begins (or resumes) each site's cycle in the store, then works on `io`.
  // `done` runs once, on `io`, when every site's cycle ended: with the
  // summaries, or the first store error. Config/store objects passed to
  // Create must outlive the runner; the runner must outlive `done`.
  Status Start(Done done);
  // Takes no new work; writes what was fetched, releases the leases of what
  // was not, then calls `done` (summaries with finished = false). The cycle
  // resumes at the next Start of any runner with the same worker name. Does
  // nothing once `done` was posted. The runner may be destroyed at any time
  // on the io thread (even mid-cycle): answers, parsed pages and timers that
  // arrive later are dropped.
  void Stop();

 private:
  CrawlRunner();
  void Check();
  void PostPump();
  std::unique_ptr<boost::asio::thread_pool> pool_;  // parsing and extraction
  std::unique_ptr<internal::Shared> shared_;
  std::vector<std::unique_ptr<internal::SiteRun>> runs_;
  Done done_;
  bool reported_ = false;
  void Tick();
  std::unique_ptr<ClockTimer> tick_;  // on the clock, like every wait of the crawl
};

// The page budgets of [crawler] (max_page_bytes, max_page_depth,
// max_page_elements, max_page_cpu).
PageLimits PageLimitsOf(const CrawlerConfig& c);

// Blocking convenience for `adwatch crawl --once` and tests: runs one full
// cycle of each selected site (resuming an unfinished one) by running `io`
// until it ends. `clock` must move by itself (SystemClock): on a FakeClock
// drive a CrawlRunner and move the clock instead. Returns an error only if the store fails or a profile does
// not compile; fetch errors are counted in the summaries.
Result<std::vector<SiteSummary>> RunCrawlCycle(const Config& config, CrawlStore& store, HttpFetcher& fetcher,
                                               boost::asio::io_context& io, Clock& clock,
                                               const CrawlOptions& options, const CrawlHooks& hooks = {});

}  // namespace adwatch
