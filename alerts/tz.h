// Time zones from the system tz database (/usr/share/zoneinfo, TZif files).
//
// GCC 12's libstdc++ has the C++20 calendar types but not std::chrono::tzdb /
// zoned_time, and setenv("TZ") + localtime_r would change the zone of every
// thread (spdlog's timestamps included). So this small reader parses the
// TZif v2+ transition table itself. Debian installs "fat" TZif files that
// list transitions up to 2037; later times use the last known offset.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace adwatch {

struct CivilTime {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int weekday = 4;  // 0 = Sunday … 6 = Saturday
};

class TimeZone {
 public:
  // "Europe/Amsterdam", "UTC". Errors name the file.
  static Result<TimeZone> Load(const std::string& name, const std::string& dir = "/usr/share/zoneinfo");
  static TimeZone Utc();

  const std::string& name() const { return name_; }
  // Seconds east of UTC in force at `t`.
  int64_t OffsetAt(TimePoint t) const;
  CivilTime ToLocal(TimePoint t) const;
  // The instant a local wall-clock time names. In the autumn overlap the
  // first occurrence wins; a time in the spring gap moves forward by the gap
  // (02:30 on the day clocks go 02:00 -> 03:00 becomes 03:30).
  TimePoint FromLocal(const CivilTime& c) const;

 private:
  std::string name_;
  std::vector<int64_t> transitions_;   // UTC seconds, ascending
  std::vector<int32_t> offsets_after_; // offset from each transition on
  int32_t initial_offset_ = 0;
};

// Civil date arithmetic in UTC (no zone), for callers and tests.
int64_t DaysFromCivil(int year, int month, int day);
CivilTime CivilFromUnix(int64_t secs);

}  // namespace adwatch
