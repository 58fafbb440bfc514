// Delivery from the outbox in the store (after Alertmanager's notification
// log): a message is recorded (EnqueueMail) before it is sent, and marked
// sent (MarkMailSent) only after the transport returned OK, i.e. after the
// server's 250. Temporary failures are retried with exponential backoff;
// permanent ones (5xx) and messages past max_attempts are marked failed.
//
// Exactly-once, as far as SMTP allows: a message marked sent is never sent
// again. If adwatch dies between the server's 250 and the mark, the message
// is sent once more after the restart, byte-identical and with the same
// Message-ID, so mail clients and servers that deduplicate on Message-ID
// show it once.
#pragma once

#include <functional>
#include <string>

#include "alerts/transport.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

struct DeliveryOptions {
  std::string from;                   // envelope sender (alerts.from)
  std::string os_user = "adwatch";    // recorded in the audit entry "digest-sent"
  int max_attempts = 12;
  Duration first_backoff = std::chrono::minutes(1);
  Duration max_backoff = std::chrono::hours(2);
  int batch = 100;
  // Test hook: runs after the transport accepted a message and before it is
  // marked sent (the crash window).
  std::function<void(const OutboxMessage&)> after_send;
};

struct DeliveryReport {
  int sent = 0;
  int retry = 0;    // failed now, due again later
  int failed = 0;   // given up (permanent)
};

// The delay before attempt `attempts + 1`: first_backoff * 2^(attempts-1), capped.
Duration Backoff(int attempts, const DeliveryOptions& opt);

// Sends every due message once. Store errors stop the round; transport
// errors are recorded per message. After a message is marked sent, its
// alerts still in state new become sent.
Result<DeliveryReport> DeliverDue(AlertingStore& store, MailTransport& transport, const Clock& clock,
                                  const DeliveryOptions& opt);

}  // namespace adwatch
