#include "alerts/alerting.h"

#include <spdlog/spdlog.h>

#include <cctype>
#include <map>
#include <set>

#include "alerts/digest.h"
#include "alerts/routing.h"

namespace adwatch {
namespace {

constexpr char kDigestRun[] = "digest-run";

// True if the slot's digest was composed already (recorded in the audit log).
Result<bool> SlotDone(AlertingStore& store, TimePoint slot, const std::string& name) {
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
Result<bool> FirstRun(AlertingStore& store) {
  AuditQuery q;
  q.action = kDigestRun;
  q.limit = 1;
  auto entries = store.ListAudit(q);
  if (!entries.ok()) return entries.status();
  return entries->empty();
}

// Goes out at once: a critical alert, or one resting on a stated minor age
// (the builtin rule age.stated_minor), whatever severity the cap left it.
bool Immediate(const Alert& a) {
  if (a.severity == Severity::kCritical) return true;
  for (const Contribution& c : a.contributions)
    if (c.rule == "age.stated_minor") return true;
  return false;
}

// A digest composed on demand (run --once, `adwatch digest`) is named to the
// second, not the minute of a scheduled slot: a second pass within the same
// minute must mail what it raised, and an equal Message-ID would make
// EnqueueMail drop its digest, leaving its alerts unmailed (state new).
std::string OnDemandSlotName(TimePoint now) {
  std::string name = DigestSchedule::SlotName(now);  // ...THHMMZ
  int64_t s = ToUnixSeconds(now) % 60;
  name.insert(name.size() - 1, {static_cast<char>('0' + s / 10), static_cast<char>('0' + s % 10)});
  return name;
}

// The alerts in digests still queued (a pass that ended before delivering
// them, e.g. killed): a new digest leaves them out, so none is mailed twice.
Result<std::map<std::string, std::set<int64_t>>> QueuedDigestAlerts(AlertingStore& store, TimePoint now) {
  auto queued = store.DueMail(now + std::chrono::hours(24 * 365), 100000);
  if (!queued.ok()) return queued.status();
  std::map<std::string, std::set<int64_t>> out;
  for (const OutboxMessage& m : *queued) {
    if (m.message_id.rfind("<adwatch.digest-", 0) != 0) continue;
    for (const std::string& r : m.recipients) out[r].insert(m.alert_ids.begin(), m.alert_ids.end());
  }
  return out;
}

// The limits count the immediate messages of the last hour in the outbox, not
// those this process remembers: a restart (or kill -9) must not give every
// recipient a fresh hour, nor make which alerts a capped recipient hears of
// at once depend on when the process last started.
Status CountTheHour(AlertingStore& store, TimePoint now, AlertingState& state) {
  auto hour = store.MailCreatedSince("<adwatch.immediate-", now - std::chrono::hours(1));
  if (!hour.ok()) return hour.status().Annotate("alerts");
  state.limiters.clear();
  for (const OutboxMessage& m : *hour)  // oldest first, as the limiter keeps them
    for (const std::string& r : m.recipients) state.For(r).Count(m.created);
  return Status::Ok();
}

}  // namespace

ImmediateLimiter& AlertingState::For(const std::string& recipient) {
  std::string key;
  size_t lt = recipient.find('<');
  for (char c : lt == std::string::npos ? recipient : recipient.substr(lt))
    if (c != '<' && c != '>' && c != ' ') key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return limiters.try_emplace(key, per_hour).first->second;
}

Result<AlertingReport> RunAlerting(AlertingStore& store, const AlertsConfig& config, const AlertingOptions& opt,
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

  // Critical and stated-minor alerts in state new: at once, oldest first, one
  // message per recipient (ComposeImmediate follows RouteAlerts' order).
  auto fresh = store.ListAlerts(AlertQuery{{AlertState::kNew}, "", {}, 100000});
  if (!fresh.ok()) return fresh.status().Annotate("alerts");
  ADWATCH_RETURN_IF_ERROR(CountTheHour(store, now, state));
  for (auto it = fresh->rbegin(); it != fresh->rend(); ++it) {
    const Alert& a = *it;
    if (!Immediate(a)) continue;
    auto msgs = ComposeImmediate(store, config, a, co);
    if (!msgs.ok()) return msgs.status();
    std::vector<Route> routes = RouteAlerts({a}, config);
    for (size_t i = 0; i < msgs->size(); ++i) {
      const OutboxMessage& m = (*msgs)[i];
      if (store.GetMail(m.message_id).ok()) continue;  // queued or sent already
      const Route* route = i < routes.size() ? &routes[i] : nullptr;
      bool own_municipality = route != nullptr && !route->region_wide && !route->fallback;
      ImmediateLimiter& limiter = state.For(m.recipients.empty() ? "" : m.recipients.front());
      if (own_municipality) {
        limiter.Count(now);  // never deferred, but counted against the recipient's hour
      } else if (!limiter.TryAcquire(now)) {
        ++report.immediate_deferred;
        spdlog::warn("immediate message for alert {} to a {} recipient deferred to the digest: {} per hour reached",
                     a.id, route != nullptr && route->fallback ? "fallback" : "region-wide", state.per_hour);
        continue;
      }
      ADWATCH_RETURN_IF_ERROR(store.EnqueueMail(m, now));
      ++report.immediate_enqueued;
    }
  }

  std::optional<TimePoint> slot = opt.force_digest ? std::optional<TimePoint>(now) : schedule->Previous(now);
  if (slot) {
    const std::string name = opt.force_digest ? OnDemandSlotName(now) : DigestSchedule::SlotName(*slot);
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
      co.slot_name = name;
      auto queued = QueuedDigestAlerts(store, now);
      if (!queued.ok()) return queued.status().Annotate("alerts");
      co.queued = std::move(*queued);
      auto msgs = ComposeDigests(store, config, co);
      if (!msgs.ok()) return msgs.status();
      for (const auto& m : *msgs) ADWATCH_RETURN_IF_ERROR(store.EnqueueMail(m, now));
      report.digests_enqueued = static_cast<int>(msgs->size());
      ADWATCH_RETURN_IF_ERROR(store.AppendAudit(AuditEntry{0, now, opt.os_user, kDigestRun, "slot " + name}));
    }
  }

  if (!opt.deliver) return report;
  DeliveryOptions d;
  d.from = config.from;
  d.os_user = opt.os_user;
  auto delivered = DeliverDue(store, transport, clock, d);
  if (!delivered.ok()) return delivered.status();
  report.delivery = *delivered;
  return report;
}

}  // namespace adwatch
