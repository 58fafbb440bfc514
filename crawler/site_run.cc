// SiteRun: leasing, scheduling, batching and finishing one site's cycle.
// Page handling (what a response means) is in site_pages.cc.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "crawler/internal/site_run.h"
#include "crawler/url.h"

namespace adwatch::internal {

void Shared::PumpAll() {
  for (SiteRun* r : runs) r->Pump();
  if (after_pump) after_pump();
}

SiteRun::SiteRun(Shared& shared, const SiteConfig& site, std::shared_ptr<const CompiledProfile> profile)
    : sh_(shared), site_(site), profile_(std::move(profile)), wake_(shared.clock.NewTimer(shared.io)) {
  summary_.site = site.name;
  worker_ = shared.options.worker + "/" + site.name;
  scope_ = site.allowed_hosts;
  if (scope_.empty())
    for (const auto& u : site.start_urls) scope_.push_back(UrlHost(u));
  use_validators_ = !profile_->listing_ids.empty();
  // Checked by CrawlRunner::Create; a bad entry allows nothing.
  auto allowed = ParseAllowedEndpoints(site.allowed_private_addresses, site.start_urls);
  if (allowed.ok()) allowed_private_ = std::move(*allowed);
}

Status SiteRun::Begin() {
  CrawlStore& st = sh_.store;
  TimePoint now = sh_.clock.Now();
  // A previous run of this worker that died (kill -9) still holds leases:
  // release them so its URLs are fetched now, not after the lease expires.
  ADWATCH_RETURN_IF_ERROR(st.ReleaseLeases(worker_));
  auto last = st.LastCycle(site_.name);
  if (!last.ok()) return last.status();
  bool resumed = last->has_value() && !(*last)->finished;
  auto cycle = st.BeginCycle(site_.name, now);
  if (!cycle.ok()) return cycle.status();
  cycle_ = cycle->cycle;
  summary_.cycle = cycle_;
  std::string robots = site_.respect_robots ? "respected" : "ignored (reason: " + site_.robots_opt_out_reason + ")";
  if (!site_.respect_robots)
    spdlog::warn("site {}: robots.txt is NOT honoured; reason recorded in config: {}", site_.name,
                 site_.robots_opt_out_reason);
  ADWATCH_RETURN_IF_ERROR(st.AppendAudit(
      {0, now, sh_.options.os_user, "crawl",
       "site=" + site_.name + " cycle=" + std::to_string(cycle_) + (resumed ? " resumed" : " started") +
           " purpose=\"" + site_.purpose + "\" legal_basis=\"" + site_.legal_basis + "\" robots=" + robots}));
  spdlog::info("site {}: cycle {} {} (purpose: {}; legal basis: {})", site_.name, cycle_,
               resumed ? "resumed" : "started", site_.purpose, site_.legal_basis);
  std::vector<FrontierEntry> start;
  for (const auto& u : site_.start_urls) start.push_back({site_.name, u, UrlKind::kListing, 10, now});
  // Enqueue does not re-queue a URL completed in this cycle: a resumed cycle
  // does not start over.
  return st.Enqueue(start, cycle_, now);
}

void SiteRun::Fatal(Status s) {
  spdlog::error("site {}: {}", site_.name, s.ToString());
  if (fatal_.ok()) fatal_ = std::move(s);
  done_ = true;
}

void SiteRun::WakeAt(TimePoint t) {
  if (wake_at_ != TimePoint{} && wake_at_ <= t && wake_at_ > sh_.clock.Now()) return;  // an earlier wake is set
  wake_at_ = t;
  // The timer is the run's own: destroying the run cancels it.
  wake_->At(t, [this] {
    wake_at_ = {};
    Pump();
  });
}

bool SiteRun::InScope(const std::string& url) const {
  if (url.empty()) return false;
  std::string h = UrlHost(url);
  return std::find(scope_.begin(), scope_.end(), h) != scope_.end();
}

FetchRequest SiteRun::MakeRequest(const std::string& url) const {
  const CrawlerConfig& c = sh_.config.crawler;
  FetchRequest r;
  r.url = url;
  r.user_agent = c.user_agent;
  r.proxy = site_.proxy.empty() ? c.proxy : site_.proxy;
  r.allowed_hosts = scope_;
  r.allow_private = site_.allow_private_addresses;
  r.allowed_private = allowed_private_;
  r.ca_file = sh_.options.ca_file;
  r.accept = site_.kind == "json" ? "application/json" : "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
  r.limits.connect_timeout = c.connect_timeout;
  r.limits.timeout = c.timeout;
  r.limits.low_speed_time = std::min<Duration>(r.limits.low_speed_time, c.timeout);
  r.limits.max_body_bytes = c.max_body_bytes;
  r.limits.max_decoded_bytes = c.max_decoded_bytes;
  r.limits.max_redirects = c.max_redirects;
  return r;
}

// robots.txt is fetched once per origin and run, shared by the sites on it.
RobotsEntry::State SiteRun::Robots(const std::string& origin) {
  using State = RobotsEntry::State;
  auto it = sh_.robots.find(origin);
  if (it != sh_.robots.end() && it->second.state != State::kRetry) return it->second.state;
  if (it != sh_.robots.end() && sh_.clock.Now() < it->second.retry_at) {
    WakeAt(it->second.retry_at);
    return State::kRetry;
  }
  sh_.robots[origin].state = State::kFetching;
  FetchRequest req = MakeRequest(origin + "/robots.txt");
  req.accept = "text/plain";
  Shared* sh = &sh_;
  std::string site = site_.name;
  // Not counted in flight: a stopped run does not wait for robots.txt, so
  // the answer may come after the runner is gone.
  sh_.fetcher.Fetch(req, [sh, origin, site, alive = sh_.alive](FetchResult r) {
    if (!*alive) return;
    RobotsEntry& e = sh->robots[origin];
    std::string agent = sh->config.crawler.user_agent;
    if (r.ok() && r.status >= 200 && r.status < 300) {
      e.rules = RobotsRules::Parse(r.body, agent);
      e.state = State::kReady;
    } else if (r.ok() && r.status >= 400 && r.status < 500 && r.status != 429) {
      e.rules = RobotsRules::AllowAll();  // RFC 9309: "unavailable" means no rules
      e.state = State::kReady;
    } else if (r.error == FetchError::kBlockedAddress || r.error == FetchError::kOutOfScope ||
               r.error == FetchError::kBadUrl) {
      // Refused before any request: trying again changes nothing.
      e.state = State::kUnavailable;
      e.refused = true;
      e.error = r.message;
      spdlog::error("site {}: robots.txt refused: {}; the origin's URLs are not fetched", site, r.message);
    } else {
      // Unreachable: try later. Never "disallow all", which would look like
      // a cycle that found no ads.
      TimePoint now = sh->clock.Now();
      e.attempts++;
      e.error = "robots.txt " + origin + "/robots.txt: " + (r.ok() ? "HTTP " + std::to_string(r.status) : r.message);
      std::optional<TimePoint> until;
      if (r.ok() && (r.status == 429 || r.status == 503)) until = ParseRetryAfter(r.retry_after, now);
      e.retry_at = until ? *until : now + sh->politeness.Backoff(e.attempts);
      if (e.attempts > sh->config.crawler.max_retries || e.retry_at - now > sh->options.max_wait) {
        e.state = State::kUnavailable;
        spdlog::error("site {}: {} (attempt {}); its URLs are not fetched this cycle and no ad vanishes", site,
                      e.error, e.attempts);
      } else {
        e.state = State::kRetry;
        spdlog::warn("site {}: {}; again at {}", site, e.error, FormatUtc(e.retry_at));
      }
    }
    if (e.state == State::kReady && e.rules.crawl_delay())
      sh->politeness.SetHostDelay(origin, *e.rules.crawl_delay());
    sh->PumpAll();
  });
  return State::kFetching;
}

void SiteRun::Pump() {
  if (done_ || pumping_) return;
  pumping_ = true;
  struct Guard {
    bool& b;
    ~Guard() { b = false; }
  } guard{pumping_};
  TimePoint now = sh_.clock.Now();
  const int max_in_flight = sh_.config.crawler.max_in_flight;
  if (sh_.stopping) {
    // Leased but unstarted URLs are released by the runner (ReleaseLeases).
    queue_.clear();
    if (in_flight_ == 0) {
      Flush();
      done_ = true;
      wake_->Cancel();
    }
    return;
  }
  if (pending_pages_ >= sh_.options.batch_pages || (flush_now_ && !pending_.empty()) ||
      (in_flight_ == 0 && !pending_.empty())) {
    Flush();
    if (done_) return;
  }
  bool budget_left = summary_.pages < site_.max_pages_per_cycle;
  int want = sh_.options.politeness
                 ? std::clamp(static_cast<int>((sh_.options.lease_for / 4) /
                                               std::max<Duration>(sh_.config.crawler.min_delay, std::chrono::milliseconds(50))),
                              sh_.config.crawler.per_host_in_flight, 64)
                 : max_in_flight * 2;
  bool lease_ok = lease_dirty_ || now - last_empty_lease_ > std::chrono::milliseconds(200);
  if (budget_left && lease_ok && static_cast<int>(queue_.size()) < want / 2 + 1) {
    auto leased = sh_.store.Lease(site_.name, worker_, want - static_cast<int>(queue_.size()),
                                  sh_.options.lease_for, now);
    if (!leased.ok()) {
      if (leased.status().code() != Status::Code::kUnavailable) return Fatal(leased.status());
    } else {
      lease_dirty_ = false;
      last_lease_empty_ = leased->empty();
      if (leased->empty()) last_empty_lease_ = now;
      for (auto& u : *leased) queue_.push_back(std::move(u));
    }
  }
  // Start what politeness allows, in lease order, skipping hosts that wait.
  std::optional<TimePoint> next_wake;
  for (auto it = queue_.begin(); it != queue_.end();) {
    std::string origin = UrlOrigin(it->url);
    if (site_.respect_robots) {
      RobotsEntry::State robots = Robots(origin);
      if (robots == RobotsEntry::State::kUnavailable) {
        LeasedUrl u = std::move(*it);
        it = queue_.erase(it);
        const RobotsEntry& e = sh_.robots[origin];
        Failure(u, e.refused ? "blocked_address" : "robots-unavailable", e.error, std::nullopt);  // next cycle
        continue;
      }
      if (robots != RobotsEntry::State::kReady) { ++it; continue; }
      if (!sh_.robots[origin].rules.Allowed(UrlPathAndQuery(it->url))) {
        summary_.robots_disallowed++;
        spdlog::debug("site {}: robots.txt disallows {}", site_.name, it->url);
        LeasedUrl u = std::move(*it);
        it = queue_.erase(it);
        Complete(u, {}, {}, /*fetched=*/false);
        continue;
      }
    }
    auto wait = sh_.politeness.TryStart(origin);
    if (wait) {
      next_wake = next_wake ? std::min(*next_wake, *wait) : *wait;
      if (sh_.politeness.in_flight() >= max_in_flight) break;
      ++it;
      continue;
    }
    LeasedUrl u = std::move(*it);
    it = queue_.erase(it);
    Start(std::move(u));
  }
  if (next_wake) WakeAt(*next_wake);
  // Expected retries whose time has come are leasable again.
  while (!retries_.empty() && *retries_.begin() <= now) {
    retries_.erase(retries_.begin());
    lease_dirty_ = true;
  }
  if (queue_.empty() && in_flight_ == 0 && pending_.empty()) {
    if (!retries_.empty()) WakeAt(*retries_.begin());
    // Done when the newest lease (taken after every flush and failure) found
    // nothing due, or the page budget is spent.
    else if ((last_lease_empty_ && !lease_dirty_) || !budget_left) Finish();
  }
}

void SiteRun::Start(LeasedUrl u) {
  FetchRequest req = MakeRequest(u.url);
  if (use_validators_ && u.kind != UrlKind::kListing) {
    req.if_none_match = u.validators.etag;
    req.if_modified_since = u.validators.last_modified;
  }
  in_flight_++;
  sh_.fetcher.Fetch(std::move(req), [this, u = std::move(u), alive = sh_.alive](FetchResult r) mutable {
    if (!*alive) return;  // the runner was destroyed mid-cycle (grace period over)
    sh_.politeness.Finish(UrlOrigin(u.url));
    in_flight_--;
    OnFetched(u, std::move(r));
    sh_.PumpAll();  // a free slot may serve any site
  });
}

}  // namespace adwatch::internal
