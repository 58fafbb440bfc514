// The real Pipeline: crawler → matcher → store → cross-ad index → alerts.
// Everything runs on the daemon's io_context thread, except parsing and
// matching, which run on one worker pool shared by every site (the store is
// used from the io thread only).
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "alerts/admin_mail.h"
#include "alerts/alerting.h"
#include "app/analysis_queue.h"
#include "app/mail_worker.h"
#include "app/minimise.h"
#include "app/pipeline.h"
#include "app/wire_analysis.h"
#include "crawler/crawl.h"

namespace adwatch {
namespace {

class RealPipeline final : public Pipeline {
 public:
  RealPipeline(boost::asio::io_context& io, ConfigPtr config, Clock& clock, Metrics& metrics, PipelineHooks hooks)
      : io_(io), config_(std::move(config)), clock_(clock), metrics_(metrics),
        alerting_state_(config_->alerts.max_immediate_per_hour), hooks_(std::move(hooks)),
        pool_(std::max(1, config_->crawler.worker_threads)), analysis_(io, pool_, config_->crawler.worker_threads - 1) {}

  // Jobs still on the pool finish (each page within its budget) before
  // anything they report to is destroyed; their results are dropped.
  ~RealPipeline() override {
    mail_.reset();  // interrupts a transfer to a server that hangs
    pool_.stop();
    pool_.join();
  }

  Status Init() {
    Env* env = Env::Default();
    auto store = OpenStore(config_->store, *env, clock_);
    if (!store.ok()) return store.status();
    store_ = std::move(*store);
    tokens_ = std::make_unique<LinkTokens>(*store_);
    ADWATCH_RETURN_IF_ERROR(BuildMatcher(*config_));
    auto transport = MakeTransport(config_->alerts, *env);
    if (!transport.ok()) return transport.status().Annotate("mail transport");
    transport_ = std::move(*transport);
    auto schedule = DigestSchedule::FromConfig(config_->alerts);
    if (!schedule.ok()) return schedule.status();
    schedule_ = std::move(*schedule);
    fetcher_ = MakeCurlFetcher(io_);
    os_user_ = env->UserName();
    // Delivery off the loop, with a store handle of its own (one user each).
    auto mail_store = OpenStore(config_->store, *env, clock_);
    if (!mail_store.ok()) return mail_store.status();
    mail_ = std::make_unique<MailWorker>(io_, std::move(*mail_store), transport_, clock_, Delivery(),
                                         [this] { CountDelivery(mail_->TakeReport()); });
    return RebuildIndex();
  }

  void StartCycle(ConfigPtr config, const std::string& site,
                  std::function<void(const CycleSummary&)> done) override {
    CrawlOptions opt;
    opt.sites = {site};
    // opt.worker stays empty: the crawler's host-wide default, stable across
    // restarts, so a restarted daemon takes back its leases at once.
    opt.os_user = os_user_;
    opt.pool = &pool_;
    CrawlHooks hooks;
    hooks.on_ad = [this](const Ad& ad, const AdUpsertResult& r) { OnAd(ad, r); };
    hooks.on_vanished = [this](const AdKey& key) { index_->Remove(key); };
    // The runner keeps references into `config`: the cycle owns it until its end.
    auto runner = CrawlRunner::Create(*config, *store_, *fetcher_, io_, clock_, opt, hooks);
    CycleSummary failed;
    failed.site = site;
    failed.failed = true;
    if (!runner.ok()) {
      failed.error = runner.status().message();
      boost::asio::post(io_, [done, failed] { done(failed); });
      return;
    }
    CrawlRunner* r = runner->get();
    runners_[site] = Cycle{std::move(config), std::move(*runner)};
    Status st = r->Start([this, site, done](Result<std::vector<SiteSummary>> result) {
      CycleSummary s = Summarize(site, result);
      // The runner must outlive this callback: drop it afterwards.
      boost::asio::post(io_, [this, site] { runners_.erase(site); });
      // Evaluated only once every ad of the cycle was analysed.
      analysis_.WhenIdle(site, [done, s] { done(s); });
    });
    if (!st.ok()) {
      failed.error = st.message();
      boost::asio::post(io_, [this, site, done, failed] {
        runners_.erase(site);
        done(failed);
      });
    }
  }

  void Stop() override {
    stopping_ = true;
    for (auto& [site, cycle] : runners_) cycle.runner->Stop();
  }

  Status Evaluate() override {
    ADWATCH_RETURN_IF_ERROR(MinimisePass());
    if (auto moved = CatchUpErasures(); !moved.ok()) return moved.status();
    ADWATCH_RETURN_IF_ERROR(ScoreSubjects());
    return RunAlertingRound(false);
  }

  TimePoint NextDigest(TimePoint now) const override { return schedule_.Next(now); }

  Status SendDigests(bool force_now) override {
    auto moved = CatchUpErasures();
    if (!moved.ok()) return moved.status();
    if (*moved) ADWATCH_RETURN_IF_ERROR(ScoreSubjects());  // nothing erased goes back into alerts
    return RunAlertingRound(force_now);
  }

  // On the mail worker; counted when its round reports back.
  Status DeliverOutbox() override {
    mail_->Kick();
    return Status::Ok();
  }

  Result<std::string> Purge() override {
    TimePoint now = clock_.Now();
    auto counts = store_->Purge(config_->retention, os_user_, now);
    if (!counts.ok()) return counts.status();
    index_->Expire(now - std::max(config_->matcher.signals.touring_window, config_->matcher.signals.shared_phone_window));
    ++metrics_.purges;
    return counts->ToString();
  }

  Status Reload(ConfigPtr next_ptr) override {
    const Config& next = *next_ptr;
    // Build everything new first; swap only if all of it works.
    auto transport = MakeTransport(next.alerts, *Env::Default());
    if (!transport.ok()) return transport.status().Annotate("mail transport");
    auto schedule = DigestSchedule::FromConfig(next.alerts);
    if (!schedule.ok()) return schedule.status();
    auto matcher = MakeMatcher(next.matcher, next.alerts.municipalities);
    if (!matcher.ok()) return matcher.status().Annotate("rules");
    bool rules_changed = next.matcher.rules_version != config_->matcher.rules_version;
    config_ = std::move(next_ptr);
    matcher_ = std::make_unique<Matcher>(std::move(*matcher));
    transport_ = std::move(*transport);
    mail_->SetTransport(transport_, Delivery());
    schedule_ = std::move(*schedule);
    if (alerting_state_.per_hour != config_->alerts.max_immediate_per_hour)
      alerting_state_ = AlertingState(config_->alerts.max_immediate_per_hour);
    ++metrics_.config_reloads;
    Status audited = store_->AppendAudit({0, clock_.Now(), os_user_, "config-reload",
                                          "rules version " + config_->matcher.rules_version.substr(0, 12) + ", " +
                                              std::to_string(config_->sites.size()) + " sites"});
    if (!audited.ok()) spdlog::error("reload not audited: {}", audited.message());
    if (rules_changed) {
      ADWATCH_RETURN_IF_ERROR(RebuildIndex());
      return Evaluate();
    }
    return Status::Ok();
  }

  void ReloadRejected(const std::string& why) override {
    ++metrics_.config_reload_failures;
    Status audited = store_->AppendAudit({0, clock_.Now(), os_user_, "config-reload-rejected", why});
    if (!audited.ok()) spdlog::error("rejected reload not audited: {}", audited.message());
  }

  std::string StatusLine() const override {
    return std::to_string(index_ ? index_->ad_count() : 0) + " ads, " + std::to_string(metrics_.entities) +
           " entities, " + std::to_string(metrics_.alerts_open) + " open alerts, " +
           std::to_string(metrics_.mail_sent) + " mails sent";
  }

 private:
  // The subjects at or above the threshold, from the index; the linked
  // entities saved to the store.
  Status ScoreSubjects() {
    subjects_.clear();
    size_t linked = 0;
    std::vector<Entity> components = index_->AllComponents();
    for (const Entity& e : components) {
      if (e.ads.size() > 1) ++linked;
      if (e.score < config_->matcher.alert_threshold && !e.Alerting()) continue;
      ScoredSubject s;
      s.subject_key = e.SubjectKey();
      s.score = e.score;
      s.severity = e.severity;
      s.contributions = e.contributions;
      for (Contribution& c : s.contributions) c.evidence = tokens_->Readable(c.evidence);
      s.ads = e.ads;
      s.municipalities = e.municipalities;
      // Its phones identify the subject across rebuilds (the entity id may change).
      for (const std::string& p : e.phones) s.members.push_back("phone:" + p);
      if (!e.live) s.ads_gone_since = e.last_seen;
      subjects_.push_back(std::move(s));
    }
    metrics_.entities = static_cast<int64_t>(linked);
    ADWATCH_RETURN_IF_ERROR(SaveEntities());
    spdlog::debug("evaluate: {} components, {} of linked ads, {} at or above the alert threshold", components.size(),
                  linked, subjects_.size());
    return Status::Ok();
  }

  // An erasure or purge (by `adwatch forget` or `purge` in another process,
  // or our own retention) bumps the store generation: the index is reloaded
  // from the store before it is used again, so what the store forgot is not
  // written back. True if it was reloaded.
  Result<bool> CatchUpErasures() {
    auto g = store_->StoreGeneration();
    if (!g.ok()) return g.status();
    if (*g == generation_) return false;
    spdlog::info("the store erased data since the cross-ad index was loaded: reloading it");
    ADWATCH_RETURN_IF_ERROR(RebuildIndex());
    return true;
  }

  Status BuildMatcher(const Config& config) {
    auto matcher = MakeMatcher(config.matcher, config.alerts.municipalities);
    if (!matcher.ok()) return matcher.status().Annotate("rules");
    matcher_ = std::make_unique<Matcher>(std::move(*matcher));
    return Status::Ok();
  }

  Status RebuildIndex() {
    // The generation before loading: an erasure during the load is caught next time.
    auto generation = store_->StoreGeneration();
    if (!generation.ok()) return generation.status();
    generation_ = *generation;
    e164_of_.clear();
    index_ = std::make_unique<CrossAdIndex>(config_->matcher);
    auto load = LoadIndexFromStore(*store_, *matcher_, *index_, clock_.Now(),
                                   [this](const AdFacts& f) { Remember(f); }, &config_->scope, tokens_.get());
    if (!load.ok()) return load.status();
    spdlog::info("cross-ad index: {} live ads loaded, {} re-analysed with rules {}", load->ads, load->reanalyzed,
                 config_->matcher.rules_version.substr(0, 12));
    return Status::Ok();
  }

  // The linked entities go to the store, so digests, exports and erasure
  // can name an entity's ads even after a restart.
  Status SaveEntities() {
    std::vector<StoredEntity> stored;
    for (const Entity& e : index_->Entities()) {
      StoredEntity s;
      s.id = e.id;
      s.ads = e.ads;
      for (const std::string& p : e.phones)
        if (auto it = e164_of_.find(p); it != e164_of_.end()) s.phones.push_back(it->second);
      s.score = e.score;
      s.severity = e.severity;
      s.contributions = e.contributions;
      for (Contribution& c : s.contributions) c.evidence = tokens_->Readable(c.evidence);
      s.updated = e.last_seen;
      stored.push_back(std::move(s));
    }
    return store_->ReplaceEntities(stored, clock_.Now());
  }

  void Remember(const AdFacts& f) {
    for (const PhoneFound& p : f.per_ad.phones) e164_of_[PseudonymOf(*store_, p.e164)] = p.e164;
  }

  // Minimises the ads that raise nothing once their period has passed (at
  // most daily: each pass that minimises moves the store's generation, so
  // the index reloads, and the numbers it remembered are forgotten).
  Status MinimisePass() {
    const MinimiseConfig& m = config_->minimise;
    TimePoint now = clock_.Now();
    if (!m.enabled || now - last_minimise_ < std::min<Duration>(m.after, std::chrono::hours(24))) return Status::Ok();
    last_minimise_ = now;
    auto n = MinimiseDue(*store_, m, *tokens_, now);
    if (!n.ok()) return n.status();
    if (*n > 0) spdlog::info("minimised {} ads that raise nothing", *n);
    return Status::Ok();
  }

  // On the io thread, after the store committed the ad: the matcher runs on
  // the pool, the result is saved back here.
  void OnAd(const Ad& ad, const AdUpsertResult& r) {
    std::shared_ptr<const Matcher> matcher = matcher_;
    AnalysisQueue::Analyse analyse = [matcher](const Ad& a) { return AnalyzeAd(a, *matcher); };
    if (hooks_.analyse) analyse = [matcher, f = hooks_.analyse](const Ad& a) { return f(a, *matcher); };
    analysis_.Submit(ad.site, ad, std::move(analyse),
                     [this, matcher, r](const Ad& a, AdSignals s) { Analysed(a, r, *matcher, std::move(s)); });
  }

  void Analysed(const Ad& ad, const AdUpsertResult& r, const Matcher& matcher, AdSignals signals) {
    // A reload changed the rules meanwhile: the index was rebuilt from the
    // store with the new ones, this ad included.
    if (&matcher != matcher_.get()) return;
    // Likewise an erasure: the next evaluation reloads the index from the
    // store, and this ad (if it was not the one erased) is analysed then.
    if (auto g = store_->StoreGeneration(); !g.ok() || *g != generation_) return;
    TimePoint now = clock_.Now();
    auto kept = SaveInScope(*store_, matcher, config_->scope, ad, r.content_hash, std::move(signals), now);
    if (!kept.ok()) {
      spdlog::error("signals of an ad of {} not saved: {}", ad.site, kept.status().message());
      return;
    }
    if (!*kept) {  // outside the scope: not kept, not linked
      index_->Erase(KeyOf(ad));
      return;
    }
    const std::optional<AdSignals>& s = *kept;
    ++metrics_.ads_analyzed;
    metrics_.hits += static_cast<int64_t>(s->hits.size());
    Metrics::Site& site = metrics_.sites[ad.site];
    (r.event == AdEvent::kNew ? site.ads_new : site.ads_changed)++;
    AdFacts facts = FactsOf(ad, *s, *store_, now, true, tokens_.get());
    Remember(facts);
    index_->Upsert(facts);
  }

  CycleSummary Summarize(const std::string& site, const Result<std::vector<SiteSummary>>& result) {
    CycleSummary s;
    s.site = site;
    if (!result.ok()) {
      s.error = result.status().message();
      s.failed = true;
      return s;
    }
    for (const SiteSummary& x : *result) {
      s.cycle = x.cycle;
      s.pages += x.pages;
      s.ads_new += x.ads_new;
      s.ads_changed += x.ads_changed;
      s.ads_vanished += x.ads_vanished;
      for (const auto& [cls, n] : x.errors) s.errors += n;
      s.completed = x.finished;
      Metrics::Site& m = metrics_.sites[site];
      m.pages += x.pages;
      m.bytes += x.bytes;
      m.ads_vanished += x.ads_vanished;
      m.cycles += x.finished ? 1 : 0;
      if (x.finished) {
        m.listing_planned = x.coverage.listing_planned;
        m.listing_fetched = x.coverage.listing_fetched;
        m.cycles_incomplete += x.incomplete.empty() ? 0 : 1;
        m.crawled_nothing = x.CrawledNothing() ? x.incomplete : "";
        JudgeProfile(x, m);
      }
      for (const auto& [cls, n] : x.errors) m.errors[cls] += n;
      if (x.profile_broken)
        spdlog::error("site {}: profile broken: {} (e.g. {})", site, x.profile_broken_reason,
                      x.profile_broken_example);
      spdlog::info("site {}: {}", site, x.ToString());
    }
    if (!s.completed && s.error.empty()) s.error = stopping_ ? "stopped" : "cycle did not finish";
    return s;
  }

  // A broken profile stays broken until a cycle extracts an ad with text
  // again: the cycles after the one that broke see unchanged pages (304) and
  // extract nothing to judge by. While it is broken the administrator hears
  // of it once a day per site (alerts/admin_mail.h); the evaluation after the
  // cycle delivers the message.
  void JudgeProfile(const SiteSummary& x, Metrics::Site& m) {
    if (x.profile_broken) broken_[x.site] = {x.site, x.profile_broken_reason, x.profile_broken_example};
    else if (x.ads_extracted > x.ads_without_text) broken_.erase(x.site);
    auto it = broken_.find(x.site);
    m.profile_broken = it == broken_.end() ? 0 : 1;
    m.profile_broken_reason = it == broken_.end() ? "" : it->second.reason;
    if (it == broken_.end()) return;
    auto queued = QueueBrokenProfileMail(*store_, config_->alerts, it->second, clock_.Now());
    if (!queued.ok())
      spdlog::error("site {}: mail to the administrator not queued: {}", x.site, queued.status().message());
    else if (*queued)
      spdlog::info("site {}: the administrator is told by mail", x.site);
  }

  Status RunAlertingRound(bool force_digest) {
    AlertingOptions opt;
    opt.threshold = config_->matcher.alert_threshold;
    opt.os_user = os_user_;
    opt.force_digest = force_digest;
    opt.matcher = &config_->matcher;
    opt.console_url = config_->console.public_base_url;
    opt.deliver = false;  // the mail worker delivers, off the loop
    auto report = RunAlerting(*store_, config_->alerts, opt, subjects_, clock_, *transport_, alerting_state_);
    if (!report.ok()) return report.status();
    metrics_.alerts_raised += static_cast<int64_t>(report->lifecycle.raised.size());
    metrics_.mail_deferred += report->immediate_deferred;
    if (force_digest) {
      // One pass (`run --once`, the demo): it ends right after, so deliver now.
      if (auto sent = mail_->DeliverNow(); !sent.ok()) return sent.status();
      CountDelivery(mail_->TakeReport());
    } else {
      mail_->Kick();
    }
    AlertQuery open;
    open.states = {AlertState::kNew, AlertState::kSent, AlertState::kAcknowledged};
    open.limit = 1000000;
    if (auto alerts = store_->ListAlerts(open); alerts.ok()) metrics_.alerts_open = static_cast<int64_t>(alerts->size());
    if (!report->lifecycle.raised.empty() || report->digests_enqueued > 0 || report->immediate_enqueued > 0)
      spdlog::info("alerts: {} raised, {} updated, {} escalated, {} closed; {} immediate, {} digests queued, {} sent",
                   report->lifecycle.raised.size(), report->lifecycle.updated.size(),
                   report->lifecycle.escalated.size(), report->lifecycle.closed.size(), report->immediate_enqueued,
                   report->digests_enqueued, report->delivery.sent);
    return Status::Ok();
  }

  DeliveryOptions Delivery() const {
    DeliveryOptions d;
    d.from = config_->alerts.from;
    d.os_user = os_user_;
    return d;
  }

  void CountDelivery(const DeliveryReport& d) {
    ++metrics_.mail_rounds;
    metrics_.mail_sent += d.sent;
    metrics_.mail_failed += d.retry + d.failed;
    if (auto due = store_->DueMail(clock_.Now() + std::chrono::hours(24 * 365), 100000); due.ok())
      metrics_.mail_queued = static_cast<int64_t>(due->size());
  }

  // A cycle in flight with the configuration it started on (declared first,
  // so it outlives the runner).
  struct Cycle {
    ConfigPtr config;
    std::unique_ptr<CrawlRunner> runner;
  };

  boost::asio::io_context& io_;
  ConfigPtr config_;
  Clock& clock_;
  Metrics& metrics_;
  std::unique_ptr<Store> store_;
  std::shared_ptr<const Matcher> matcher_;  // shared with analyses on the pool
  std::unique_ptr<CrossAdIndex> index_;
  std::shared_ptr<MailTransport> transport_;  // shared with the mail worker
  std::unique_ptr<HttpFetcher> fetcher_;
  DigestSchedule schedule_;
  AlertingState alerting_state_;
  PipelineHooks hooks_;
  // Parsing and matching for every site; declared before what its jobs
  // report to, and joined in the destructor.
  boost::asio::thread_pool pool_;
  AnalysisQueue analysis_;
  std::unique_ptr<MailWorker> mail_;
  std::map<std::string, Cycle> runners_;
  std::map<std::string, BrokenProfile> broken_;  // sites whose profile is broken, by name
  std::vector<ScoredSubject> subjects_;
  std::map<std::string, std::string> e164_of_;  // pseudonym -> E.164, for the stored entities
  std::unique_ptr<LinkTokens> tokens_;          // template fingerprints (app/minimise.h)
  TimePoint last_minimise_{};
  std::string os_user_;
  int64_t generation_ = -1;  // the store generation the index was loaded at
  bool stopping_ = false;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> CreatePipeline(boost::asio::io_context& io, ConfigPtr config, Clock& clock,
                                                 Metrics& metrics, PipelineHooks hooks) {
  auto p = std::make_unique<RealPipeline>(io, std::move(config), clock, metrics, std::move(hooks));
  if (Status st = p->Init(); !st.ok()) return st;
  return std::unique_ptr<Pipeline>(std::move(p));
}

}  // namespace adwatch
