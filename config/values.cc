// Value forms shared by the config file and the command line: durations,
// times of day with a zone, source positions.
#include <cctype>
#include <string>

#include "config/loader.h"

namespace adwatch {

std::string SourcePos::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string ConfigError::ToString() const { return pos.ToString() + ": " + message; }

bool ParseDuration(const std::string& s, Duration* out) {
  if (s.empty()) return false;
  Duration total{};
  size_t i = 0;
  while (i < s.size()) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    int64_t n = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      n = n * 10 + (s[i] - '0');
      if (n > 1'000'000'000) return false;
      ++i;
    }
    std::string unit;
    while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) unit += s[i++];
    using namespace std::chrono;
    if (unit == "ms") total += duration_cast<Duration>(milliseconds(n));
    else if (unit == "s") total += duration_cast<Duration>(seconds(n));
    else if (unit == "m") total += duration_cast<Duration>(minutes(n));
    else if (unit == "h") total += duration_cast<Duration>(hours(n));
    else if (unit == "d") total += duration_cast<Duration>(hours(24 * n));
    else return false;
  }
  *out = total;
  return true;
}

std::string FormatDuration(Duration d) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(d).count();
  if (ms % 1000 != 0) return std::to_string(ms) + "ms";
  int64_t s = ms / 1000;
  if (s != 0 && s % 86400 == 0) return std::to_string(s / 86400) + "d";
  if (s != 0 && s % 3600 == 0) return std::to_string(s / 3600) + "h";
  if (s != 0 && s % 60 == 0) return std::to_string(s / 60) + "m";
  return std::to_string(s) + "s";
}

bool ParseTimeOfDay(const std::string& s, TimeOfDay* out) {
  // "HH:MM Zone/Name"
  if (s.size() < 5 || s[2] != ':') return false;
  if (!std::isdigit(static_cast<unsigned char>(s[0])) || !std::isdigit(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[3])) || !std::isdigit(static_cast<unsigned char>(s[4])))
    return false;
  int h = (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return false;
  std::string zone = "UTC";
  if (s.size() > 5) {
    if (s[5] != ' ' || s.size() == 6) return false;
    zone = s.substr(6);
  }
  out->minutes = h * 60 + m;
  out->zone = zone;
  return true;
}

std::string DefaultConfigPath(const Env& env) {
  if (auto v = env.GetEnv("ADWATCH_CONFIG"); v && !v->empty()) return *v;
  if (env.FileExists("adwatch.toml")) return "adwatch.toml";
  return "/etc/adwatch/adwatch.toml";
}

}  // namespace adwatch
