// SiteRun: what a response means (listing, detail, 304, gone, retry, error),
// and writing outcomes to the store in batches.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/post.hpp>

#include "core/hash.h"
#include "crawler/internal/site_run.h"
#include "crawler/url.h"

namespace adwatch::internal {

void SiteRun::OnFetched(const LeasedUrl& u, FetchResult r) {
  summary_.bytes += r.wire_bytes;
  latencies_ms_.push_back(static_cast<double>(r.elapsed.count()) / 1000.0);
  const bool listing = u.kind == UrlKind::kListing;
  if (r.error == FetchError::kOverloaded && ++overloaded_[u.url] <= kMaxOverloadedRequeues) {
    // Our own memory budget, not the page's fault: the URL goes back in the
    // queue (still leased) and is started again shortly, without counting as
    // an attempt. Bounded, in case one page alone cannot fit the budget.
    Error("overloaded");
    queue_.push_front(u);
    WakeAt(sh_.clock.Now() + std::chrono::milliseconds(100));
    return;
  }
  if (!r.ok()) {
    bool permanent = r.error == FetchError::kBlockedAddress || r.error == FetchError::kOutOfScope ||
                     r.error == FetchError::kBadUrl || r.error == FetchError::kTooLarge ||
                     r.error == FetchError::kTooManyRedirects;
    spdlog::warn("site {}: {}", site_.name, r.message);
    std::optional<TimePoint> none;
    Failure(u, ToString(r.error), r.message, permanent ? none : std::optional<TimePoint>(TimePoint{}));
    return;
  }
  summary_.pages++;
  (listing ? summary_.listing_pages : summary_.detail_pages)++;
  long st = r.status;
  std::string where = " (" + u.url + ")";
  if (st == 429 || st == 503) {
    TimePoint now = sh_.clock.Now();
    auto until = ParseRetryAfter(r.retry_after, now);
    if (until) sh_.politeness.PauseHost(UrlOrigin(u.url), *until);
    spdlog::warn("site {}: HTTP {}{}, retry after {}", site_.name, st, where,
                 until ? FormatUtc(*until) : std::string("back-off"));
    Failure(u, "http-" + std::to_string(st), "HTTP " + std::to_string(st) + where,
            until ? *until : TimePoint{});
    return;
  }
  if (st >= 500) {
    spdlog::warn("site {}: HTTP {}{}", site_.name, st, where);
    Failure(u, "http-5xx", "HTTP " + std::to_string(st) + where, TimePoint{});
    return;
  }
  if (st == 304 && !listing) {
    summary_.not_modified++;
    PageOutcome out;
    // The ad is unchanged, and seen: live again if it had vanished. It still
    // counts as listed only through the listing ids.
    out.completed.not_modified = true;
    Complete(u, std::move(out), u.validators);
    return;
  }
  if ((st == 404 || st == 410) && !listing) {
    summary_.gone++;
    Complete(u, {}, {});
    return;
  }
  if (st < 200 || st >= 300) {
    spdlog::warn("site {}: HTTP {}{}", site_.name, st, where);
    Failure(u, st == 404 ? "http-404" : "http-4xx", "HTTP " + std::to_string(st) + where, std::nullopt);
    return;
  }
  Analyse(u, std::move(r));
}

ParsedPage ProcessPage(const CompiledProfile& profile, bool listing, const FetchResult& r,
                       const PageLimits& limits, const std::function<void(const std::string&)>& before) {
  ParsedPage out;
  out.url = r.url;
  out.etag = r.etag;
  out.last_modified = r.last_modified;
  if (before) before(r.url);
  ScopedCpuBudget budget(limits.max_cpu);
  auto page = ParsePage(profile, r.url, r.content_type, r.body, limits);
  if (!page.ok()) {
    out.status = page.status();
    return out;
  }
  if (listing) {
    out.listing = ExtractListing(profile, *page);
  } else {
    auto ad = ExtractAd(profile, *page);
    if (ad.ok()) out.ad = std::move(*ad);
    else out.status = ad.status();
  }
  // The tree walks stop early once the budget is spent: what they found is
  // partial, so the page is refused as a whole.
  if (CpuBudgetSpent() || budget.Used() > limits.max_cpu) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(limits.max_cpu).count();
    out.status = PageBudgetError("more than " + std::to_string(ms) + " ms of CPU", r.url);
    out.ad.reset();
    out.listing = {};
    return out;
  }
  if (out.ad) out.sha256 = Sha256Hex(r.body);
  return out;
}

// The io thread only hands the page over; the page stays in flight (its
// lease held, the cycle unfinished) until the result is back.
void SiteRun::Analyse(const LeasedUrl& u, FetchResult r) {
  in_flight_++;
  boost::asio::post(*sh_.pool, [this, u, r = std::move(r), profile = profile_, limits = PageLimitsOf(sh_.config.crawler),
                                before = sh_.options.before_parse, alive = sh_.alive, io = &sh_.io]() mutable {
    ParsedPage p = ProcessPage(*profile, u.kind == UrlKind::kListing, r, limits, before);
    r = {};  // the body is not needed any more
    boost::asio::post(*io, [this, u = std::move(u), p = std::move(p), alive = std::move(alive)]() mutable {
      if (!*alive) return;  // the runner is gone
      in_flight_--;
      OnParsed(u, std::move(p));
      sh_.PumpAll();
    });
  });
}

void SiteRun::OnParsed(const LeasedUrl& u, ParsedPage p) {
  if (IsPageBudgetError(p.status)) return OverBudget(u, p.status.message());
  PageOutcome out;
  if (u.kind == UrlKind::kListing) OnListing(u, p, &out);
  else OnDetail(u, p, &out);
}

// The page's fault, not the server's: back-off without pausing the host,
// then parked (one try per cycle) once the attempts pass max_retries.
void SiteRun::OverBudget(const LeasedUrl& u, const std::string& msg) {
  auto it = tries_.find(u.url);
  int attempt = std::max(it == tries_.end() ? 1 : it->second + 1, u.attempts + 1);
  if (attempt > sh_.config.crawler.max_retries) {
    spdlog::error("site {}: {}; parked after {} attempts: tried once per cycle from now on", site_.name, msg,
                  attempt);
    Failure(u, "page-budget-parked", msg, std::nullopt);
    return;
  }
  spdlog::warn("site {}: {} (attempt {})", site_.name, msg, attempt);
  Failure(u, "page-budget", msg, TimePoint{}, /*pause_host=*/false);
}

void SiteRun::OnListing(const LeasedUrl& u, ParsedPage& p, PageOutcome* out) {
  if (!p.status.ok()) {
    Failure(u, "parse", p.status.message(), std::nullopt);
    return;
  }
  Listing& l = p.listing;
  bool start = std::find(site_.start_urls.begin(), site_.start_urls.end(), u.url) != site_.start_urls.end();
  if (l.ad_urls.empty() && l.next_url.empty() && l.ads.empty() && start) {
    // A start page with neither ads nor a next page: the profile no longer
    // understands the site. Loud, because the site is silently not watched.
    Broken(u.url, "no ad links and no next page on start page " + u.url);
    Failure(u, "profile-broken", "no ad links on start page " + u.url, std::nullopt);
    return;
  }
  if (!l.broken.empty()) {
    // Items the profile cannot read: all of them means the profile no longer fits the page.
    spdlog::warn("site {}: {} of {} ad_items on {} gave no ad: {}", site_.name, l.broken.size(),
                 l.broken.size() + l.ads.size(), u.url, l.broken.front());
    if (l.ads.empty()) Broken(u.url, "no ad_items item on " + u.url + " gave an ad (" + l.broken.front() + ")");
  }
  listing_parsed_++;
  ad_links_found_ += static_cast<int64_t>(l.ad_urls.size() + l.ads.size());
  for (const Ad& a : l.ads) CountText(a, u.url);
  out->ads = std::move(l.ads);
  TimePoint now = sh_.clock.Now();
  for (const auto& a : l.ad_urls)
    if (InScope(a)) out->discovered.push_back({site_.name, a, UrlKind::kDetail, 0, now});
  if (InScope(l.next_url)) out->discovered.push_back({site_.name, l.next_url, UrlKind::kListing, 10, now});
  out->listed_ids = std::move(l.ids);
  flush_now_ = true;  // new work: write it so the next lease sees it
  Complete(u, std::move(*out), {});
}

void SiteRun::OnDetail(const LeasedUrl& u, ParsedPage& p, PageOutcome* out) {
  if (!p.ad) {
    bool broken = p.status.message().find("profile broken") != std::string::npos ||
                  site_.kind == "embedded-json";
    if (broken) Broken(u.url, p.status.message());
    Failure(u, broken ? "profile-broken" : "parse", p.status.message(), std::nullopt);
    return;
  }
  CountText(*p.ad, u.url);
  out->listed_ids.push_back(p.ad->id);
  out->completed.ad_id = p.ad->id;
  out->ads.push_back(std::move(*p.ad));
  Validators v{p.etag, p.last_modified, p.sha256};
  Complete(u, std::move(*out), std::move(v));
}

void SiteRun::Broken(const std::string& example_url, const std::string& reason) {
  if (!summary_.profile_broken) spdlog::error("site {}: PROFILE BROKEN: {}", site_.name, reason);
  if (!summary_.profile_broken) {
    summary_.profile_broken_example = example_url;
    summary_.profile_broken_reason = reason;
  }
  summary_.profile_broken = true;
}

// An ad read (from a detail page or a listing's ad_items), for the verdict on empty text.
void SiteRun::CountText(const Ad& ad, const std::string& url) {
  summary_.ads_extracted++;
  if (!ad.text.empty()) return;
  summary_.ads_without_text++;
  if (empty_text_example_.empty()) empty_text_example_ = url;
}

// What a field rule is, for a message that names it.
static std::string Describe(const char* field, const FieldRule& r) {
  if (!r.json_pointer.empty()) return std::string(field) + " JSON pointer '" + r.json_pointer + "'";
  return std::string(field) + " selector '" + r.selector + "'";
}

// Over the whole run: pages that parsed but gave the matcher nothing to read
// mean the site changed its markup, and the site is silently not watched.
// Empty text needs a few ads (and most of them): one photo-only ad is no verdict.
void SiteRun::JudgeProfile() {
  constexpr int64_t kMinAds = 3;
  if (summary_.profile_broken) return;
  if (listing_parsed_ > 0 && ad_links_found_ == 0 && summary_.ads_extracted == 0) {
    bool items = !site_.ad_items.selector.empty() || !site_.ad_items.json_pointer.empty();
    Broken(site_.start_urls.empty() ? "" : site_.start_urls[0],
           (items ? Describe("ad_items", site_.ad_items) : Describe("ad_links", site_.ad_links)) +
               " matched nothing on " + std::to_string(listing_parsed_) + " listing pages");
    return;
  }
  // A profile without a text rule reads titles only, by design.
  auto text = site_.fields.find("text");
  if (text == site_.fields.end() || (text->second.selector.empty() && text->second.json_pointer.empty())) return;
  const int64_t ads = summary_.ads_extracted, empty = summary_.ads_without_text;
  if (ads >= kMinAds && empty * 2 > ads) {
    Broken(empty_text_example_, Describe("text", text->second) + " matched nothing on " + std::to_string(empty) +
                                    " of " + std::to_string(ads) + " ads");
  } else if (summary_.ads_without_text > 0) {
    spdlog::warn("site {}: {} of {} ads with empty text", site_.name, summary_.ads_without_text,
                 summary_.ads_extracted);
  }
}

// retry_at: nullopt = do not retry this cycle; TimePoint{} = exponential
// back-off; else the server's Retry-After.
void SiteRun::Failure(const LeasedUrl& u, const std::string& cls, const std::string& msg,
                      std::optional<TimePoint> retry_at, bool pause_host) {
  Error(cls);
  bool refused = cls == "blocked_address" || cls == "out_of_scope" || cls == "bad_url";
  if (refused && std::find(site_.start_urls.begin(), site_.start_urls.end(), u.url) != site_.start_urls.end()) {
    spdlog::error("site {}: start URL refused: {}", site_.name, msg);
    summary_.refused_start_urls.push_back(msg);
  }
  TimePoint now = sh_.clock.Now();
  int attempt = std::max(++tries_[u.url], u.attempts + 1);
  bool retry = retry_at.has_value() && attempt <= sh_.config.crawler.max_retries;
  TimePoint at{};
  if (retry) {
    at = *retry_at == TimePoint{} ? now + sh_.politeness.Backoff(attempt) : *retry_at;
    if (*retry_at == TimePoint{} && pause_host) sh_.politeness.PauseHost(UrlOrigin(u.url), at);
    if (at - now > sh_.options.max_wait) retry = false;
  }
  if (retry) {
    summary_.retries++;
    retries_.insert(at);
  } else {
    at = now + site_.recrawl_interval;  // next cycle
  }
  Status s = sh_.store.Fail(site_.name, u.url, worker_, cls, msg, at);
  if (!s.ok() && s.code() != Status::Code::kFailedPrecondition) return Fatal(s);
  lease_dirty_ = true;
}

void SiteRun::Complete(const LeasedUrl& u, PageOutcome out, Validators v, bool fetched) {
  out.completed.url = u.url;
  out.completed.fetched = fetched;
  out.completed.worker = worker_;
  out.completed.next_due = sh_.clock.Now() + site_.recrawl_interval;
  out.completed.validators = std::move(v);
  pending_.push_back(std::move(out));
  pending_pages_++;
}

void SiteRun::Flush() {
  if (pending_.empty()) return;
  std::vector<PageOutcome> outs;
  outs.swap(pending_);
  int64_t pages = pending_pages_;
  pending_pages_ = 0;
  flush_now_ = false;
  ApplyOutcomes(outs, false);
  if (done_) return;
  Status s = sh_.store.AddPagesFetched(site_.name, pages);
  if (!s.ok()) return Fatal(s);
  lease_dirty_ = true;
}

void SiteRun::ApplyOutcomes(std::vector<PageOutcome>& outs, bool split) {
  CrawlBatch b;
  b.site = site_.name;
  b.cycle = cycle_;
  for (auto& o : outs) {
    for (auto& a : o.ads) b.ads.push_back(a);
    b.listed_ids.insert(b.listed_ids.end(), o.listed_ids.begin(), o.listed_ids.end());
    b.discovered.insert(b.discovered.end(), o.discovered.begin(), o.discovered.end());
    b.completed.push_back(o.completed);
  }
  auto res = sh_.store.ApplyCrawlBatch(b, sh_.clock.Now());
  if (!res.ok()) {
    if (res.status().code() == Status::Code::kFailedPrecondition && !split) {
      // A lease was lost (expired, taken by another worker): apply page by
      // page so only that page's outcome is dropped.
      for (auto& o : outs) {
        std::vector<PageOutcome> one;
        one.push_back(std::move(o));
        ApplyOutcomes(one, true);
        if (done_) return;
      }
      return;
    }
    if (res.status().code() == Status::Code::kFailedPrecondition) {
      spdlog::warn("site {}: lease lost for {}; another worker has it", site_.name, b.completed[0].url);
      return;
    }
    return Fatal(res.status().Annotate("store"));
  }
  for (size_t i = 0; i < res->size() && i < b.ads.size(); ++i) {
    const AdUpsertResult& r = (*res)[i];
    if (r.event == AdEvent::kNew) summary_.ads_new++;
    else if (r.event == AdEvent::kChanged) summary_.ads_changed++;
    else summary_.ads_unchanged++;
    if ((r.event == AdEvent::kNew || r.event == AdEvent::kChanged) && sh_.hooks.on_ad) sh_.hooks.on_ad(b.ads[i], r);
  }
}

std::string SiteRun::IncompleteReason(const CycleCoverage& c) const {
  if (!summary_.refused_start_urls.empty())
    return "start URL refused (" + summary_.refused_start_urls[0] + "); fix the site's configuration";
  if (summary_.pages >= site_.max_pages_per_cycle)
    return "stopped at max_pages_per_cycle = " + std::to_string(site_.max_pages_per_cycle);
  // Without listing ids, ads are listed by their detail pages: those count too.
  if (c.ListingComplete() && (use_validators_ || c.DetailComplete())) return "";
  std::string why;
  if (c.listing_planned == 0) why = "no listing page was queued";
  else if (!c.ListingComplete())
    why = "listing pages fetched " + std::to_string(c.listing_fetched) + " of " + std::to_string(c.listing_planned);
  else
    why = "detail pages fetched " + std::to_string(c.detail_fetched) + " of " + std::to_string(c.detail_planned);
  std::vector<std::string> causes;
  for (const auto& [origin, e] : sh_.robots)
    if (e.state == RobotsEntry::State::kUnavailable && InScope(origin + "/"))
      causes.push_back(e.error);
  if (c.listing_leased > 0) causes.push_back(std::to_string(c.listing_leased) + " leased by another worker");
  std::string errors;
  for (const auto& [cls, n] : summary_.errors)
    if (cls != "robots-unavailable") errors += (errors.empty() ? "errors " : " ") + cls + "=" + std::to_string(n);
  if (!errors.empty()) causes.push_back(errors);
  // A next_page that leads into a disallowed path is never fetched: name it, or
  // the reason blames whatever error (even a retried one) happened to be counted.
  if (summary_.robots_disallowed > 0)
    causes.push_back("robots.txt disallowed " + std::to_string(summary_.robots_disallowed) +
                     " (a next_page or ad link into a disallowed path?)");
  if (causes.empty()) causes.push_back("the rest failed or was skipped earlier in the cycle");
  for (size_t i = 0; i < causes.size(); ++i) why += (i ? "; " : ": ") + causes[i];
  return why;
}

void SiteRun::Finish() {
  TimePoint now = sh_.clock.Now();
  // Coverage comes from the store, so it covers every run of the cycle: a
  // restarted worker knows what the killed one did, and pages another worker
  // still holds count as not fetched.
  auto coverage = sh_.store.GetCycleCoverage(site_.name, cycle_, now);
  if (!coverage.ok()) return Fatal(coverage.status());
  summary_.coverage = *coverage;
  summary_.incomplete = IncompleteReason(*coverage);
  if (summary_.incomplete.empty()) {
    auto gone = sh_.store.SweepVanished(site_.name, cycle_, sh_.config.crawler.vanish_after_cycles, now);
    if (!gone.ok()) return Fatal(gone.status());
    summary_.coverage.swept = true;
    summary_.ads_vanished = static_cast<int64_t>(gone->size());
    if (sh_.hooks.on_vanished)
      for (const auto& k : *gone) sh_.hooks.on_vanished(k);
  } else {
    spdlog::warn("site {}: cycle {} incomplete ({}): no ad vanishes", site_.name, cycle_, summary_.incomplete);
  }
  Status s = sh_.store.FinishCycle(site_.name, cycle_, now);
  if (!s.ok()) return Fatal(s);
  std::sort(latencies_ms_.begin(), latencies_ms_.end());
  if (!latencies_ms_.empty()) {
    summary_.latency_ms_p50 = latencies_ms_[latencies_ms_.size() / 2];
    summary_.latency_ms_p95 = latencies_ms_[latencies_ms_.size() * 95 / 100];
  }
  summary_.finished = true;
  JudgeProfile();
  done_ = true;
  wake_->Cancel();
  int64_t errors = 0;
  for (const auto& [cls, n] : summary_.errors) errors += n;
  // The cycle's counters (no personal data) also serve `adwatch status`.
  Status audited = sh_.store.AppendAudit({0, now, sh_.options.os_user, "crawl",
                         "site=" + site_.name + " cycle=" + std::to_string(cycle_) + " finished pages=" +
                             std::to_string(summary_.pages) + " new=" + std::to_string(summary_.ads_new) +
                             " changed=" + std::to_string(summary_.ads_changed) +
                             " vanished=" + std::to_string(summary_.ads_vanished) +
                             " bytes=" + std::to_string(summary_.bytes) + " errors=" + std::to_string(errors) +
                             " listing_planned=" + std::to_string(summary_.coverage.listing_planned) +
                             " listing_fetched=" + std::to_string(summary_.coverage.listing_fetched) +
                             " swept=" + std::to_string(summary_.coverage.swept ? 1 : 0) +
                             " p50_ms=" + std::to_string(static_cast<int64_t>(summary_.latency_ms_p50)) +
                             " p95_ms=" + std::to_string(static_cast<int64_t>(summary_.latency_ms_p95))});
  if (!audited.ok()) spdlog::error("crawl cycle of {} not audited: {}", site_.name, audited.message());
  spdlog::info("crawl {}", summary_.ToString());
}

}  // namespace adwatch::internal
