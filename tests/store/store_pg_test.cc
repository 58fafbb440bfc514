// PostgreSQL-only behaviour: the password comes from a secret reference and
// never shows in messages; TLS settings in the conninfo are honoured (a
// server without TLS is refused when sslmode=require); the adapter's binary
// COPY keeps every value and fails cleanly; versions stored before schema
// v11 (bytea) read back after it; a version never outlives its ad when a
// change of the ad and its deletion race.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "core/crypto.h"
#include "core/env.h"
#include "store/internal/db.h"
#include "store/internal/sql_store.h"
#include "store/store.h"
#include "tests/support/pg_server.h"

namespace adwatch {
namespace {

class PgTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto s = testing::PgServer::Start();
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s.value()).release();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(server_, nullptr);
    char tmpl[] = "/tmp/adwatch-pgtest-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::ofstream(dir_ + "/key") << "k\n";
    config_.backend = "postgresql";
    config_.conninfo = server_->ConnInfo();
    config_.pseudonym_key = "file:" + dir_ + "/key";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static testing::PgServer* server_;
  std::string dir_;
  StoreConfig config_;
  FakeClock clock_;
};
testing::PgServer* PgTest::server_ = nullptr;

TEST_F(PgTest, PasswordFromSecretIsQuotedAndNeverInMessages) {
  const std::string secret = "s3cr'et pass\\word";
  std::ofstream(dir_ + "/pw") << secret << "\n";
  config_.password = "file:" + dir_ + "/pw";
  auto ok = OpenStore(config_, *Env::Default(), clock_);  // trust auth: accepted, and the quoting parsed
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_NE((*ok)->Describe().find("127.0.0.1"), std::string::npos);

  StoreConfig bad = config_;
  bad.conninfo = "host=127.0.0.1 port=1 dbname=nowhere user=postgres connect_timeout=2";
  auto refused = OpenStore(bad, *Env::Default(), clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("127.0.0.1:1/nowhere"), std::string::npos) << refused.status().message();
  EXPECT_EQ(refused.status().message().find("s3cr"), std::string::npos) << refused.status().message();

  StoreConfig uri = config_;
  uri.conninfo = "postgresql://postgres@127.0.0.1:" + std::to_string(server_->port()) + "/postgres";
  EXPECT_TRUE(OpenStore(uri, *Env::Default(), clock_).ok());

  StoreConfig missing = config_;
  missing.password = "env:ADWATCH_TEST_NO_SUCH_PASSWORD";
  unsetenv("ADWATCH_TEST_NO_SUCH_PASSWORD");
  auto m = OpenStore(missing, *Env::Default(), clock_);
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("PostgreSQL password"), std::string::npos) << m.status().message();
}

TEST_F(PgTest, TlsRequiredByConninfoIsHonoured) {
  StoreConfig tls = config_;
  tls.conninfo += " sslmode=require connect_timeout=5";
  auto s = OpenStore(tls, *Env::Default(), clock_);
  ASSERT_FALSE(s.ok()) << "the test server has no TLS: sslmode=require must refuse it";
  EXPECT_NE(s.status().message().find("SSL"), std::string::npos) << s.status().message();
}

TEST_F(PgTest, StoreReconnectsAfterTheServerRestarts) {
  ASSERT_TRUE(server_->CreateDatabase("restart").ok());
  config_.conninfo = server_->ConnInfo("restart");
  auto store = OpenStore(config_, *Env::Default(), clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Ad ad;
  ad.site = "s";
  ad.id = "1";
  ASSERT_TRUE((*store)->UpsertAds({ad}, clock_.Now()).ok());
  ASSERT_TRUE(server_->Restart().ok());
  // The first call after the loss may fail (kUnavailable, nothing applied);
  // within a few tries the store works again without being reopened.
  Status st;
  ad.id = "2";
  for (int i = 0; i < 3; ++i) {
    auto r = (*store)->UpsertAds({ad}, clock_.Now());
    st = r.status();
    if (r.ok()) break;
    EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  }
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto counters = (*store)->GetSiteCounters("s");
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  EXPECT_EQ(counters->ads_known, 2);
}

// Db::CopyRows writes COPY's binary format itself: integers, reals, nulls and
// text with any bytes come back as they were, over more than one send
// buffer; a failing COPY (a duplicate key, a row the caller cannot make, a
// row of the wrong width) is a Status without the server's DETAIL line, and
// the connection serves the next transaction.
TEST_F(PgTest, CopyRowsKeepsEveryValueAndFailsCleanly) {
  using namespace store_internal;
  Status st;
  auto db = OpenPgDb(server_->ConnInfo(), "", &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(db->ExecScript("CREATE TABLE copy_rows (k BIGINT PRIMARY KEY, t TEXT NOT NULL, r DOUBLE PRECISION, "
                             "z TEXT)")
                  .ok());
  const std::string odd = "tab\there\nback\\slash \"quote\" caf\xC3\xA9 \\N";
  const size_t n = 200;  // ~600 KB: several sends
  auto fill = [&](size_t i, Params* row) {
    *row = {I(static_cast<int64_t>(i) - 100), S(odd + std::string(3000, 'a' + i % 26)), D(i * 0.5 - 7.25),
            i % 2 ? Null() : S(std::to_string(i))};
  };
  ASSERT_TRUE(db->Begin().ok());
  st = db->CopyRows("copy_rows", {"k", "t", "r", "z"}, n, fill);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(db->Commit().ok());
  auto rows = db->Query("SELECT k, t, r, z FROM copy_rows ORDER BY k");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), n);
  for (size_t i : {size_t{0}, size_t{1}, size_t{77}, n - 1}) {
    Params want;
    fill(i, &want);
    const Row& r = (*rows)[i];
    EXPECT_EQ(r.Int(0), std::get<int64_t>(want[0]));
    EXPECT_EQ(r.Str(1), std::get<std::string>(want[1]));
    EXPECT_DOUBLE_EQ(r.Real(2), std::get<double>(want[2]));
    EXPECT_EQ(r.IsNull(3), i % 2 == 1);
    if (i % 2 == 0) {
      EXPECT_EQ(r.Str(3), std::to_string(i));
    }
  }

  ASSERT_TRUE(db->Begin().ok());
  st = db->CopyRows("copy_rows", {"k", "t", "r", "z"}, 1, [](size_t, Params* row) {
    *row = {I(-100), S("again"), D(0), Null()};
  });
  EXPECT_EQ(st.code(), Status::Code::kInvalidArgument) << st.ToString();
  EXPECT_NE(st.message().find("23505"), std::string::npos) << st.message();
  EXPECT_EQ(st.message().find("(k)=(-100)"), std::string::npos) << st.message();
  db->Rollback();

  ASSERT_TRUE(db->Begin().ok());
  st = db->CopyRows("copy_rows", {"k", "t", "r", "z"}, 50, [](size_t i, Params* row) {
    if (i == 40) throw std::runtime_error("cannot make row 40");
    *row = {I(static_cast<int64_t>(1000 + i)), S(std::string(3000, 'x')), D(0), Null()};
  });
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot make row 40"), std::string::npos) << st.message();
  db->Rollback();

  ASSERT_TRUE(db->Begin().ok());
  st = db->CopyRows("copy_rows", {"k", "t", "r", "z"}, 1, [](size_t, Params* row) { *row = {I(5000), S("short")}; });
  EXPECT_FALSE(st.ok());
  db->Rollback();

  auto count = db->Query("SELECT COUNT(*) FROM copy_rows");
  ASSERT_TRUE(count.ok()) << count.status().ToString();
  EXPECT_EQ(count->front().Int(0), static_cast<int64_t>(n));
  ASSERT_TRUE(db->ExecScript("DROP TABLE copy_rows").ok());
}

// Schema v11 turns ad_versions.data into bytea: versions stored at v10 (sealed
// as base64 text, or plain JSON from before sealing) open as they did, beside
// new ones the bulk path writes as bytes and a changed version of an old ad.
TEST_F(PgTest, VersionsStoredAtV10ReadBackAfterTheMigration) {
  using namespace store_internal;
  ASSERT_TRUE(server_->CreateDatabase("at_v10").ok());
  config_.conninfo = server_->ConnInfo("at_v10");
  Status st;
  auto db = OpenPgDb(config_.conninfo, "", &st);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_TRUE(db->Begin().ok());
  ASSERT_TRUE(db->ExecScript("CREATE TABLE schema_version (version BIGINT NOT NULL, applied_at BIGINT NOT NULL)").ok());
  for (int v = 1; v <= 10; ++v) {
    ASSERT_TRUE(db->ExecScript(PgMigrations()[v - 1]).ok()) << v;
    ASSERT_TRUE(db->Exec("INSERT INTO schema_version (version, applied_at) VALUES ($1, 0)", {I(v)}).ok());
  }
  auto key = ReadSecret(*Env::Default(), config_.pseudonym_key);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  const SecretBox box = SecretBox::Derive(*key, "store data at rest");
  auto make = [](const std::string& id, const std::string& text) {
    Ad ad;
    ad.site = "demo";
    ad.id = id;
    ad.url = "https://demo.example/ad/" + id;
    ad.title = "Ad " + id;
    ad.text = text;
    ad.city = "Heerlen";
    ad.phones = {"06-12345678"};
    return ad;
  };
  const Ad sealed = make("sealed", "verzegeld \"tekst\" \\ caf\xC3\xA9"), plain = make("plain", "van voor het verzegelen");
  for (const auto& [ad, data] : {std::pair{sealed, box.Seal(AdJsonText(sealed))}, std::pair{plain, AdJsonText(plain)}}) {
    auto id = db->Query(
        "INSERT INTO ads (site, ad_id, url, content_hash, first_seen, last_seen) VALUES ($1, $2, $3, $4, 0, 0) "
        "RETURNING id",
        {S(ad.site), S(ad.id), S(ad.url), S(ContentHash(ad))});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    ASSERT_TRUE(db->Exec("INSERT INTO ad_versions (ad, content_hash, first_seen, data) VALUES ($1, $2, 0, $3)",
                         {I(id->front().Int(0)), S(ContentHash(ad)), S(data)})
                    .ok());
  }
  ASSERT_TRUE(db->Commit().ok());
  db.reset();

  auto store = OpenStore(config_, *Env::Default(), clock_);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ((*store)->SchemaVersion(), 11);
  for (const Ad& ad : {sealed, plain}) {
    auto rec = (*store)->LoadAd({ad.site, ad.id});
    ASSERT_TRUE(rec.ok()) << rec.status().ToString();
    EXPECT_EQ(rec->ad.text, ad.text);
    EXPECT_EQ(rec->ad.title, ad.title);
    EXPECT_EQ(rec->ad.phones, ad.phones);
    EXPECT_EQ(rec->content_hash, ContentHash(ad));
  }
  std::vector<Ad> batch = {make("sealed", "veranderd")};
  for (int i = 0; i < 40; ++i) batch.push_back(make("new" + std::to_string(i), std::string(1500, 'n')));
  auto r = (*store)->UpsertAds(batch, clock_.Now());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].event, AdEvent::kChanged);
  auto versions = (*store)->LoadAdVersions({"demo", "sealed"});
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 2u);
  std::set<std::string> texts = {(*versions)[0].ad.text, (*versions)[1].ad.text};
  EXPECT_EQ(texts, (std::set<std::string>{sealed.text, "veranderd"}));
  auto fresh = (*store)->LoadAd({"demo", "new39"});
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ(fresh->ad.text, std::string(1500, 'n'));
  auto binary = server_->QueryValue("SELECT COUNT(*) FROM ad_versions WHERE data LIKE 'enc2:%'", "at_v10");
  ASSERT_TRUE(binary.ok()) << binary.status().ToString();
  EXPECT_EQ(*binary, "41");  // the 40 new ones and the changed one: what is written now is the box's bytes
}

// A change of an ad and its deletion (forget, purge) in two processes: the
// foreign key from ad_versions to ads settles both orders today (its check,
// its cascade); these tests hold whatever settles them.
class PgRaceTest : public PgTest {
 protected:
  void SetUp() override {
    PgTest::SetUp();
    static int n = 0;
    db_name_ = "race" + std::to_string(++n);
    ASSERT_TRUE(server_->CreateDatabase(db_name_).ok());
    config_.conninfo = server_->ConnInfo(db_name_);
    auto store = OpenStore(config_, *Env::Default(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->UpsertAds({Make("old")}, clock_.Now()).ok());
    Status st;
    other_ = store_internal::OpenPgDb(config_.conninfo, "", &st);
    ASSERT_TRUE(st.ok()) << st.ToString();
    auto id = Sql("SELECT id FROM ads WHERE ad_id = 'x'");
    id_ = std::stoll(id);
  }
  static Ad Make(const std::string& text) {
    Ad ad;
    ad.site = "demo";
    ad.id = "x";
    ad.url = "https://demo.example/ad/x";
    ad.text = text;
    return ad;
  }
  std::string Sql(const std::string& sql) {
    auto v = server_->QueryValue(sql, db_name_);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : "";
  }
  // Waits until a statement of another session waits for a row lock.
  void WaitForLockWaiter() {
    for (int i = 0; i < 500; ++i) {
      if (Sql("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") != "0") return;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "no session waited for a lock";
  }

  std::string db_name_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<store_internal::Db> other_;
  int64_t id_ = 0;
};

// Another process deletes the ad (forget, purge) while a batch that changes
// it is being written: the batch's UPDATE waits for the delete, finds no row,
// and the batch fails without leaving the new version behind.
TEST_F(PgRaceTest, AChangeOfAnAdDeletedMeanwhileFailsAndLeavesNoVersion) {
  using namespace store_internal;
  ASSERT_TRUE(other_->Begin().ok());
  ASSERT_TRUE(other_->Exec("DELETE FROM ads WHERE id = $1", {I(id_)}).ok());
  Result<std::vector<AdUpsertResult>> changed = Status::Internal("not run");
  std::thread writer([&] { changed = store_->UpsertAds({Make("new")}, clock_.Now()); });
  WaitForLockWaiter();
  ASSERT_TRUE(other_->Exec("DELETE FROM ad_versions WHERE ad = $1", {I(id_)}).ok());
  ASSERT_TRUE(other_->Commit().ok());
  writer.join();
  EXPECT_FALSE(changed.ok());
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM ad_versions"), "0");
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM ads"), "0");
}

// A batch that changed the ad commits while forget waits for it: the
// version it added goes with the ad.
TEST_F(PgRaceTest, ForgetWaitingForAWriterAlsoDeletesTheVersionItAdded) {
  using namespace store_internal;
  ASSERT_TRUE(other_->Begin().ok());
  ASSERT_TRUE(other_->Exec("UPDATE ads SET content_hash = 'h2' WHERE id = $1", {I(id_)}).ok());
  ASSERT_TRUE(other_->Exec("INSERT INTO ad_versions (ad, content_hash, first_seen, data) VALUES ($1, 'h2', 0, $2)",
                           {I(id_), B("{}")})
                  .ok());
  Result<ForgetCounts> forgot = Status::Internal("not run");
  std::thread eraser([&] { forgot = store_->ForgetAd(Make("").url, "alice", clock_.Now()); });
  WaitForLockWaiter();
  ASSERT_TRUE(other_->Commit().ok());
  eraser.join();
  ASSERT_TRUE(forgot.ok()) << forgot.status().ToString();
  EXPECT_EQ(forgot->ads, 1);
  EXPECT_EQ(Sql("SELECT COUNT(*) FROM ad_versions"), "0");
}

}  // namespace
}  // namespace adwatch
