// SQLite adapter for the store: WAL, busy timeout, one writer (BEGIN
// IMMEDIATE), foreign keys on, incremental auto-vacuum so purges give space
// back, prepared statements cached per SQL text.
#include <sqlite3.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "store/internal/db.h"

namespace adwatch::store_internal {

// No exceptions: a value that is not a number reads as 0 (std::stoll throws).
int64_t Row::Int(size_t i) const {
  const auto& c = cols.at(i);
  if (!c || c->empty()) return 0;
  return std::strtoll(c->c_str(), nullptr, 10);
}
double Row::Real(size_t i) const {
  const auto& c = cols.at(i);
  if (!c || c->empty()) return 0;
  return std::strtod(c->c_str(), nullptr);
}

namespace {

class SqliteDb final : public Db {
 public:
  explicit SqliteDb(std::string path) : path_(std::move(path)) {}
  ~SqliteDb() override {
    for (auto& [sql, p] : cache_) sqlite3_finalize(p.stmt);
    if (db_) sqlite3_close_v2(db_);
  }

  Status Open(Duration busy_timeout) {
    int rc = sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) return Error(rc, "open");
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(busy_timeout).count()));
    // auto_vacuum only takes effect before the first table exists (new files).
    // synchronous=NORMAL in WAL mode: a commit survives kill -9 of adwatch
    // (the WAL is written before COMMIT returns); after a power loss the last
    // commits may roll back, the file stays consistent, and the crawler
    // re-fetches what it lost (idempotent upserts). FULL fsyncs every commit.
    // A page cache of up to 32 MB instead of 2 MB: a batch of new ads inserts
    // into five b-trees (ads and its two indexes, ad_versions and its key) at
    // scattered pages, which the small cache evicted and read back within a
    // batch (ingest CPU per ad 2-3 us less at 50,000 ads). An upper bound only.
    return ExecScript(
        "PRAGMA auto_vacuum=INCREMENTAL; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;");
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }

  Status Begin() override { return ExecScript("BEGIN IMMEDIATE"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

  Result<Rows> Query(const std::string& sql, const Params& params) override {
    Rows rows;
    Status st = Run(sql, params, &rows);
    if (!st.ok()) return st;
    return rows;
  }

  Result<int64_t> Exec(const std::string& sql, const Params& params) override {
    Status st = Run(sql, params, nullptr);
    if (!st.ok()) return st;
    return static_cast<int64_t>(sqlite3_changes(db_));
  }

  Status CopyRows(const std::string& table, const std::vector<std::string>& columns, size_t n,
                  const std::function<void(size_t, Params*)>& fill) override {
    std::string sql = "INSERT INTO " + table + " (", values;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? ", " : "") + columns[i];
      values += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    sql += ") VALUES (" + values + ")";
    Params row;
    for (size_t i = 0; i < n; ++i) {
      row.clear();
      fill(i, &row);
      ADWATCH_RETURN_IF_ERROR(Exec(sql, row).status());
    }
    return Status::Ok();
  }
  Status ExecScript(const std::string& sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      return Make(rc, msg);
    }
    return Status::Ok();
  }

 private:
  Status Make(int rc, const std::string& msg) const {
    int primary = rc & 0xff;
    std::string m = Describe() + ": " + msg;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Unavailable(m + " (database busy)");
    if (primary == SQLITE_CONSTRAINT) return Status::InvalidArgument(m);
    return Status::IoError(m);
  }
  Status Error(int rc, const char* what) const {
    return Make(rc, std::string(what) + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)));
  }

  // A prepared statement and, for parameter $N, its bind index at [N-1]
  // (0 = not used): looked up once, as sqlite3_bind_parameter_index is a
  // linear search.
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> index;
  };

  Result<Prepared*> Prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return &it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) return Error(rc, "prepare");
    Prepared p{stmt, {}};
    for (int i = 1; i <= sqlite3_bind_parameter_count(stmt); ++i) {
      const char* name = sqlite3_bind_parameter_name(stmt, i);
      if (!name || name[0] != '$') continue;
      size_t n = std::strtoul(name + 1, nullptr, 10);
      if (n == 0) continue;
      if (p.index.size() < n) p.index.resize(n, 0);
      p.index[n - 1] = i;
    }
    return &cache_.emplace(sql, std::move(p)).first->second;
  }

  Status Run(const std::string& sql, const Params& params, Rows* rows) {
    auto prepared = Prepare(sql);
    if (!prepared.ok()) return prepared.status();
    sqlite3_stmt* stmt = (*prepared)->stmt;
    const std::vector<int>& index = (*prepared)->index;
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() { sqlite3_reset(s); sqlite3_clear_bindings(s); }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = i < index.size() ? index[i] : 0;
      if (idx == 0) continue;  // parameter not used by this statement
      const Value& v = params[i];
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(v)) rc = sqlite3_bind_null(stmt, idx);
      else if (auto* n = std::get_if<int64_t>(&v)) rc = sqlite3_bind_int64(stmt, idx, *n);
      else if (auto* d = std::get_if<double>(&v)) rc = sqlite3_bind_double(stmt, idx, *d);
      else if (auto* b = std::get_if<Blob>(&v))
        rc = sqlite3_bind_blob(stmt, idx, b->bytes.data(), static_cast<int>(b->bytes.size()), SQLITE_STATIC);
      else {
        const auto& s = std::get<std::string>(v);
        rc = sqlite3_bind_text(stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
      }
      if (rc != SQLITE_OK) return Error(rc, "bind");
    }
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) return Status::Ok();
      if (rc != SQLITE_ROW) return Error(rc, "step");
      if (!rows) continue;
      Row row;
      int n = sqlite3_column_count(stmt);
      row.cols.reserve(n);
      for (int c = 0; c < n; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.cols.emplace_back(std::nullopt);
        } else {
          const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.cols.emplace_back(std::string(t, sqlite3_column_bytes(stmt, c)));
        }
      }
      rows->push_back(std::move(row));
    }
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, Prepared> cache_;
};

}  // namespace

std::unique_ptr<Db> OpenSqliteDb(const std::string& path, Duration busy_timeout, Status* status) {
  auto db = std::make_unique<SqliteDb>(path);
  *status = db->Open(busy_timeout);
  if (!status->ok()) return nullptr;
  return db;
}

}  // namespace adwatch::store_internal
