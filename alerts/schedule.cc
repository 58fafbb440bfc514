#include "alerts/schedule.h"

#include "config/loader.h"

namespace adwatch {

Result<DigestSchedule> DigestSchedule::FromConfig(const AlertsConfig& config) {
  DigestSchedule s;
  s.workdays_only_ = config.workdays_only;
  for (const auto& entry : config.digest_times) {
    TimeOfDay tod;
    if (!ParseTimeOfDay(entry, &tod))
      return Status::InvalidArgument("alerts.digest_times: \"" + entry + "\" (expected \"HH:MM Zone/Name\")");
    auto zone = TimeZone::Load(tod.zone.empty() ? "UTC" : tod.zone);
    if (!zone.ok()) return zone.status().Annotate("alerts.digest_times \"" + entry + "\"");
    s.slots_.push_back({tod.minutes, *zone});
  }
  if (!s.slots_.empty()) s.display_zone_ = s.slots_[0].zone.name();
  return s;
}

const std::string& DigestSchedule::display_zone() const { return display_zone_; }

// Walks local days around `t` in each slot's zone: 16 days cover a weekend,
// a DST change and any gap between two configured times.
TimePoint DigestSchedule::Next(TimePoint t) const {
  std::optional<TimePoint> best;
  for (const auto& slot : slots_) {
    CivilTime today = slot.zone.ToLocal(t);
    int64_t day0 = DaysFromCivil(today.year, today.month, today.day);
    for (int d = -1; d < 16; ++d) {
      CivilTime c = CivilFromUnix((day0 + d) * 86400);
      if (workdays_only_ && (c.weekday == 0 || c.weekday == 6)) continue;
      c.hour = slot.minutes / 60;
      c.minute = slot.minutes % 60;
      c.second = 0;
      TimePoint at = slot.zone.FromLocal(c);
      if (at > t) {
        if (!best || at < *best) best = at;
        break;
      }
    }
  }
  return best.value_or(t + std::chrono::hours(24 * 365));
}

std::optional<TimePoint> DigestSchedule::Previous(TimePoint t) const {
  std::optional<TimePoint> best;
  for (const auto& slot : slots_) {
    CivilTime today = slot.zone.ToLocal(t);
    int64_t day0 = DaysFromCivil(today.year, today.month, today.day);
    for (int d = 1; d > -15; --d) {
      CivilTime c = CivilFromUnix((day0 + d) * 86400);
      if (workdays_only_ && (c.weekday == 0 || c.weekday == 6)) continue;
      c.hour = slot.minutes / 60;
      c.minute = slot.minutes % 60;
      c.second = 0;
      TimePoint at = slot.zone.FromLocal(c);
      if (at <= t) {
        if (!best || at > *best) best = at;
        break;
      }
    }
  }
  return best;
}

std::string DigestSchedule::SlotName(TimePoint slot) {
  CivilTime c = CivilFromUnix(ToUnixSeconds(slot));
  char b[32];
  snprintf(b, sizeof b, "%04d%02d%02dT%02d%02dZ", c.year, c.month, c.day, c.hour, c.minute);
  return b;
}

bool ImmediateLimiter::TryAcquire(TimePoint now) {
  while (!sent_.empty() && now - sent_.front() >= std::chrono::hours(1)) sent_.pop_front();
  if (static_cast<int>(sent_.size()) >= per_hour_) return false;
  sent_.push_back(now);
  return true;
}

void ImmediateLimiter::Count(TimePoint now) {
  while (!sent_.empty() && now - sent_.front() >= std::chrono::hours(1)) sent_.pop_front();
  sent_.push_back(now);
}

}  // namespace adwatch
