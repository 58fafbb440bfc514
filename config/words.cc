#include "config/internal/words.h"

#include <cctype>

namespace adwatch::config_internal {
namespace {

bool IsNameStart(char c) { return c >= 'a' && c <= 'z'; }
bool IsNameChar(char c) { return IsNameStart(c) || c == '_' || std::isdigit(static_cast<unsigned char>(c)); }

// The name of a word reference starting at pattern[i] == '{', or "".
std::string NameAt(const std::string& p, size_t i) {
  if (i > 0 && p[i - 1] == '\\') return "";  // "\{" is a literal brace
  size_t j = i + 1;
  if (j >= p.size() || !IsNameStart(p[j])) return "";
  while (j < p.size() && IsNameChar(p[j])) ++j;
  if (j >= p.size() || p[j] != '}') return "";
  return p.substr(i + 1, j - i - 1);
}

}  // namespace

Words ReadWords(const toml::table& top, const Ctx& ctx) {
  Words words;
  const toml::node* node = top.get("words");
  if (node == nullptr) return words;
  const toml::table* t = node->as_table();
  if (t == nullptr) {
    ctx.Error(node, "[words] must be a table of word lists (name = ['alternative', ...])");
    return words;
  }
  for (const auto& [key, value] : *t) {
    std::string name(key.str());
    bool name_ok = !name.empty() && IsNameStart(name[0]);
    for (char c : name) name_ok = name_ok && IsNameChar(c);
    if (!name_ok) {
      ctx.Error(&value, "[words] name '" + name + "' must be lower-case letters, digits and '_', starting with a letter");
      continue;
    }
    const toml::array* a = value.as_array();
    if (a == nullptr || a->empty()) {
      ctx.Error(&value, "[words] '" + name + "' must be a non-empty array of RE2 alternatives");
      continue;
    }
    std::string alt;
    bool ok = true;
    for (const auto& e : *a) {
      const auto* s = e.as_string();
      if (s == nullptr) {
        ctx.Error(&e, "[words] '" + name + "': every alternative must be a string");
        ok = false;
        continue;
      }
      const std::string& v = s->get();
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '{' && !NameAt(v, i).empty()) {
          ctx.Error(&e, "[words] '" + name + "': a word cannot use another word ({" + NameAt(v, i) + "})");
          ok = false;
          break;
        }
      }
      if (std::string err = RegexError(v); !err.empty()) {
        ctx.Error(&e, "[words] '" + name + "': invalid regex: " + err);
        ok = false;
      }
      alt += (alt.empty() ? "" : "|") + v;
    }
    if (ok) words[name] = "(?:" + alt + ")";
  }
  return words;
}

bool ExpandWords(const std::string& pattern, const Words& words, std::string* out, std::string* unknown) {
  std::string r;
  r.reserve(pattern.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::string name = NameAt(pattern, i);
      if (!name.empty()) {
        auto it = words.find(name);
        if (it == words.end()) {
          *unknown = name;
          return false;
        }
        r += it->second;
        i += name.size() + 1;
        continue;
      }
    }
    r += pattern[i];
  }
  *out = std::move(r);
  return true;
}

void ExpandWordList(const toml::node* node, const Words& words, const Ctx& ctx, const std::string& where,
                    std::vector<std::string>* list) {
  const toml::array* a = node ? node->as_array() : nullptr;
  for (size_t i = 0; i < list->size(); ++i) {
    const toml::node* at = a && i < a->size() ? a->get(i) : node;
    std::string expanded, unknown;
    if (!ExpandWords((*list)[i], words, &expanded, &unknown)) {
      ctx.Error(at, where + ": {" + unknown + "} is not defined in this file's [words]");
      continue;
    }
    if (expanded == (*list)[i]) continue;
    if (std::string err = RegexError(expanded); !err.empty()) {
      ctx.Error(at, where + ": invalid regex once its words are expanded: " + err);
      continue;
    }
    (*list)[i] = std::move(expanded);
  }
}

}  // namespace adwatch::config_internal
