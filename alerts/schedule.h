// When digests go out: at configured local times ("08:00 Europe/Amsterdam"),
// on workdays (Monday to Friday) if so configured, with daylight saving time
// handled by the system tz database (alerts/tz.h). Critical alerts go out at
// once, on any day, limited to max_immediate_per_hour messages per recipient
// (see alerts/alerting.h for what is never deferred).
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "alerts/tz.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/status.h"

namespace adwatch {

struct DigestSlotSpec {
  int minutes = 0;  // after local midnight
  TimeZone zone;
};

class DigestSchedule {
 public:
  // Errors name the bad entry of alerts.digest_times.
  static Result<DigestSchedule> FromConfig(const AlertsConfig& config);

  // The first slot strictly after `t`.
  TimePoint Next(TimePoint t) const;
  // The last slot at or before `t` (none within the past 14 days: nullopt).
  std::optional<TimePoint> Previous(TimePoint t) const;
  // "20261130T0700Z": a stable name for a slot, used in Message-IDs so a
  // digest is enqueued once per slot and recipient.
  static std::string SlotName(TimePoint slot);
  // The zone of the first entry, for dates shown in digests.
  const std::string& display_zone() const;

 private:
  std::vector<DigestSlotSpec> slots_;
  bool workdays_only_ = true;
  std::string display_zone_ = "UTC";
};

// Sliding one-hour window over immediate (critical) messages.
class ImmediateLimiter {
 public:
  explicit ImmediateLimiter(int per_hour) : per_hour_(per_hour) {}
  // True (and counted) if another immediate message may go out at `now`.
  bool TryAcquire(TimePoint now);
  // Counts a message that went out whatever the limit.
  void Count(TimePoint now);

 private:
  int per_hour_;
  std::deque<TimePoint> sent_;
};

}  // namespace adwatch
