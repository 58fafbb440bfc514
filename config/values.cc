// Value forms shared by the config file and the command line: durations,
// times of day with a zone, source positions.
#include <arpa/inet.h>

#include <cctype>
#include <iterator>
#include <string>
#include <string_view>

#include "config/loader.h"

namespace adwatch {

std::string SourcePos::ToString() const {
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string ConfigError::ToString() const { return pos.ToString() + ": " + message; }

// Units in falling order, each at most once ("1h30m", not "30m1h" or
// "1h1h1h"): a duration written any other way is more likely a typo than meant.
bool ParseDuration(const std::string& s, Duration* out) {
  if (s.empty()) return false;
  using namespace std::chrono;
  struct Unit {
    const char* name;
    Duration size;
  };
  static const Unit kUnits[] = {{"d", hours(24)}, {"h", hours(1)}, {"m", minutes(1)},
                                {"s", seconds(1)}, {"ms", duration_cast<Duration>(milliseconds(1))}};
  Duration total{};
  size_t i = 0;
  size_t next_unit = 0;  // units before this one were used or skipped
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
    size_t u = next_unit;
    while (u < std::size(kUnits) && unit != kUnits[u].name) ++u;
    if (u == std::size(kUnits)) return false;  // unknown, repeated or out of order
    if (n > (Duration::max() - total) / kUnits[u].size) return false;  // beyond ~292 years
    total += n * kUnits[u].size;
    next_unit = u + 1;
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

namespace {

bool IsAtext(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool IsLetDig(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// RFC 5321 4.1.2: Dot-string / Quoted-string.
bool ValidLocalPart(std::string_view l) {
  if (l.empty() || l.size() > 64) return false;
  if (l.front() == '"') {
    if (l.size() < 2 || l.back() != '"') return false;
    for (size_t i = 1; i + 1 < l.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(l[i]);
      if (c == '\\') {  // quoted-pairSMTP: backslash and one printable character
        if (++i + 1 >= l.size() || l[i] < 32 || l[i] > 126) return false;
      } else if (c < 32 || c > 126 || c == '"') {
        return false;
      }
    }
    return true;
  }
  bool atom_start = true;
  for (char c : l) {
    if (c == '.') {
      if (atom_start) return false;  // leading or doubled dot
      atom_start = true;
    } else if (IsAtext(c)) {
      atom_start = false;
    } else {
      return false;
    }
  }
  return !atom_start;  // no trailing dot
}

// sub-domain *("." sub-domain), each Let-dig [Ldh-str], or an address literal.
bool ValidDomain(std::string_view d) {
  if (d.empty() || d.size() > 255) return false;
  if (d.front() == '[') {
    if (d.back() != ']') return false;
    std::string inner(d.substr(1, d.size() - 2));
    unsigned char buf[16];
    if (inner.rfind("IPv6:", 0) == 0) return inet_pton(AF_INET6, inner.c_str() + 5, buf) == 1;
    return inet_pton(AF_INET, inner.c_str(), buf) == 1;
  }
  size_t b = 0;
  for (;;) {
    size_t e = d.find('.', b);
    std::string_view label = d.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
    if (label.empty() || label.size() > 63 || !IsLetDig(label.front()) || !IsLetDig(label.back())) return false;
    for (char c : label)
      if (!IsLetDig(c) && c != '-') return false;
    if (e == std::string_view::npos) return true;
    b = e + 1;
  }
}

}  // namespace

std::string MailAddressError(const std::string& s) {
  std::string_view addr = s;
  if (size_t lt = s.rfind('<'); lt != std::string::npos) {  // "Name <addr>"
    if (s.back() != '>') return "a display name must be followed by <address>";
    addr = std::string_view(s).substr(lt + 1, s.size() - lt - 2);
  }
  size_t at = addr.rfind('@');
  if (at == std::string_view::npos) return "no '@'";
  if (!ValidLocalPart(addr.substr(0, at)))
    return "the part before '@' is not a valid local part (RFC 5321: letters, digits, !#$%&'*+-/=?^_`{|}~ and "
           "single dots, at most 64 characters)";
  if (!ValidDomain(addr.substr(at + 1)))
    return "the part after '@' is not a valid domain (labels of letters, digits and inner hyphens, or [IP])";
  return "";
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
