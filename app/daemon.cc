#include "app/daemon.h"

#include <spdlog/spdlog.h>

#include <boost/asio/signal_set.hpp>
#include <map>
#include <set>

#include "app/systemd.h"

namespace adwatch {

namespace asio = boost::asio;
using Timer = ClockTimer;  // every wait goes through the Clock, so tests move time themselves

class Daemon {
 public:
  Daemon(asio::io_context& io, Pipeline& p, ConfigPtr config, Clock& clock, DaemonOptions opt, ConfigLoader loader)
      : io_(io), pipeline_(p), config_(std::move(config)), clock_(clock), opt_(std::move(opt)),
        loader_(std::move(loader)), signals_(io, SIGTERM, SIGINT, SIGHUP), digest_timer_(clock.NewTimer(io)),
        retention_timer_(clock.NewTimer(io)), outbox_timer_(clock.NewTimer(io)),
        watchdog_timer_(clock.NewTimer(io)), grace_timer_(clock.NewTimer(io)) {}

  void Start() {
    WaitForSignal();
    for (const auto& site : config_->sites) ScheduleSite(site.name, std::chrono::seconds(0));
    if (!opt_.once) {
      ScheduleDigest();
      ScheduleRetention(std::chrono::minutes(1));  // soon after start, then daily
      ScheduleOutbox();
    }
    Watchdog();
    NotifyReady(pipeline_.StatusLine());
    spdlog::info("adwatch running: {} sites{}", config_->sites.size(), opt_.once ? " (one pass)" : "");
    if (config_->sites.empty() && opt_.once) FinishOnce();
  }

  bool finished() const { return finished_; }
  int exit_code() const { return exit_code_; }

 private:
  // --- crawl cycles
  void ScheduleSite(const std::string& site, Duration delay) {
    auto& t = site_timers_[site];
    if (!t) t = clock_.NewTimer(io_);
    clock_.After(*t, delay, [this, site] {
      if (!stopping_) StartCycle(site);
    });
  }

  void StartCycle(const std::string& site) {
    if (running_.count(site) || FindSite(site) == nullptr) return;  // removed by a reload
    running_.insert(site);
    spdlog::info("crawl cycle starting: site {}", site);
    // The cycle keeps this configuration to its end, whatever reloads happen meanwhile.
    pipeline_.StartCycle(config_, site, [this, site](const CycleSummary& s) { CycleDone(site, s); });
  }

  void CycleDone(const std::string& site, const CycleSummary& s) {
    running_.erase(site);
    if (s.completed) {
      spdlog::info("crawl cycle {} of {} done: {} pages, {} new, {} changed, {} vanished, {} errors", s.cycle, site,
                   s.pages, s.ads_new, s.ads_changed, s.ads_vanished, s.errors);
    } else {
      spdlog::warn("crawl cycle {} of {} not completed: {}", s.cycle, site, s.error);
    }
    if (stopping_) {
      MaybeFinishStop();
      return;
    }
    if (opt_.once) {
      // One pass is evaluated once, when every site's cycle of it ended: while
      // other sites are still crawled the store holds their pages of before,
      // and a subject seen in that mix (an ad's new phone beside another's old
      // one) depends on which site finished first.
      ran_once_.insert(site);
      once_failed_ = once_failed_ || s.failed;
      if (running_.empty() && ran_once_.size() >= config_->sites.size()) {
        // A cycle that failed (the store lost mid-pass) left part of its ads
        // stored and part not: a pass evaluated on that raises subjects the
        // whole crawl would not (two ads of a ring seen apart). The next pass
        // resumes the cycle and evaluates it whole, as after a kill -9.
        if (once_failed_) {
          spdlog::error("pass not evaluated: a crawl cycle failed; the next run resumes and evaluates it");
          exit_code_ = 1;
        } else if (Status st = pipeline_.Evaluate(); !st.ok()) {
          spdlog::error("evaluation failed: {}", st.message());
        }
        NotifyStatus(pipeline_.StatusLine());
        FinishOnce();
      }
      return;
    }
    if (Status st = pipeline_.Evaluate(); !st.ok()) spdlog::error("evaluation failed: {}", st.message());
    NotifyStatus(pipeline_.StatusLine());
    const SiteConfig* cfg = FindSite(site);
    if (cfg != nullptr) ScheduleSite(site, cfg->recrawl_interval);  // a site removed by a reload stops here
  }

  void FinishOnce() {
    if (Status st = pipeline_.SendDigests(true); !st.ok()) {
      spdlog::error("digest failed: {}", st.message());
      exit_code_ = 1;
    }
    Stop("one pass done");
  }

  const SiteConfig* FindSite(const std::string& name) const {
    for (const auto& s : config_->sites)
      if (s.name == name) return &s;
    return nullptr;
  }

  // --- digests, outbox, retention
  void ScheduleDigest() {
    TimePoint now = clock_.Now();
    TimePoint at = pipeline_.NextDigest(now);
    digest_timer_->At(std::max(now, at), [this] {
      if (stopping_) return;
      if (Status st = pipeline_.SendDigests(false); !st.ok()) spdlog::error("digest failed: {}", st.message());
      // Never schedule the same digest twice, even if the clock stands still.
      clock_.After(*digest_timer_, std::chrono::seconds(1), [this] {
        if (!stopping_) ScheduleDigest();
      });
    });
  }

  void ScheduleOutbox() {
    clock_.After(*outbox_timer_, opt_.outbox_every, [this] {
      if (stopping_) return;
      if (Status st = pipeline_.DeliverOutbox(); !st.ok()) spdlog::warn("mail delivery: {}", st.message());
      ScheduleOutbox();
    });
  }

  void ScheduleRetention(Duration delay) {
    clock_.After(*retention_timer_, delay, [this] {
      if (stopping_) return;
      auto r = pipeline_.Purge();
      if (r.ok()) {
        spdlog::info("retention: removed {}", *r);
      } else {
        spdlog::error("retention failed: {}", r.status().message());
      }
      ScheduleRetention(opt_.retention_every);
    });
  }

  // --- systemd watchdog: pinged from the loop, so a hung loop is restarted
  void Watchdog() {
    NotifyWatchdog();
    auto every = std::chrono::duration_cast<Duration>(WatchdogInterval() / 2);
    if (every <= Duration::zero() || every > config_->daemon.watchdog_interval)
      every = config_->daemon.watchdog_interval;
    clock_.After(*watchdog_timer_, every, [this] {
      if (!stopping_) Watchdog();
    });
  }

  // --- signals
  void WaitForSignal() {
    signals_.async_wait([this](const boost::system::error_code& ec, int sig) {
      if (ec) return;
      if (sig == SIGHUP) {
        Reload();
        WaitForSignal();
      } else {
        Stop(sig == SIGTERM ? "SIGTERM" : "SIGINT");
      }
    });
  }

  // A reload swaps the configuration pointer between cycles: cycles in flight
  // finish on theirs. It starts no crawl of its own: a site already scheduled
  // keeps its timer, a new site gets its first cycle, a removed one stops.
  void Reload() {
    NotifyReloading();
    spdlog::info("reloading configuration from {}", opt_.config_path);
    auto next = loader_(opt_.config_path);
    std::string why;
    if (!next.ok()) {
      why = next.status().message();
    } else if (Status st = CheckReloadable(*config_, *next); !st.ok()) {
      why = st.message();
    } else {
      auto ptr = std::make_shared<const Config>(std::move(*next));
      if (Status st = pipeline_.Reload(ptr); !st.ok()) {
        why = st.message();
      } else {
        config_ = std::move(ptr);
        ApplySites();
        digest_timer_->Cancel();
        if (!opt_.once) ScheduleDigest();
        spdlog::info("configuration reloaded: {} sites, {} rules (version {})", config_->sites.size(),
                     config_->matcher.rules.size(), config_->matcher.rules_version.substr(0, 12));
      }
    }
    if (!why.empty()) {
      spdlog::error("reload rejected, keeping the running configuration: {}", why);
      pipeline_.ReloadRejected(why);
    }
    NotifyReady(pipeline_.StatusLine());
  }

  void ApplySites() {
    for (auto it = site_timers_.begin(); it != site_timers_.end();) {
      if (FindSite(it->first) != nullptr) {
        ++it;
        continue;
      }
      spdlog::info("site {} removed by the reload: no further cycles", it->first);
      it->second->Cancel();
      it = site_timers_.erase(it);
    }
    for (const auto& s : config_->sites) {
      if (site_timers_.count(s.name) || running_.count(s.name) || (opt_.once && ran_once_.count(s.name))) continue;
      spdlog::info("site {} added by the reload: first cycle now", s.name);
      ScheduleSite(s.name, std::chrono::seconds(0));
    }
  }

  void Stop(const std::string& why) {
    if (stopping_) return;
    stopping_ = true;
    spdlog::info("stopping ({}): {} crawl cycles in flight", why, running_.size());
    NotifyStopping();
    signals_.cancel();
    for (auto& [name, t] : site_timers_) t->Cancel();
    digest_timer_->Cancel();
    retention_timer_->Cancel();
    outbox_timer_->Cancel();
    watchdog_timer_->Cancel();
    pipeline_.Stop();
    clock_.After(*grace_timer_, opt_.grace, [this] {
      spdlog::warn("grace period over: abandoning {} crawl cycles (resumed at next start)", running_.size());
      Finish();
    });
    MaybeFinishStop();
  }

  void MaybeFinishStop() {
    if (!running_.empty()) return;
    grace_timer_->Cancel();
    Finish();
  }

  void Finish() {
    finished_ = true;
    io_.stop();
  }

  asio::io_context& io_;
  Pipeline& pipeline_;
  ConfigPtr config_;
  Clock& clock_;
  DaemonOptions opt_;
  ConfigLoader loader_;
  asio::signal_set signals_;
  std::map<std::string, std::unique_ptr<Timer>> site_timers_;
  std::unique_ptr<Timer> digest_timer_, retention_timer_, outbox_timer_, watchdog_timer_, grace_timer_;
  std::set<std::string> running_, ran_once_;
  bool once_failed_ = false;  // a cycle of this one pass failed (CycleSummary::failed)
  bool stopping_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
};

Status CheckReloadable(const Config& running, const Config& next) {
  const StoreConfig& a = running.store;
  const StoreConfig& b = next.store;
  if (a.backend != b.backend || a.path != b.path || a.conninfo != b.conninfo || a.password != b.password ||
      a.pseudonym_key != b.pseudonym_key || a.busy_timeout != b.busy_timeout)
    return Status::FailedPrecondition("[store] changed; the store is opened once: restart adwatch to use the new one");
  return Status::Ok();
}

int RunDaemonLoop(asio::io_context& io, Pipeline& pipeline, ConfigPtr config, Clock& clock,
                  const DaemonOptions& options, ConfigLoader loader) {
  DaemonLoop d(io, pipeline, std::move(config), clock, options, std::move(loader));
  d.Start();
  io.run();
  spdlog::info("adwatch stopped");
  return d.exit_code();
}

DaemonLoop::DaemonLoop(asio::io_context& io, Pipeline& pipeline, ConfigPtr config, Clock& clock,
                       const DaemonOptions& options, ConfigLoader loader)
    : d_(std::make_unique<Daemon>(io, pipeline, std::move(config), clock, options, std::move(loader))) {}
DaemonLoop::~DaemonLoop() = default;
void DaemonLoop::Start() { d_->Start(); }
bool DaemonLoop::finished() const { return d_->finished(); }
int DaemonLoop::exit_code() const { return d_->exit_code(); }

}  // namespace adwatch
