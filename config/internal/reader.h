// TableReader: reads one TOML table into plain values. Which keys the table
// may hold, and each key's type, range and allowed values, come from the
// schema (config/schema.h); Finish() reports the keys it does not list
// (typos such as `wieght`) with the nearest listed key.
// Errors are collected, never thrown: the loader reports all of them at once.
#pragma once

#include <toml++/toml.h>

#include <initializer_list>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/loader.h"
#include "config/schema.h"

namespace adwatch::config_internal {

// The file being read and the list errors go to.
struct Ctx {
  std::string file;
  std::vector<ConfigError>* errors;
  const Env* env;
  std::set<std::string>* keys = nullptr;  // every "table.key" a reader asked for (LoadResult::accepted_keys)
  void Error(const toml::node* where, std::string message) const;
  void ErrorAt(const toml::source_region& where, std::string message) const;
};

class TableReader {
 public:
  // `table` is the schema table's id ("store", "site.fields"); `where` names
  // the table in messages: "[store]", "[[site]] 'demo-html'".
  TableReader(const toml::table& table, const Ctx& ctx, std::string_view schema_table, std::string where);

  // Each returns true if the key was present and valid; on absence the
  // output keeps its default (an error if the schema marks it required).
  // Ranges (Int, Int64, Double, Dur) and allowed values (OneOf) are the
  // schema's. Reading a key the schema does not list, or as another kind,
  // is a programming error reported as an "internal:" ConfigError.
  bool String(const char* key, std::string* out);
  bool OneOf(const char* key, std::string* out);
  bool Int(const char* key, int* out);
  bool Int64(const char* key, int64_t* out);
  bool Double(const char* key, double* out);
  bool Bool(const char* key, bool* out);
  bool Dur(const char* key, Duration* out);
  bool StringList(const char* key, std::vector<std::string>* out);
  bool Regex(const char* key, std::string* out);
  bool RegexList(const char* key, std::vector<std::string>* out);
  bool SeverityValue(const char* key, Severity* out);

  // Sub-tables and arrays: reports a wrong type.
  const toml::table* Table(const char* key);
  const toml::array* Array(const char* key);
  const toml::node* Node(const char* key);  // any type (field rules, presence tests)

  // Reports every key the schema does not list for this table.
  void Finish();

  SourcePos Pos() const;
  // Where `key` was written, or the table's position if it is absent.
  SourcePos KeyPos(const char* key) const;
  const std::string& where() const { return where_; }
  const toml::table& table() const { return table_; }
  const Ctx& ctx() const { return ctx_; }

 private:
  // The key's node (nullptr if absent) and its schema entry in *spec (nullptr
  // with an internal error if the schema has no such key of one of `kinds`).
  const toml::node* Lookup(const char* key, std::initializer_list<KeyKind> kinds, const ConfigKey** spec = nullptr);
  bool ReadString(const toml::node* n, const ConfigKey* spec, const char* key, std::string* out);
  void Missing(const char* key, const char* expected);
  void WrongType(const toml::node& n, const char* key, const char* expected);

  const toml::table& table_;
  const Ctx& ctx_;
  std::string schema_table_;
  std::string where_;
};

// Checks a regex with RE2 as the matcher will compile it; "" if valid.
std::string RegexError(const std::string& pattern);

const char* TypeName(const toml::node& n);

}  // namespace adwatch::config_internal
