// The conformance fixture: every TEST_P runs once per backend ("sqlite",
// "postgresql") against a fresh, empty store. PostgreSQL is a real
// throwaway server (tests/support/pg_server.h), one per test process, with a
// new database per test. Raw SQL helpers let tests check the tables
// themselves (data really gone, no duplicates).
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/env.h"
#include "store/store.h"
#include "tests/support/pg_server.h"

namespace adwatch {

inline testing::PgServer* SharedPg(std::string* error) {
  static std::unique_ptr<testing::PgServer> server;
  static std::string start_error;
  if (!server && start_error.empty()) {
    auto s = testing::PgServer::Start();
    if (s.ok()) server = std::move(s.value());
    else start_error = s.status().ToString();
  }
  *error = start_error;
  return server.get();
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-store-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ + "/key") << "test-pseudonym-key\n";
    config_.pseudonym_key = "file:" + dir_ + "/key";
    config_.backend = GetParam();
    if (GetParam() == "sqlite") {
      config_.path = dir_ + "/adwatch.db";
    } else {
      std::string error;
      pg_ = SharedPg(&error);
      ASSERT_NE(pg_, nullptr) << error;
      static int counter = 0;
      dbname_ = "t" + std::to_string(getpid()) + "_" + std::to_string(++counter);
      ASSERT_TRUE(pg_->CreateDatabase(dbname_).ok());
      config_.conninfo = pg_->ConnInfo(dbname_);
    }
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void Reopen() {
    store_.reset();
    auto s = OpenStore(config_, *Env::Default(), clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s.value());
  }

  // First column of the first row of `sql`, run directly on the backend.
  std::string Raw(const std::string& sql) {
    if (GetParam() == "postgresql") {
      auto v = pg_->QueryValue(sql, dbname_);
      EXPECT_TRUE(v.ok()) << v.status().ToString();
      return v.ok() ? *v : "";
    }
    sqlite3* db = nullptr;
    std::string out;
    sqlite3_open(config_.path.c_str(), &db);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    else
      EXPECT_TRUE(rc == SQLITE_ROW || rc == SQLITE_DONE) << sqlite3_errmsg(db);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }
  int64_t Count(const std::string& table_and_where) {
    return std::stoll(Raw("SELECT COUNT(*) FROM " + table_and_where));
  }

public:
  static Ad MakeAd(const std::string& id, const std::string& text = "hallo", const std::string& site = "demo") {
    Ad ad;
    ad.site = site;
    ad.id = id;
    ad.url = "https://" + site + ".example/ad/" + id;
    ad.title = "Ad " + id;
    ad.text = text;
    ad.city = "Heerlen";
    ad.phones = {"06-12345678"};
    ad.photos = {"https://" + site + ".example/p/" + id + ".jpg"};
    return ad;
  }

protected:
  TimePoint Now() const { return clock_.Now(); }

  std::string dir_;
  std::string dbname_;
  testing::PgServer* pg_ = nullptr;
  StoreConfig config_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
};

#define ASSERT_OK(expr)                                   \
  do {                                                    \
    auto&& _s = (expr);                                   \
    ASSERT_TRUE(_s.ok()) << ::adwatch::StatusOf(_s).ToString(); \
  } while (0)

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) { return r.status(); }

}  // namespace adwatch
