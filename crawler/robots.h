// robots.txt (RFC 9309): groups by user-agent, Allow/Disallow with `*` and
// `$`, longest match wins, Allow wins a tie; Crawl-delay is read (not part of
// the RFC, but widely used) and honoured as a per-host minimum delay.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace adwatch {

class RobotsRules {
 public:
  // Rules of the group for `agent` (matched by its product token, case-
  // insensitive, e.g. "adwatch" for "adwatch/0.1 (...)"), else the `*` group.
  static RobotsRules Parse(std::string_view body, std::string_view agent);
  static RobotsRules AllowAll();
  // Not for an unreachable robots.txt: the crawler retries that later
  // (crawler/crawl.h), since "disallow all" would hide a failed cycle.
  static RobotsRules DisallowAll();

  // `path` is path plus "?query", percent-encoded as in the URL.
  bool Allowed(const std::string& path) const;
  std::optional<Duration> crawl_delay() const { return crawl_delay_; }

 private:
  struct Rule {
    bool allow = false;
    std::string pattern;
  };
  std::vector<Rule> rules_;
  std::optional<Duration> crawl_delay_;
};

}  // namespace adwatch
