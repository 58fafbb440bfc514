#include "crawler/robots.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

namespace adwatch {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Matches a robots pattern (with `*` and a trailing `$`) at the start of path.
// Keeps the set of path positions the pattern so far can end at (as Google's
// robots matcher does), so the cost is O(pattern x path) whatever the stars:
// a backtracking matcher is exponential in the number of `*`, and robots.txt
// is written by the sites we crawl.
bool Match(const std::string& pat, const std::string& path) {
  std::vector<size_t> at{0};  // ascending, distinct
  for (size_t pi = 0; pi < pat.size(); ++pi) {
    char c = pat[pi];
    if (c == '$' && pi + 1 == pat.size()) return at.back() == path.size();
    if (c == '*') {
      size_t from = at.front();  // everything from the first reachable position on
      at.clear();
      for (size_t k = from; k <= path.size(); ++k) at.push_back(k);
      continue;
    }
    size_t n = 0;
    for (size_t k : at)
      if (k < path.size() && path[k] == c) at[n++] = k + 1;
    at.resize(n);
    if (at.empty()) return false;
  }
  return true;
}

}  // namespace

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.rules_.push_back({false, "/"});
  return r;
}

RobotsRules RobotsRules::Parse(std::string_view body, std::string_view agent) {
  std::string token = Lower(agent.substr(0, agent.find_first_of("/ ")));
  struct Group {
    std::vector<std::string> agents;
    std::vector<Rule> rules;
    std::optional<Duration> delay;
  };
  std::vector<Group> groups;
  bool in_agents = false;  // consecutive user-agent lines start one group
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t eol = body.find('\n', pos);
    std::string_view line = body.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? body.size() + 1 : eol + 1;
    line = line.substr(0, line.find('#'));
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(Trim(line.substr(0, colon)));
    std::string value(Trim(line.substr(colon + 1)));
    if (key == "user-agent") {
      if (!in_agents) groups.emplace_back();
      in_agents = true;
      groups.back().agents.push_back(Lower(value));
      continue;
    }
    if (groups.empty()) continue;
    in_agents = false;
    if (key == "allow" || key == "disallow") {
      if (value.empty()) continue;  // "Disallow:" with nothing allows everything
      groups.back().rules.push_back({key == "allow", value});
    } else if (key == "crawl-delay") {
      double secs = std::strtod(value.c_str(), nullptr);
      if (secs > 0 && secs < 3600)
        groups.back().delay = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(secs));
    }
  }
  RobotsRules out;
  bool specific = false;
  for (const auto& g : groups) {
    bool mine = std::any_of(g.agents.begin(), g.agents.end(),
                            [&](const std::string& a) { return a != "*" && !token.empty() && token == a; });
    if (mine) {
      if (!specific) out = RobotsRules();
      specific = true;
    }
    bool star = std::find(g.agents.begin(), g.agents.end(), "*") != g.agents.end();
    if (mine || (!specific && star)) {  // several groups for one agent are merged
      out.rules_.insert(out.rules_.end(), g.rules.begin(), g.rules.end());
      if (g.delay) out.crawl_delay_ = g.delay;
    }
  }
  return out;
}

bool RobotsRules::Allowed(const std::string& path) const {
  if (path == "/robots.txt") return true;
  int best_len = -1;
  bool allowed = true;
  for (const auto& r : rules_) {
    if (!Match(r.pattern, path)) continue;
    int len = static_cast<int>(r.pattern.size());
    if (len > best_len || (len == best_len && r.allow)) {
      best_len = len;
      allowed = r.allow;
    }
  }
  return allowed;
}

}  // namespace adwatch
