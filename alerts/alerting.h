// One alerting round, as the daemon and `adwatch run` call it after a crawl
// and analysis cycle: update the alerts from the scores, enqueue immediate
// messages for new critical or stated-minor alerts, enqueue the digest when a
// slot has passed that has not been handled yet, and deliver the outbox.
//
// Immediate messages are rate-limited per recipient (max_immediate_per_hour
// each), never per region, and a message to the coordinator of a
// municipality the alert is in is never deferred: only region-wide and
// fallback recipients can be, and each deferral is logged (alert id and the
// kind of recipient, no address) and counted; the alert then goes out in the
// next digest. workdays_only concerns digests only: immediate messages go
// out whatever the day.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "alerts/deliver.h"
#include "alerts/lifecycle.h"
#include "alerts/schedule.h"
#include "alerts/transport.h"
#include "config/config.h"
#include "core/clock.h"
#include "store/store.h"

namespace adwatch {

// Kept by the caller between rounds (the immediate-message rate limits).
struct AlertingState {
  explicit AlertingState(int per_hour) : per_hour(per_hour) {}
  int per_hour;
  // By recipient address, lower case; recounted from the outbox's immediate
  // messages of the last hour at every round (OutboxStore::MailCreatedSince).
  std::map<std::string, ImmediateLimiter> limiters;
  ImmediateLimiter& For(const std::string& recipient);
};

struct AlertingOptions {
  double threshold = 50;          // matcher.alert_threshold
  std::string os_user = "adwatch";
  bool force_digest = false;      // compose a digest now (demo, `adwatch digest`), slot = now, named to the second
  std::map<std::string, std::string> meldroute;
  const MatcherConfig* matcher = nullptr;  // rule descriptions and thresholds for the mail text
  std::string console_url;        // console.public_base_url: links in the mail
  // false: only queue; the caller delivers the outbox (the daemon does, off
  // its event loop: app/mail_worker.h).
  bool deliver = true;
};

struct AlertingReport {
  LifecycleReport lifecycle;
  int immediate_enqueued = 0;     // immediate messages (one per recipient of an alert)
  int immediate_deferred = 0;     // messages over a recipient's rate limit: left for the digest
  int digests_enqueued = 0;
  DeliveryReport delivery;
};

// A digest slot is handled once: the round records audit action
// "digest-run" with the slot name and skips slots already recorded. A slot
// missed while adwatch was down is caught up on at the next round; on a new
// store (no slot ever handled) the last past slot is skipped.
Result<AlertingReport> RunAlerting(AlertingStore& store, const AlertsConfig& config, const AlertingOptions& opt,
                                   const std::vector<ScoredSubject>& subjects, const Clock& clock,
                                   MailTransport& transport, AlertingState& state);

}  // namespace adwatch
