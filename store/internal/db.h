// The small SQL connection interface both backends implement, so that the
// store logic (store/sql_*.cc) is written once. SQL uses PostgreSQL's "$1"
// placeholders; SQLite accepts "$1" as a named parameter and the SQLite
// adapter binds by name. Not a public header.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace adwatch::store_internal {

// Bytes that are not text (a sealed box): bound as a SQLite BLOB, sent to
// PostgreSQL as bytea (hex text in a statement, the bytes themselves in a
// binary COPY). A std::string is bound as text, which SQLite would take as
// UTF-8 and PostgreSQL would refuse for a NUL byte.
struct Blob {
  std::string bytes;
};

using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;
using Params = std::vector<Value>;

inline Value I(int64_t v) { return Value(v); }
inline Value D(double v) { return Value(v); }
inline Value S(std::string v) { return Value(std::move(v)); }
inline Value B(std::string v) { return Value(Blob{std::move(v)}); }
inline Value T(TimePoint t) { return Value(ToUnixSeconds(t)); }
inline Value Null() { return Value(); }

// One result row: every column as text (or null), converted on access.
struct Row {
  std::vector<std::optional<std::string>> cols;
  bool IsNull(size_t i) const { return !cols.at(i).has_value(); }
  std::string Str(size_t i) const { return cols.at(i).value_or(""); }
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  TimePoint Time(size_t i) const { return FromUnixSeconds(Int(i)); }
};
using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

class Db {
 public:
  virtual ~Db() = default;
  virtual Dialect dialect() const = 0;
  virtual std::string Describe() const = 0;  // "sqlite:/path" or "postgresql:host:port/db"
  // A write transaction (SQLite: BEGIN IMMEDIATE, so the one writer is decided up front).
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;
  virtual Result<Rows> Query(const std::string& sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual Result<int64_t> Exec(const std::string& sql, const Params& params = {}) = 0;
  // Several statements without parameters (migrations).
  virtual Status ExecScript(const std::string& sql) = 0;
  // Appends `n` rows to `table` inside the open transaction, in bulk:
  // PostgreSQL through COPY (binary format), SQLite one cached prepared
  // INSERT per row. fill(i, &row) appends row i's values (in the order of
  // `columns`; `row` comes empty) just before it is sent (PostgreSQL: in
  // buffers of about 64 KB), so the server works on some rows while the
  // next are made. No conflict handling: only for rows that cannot collide
  // (a new ad's row and first version). PostgreSQL: an integer must go to a
  // bigint column and a real to a double precision one (binary COPY does not
  // convert); text to text, a Blob to bytea.
  virtual Status CopyRows(const std::string& table, const std::vector<std::string>& columns, size_t n,
                          const std::function<void(size_t i, Params* row)>& fill) = 0;
};

std::unique_ptr<Db> OpenSqliteDb(const std::string& path, Duration busy_timeout, Status* status);
std::unique_ptr<Db> OpenPgDb(const std::string& conninfo, const std::string& password, Status* status);

// Migrations: statement scripts, version = index + 1.
const std::vector<std::string>& SqliteMigrations();
const std::vector<std::string>& PgMigrations();

}  // namespace adwatch::store_internal
