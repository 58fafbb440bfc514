// The real pipeline (app/wire_pipeline.cc) without crawling: its cross-ad
// index is loaded from a SQLite store, and an erasure made by another
// process (`adwatch forget --phone`) must not be undone by the next
// evaluation writing the index's linked entities back.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>

#include "app/pipeline.h"
#include "config/loader.h"
#include "store/store.h"
#include "tests/app/one_rule.h"

namespace adwatch {
namespace {

constexpr const char* kRules = testing::kOneRule;

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/adwatch-pipeline-test-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ + "/mail");
    std::ofstream(dir_ + "/rules.toml") << kRules;
    LoadResult r = LoadRuleFiles({dir_ + "/rules.toml"});
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
    config_ = r.config;
    config_.matcher.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
    config_.store.backend = "sqlite";
    config_.store.path = dir_ + "/adwatch.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/pseudonym.key";
    config_.alerts.transport = "file";
    config_.alerts.out_dir = dir_ + "/mail";
    ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
  }

  // A second handle on the same store, as another adwatch process has.
  std::unique_ptr<Store> Other() {
    auto s = OpenStore(config_.store, *Env::Default(), clock_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::string dir_;
  Config config_;
  FakeClock clock_;
};

Ad MakeAd(const std::string& id, const std::string& phone) {
  Ad ad;
  ad.site = "demo-html";
  ad.id = id;
  ad.url = "http://127.0.0.1:8080/ad/" + id;
  ad.title = "Nieuw in Heerlen";
  ad.text = "24/7 bereikbaar, bel " + phone;
  ad.city = "Heerlen";
  ad.phones = {phone};
  return ad;
}

TEST_F(PipelineTest, ForgetWhileRunningIsNotUndoneByTheNextEvaluation) {
  const std::string phone = "+31612345678";
  {
    auto store = Other();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->UpsertAds({MakeAd("1", phone), MakeAd("2", phone)}, clock_.Now()).ok());
  }
  boost::asio::io_context io;
  Metrics metrics;
  auto pipeline = CreatePipeline(io, std::make_shared<const Config>(config_), clock_, metrics);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  ASSERT_TRUE((*pipeline)->Evaluate().ok());
  auto other = Other();
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->ExportPhone(phone, "test", clock_.Now()).ok()) << "the two ads share the phone";

  // `adwatch forget --phone` in another process while the daemon runs.
  auto forgot = other->ForgetPhone(phone, "test", clock_.Now());
  ASSERT_TRUE(forgot.ok()) << forgot.status().ToString();
  EXPECT_EQ(forgot->ads, 2);
  ASSERT_EQ(other->ExportPhone(phone, "test", clock_.Now()).status().code(), Status::Code::kNotFound);

  clock_.Advance(std::chrono::minutes(5));
  ASSERT_TRUE((*pipeline)->Evaluate().ok());
  ASSERT_TRUE((*pipeline)->SendDigests(true).ok());
  auto after = other->ExportPhone(phone, "test", clock_.Now());
  EXPECT_EQ(after.status().code(), Status::Code::kNotFound) << "the daemon wrote the forgotten number back";
  EXPECT_NE((*pipeline)->StatusLine().find("0 ads"), std::string::npos) << (*pipeline)->StatusLine();
}

TEST_F(PipelineTest, GenerationMovesWithEveryErasure) {
  auto store = Other();
  ASSERT_TRUE(store);
  auto g0 = store->StoreGeneration();
  ASSERT_TRUE(g0.ok()) << g0.status().ToString();
  ASSERT_TRUE(store->ForgetPhone("+31600000000", "test", clock_.Now()).ok());
  auto g1 = store->StoreGeneration();
  ASSERT_TRUE(g1.ok());
  EXPECT_GT(*g1, *g0);
  ASSERT_TRUE(store->Purge(RetentionConfig{}, "test", clock_.Now()).ok());
  EXPECT_GT(*store->StoreGeneration(), *g1);
}

}  // namespace
}  // namespace adwatch
