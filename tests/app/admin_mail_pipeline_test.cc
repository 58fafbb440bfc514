// The daemon's pipeline (app/wire_pipeline.cc) crawling a site on 127.0.0.1
// whose profile reads no text, with the fake clock and a real SMTP server:
// the administrator gets one mail per day while the profile stays broken,
// also through the later cycles that only see unchanged pages (304), and
// none once a cycle reads text again. The site health gauge follows.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <unistd.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>

#include "app/pipeline.h"
#include "config/loader.h"
#include "store/store.h"
#include "tests/app/one_rule.h"
#include "tests/crawler/test_server.h"
#include "tests/support/smtp_sink.h"

namespace adwatch {
namespace {

using std::chrono::hours;
using testing::TestReply;
using testing::TestRequest;

constexpr const char* kRules = testing::kOneRule;

// Three ads as JSON; the site "renames" its text field while `renamed` is set.
// Detail pages carry an ETag and answer 304 to a matching If-None-Match.
TestReply Serve(const TestRequest& q, bool renamed) {
  TestReply r;
  r.headers = {{"Content-Type", "application/json"}};
  if (q.target == "/robots.txt") {
    r.status = 404;
  } else if (q.target == "/list") {
    r.body = R"({"items":[{"u":"/ad/1","id":"1"},{"u":"/ad/2","id":"2"},{"u":"/ad/3","id":"3"}]})";
  } else {
    std::string id = q.target.substr(q.target.rfind('/') + 1);
    std::string etag = std::string("\"") + (renamed ? "renamed-" : "text-") + id + "\"";
    auto inm = q.headers.find("if-none-match");
    if (inm != q.headers.end() && inm->second == etag) {
      r.status = 304;
      return r;
    }
    r.headers.push_back({"ETag", etag});
    r.body = std::string(R"({"id":")") + id + R"(","title":"Nieuw in Heerlen",)" +
             (renamed ? R"("beschrijving")" : R"("text")") + R"(:"Lieve dame, 24/7 bereikbaar"})";
  }
  return r;
}

class AdminMailPipeline : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("adwatch-admin-mail-pipeline-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/rules.toml") << kRules;
    LoadResult r = LoadRuleFiles({dir_ + "/rules.toml"});
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
    config_ = r.config;
    config_.matcher.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
    config_.store.backend = "sqlite";
    config_.store.path = dir_ + "/adwatch.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/pseudonym.key";
    ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
    config_.crawler.min_delay = std::chrono::milliseconds(0);
    config_.crawler.timeout = std::chrono::seconds(5);
    config_.alerts.transport = "smtp";
    config_.alerts.from = "adwatch@zuid-limburg.example";
    config_.alerts.admin_recipients = {"beheer@zuid-limburg.example"};
    clock_.Set(FromUnixSeconds(1'795'950'000));  // 2026-11-29 11:00 UTC
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SiteConfig Site(const std::string& base) {
    SiteConfig s;
    s.name = "local";
    s.kind = "json";
    s.purpose = "test";
    s.legal_basis = "test";
    s.start_urls = {base + "/list"};
    s.allow_private_addresses = true;
    s.allowed_private_addresses = {"127.0.0.1"};
    s.ad_links.json_pointer = "/items/*/u";
    s.listing_ids.json_pointer = "/items/*/id";  // conditional GET: unchanged ads answer 304
    s.fields["id"].json_pointer = "/id";
    s.fields["title"].json_pointer = "/title";
    s.fields["text"].json_pointer = "/text";
    return s;
  }

  // One crawl cycle of the site, then the evaluation (which delivers the outbox).
  CycleSummary Cycle(boost::asio::io_context& io, Pipeline& p, const ConfigPtr& config, const Metrics& metrics) {
    CycleSummary out;
    bool done = false;
    p.StartCycle(config, "local", [&](const CycleSummary& s) {
      out = s;
      done = true;
    });
    io.restart();
    // The ads are analysed on the pool and the cycle's end is posted back to
    // the loop: keep the loop waiting for it while no handler is ready.
    auto guard = boost::asio::make_work_guard(io);
    while (!done && io.run_one()) {
    }
    io.poll();
    // The evaluation queues the mail and asks the mail worker (its own
    // thread) for a round; wait on the loop for that round's report.
    const int64_t rounds = metrics.mail_rounds;
    EXPECT_TRUE(p.Evaluate().ok());
    while (metrics.mail_rounds == rounds && io.run_one()) {
    }
    return out;
  }

  int AdminMails(const testing::SmtpSink& sink) {
    int n = 0;
    for (const auto& m : sink.Messages())
      n += m.recipients == std::vector<std::string>{"beheer@zuid-limburg.example"} ? 1 : 0;
    return n;
  }

  std::string dir_;
  Config config_;
  FakeClock clock_;
};

TEST_F(AdminMailPipeline, OnceADayWhileBrokenThroughUnchangedPagesAndNoneOnceFixed) {
  std::atomic<bool> renamed{true};
  testing::TestServer server([&](const TestRequest& q) { return Serve(q, renamed.load()); });
  testing::SmtpSink sink(dir_ + "/sink");
  ASSERT_TRUE(sink.Start());
  config_.alerts.smtp.url = sink.Url();
  config_.alerts.smtp.require_tls = false;
  config_.sites = {Site(server.base())};
  auto config = std::make_shared<const Config>(config_);

  boost::asio::io_context io;
  Metrics metrics;
  auto pipeline = CreatePipeline(io, config, clock_, metrics);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  Pipeline& p = **pipeline;

  CycleSummary s = Cycle(io, p, config, metrics);
  EXPECT_TRUE(s.completed) << s.error;
  EXPECT_EQ(s.ads_new, 3);
  EXPECT_EQ(metrics.sites["local"].profile_broken, 1);
  EXPECT_NE(metrics.sites["local"].profile_broken_reason.find("text JSON pointer '/text' matched nothing on 3 of 3 ads"),
            std::string::npos)
      << metrics.sites["local"].profile_broken_reason;
  EXPECT_NE(RenderPrometheus(metrics).find("adwatch_site_profile_broken{site=\"local\"} 1\n"), std::string::npos);
  HealthMemory memory;
  Health health = JudgeHealth(metrics, memory, clock_.Now(), {}, {});
  EXPECT_NE(health.text.find("site local: profile broken"), std::string::npos) << health.text;
  EXPECT_EQ(AdminMails(sink), 1);

  // Later that day: the pages are unchanged (304), nothing to judge by; still broken, no second mail.
  clock_.Advance(hours(1));
  s = Cycle(io, p, config, metrics);
  EXPECT_TRUE(s.completed) << s.error;
  EXPECT_EQ(s.ads_new + s.ads_changed, 0);
  EXPECT_EQ(metrics.sites["local"].profile_broken, 1);
  EXPECT_EQ(AdminMails(sink), 1);

  // The next day, still unchanged and still broken: the day's mail.
  clock_.Advance(hours(24));
  s = Cycle(io, p, config, metrics);
  EXPECT_EQ(metrics.sites["local"].profile_broken, 1);
  EXPECT_EQ(AdminMails(sink), 2);

  // The profile reads text again (here the site changed back): the verdict clears, no more mail.
  renamed = false;
  clock_.Advance(hours(1));
  s = Cycle(io, p, config, metrics);
  EXPECT_EQ(s.ads_changed, 3);
  EXPECT_EQ(metrics.sites["local"].profile_broken, 0);
  clock_.Advance(hours(24));
  s = Cycle(io, p, config, metrics);
  EXPECT_EQ(metrics.sites["local"].profile_broken, 0);
  EXPECT_EQ(AdminMails(sink), 2);
  EXPECT_NE(RenderPrometheus(metrics).find("adwatch_site_profile_broken{site=\"local\"} 0\n"), std::string::npos);
}

}  // namespace
}  // namespace adwatch
