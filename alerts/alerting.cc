#include "alerts/alerting.h"

#include "alerts/digest.h"

namespace adwatch {
namespace {

constexpr char kDigestRun[] = "digest-run";

// True if the slot's digest was composed already (recorded in the audit log).
Result<bool> SlotDone(Store& store, TimePoint slot, const std::string& name) {
  AuditQuery q;
  q.since = slot;
  q.action = kDigestRun;
  auto entries = store.ListAudit(q);
  if (!entries.ok()) return entries.status();
  for (const auto& e : *entries)
    if (e.detail.rfind("slot " + name, 0) == 0) return true;
  return false;
}

// True if no digest slot was ever handled (a new store).
Result<bool> FirstRun(Store& store) {
  AuditQuery q;
  q.action = kDigestRun;
  q.limit = 1;
  auto entries = store.ListAudit(q);
  if (!entries.ok()) return entries.status();
  return entries->empty();
}

}  // namespace

Result<AlertingReport> RunAlerting(Store& store, const AlertsConfig& config, const AlertingOptions& opt,
                                   const std::vector<ScoredSubject>& subjects, const Clock& clock,
                                   MailTransport& transport, AlertingState& state) {
  AlertingReport report;
  const TimePoint now = clock.Now();
  auto schedule = DigestSchedule::FromConfig(config);
  if (!schedule.ok()) return schedule.status();
  auto lc = UpdateAlerts(store, subjects, opt.threshold, config.close_after, now);
  if (!lc.ok()) return lc.status();
  report.lifecycle = std::move(*lc);

  ComposeOptions co;
  co.now = now;
  co.time_zone = schedule->display_zone();
  co.meldroute = opt.meldroute;
  co.matcher = opt.matcher;
  co.console_url = opt.console_url;

  // Critical alerts in state new: at once, within the hourly limit.
  auto fresh = store.ListAlerts(AlertQuery{{AlertState::kNew}, "", {}, 100000});
  if (!fresh.ok()) return fresh.status().Annotate("alerts");
  for (const Alert& a : *fresh) {
    if (a.severity != Severity::kCritical) continue;
    auto msgs = ComposeImmediate(store, config, a, co);
    if (!msgs.ok()) return msgs.status();
    bool known = !msgs->empty() && store.GetMail(msgs->front().message_id).ok();
    if (known || msgs->empty()) continue;
    if (!state.limiter.TryAcquire(now)) {
      ++report.immediate_deferred;
      continue;
    }
    for (const auto& m : *msgs) ADWATCH_RETURN_IF_ERROR(store.EnqueueMail(m, now));
    ++report.immediate_enqueued;
  }

  std::optional<TimePoint> slot = opt.force_digest ? std::optional<TimePoint>(now) : schedule->Previous(now);
  if (slot) {
    const std::string name = DigestSchedule::SlotName(*slot);
    auto done = SlotDone(store, *slot, name);
    if (!done.ok()) return done.status().Annotate("alerts");
    auto first = FirstRun(store);
    if (!first.ok()) return first.status().Annotate("alerts");
    if (!*done && *first && !opt.force_digest) {
      // A slot that passed before adwatch ever ran is not caught up on: the
      // first digest goes out at the next slot.
      ADWATCH_RETURN_IF_ERROR(
          store.AppendAudit(AuditEntry{0, now, opt.os_user, kDigestRun, "slot " + name + " skipped (first run)"}));
    } else if (!*done) {
      co.slot = *slot;
      auto msgs = ComposeDigests(store, config, co);
      if (!msgs.ok()) return msgs.status();
      for (const auto& m : *msgs) ADWATCH_RETURN_IF_ERROR(store.EnqueueMail(m, now));
      report.digests_enqueued = static_cast<int>(msgs->size());
      ADWATCH_RETURN_IF_ERROR(store.AppendAudit(AuditEntry{0, now, opt.os_user, kDigestRun, "slot " + name}));
    }
  }

  DeliveryOptions d;
  d.from = config.from;
  d.os_user = opt.os_user;
  auto delivered = DeliverDue(store, transport, clock, d);
  if (!delivered.ok()) return delivered.status();
  report.delivery = *delivered;
  return report;
}

}  // namespace adwatch
