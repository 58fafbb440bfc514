// RunCrawlCycle: compiles the profiles, runs every selected site's cycle on
// the io_context until all are done, and reports per-site summaries.
#include "crawler/crawl.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <optional>
#include <sstream>

#include "crawler/internal/site_run.h"

namespace adwatch {

std::string SiteSummary::ToString() const {
  std::ostringstream o;
  o << site << ": cycle " << cycle << (finished ? " finished" : " NOT finished") << ", pages " << pages
    << " (listing " << listing_pages << ", detail " << detail_pages << ", 304 " << not_modified << ", gone "
    << gone << "), " << bytes << " bytes, ads new " << ads_new << " changed " << ads_changed << " unchanged "
    << ads_unchanged << " vanished " << ads_vanished;
  if (finished)
    o << ", listing pages fetched " << coverage.listing_fetched << "/" << coverage.listing_planned << ", detail "
      << coverage.detail_fetched << "/" << coverage.detail_planned;
  if (robots_disallowed) o << ", robots.txt disallowed " << robots_disallowed;
  if (retries) o << ", retries " << retries;
  o << ", latency p50 " << static_cast<int64_t>(latency_ms_p50) << " ms p95 " << static_cast<int64_t>(latency_ms_p95)
    << " ms";
  if (!errors.empty()) {
    o << ", errors";
    for (const auto& [cls, n] : errors) o << " " << cls << "=" << n;
  }
  if (finished && !incomplete.empty()) o << " — INCOMPLETE, no ad vanished: " << incomplete;
  if (profile_broken)
    o << " — PROFILE BROKEN: " << profile_broken_reason << " (e.g. " << profile_broken_example << ")";
  for (const auto& r : refused_start_urls) o << " — START URL REFUSED: " << r;
  return o.str();
}

namespace {

std::string DefaultWorker() {
  char host[256] = {0};
  if (gethostname(host, sizeof host - 1) != 0) return "localhost/adwatch";
  return std::string(host) + "/adwatch";
}

}  // namespace

CrawlRunner::CrawlRunner() = default;

CrawlRunner::~CrawlRunner() {
  // Fetch callbacks refer to the runs: a runner destroyed early must not
  // leave them behind (the fetcher completes them as kCancelled otherwise).
  if (shared_) {
    shared_->after_pump = nullptr;
    *shared_->alive = false;  // results still to come from the pool are dropped
  }
  // Pages being parsed finish (each within its budget); queued ones are
  // dropped. A shared pool goes on: its jobs hold what they need (the
  // profile, the page) and their results are dropped (alive is false).
  if (pool_) {
    pool_->stop();
    pool_->join();
  }
}

Result<std::unique_ptr<CrawlRunner>> CrawlRunner::Create(const Config& config, CrawlStore& store, HttpFetcher& fetcher,
                                                         boost::asio::io_context& io, Clock& clock,
                                                         CrawlOptions options, CrawlHooks hooks) {
  if (options.worker.empty()) options.worker = DefaultWorker();
  PolitenessParams pp;
  pp.enabled = options.politeness;
  pp.max_in_flight = config.crawler.max_in_flight;
  pp.per_host_in_flight = config.crawler.per_host_in_flight;
  pp.min_delay = config.crawler.min_delay;
  pp.global_rate = config.crawler.global_rate;
  pp.backoff_base = options.backoff_base;
  for (const auto& name : options.sites) {
    bool known = std::any_of(config.sites.begin(), config.sites.end(),
                             [&](const SiteConfig& s) { return s.name == name; });
    if (!known) return Status::InvalidArgument("no site named \"" + name + "\" in " + config.path);
  }
  std::unique_ptr<CrawlRunner> r(new CrawlRunner());
  boost::asio::thread_pool* pool = options.pool;
  if (!pool) {
    r->pool_ = std::make_unique<boost::asio::thread_pool>(std::max(1, config.crawler.worker_threads));
    pool = r->pool_.get();
  }
  r->shared_.reset(new internal::Shared{config, store, fetcher, io, clock, std::move(options), std::move(hooks),
                                        Politeness(clock, pp), {}, {}, false, nullptr, pool,
                                        std::make_shared<bool>(true)});
  const auto& sel = r->shared_->options.sites;
  for (const SiteConfig& site : config.sites) {
    if (!sel.empty() && std::find(sel.begin(), sel.end(), site.name) == sel.end()) continue;
    auto profile = CompileProfile(site);
    if (!profile.ok()) return profile.status();
    auto allowed = ParseAllowedEndpoints(site.allowed_private_addresses, site.start_urls);
    if (!allowed.ok()) return allowed.status().Annotate("site " + site.name);
    r->runs_.push_back(std::make_unique<internal::SiteRun>(
        *r->shared_, site, std::make_shared<const CompiledProfile>(std::move(*profile))));
  }
  return r;
}

Status CrawlRunner::Start(Done done) {
  done_ = std::move(done);
  for (auto& run : runs_) {
    ADWATCH_RETURN_IF_ERROR(run->Begin().Annotate("site " + run->site().name));
    shared_->runs.push_back(run.get());
  }
  shared_->after_pump = [this] { Check(); };
  // Every completion pumps; the tick is a safety net for wake-ups that
  // depend on the store's clock (retry times are stored in whole seconds).
  tick_ = shared_->clock.NewTimer(shared_->io);
  Tick();
  PostPump();
  return Status::Ok();
}

void CrawlRunner::Tick() {
  // The timer is the runner's: destroying the runner cancels it.
  shared_->clock.After(*tick_, std::chrono::milliseconds(100), [this] {
    if (reported_) return;
    shared_->PumpAll();
    if (!reported_) Tick();
  });
}

void CrawlRunner::Stop() {
  // After the report there is nothing to stop, and the owner may already have
  // posted the runner's destruction (the daemon does, from `done`).
  if (reported_) return;
  shared_->stopping = true;
  PostPump();
}

// Handlers posted to the io_context may run after the runner is gone: each
// checks the alive flag first.
void CrawlRunner::PostPump() {
  boost::asio::post(shared_->io, [this, alive = shared_->alive] {
    if (*alive) shared_->PumpAll();
  });
}

void CrawlRunner::Check() {
  if (reported_) return;
  for (auto& r : runs_)
    if (!r->done()) return;
  for (auto& r : runs_)
    if (r->in_flight() > 0) return;  // after a fatal error: wait for the callbacks
  reported_ = true;
  if (tick_) tick_->Cancel();
  if (shared_->stopping) {
    for (auto& r : runs_) {
      Status s = shared_->store.ReleaseLeases(r->worker());
      if (!s.ok()) spdlog::warn("releasing leases: {}", s.ToString());
    }
  }
  Status first_fatal;
  std::vector<SiteSummary> out;
  for (auto& r : runs_) {
    if (!r->fatal().ok() && first_fatal.ok()) first_fatal = r->fatal();
    out.push_back(r->summary());
  }
  Done done = std::move(done_);
  Result<std::vector<SiteSummary>> result = first_fatal.ok() ? Result<std::vector<SiteSummary>>(std::move(out))
                                                             : Result<std::vector<SiteSummary>>(first_fatal);
  boost::asio::post(shared_->io, [done = std::move(done), result = std::move(result)]() mutable {
    if (done) done(std::move(result));
  });
}

PageLimits PageLimitsOf(const CrawlerConfig& c) {
  PageLimits l;
  l.max_bytes = c.max_page_bytes;
  l.max_depth = c.max_page_depth;
  l.max_elements = c.max_page_elements;
  l.max_cpu = c.max_page_cpu;
  return l;
}

Result<std::vector<SiteSummary>> RunCrawlCycle(const Config& config, CrawlStore& store, HttpFetcher& fetcher,
                                               boost::asio::io_context& io, Clock& clock,
                                               const CrawlOptions& options, const CrawlHooks& hooks) {
  auto runner = CrawlRunner::Create(config, store, fetcher, io, clock, options, hooks);
  if (!runner.ok()) return runner.status();
  std::optional<Result<std::vector<SiteSummary>>> result;
  Status st = (*runner)->Start([&](Result<std::vector<SiteSummary>> r) { result = std::move(r); });
  if (!st.ok()) return st;
  io.restart();
  while (!result) {
    io.run_one_for(std::chrono::milliseconds(100));
    if (io.stopped()) io.restart();
  }
  return std::move(*result);
}

}  // namespace adwatch
