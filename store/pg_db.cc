// PostgreSQL adapter for the store (libpqxx 6.x API; libpq for binary COPY). The password comes
// from a secret and is added to the connection string here only; messages
// name host:port/db and the first line of the server's error (later lines,
// e.g. "DETAIL: Key (e164)=(…)", can carry personal data and are dropped).
#include <endian.h>
#include <libpq-fe.h>

#include <pqxx/largeobject>
#include <pqxx/pqxx>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "store/internal/db.h"

namespace adwatch::store_internal {
namespace {

std::string FirstLine(const char* what) {
  std::string s = what ? what : "";
  auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  return s;
}

// "host:port/db" from a conninfo (key=value or URI), never the password.
std::string DescribeConninfo(const std::string& conninfo) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &err);
  if (!opts) {
    if (err) PQfreemem(err);
    return "postgresql:(unparsable conninfo)";
  }
  std::string host = "localhost", port = "5432", db;
  for (auto* o = opts; o->keyword; ++o) {
    if (!o->val) continue;
    std::string k = o->keyword;
    if (k == "host" || (k == "hostaddr" && host == "localhost")) host = o->val;
    if (k == "port") port = o->val;
    if (k == "dbname") db = o->val;
  }
  PQconninfoFree(opts);
  return "postgresql:" + host + ":" + port + "/" + db;
}

std::string WithPassword(const std::string& conninfo, const std::string& password) {
  if (password.empty()) return conninfo;
  if (conninfo.rfind("postgres://", 0) == 0 || conninfo.rfind("postgresql://", 0) == 0) {
    std::string enc;
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : password) {
      if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') enc += static_cast<char>(c);
      else { enc += '%'; enc += hex[c >> 4]; enc += hex[c & 15]; }
    }
    return conninfo + (conninfo.find('?') == std::string::npos ? "?" : "&") + "password=" + enc;
  }
  std::string quoted = "'";
  for (char c : password) {
    if (c == '\'' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return conninfo + " password=" + quoted + "'";
}

class PgDb final : public Db {
 public:
  explicit PgDb(std::string describe) : describe_(std::move(describe)) {}

  Status Open(const std::string& conninfo) {
    conninfo_ = conninfo;
    prepared_.clear();
    try {
      conn_ = std::make_unique<pqxx::connection>(conninfo);
    } catch (const std::exception& e) {
      return Status::Unavailable(describe_ + ": cannot connect: " + FirstLine(e.what()));
    }
    try {
      // Prepared statements with many parameters (chunked upserts) get a
      // generic plan after five runs, which PostgreSQL may make a sequential
      // scan of a table that has grown since: plan each run for its values.
      // set_variable: libpqxx sets it again if it reactivates the connection.
      conn_->set_variable("plan_cache_mode", "force_custom_plan");
      custom_plans_ = true;
    } catch (const std::exception&) {
      // Servers before 12 lack the setting; they also plan differently.
    }
    try {
      return Status::Ok();
    } catch (const std::exception& e) {
      return Status::Unavailable(describe_ + ": cannot connect: " + FirstLine(e.what()));
    }
  }

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return describe_; }

  Status Begin() override {
    ADWATCH_RETURN_IF_ERROR(Reconnect());
    return Guard([&] { tx_ = std::make_unique<pqxx::work>(*conn_); });
  }
  Status Commit() override {
    Status st = Guard([&] { tx_->commit(); });
    tx_.reset();
    return st;
  }
  void Rollback() override {
    try {
      if (tx_) tx_->abort();
    } catch (...) {
    }
    tx_.reset();
  }

  Result<Rows> Query(const std::string& sql, const Params& params) override {
    Rows rows;
    Status st = Run(sql, params, &rows, nullptr);
    if (!st.ok()) return st;
    return rows;
  }
  Result<int64_t> Exec(const std::string& sql, const Params& params) override {
    int64_t n = 0;
    Status st = Run(sql, params, nullptr, &n);
    if (!st.ok()) return st;
    return n;
  }
  Status CopyRows(const std::string& table, const std::vector<std::string>& columns, size_t n,
                  const std::function<void(size_t, Params*)>& fill) override {
    if (!tx_) return Status::FailedPrecondition(describe_ + ": COPY outside a transaction");
    // The per-row foreign-key checks of a COPY run one cached one-parameter
    // query each; forced custom plans would plan it again for every row (a
    // third of the server's time in an ingest). Their generic plan is an
    // index lookup on a primary key, so let the cache keep it, for this COPY
    // only. The settings travel in the COPY's own query string: one round
    // trip instead of three.
    std::string sql = "COPY " + table + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
    sql += ") FROM STDIN WITH (FORMAT binary)";
    if (custom_plans_)
      sql = "SET LOCAL plan_cache_mode = auto; " + sql + "; SET LOCAL plan_cache_mode = force_custom_plan";
    return Guard([&] { CopyBinary(RawConnection::Of(*tx_), sql, table, columns.size(), n, fill); });
  }
  Status ExecScript(const std::string& sql) override {
    return Guard([&] {
      if (tx_) {
        tx_->exec(sql);
      } else {
        pqxx::nontransaction nt(*conn_);
        nt.exec(sql);
      }
    });
  }

 private:
  template <typename F>
  Status Guard(F&& f) {
    try {
      f();
      return Status::Ok();
    } catch (const pqxx::broken_connection& e) {
      return Status::Unavailable(describe_ + ": connection lost: " + FirstLine(e.what()));
    } catch (const pqxx::sql_error& e) {
      std::string state = e.sqlstate();
      std::string m = describe_ + ": " + FirstLine(e.what()) + " (SQLSTATE " + state + ")";
      if (state == "40001" || state == "40P01" || state == "55P03") return Status::Unavailable(m);
      if (state.rfind("23", 0) == 0) return Status::InvalidArgument(m);
      return Status::IoError(m);
    } catch (const std::exception& e) {
      return Status::IoError(describe_ + ": " + FirstLine(e.what()));
    }
  }

  // The libpq connection under a transaction: libpqxx 6 keeps it private
  // and offers it only to largeobject and its subclasses (a protected static).
  struct RawConnection : pqxx::largeobject {
    static PGconn* Of(const pqxx::dbtransaction& tx) { return raw_connection(tx); }
  };

  // COPY in its binary format, through libpq in buffers of many rows. libpqxx
  // 6 streams only text, escaping every byte of every field through a
  // generic escaper row by row (more client CPU than making the rows), and
  // the server then scans that text for delimiters and escapes again. Binary:
  // a field is its length and its bytes; integers go as int8 (bigint columns),
  // reals as float8. Errors are thrown as libpqxx's, so Guard maps them.
  // `sql`: the COPY, possibly between other statements (a simple query of
  // several statements; PQexec returns at the COPY's start, and the results
  // of the statements after it are read once the data was sent).
  static void CopyBinary(PGconn* pg, const std::string& sql, const std::string& table, size_t width, size_t n,
                         const std::function<void(size_t, Params*)>& fill) {
    Expect(pg, PQexec(pg, sql.c_str()), PGRES_COPY_IN);
    constexpr size_t kFlushAt = 64 * 1024;  // sent while the next rows are made
    std::string buf("PGCOPY\n\377\r\n\0", 11);
    PutInt(&buf, uint32_t{0});  // flags
    PutInt(&buf, uint32_t{0});  // header extension length
    buf.reserve(kFlushAt + 8192);
    try {
      Params row;
      for (size_t r = 0; r < n; ++r) {
        row.clear();
        fill(r, &row);
        if (row.size() != width) throw std::invalid_argument("COPY into " + table + ": a row of the wrong width");
        PutInt(&buf, static_cast<uint16_t>(row.size()));
        for (const Value& v : row) PutField(&buf, v);
        if (buf.size() >= kFlushAt) Send(pg, &buf);
      }
      PutInt(&buf, static_cast<uint16_t>(0xFFFF));  // trailer: -1
      Send(pg, &buf);
    } catch (...) {
      // The server drops the rows; the connection stays usable (the
      // transaction is aborted, as after any failed statement).
      PQputCopyEnd(pg, "adwatch: a row could not be made");
      Drain(pg);
      throw;
    }
    if (PQputCopyEnd(pg, nullptr) != 1) throw pqxx::broken_connection(PQerrorMessage(pg));
    // The COPY's result, then those of the statements after it, each checked.
    while (PGresult* res = PQgetResult(pg)) Expect(pg, res, PGRES_COMMAND_OK, /*drain=*/false);
  }

  template <typename U>
  static void PutInt(std::string* out, U v) {
    if constexpr (sizeof(U) == 2) v = htobe16(v);
    else if constexpr (sizeof(U) == 4) v = htobe32(v);
    else v = htobe64(v);
    out->append(reinterpret_cast<const char*>(&v), sizeof v);
  }

  static void PutField(std::string* out, const Value& v) {
    if (std::holds_alternative<std::monostate>(v)) {
      PutInt(out, static_cast<uint32_t>(0xFFFFFFFF));  // -1: null
    } else if (auto* x = std::get_if<int64_t>(&v)) {
      PutInt(out, uint32_t{8});
      PutInt(out, static_cast<uint64_t>(*x));
    } else if (auto* d = std::get_if<double>(&v)) {
      uint64_t bits;
      std::memcpy(&bits, d, sizeof bits);
      PutInt(out, uint32_t{8});
      PutInt(out, bits);
    } else {
      const auto* b = std::get_if<Blob>(&v);
      const std::string& t = b ? b->bytes : std::get<std::string>(v);
      PutInt(out, static_cast<uint32_t>(t.size()));
      out->append(t);
    }
  }

  // bytea's text input form ("\x" and two hex digits a byte), for a
  // parameter of a statement (parameters go as text).
  static std::string ByteaHex(const std::string& bytes) {
    static const char* kHex = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + 2 * bytes.size());
    for (unsigned char c : bytes) {
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    return out;
  }

  static void Send(PGconn* pg, std::string* buf) {
    if (PQputCopyData(pg, buf->data(), static_cast<int>(buf->size())) != 1)
      throw pqxx::broken_connection(PQerrorMessage(pg));
    buf->clear();
  }

  // Takes `res` (a statement's first result): throws unless it has status
  // `want`; on success reads any further results so the connection is idle
  // again, unless `drain` is false (the caller reads them); on failure always.
  static void Expect(PGconn* pg, PGresult* res, ExecStatusType want, bool drain = true) {
    const bool ok = res && PQresultStatus(res) == want;
    std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(pg);
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    std::string sqlstate = state ? state : "";
    PQclear(res);
    if (ok) {
      if (drain && want != PGRES_COPY_IN) Drain(pg);
      return;
    }
    Drain(pg);
    if (PQstatus(pg) == CONNECTION_BAD) throw pqxx::broken_connection(message);
    throw pqxx::sql_error(message, "COPY", sqlstate.empty() ? nullptr : sqlstate.c_str());
  }

  static void Drain(PGconn* pg) {
    while (PGresult* r = PQgetResult(pg)) {
      // A COPY the server still waits data for (after a failed start) is ended.
      if (PQresultStatus(r) == PGRES_COPY_IN) PQputCopyEnd(pg, "adwatch: aborted");
      PQclear(r);
    }
  }

  // After a lost connection (server restart, network), the next statement
  // outside a transaction or the next transaction connects again; the one
  // that saw the loss failed with kUnavailable and was not applied.
  Status Reconnect() {
    if (tx_ || (conn_ && conn_->is_open())) return Status::Ok();
    return Open(conninfo_);
  }

  Status Run(const std::string& sql, const Params& params, Rows* rows, int64_t* affected) {
    if (!tx_) ADWATCH_RETURN_IF_ERROR(Reconnect());
    std::vector<std::optional<std::string>> texts;
    texts.reserve(params.size());
    for (const Value& v : params) {
      if (std::holds_alternative<std::monostate>(v)) texts.emplace_back(std::nullopt);
      else if (auto* n = std::get_if<int64_t>(&v)) texts.emplace_back(std::to_string(*n));
      else if (auto* d = std::get_if<double>(&v)) texts.emplace_back(pqxx::to_string(*d));
      else if (auto* b = std::get_if<Blob>(&v)) texts.emplace_back(ByteaHex(b->bytes));
      else texts.emplace_back(std::get<std::string>(v));
    }
    std::vector<const char*> ptrs;
    ptrs.reserve(texts.size());
    for (const auto& t : texts) ptrs.push_back(t ? t->c_str() : nullptr);
    return Guard([&] {
      auto it = prepared_.find(sql);
      if (it == prepared_.end()) {
        std::string name = "s" + std::to_string(prepared_.size());
        conn_->prepare(name, sql);
        it = prepared_.emplace(sql, name).first;
      }
      pqxx::result r;
      if (tx_) {
        r = tx_->exec_prepared(it->second, pqxx::prepare::make_dynamic_params(ptrs));
      } else {
        // Outside a transaction a statement runs on its own (autocommit):
        // no BEGIN/COMMIT round trips for plain reads.
        pqxx::nontransaction nt(*conn_);
        r = nt.exec_prepared(it->second, pqxx::prepare::make_dynamic_params(ptrs));
      }
      if (affected) *affected = static_cast<int64_t>(r.affected_rows());
      if (rows) {
        rows->reserve(r.size());
        // bytea columns (sealed ad versions) come as their bytes, not as the
        // server's hex text.
        constexpr pqxx::oid kByteaOid = 17;
        std::vector<bool> bytea(r.columns());
        for (pqxx::row::size_type c = 0; c < r.columns(); ++c) bytea[c] = r.column_type(c) == kByteaOid;
        for (const auto& pr : r) {
          Row row;
          row.cols.reserve(pr.size());
          for (const auto& f : pr) {
            if (f.is_null()) row.cols.emplace_back(std::nullopt);
            else if (bytea[f.num()]) row.cols.emplace_back(pqxx::binarystring(f).str());
            else row.cols.emplace_back(std::string(f.c_str(), f.size()));
          }
          rows->push_back(std::move(row));
        }
      }
    });
  }

  std::string describe_;
  std::string conninfo_;  // with the password: kept for reconnects, never shown
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::work> tx_;
  std::unordered_map<std::string, std::string> prepared_;
  bool custom_plans_ = false;  // plan_cache_mode = force_custom_plan is set (servers from 12 on)
};

}  // namespace

std::unique_ptr<Db> OpenPgDb(const std::string& conninfo, const std::string& password, Status* status) {
  auto db = std::make_unique<PgDb>(DescribeConninfo(conninfo));
  *status = db->Open(WithPassword(conninfo, password));
  if (!status->ok()) return nullptr;
  return db;
}

}  // namespace adwatch::store_internal
