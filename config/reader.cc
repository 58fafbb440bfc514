#include <re2/re2.h>

#include <algorithm>

#include "config/internal/reader.h"

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

TableReader::TableReader(const toml::table& table, const Ctx& ctx, std::string_view schema_table, std::string where)
    : table_(table), ctx_(ctx), schema_table_(schema_table), where_(std::move(where)) {}

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

const toml::node* TableReader::Lookup(const char* key, std::initializer_list<KeyKind> kinds, const ConfigKey** spec) {
  const ConfigKey* k = FindConfigKey(schema_table_, key);
  if (k == nullptr || (kinds.size() > 0 && std::find(kinds.begin(), kinds.end(), k->kind) == kinds.end())) {
    ctx_.errors->push_back({Pos(), "internal: " + where_ + " reads " + Quote(key) + (k ? " as another kind than" : " missing from") +
                                       " the schema table '" + schema_table_ + "' (config/schema_keys.cc)"});
    k = nullptr;
  }
  if (spec != nullptr) *spec = k;
  if (ctx_.keys != nullptr) ctx_.keys->insert(schema_table_.empty() ? std::string(key) : schema_table_ + "." + key);
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

bool TableReader::ReadString(const toml::node* n, const ConfigKey* spec, const char* key, std::string* out) {
  const bool required = spec != nullptr && spec->required;
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

bool TableReader::String(const char* key, std::string* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kString}, &spec);
  return ReadString(n, spec, key, out);
}

bool TableReader::OneOf(const char* key, std::string* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kOneOf}, &spec);
  std::string v;
  if (!ReadString(n, spec, key, &v) || spec == nullptr) return false;
  const std::vector<std::string>& allowed = spec->allowed;
  if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + Quote(a);
    ctx_.Error(n, "invalid value " + Quote(v) + " for " + Quote(key) + " in " + where_ + " (expected one of " + list +
                      ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Int64(const char* key, int64_t* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kInt}, &spec);
  if (n == nullptr || spec == nullptr) return false;
  if (!n->is_integer()) {
    WrongType(*n, key, "an integer");
    return false;
  }
  int64_t v = n->as_integer()->get();
  if (v < spec->imin || v > spec->imax) {
    ctx_.Error(n, "value " + std::to_string(v) + " for " + Quote(key) + " in " + where_ + " is out of range (expected " +
                      std::to_string(spec->imin) + ".." + std::to_string(spec->imax) + ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Int(const char* key, int* out) {
  int64_t v = 0;
  if (!Int64(key, &v)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool TableReader::Double(const char* key, double* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kNumber}, &spec);
  if (n == nullptr || spec == nullptr) return false;
  double v = 0;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    WrongType(*n, key, "a number");
    return false;
  }
  if (v < spec->nmin || v > spec->nmax) {
    ctx_.Error(n, "value " + std::to_string(v) + " for " + Quote(key) + " in " + where_ +
                      " is out of range (expected " + std::to_string(spec->nmin) + ".." + std::to_string(spec->nmax) + ")");
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::Bool(const char* key, bool* out) {
  const toml::node* n = Lookup(key, {KeyKind::kBool});
  if (n == nullptr) return false;
  if (!n->is_boolean()) {
    WrongType(*n, key, "true or false");
    return false;
  }
  *out = n->as_boolean()->get();
  return true;
}

bool TableReader::Dur(const char* key, Duration* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kDuration}, &spec);
  if (n == nullptr || spec == nullptr) return false;
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
  if (d < spec->dmin) {
    ctx_.Error(n, "duration " + Quote(s) + " for " + Quote(key) + " in " + where_ + " is too short (minimum " +
                      FormatDuration(spec->dmin) + ")");
    return false;
  }
  if (d > spec->dmax) {
    ctx_.Error(n, "duration " + Quote(s) + " for " + Quote(key) + " in " + where_ + " is too long (maximum " +
                      FormatDuration(spec->dmax) + ")");
    return false;
  }
  *out = d;
  return true;
}

bool TableReader::StringList(const char* key, std::vector<std::string>* out) {
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kStringList, KeyKind::kRegexList}, &spec);
  const bool required = spec != nullptr && spec->required;
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
  const ConfigKey* spec = nullptr;
  const toml::node* n = Lookup(key, {KeyKind::kRegex}, &spec);
  std::string v;
  if (!ReadString(n, spec, key, &v)) return false;
  if (std::string err = RegexError(v); !err.empty()) {
    ctx_.Error(n, "invalid regex for " + Quote(key) + " in " + where_ + ": " + err);
    return false;
  }
  *out = v;
  return true;
}

bool TableReader::RegexList(const char* key, std::vector<std::string>* out) {
  std::vector<std::string> v;
  if (!StringList(key, &v)) return false;
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
  if (!OneOf(key, &s)) return false;
  return ParseSeverity(s, out);
}

const toml::table* TableReader::Table(const char* key) {
  const toml::node* n = Lookup(key, {KeyKind::kTable});
  if (n == nullptr) return nullptr;
  if (!n->is_table()) {
    WrongType(*n, key, "a table");
    return nullptr;
  }
  return n->as_table();
}

const toml::array* TableReader::Array(const char* key) {
  const toml::node* n = Lookup(key, {KeyKind::kTableArray});
  if (n == nullptr) return nullptr;
  if (!n->is_array()) {
    WrongType(*n, key, "an array");
    return nullptr;
  }
  return n->as_array();
}

const toml::node* TableReader::Node(const char* key) { return Lookup(key, {}); }

void TableReader::Finish() {
  for (const auto& [k, v] : table_) {
    std::string key(k.str());
    if (FindConfigKey(schema_table_, key) != nullptr) continue;
    std::string hint;
    if (std::string best = NearestConfigKey(schema_table_, key); !best.empty()) {
      hint = " (did you mean " + Quote(best) + "?)";
    } else {
      for (const ConfigKey* cand : ConfigKeysOf(schema_table_))
        hint += (hint.empty() ? " (expected one of: " : ", ") + std::string(cand->key);
      if (!hint.empty()) hint += ")";
    }
    ctx_.ErrorAt(k.source(), "unknown key " + Quote(key) + " in " + where_ + hint);
  }
}

}  // namespace adwatch::config_internal
