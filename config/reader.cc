#include <re2/re2.h>

#include <algorithm>

#include "config/internal/reader.h"
#include "core/text.h"

namespace adwatch::config_internal {
namespace {

std::string Quote(const std::string& s) { return "'" + s + "'"; }

}  // namespace

void Ctx::ErrorAt(const toml::source_region& where, std::string message) const {
  SourcePos pos{file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column)};
  errors->push_back({pos, std::move(message)});
}

void Ctx::Error(const toml::node* where, std::string message) const {
  if (where == nullptr) {
    errors->push_back({SourcePos{file, 1, 1}, std::move(message)});
  } else {
    ErrorAt(where->source(), std::move(message));
  }
}

const char* TypeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date/time";
  }
}

std::string RegexError(const std::string& pattern) {
  RE2::Options opts;
  opts.set_log_errors(false);
  RE2 re(pattern, opts);
  return re.ok() ? "" : re.error();
}

TableReader::TableReader(const toml::table& table, const Ctx& ctx, std::string where)
    : table_(table), ctx_(ctx), where_(std::move(where)) {}

SourcePos TableReader::Pos() const {
  const auto& b = table_.source().begin;
  return SourcePos{ctx_.file, static_cast<int>(b.line), static_cast<int>(b.column)};
}

SourcePos TableReader::KeyPos(const char* key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return Pos();
  const auto& b = n->source().begin;
  return SourcePos{ctx_.file, static_cast<int>(b.line), static_cast<int>(b.column)};
}

const toml::node* TableReader::Lookup(const char* key) {
  known_.insert(key);
  if (ctx_.keys != nullptr) {
    std::string table = where_;  // "[[rule]] 'age.x' examples" → "[[rule]] examples"
    for (size_t q; (q = table.find(" '")) != std::string::npos;) {
      size_t end = table.find('\'', q + 2);
      table.erase(q, end == std::string::npos ? std::string::npos : end + 1 - q);
    }
    ctx_.keys->insert(table + " " + key);
  }
  return table_.get(key);
}

void TableReader::Missing(const char* key, const char* expected) {
  ctx_.errors->push_back({Pos(), "missing required key " + Quote(key) + " in " + where_ + " (expected " +
                                     expected + ")"});
}

void TableReader::WrongType(const toml::node& n, const char* key, const char* expected) {
  ctx_.Error(&n, "wrong type for " + Quote(key) + " in " + where_ + ": expected " + expected + ", got " +
                     TypeName(n));
}

bool TableReader::String(const char* key, std::string* out, bool required) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) {
    if (required) Missing(key, "a string");
    return false;
  }
  if (!n->is_string()) {
    WrongType(*n, key, "a string");
    return false;
  }
  *out = n->as_string()->get();
  if (required && out->empty()) {
    ctx_.Error(n, Quote(key) + " in " + where_ + " must not be empty");
    return false;
  }
  return true;
}

bool TableReader::OneOf(const char* key, std::string* out, const std::vector<std::string>& allowed) {
  std::string v;
  if (!String(key, &v)) return false;
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + Quote(a);
    ctx_.Error(table_.get(key), "invalid value " + Quote(v) + " for " + Quote(key) + " in " + where_ +
                                    " (expected one of " + list + ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Int64(const char* key, int64_t* out, int64_t min, int64_t max) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return false;
  if (!n->is_integer()) {
    WrongType(*n, key, "an integer");
    return false;
  }
  int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    ctx_.Error(n, "value " + std::to_string(v) + " for " + Quote(key) + " in " + where_ + " is out of range (expected " +
                      std::to_string(min) + ".." + std::to_string(max) + ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Int(const char* key, int* out, int64_t min, int64_t max) {
  int64_t v = 0;
  if (!Int64(key, &v, min, max)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool TableReader::Double(const char* key, double* out, double min, double max) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return false;
  double v = 0;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    WrongType(*n, key, "a number");
    return false;
  }
  if (v < min || v > max) {
    ctx_.Error(n, "value " + std::to_string(v) + " for " + Quote(key) + " in " + where_ +
                      " is out of range (expected " + std::to_string(min) + ".." + std::to_string(max) + ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Bool(const char* key, bool* out) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return false;
  if (!n->is_boolean()) {
    WrongType(*n, key, "true or false");
    return false;
  }
  *out = n->as_boolean()->get();
  return true;
}

bool TableReader::Dur(const char* key, Duration* out, Duration min, Duration max) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return false;
  if (!n->is_string()) {
    WrongType(*n, key, "a duration string such as \"90s\", \"15m\", \"24h\", \"30d\"");
    return false;
  }
  Duration d{};
  const std::string& s = n->as_string()->get();
  if (!ParseDuration(s, &d)) {
    ctx_.Error(n, "bad duration " + Quote(s) + " for " + Quote(key) + " in " + where_ +
                      " (expected a number and a unit, units in falling order and each once: \"90s\", \"15m\", \"1h30m\", \"30d\")");
    return false;
  }
  if (d < min) {
    ctx_.Error(n, "duration " + Quote(s) + " for " + Quote(key) + " in " + where_ + " is too short (minimum " +
                      FormatDuration(min) + ")");
    return false;
  }
  if (d > max) {
    ctx_.Error(n, "duration " + Quote(s) + " for " + Quote(key) + " in " + where_ + " is too long (maximum " +
                      FormatDuration(max) + ")");
    return false;
  }
  *out = d;
  return true;
}

bool TableReader::StringList(const char* key, std::vector<std::string>* out, bool required) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) {
    if (required) Missing(key, "an array of strings");
    return false;
  }
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    WrongType(*n, key, "an array of strings");
    return false;
  }
  std::vector<std::string> v;
  bool ok = true;
  for (const auto& el : *a) {
    if (!el.is_string()) {
      ctx_.Error(&el, "wrong type in " + Quote(key) + " in " + where_ + ": expected a string, got " + TypeName(el));
      ok = false;
      continue;
    }
    v.push_back(el.as_string()->get());
  }
  if (required && ok && v.empty()) {
    ctx_.Error(n, Quote(key) + " in " + where_ + " must not be empty");
    ok = false;
  }
  if (ok) *out = std::move(v);
  return ok;
}

bool TableReader::Regex(const char* key, std::string* out) {
  std::string v;
  if (!String(key, &v)) return false;
  if (std::string err = RegexError(v); !err.empty()) {
    ctx_.Error(table_.get(key), "invalid regex for " + Quote(key) + " in " + where_ + ": " + err);
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::RegexList(const char* key, std::vector<std::string>* out, bool required) {
  std::vector<std::string> v;
  if (!StringList(key, &v, required)) return false;
  bool ok = true;
  const toml::array* a = table_.get(key)->as_array();
  for (size_t i = 0; i < v.size(); ++i) {
    if (std::string err = RegexError(v[i]); !err.empty()) {
      ctx_.Error(a->get(i), "invalid regex in " + Quote(key) + " in " + where_ + ": " + err);
      ok = false;
    }
  }
  if (ok) *out = std::move(v);
  return ok;
}

bool TableReader::SeverityValue(const char* key, Severity* out) {
  std::string s;
  if (!OneOf(key, &s, {"low", "medium", "high", "critical"})) return false;
  return ParseSeverity(s, out);
}

const toml::table* TableReader::Table(const char* key) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    WrongType(*n, key, "a table");
    return nullptr;
  }
  return n->as_table();
}

const toml::array* TableReader::Array(const char* key) {
  const toml::node* n = Lookup(key);
  if (n == nullptr) return nullptr;
  if (!n->is_array()) {
    WrongType(*n, key, "an array");
    return nullptr;
  }
  return n->as_array();
}

const toml::node* TableReader::Node(const char* key) { return Lookup(key); }

void TableReader::Finish() {
  for (const auto& [k, v] : table_) {
    std::string key(k.str());
    if (known_.count(key)) continue;
    std::string best;
    size_t best_d = 3;
    for (const auto& cand : known_) {
      size_t d = EditDistance(key, cand);
      if (d < best_d) {
        best_d = d;
        best = cand;
      }
    }
    std::string hint;
    if (!best.empty()) {
      hint = " (did you mean " + Quote(best) + "?)";
    } else {
      for (const auto& cand : known_) hint += (hint.empty() ? " (expected one of: " : ", ") + cand;
      if (!hint.empty()) hint += ")";
    }
    ctx_.ErrorAt(k.source(), "unknown key " + Quote(key) + " in " + where_ + hint);
  }
}

}  // namespace adwatch::config_internal
