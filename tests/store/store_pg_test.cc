// PostgreSQL-only behaviour: the password comes from a secret reference and
// never shows in messages; TLS settings in the conninfo are honoured (a
// server without TLS is refused when sslmode=require).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

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

}  // namespace
}  // namespace adwatch
