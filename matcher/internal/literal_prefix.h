// The literal text every match of a rule pattern starts with (internal to
// CompiledRules).
//
// A rule's pattern runs again, after the RE2::Set reported it, to find its
// first match that counts; RE2 reads the normalised text from the start up
// to that match, and most rule patterns start with a word ("\bnieuw\s+in",
// "\balleen\s+(?:deze|nog\s+deze)\s+week"), which RE2 does not use to skip
// ahead (the leading \b keeps its own prefix search off). Every match starts
// with that word, so the search may begin at the word's next occurrence:
// the same leftmost match, found without reading the text before it.
//
// LiteralPrefix reads only the plain start of a pattern: an optional "(?i)",
// any "\b", then ASCII letters and digits, lower-cased (patterns are matched
// case-insensitively against lower-case text); a letter a quantifier follows
// is dropped, and so is everything from the first 'k' or 's' on (RE2's case
// folding also matches U+212A KELVIN SIGN and U+017F LONG S for them). A
// pattern with '|' outside parentheses (or \Q…\E quoting) has none. Empty
// when there is no such prefix of two bytes or more.
#pragma once

#include <string>
#include <string_view>

namespace adwatch::matcher_internal {

inline std::string LiteralPrefix(std::string_view p) {
  if (p.find("\\Q") != std::string_view::npos) return {};
  // No alternation at the top level: "a|b" starts with neither for certain.
  int depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {  // a class: its '(' ')' '|' are plain characters
      ++i;
      if (i < p.size() && p[i] == '^') ++i;
      if (i < p.size() && p[i] == ']') ++i;
      while (i < p.size() && p[i] != ']') i += p[i] == '\\' ? 2 : 1;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth <= 0) {
      return {};
    }
  }
  size_t i = p.starts_with("(?i)") ? 4 : 0;
  while (p.substr(i, 2) == "\\b") i += 2;
  std::string out;
  for (; i < p.size(); ++i) {
    const char c = p[i];
    const char low = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    if (!((low >= 'a' && low <= 'z') || (low >= '0' && low <= '9'))) break;
    out.push_back(low);
  }
  if (i < p.size() && (p[i] == '?' || p[i] == '*' || p[i] == '{' || p[i] == '+') && !out.empty()) out.pop_back();
  if (const size_t ks = out.find_first_of("ks"); ks != std::string::npos) out.resize(ks);
  if (out.size() < 2) out.clear();
  return out;
}

}  // namespace adwatch::matcher_internal
