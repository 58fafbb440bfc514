// TableReader: reads one TOML table into plain values, checking each key's
// type and range, and remembering which keys it read so that Finish() can
// report the unknown ones (typos such as `wieght`) with a suggestion.
// Errors are collected, never thrown: the loader reports all of them at once.
#pragma once

#include <toml++/toml.h>

#include <set>
#include <string>
#include <vector>

#include "config/loader.h"

namespace adwatch::config_internal {

// The file being read and the list errors go to.
struct Ctx {
  std::string file;
  std::vector<ConfigError>* errors;
  const Env* env;
  std::set<std::string>* keys = nullptr;  // every "[table] key" a reader asked for (LoadResult::accepted_keys)
  void Error(const toml::node* where, std::string message) const;
  void ErrorAt(const toml::source_region& where, std::string message) const;
};

class TableReader {
 public:
  // `where` names the table in messages: "[store]", "[[site]] 'demo-html'".
  TableReader(const toml::table& table, const Ctx& ctx, std::string where);

  // Each returns true if the key was present and valid; on absence the
  // output keeps its default (an error if `required`).
  bool String(const char* key, std::string* out, bool required = false);
  bool OneOf(const char* key, std::string* out, const std::vector<std::string>& allowed);
  bool Int(const char* key, int* out, int64_t min, int64_t max);
  bool Int64(const char* key, int64_t* out, int64_t min, int64_t max);
  bool Double(const char* key, double* out, double min, double max);
  bool Bool(const char* key, bool* out);
  // A duration within [min, max]; each key states its sensible range.
  bool Dur(const char* key, Duration* out, Duration min = Duration::zero(), Duration max = Duration::max());
  bool StringList(const char* key, std::vector<std::string>* out, bool required = false);
  bool Regex(const char* key, std::string* out);
  bool RegexList(const char* key, std::vector<std::string>* out, bool required = false);
  bool SeverityValue(const char* key, Severity* out);

  // Sub-tables and arrays: marks the key as known, reports a wrong type.
  const toml::table* Table(const char* key);
  const toml::array* Array(const char* key);
  const toml::node* Node(const char* key);  // any type; marks known

  // Reports every key that no getter asked for.
  void Finish();

  SourcePos Pos() const;
  // Where `key` was written, or the table's position if it is absent.
  SourcePos KeyPos(const char* key) const;
  const std::string& where() const { return where_; }
  const Ctx& ctx() const { return ctx_; }

 private:
  const toml::node* Lookup(const char* key);
  void Missing(const char* key, const char* expected);
  void WrongType(const toml::node& n, const char* key, const char* expected);

  const toml::table& table_;
  const Ctx& ctx_;
  std::string where_;
  std::set<std::string> known_;
};

// Checks a regex with RE2 as the matcher will compile it; "" if valid.
std::string RegexError(const std::string& pattern);

const char* TypeName(const toml::node& n);

}  // namespace adwatch::config_internal
