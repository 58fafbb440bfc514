#include "alerts/tz.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace adwatch {
namespace {

int64_t ReadBE(const std::string& s, size_t pos, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(s[pos + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

}  // namespace

int64_t DaysFromCivil(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilTime CivilFromUnix(int64_t secs) {
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  CivilTime c;
  c.hour = static_cast<int>(rem / 3600);
  c.minute = static_cast<int>(rem % 3600 / 60);
  c.second = static_cast<int>(rem % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = static_cast<int>(yoe + era * 400 + (c.month <= 2));
  return c;
}

TimeZone TimeZone::Utc() {
  TimeZone z;
  z.name_ = "UTC";
  return z;
}

Result<TimeZone> TimeZone::Load(const std::string& name, const std::string& dir) {
  if (name == "UTC" || name == "Etc/UTC") return Utc();
  if (name.empty() || name.find("..") != std::string::npos || name[0] == '/')
    return Status::InvalidArgument("bad time zone name \"" + name + "\"");
  const std::string path = dir + "/" + name;
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound(path + ": time zone not found");
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto bad = [&](const char* why) { return Status::Corruption(path + ": " + why); };
  if (s.size() < 44 || s.compare(0, 4, "TZif") != 0) return bad("not a TZif file");
  auto counts = [&](size_t h, int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = ReadBE(s, h + 20 + 4 * i, 4);
  };
  int64_t c[6];  // isutcnt isstdcnt leapcnt timecnt typecnt charcnt
  counts(0, c);
  size_t pos = 44;
  int tbytes = 4;
  if (s[4] >= '2') {  // skip the 32-bit block, use the 64-bit one
    pos += c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (s.size() < pos + 44 || s.compare(pos, 4, "TZif") != 0) return bad("truncated v2 header");
    counts(pos, c);
    pos += 44;
    tbytes = 8;
  }
  const int64_t timecnt = c[3], typecnt = c[4];
  if (typecnt < 1 || s.size() < pos + timecnt * (tbytes + 1) + typecnt * 6) return bad("truncated data");
  TimeZone z;
  z.name_ = name;
  std::vector<int32_t> type_off(typecnt);
  std::vector<bool> type_dst(typecnt);
  size_t types_pos = pos + timecnt * (tbytes + 1);
  for (int64_t i = 0; i < typecnt; ++i) {
    type_off[i] = static_cast<int32_t>(ReadBE(s, types_pos + 6 * i, 4));
    type_dst[i] = s[types_pos + 6 * i + 4] != 0;
  }
  for (int64_t i = 0; i < timecnt; ++i) {
    z.transitions_.push_back(ReadBE(s, pos + i * tbytes, tbytes));
    auto idx = static_cast<unsigned char>(s[pos + timecnt * tbytes + i]);
    if (idx >= typecnt) return bad("bad type index");
    z.offsets_after_.push_back(type_off[idx]);
  }
  z.initial_offset_ = type_off[0];
  for (int64_t i = 0; i < typecnt; ++i)
    if (!type_dst[i]) { z.initial_offset_ = type_off[i]; break; }
  return z;
}

int64_t TimeZone::OffsetAt(TimePoint t) const {
  const int64_t secs = ToUnixSeconds(t);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), secs);
  if (it == transitions_.begin()) return initial_offset_;
  return offsets_after_[it - transitions_.begin() - 1];
}

CivilTime TimeZone::ToLocal(TimePoint t) const {
  return CivilFromUnix(ToUnixSeconds(t) + OffsetAt(t));
}

TimePoint TimeZone::FromLocal(const CivilTime& c) const {
  const int64_t local = DaysFromCivil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
  const int64_t before = OffsetAt(FromUnixSeconds(local - 86400));
  const int64_t after = OffsetAt(FromUnixSeconds(local + 86400));
  int64_t best = INT64_MAX;
  for (int64_t o : {before, after})
    if (OffsetAt(FromUnixSeconds(local - o)) == o) best = std::min(best, local - o);
  if (best == INT64_MAX) best = local - before;  // in the gap: move forward
  return FromUnixSeconds(best);
}

}  // namespace adwatch
