#include "alerts/deliver.h"

#include <spdlog/spdlog.h>

namespace adwatch {

Duration Backoff(int attempts, const DeliveryOptions& opt) {
  Duration d = opt.first_backoff;
  for (int i = 1; i < attempts && d < opt.max_backoff; ++i) d *= 2;
  return std::min(d, opt.max_backoff);
}

Result<DeliveryReport> DeliverDue(AlertingStore& store, MailTransport& transport, const Clock& clock,
                                  const DeliveryOptions& opt) {
  DeliveryReport report;
  auto due = store.DueMail(clock.Now(), opt.batch);
  if (!due.ok()) return due.status().Annotate("outbox");
  for (const OutboxMessage& m : *due) {
    Status st = transport.Send(m.message_id, opt.from, m.recipients, m.body);
    if (!st.ok()) {
      const int attempts = m.attempts + 1;
      const bool permanent = !IsTransient(st) || attempts >= opt.max_attempts;
      // Message ids and server replies only: no recipients, no content.
      spdlog::warn("mail {} via {}: attempt {} failed{}: {}", m.message_id, transport.Describe(), attempts,
                   permanent ? " (giving up)" : "", st.message());
      ADWATCH_RETURN_IF_ERROR(
          store.MarkMailFailed(m.message_id, st.message(), permanent, clock.Now() + Backoff(attempts, opt)));
      ++(permanent ? report.failed : report.retry);
      continue;
    }
    if (opt.after_send) opt.after_send(m);
    ADWATCH_RETURN_IF_ERROR(store.MarkMailSent(m.message_id, opt.os_user, clock.Now()));
    ++report.sent;
    spdlog::info("mail {} sent via {} ({} alerts)", m.message_id, transport.Describe(), m.alert_ids.size());
    for (int64_t id : m.alert_ids) {
      auto a = store.GetAlert(id);
      if (a.ok() && a->state == AlertState::kNew)
        ADWATCH_RETURN_IF_ERROR(store.SetAlertState(id, AlertState::kSent, "adwatch", "mailed", clock.Now()));
    }
  }
  return report;
}

}  // namespace adwatch
