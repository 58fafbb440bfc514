// The crawl cycle against a scripted HTTP server on 127.0.0.1 and a real
// SQLite store: Retry-After is honoured (measured), and a profile that
// extracts nothing raises "profile broken".
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <mutex>

#include "crawler/crawl.h"
#include "store/store.h"
#include "tests/crawler/test_server.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;
using testing::TestReply;
using testing::TestRequest;
using testing::TestServer;

class CrawlLocalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-crawl-local-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_.store.path = dir_ + "/a.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/key";
    config_.crawler.min_delay = 0ms;
    config_.crawler.timeout = 3s;
    config_.crawler.max_retries = 2;
    ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
    auto s = OpenStore(config_.store, *Env::Default(), clock_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

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
    s.fields["id"].json_pointer = "/id";
    s.fields["title"].json_pointer = "/title";
    return s;
  }

  Result<std::vector<SiteSummary>> Crawl() {
    boost::asio::io_context io;
    auto fetcher = MakeCurlFetcher(io);
    CrawlOptions o;
    o.worker = "w";
    return RunCrawlCycle(config_, *store_, *fetcher, io, clock_, o);
  }

  std::string dir_;
  Config config_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
};

TEST_F(CrawlLocalTest, RetryAfterIsHonoured) {
  std::mutex mu;
  std::vector<std::chrono::steady_clock::time_point> ad_hits;
  TestServer server([&](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") { r.status = 404; return r; }
    if (q.target == "/list") { r.body = R"({"items":[{"u":"/ad/1"}]})"; return r; }
    std::lock_guard<std::mutex> l(mu);
    ad_hits.push_back(std::chrono::steady_clock::now());
    if (ad_hits.size() == 1) {
      r.status = 429;
      r.headers.push_back({"Retry-After", "2"});
      return r;
    }
    r.body = R"({"id":"1","title":"t"})";
    return r;
  });
  config_.sites = {Site(server.base())};
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const SiteSummary& s = (*res)[0];
  EXPECT_EQ(s.ads_new, 1) << s.ToString();
  EXPECT_EQ(s.errors.at("http-429"), 1);
  ASSERT_EQ(ad_hits.size(), 2u);
  auto gap = ad_hits[1] - ad_hits[0];
  // Retry-After: 2 (the store keeps whole seconds, so up to one more).
  EXPECT_GE(gap, 1900ms);
  EXPECT_LT(gap, 3500ms);
}

TEST_F(CrawlLocalTest, ProfileThatExtractsNothingIsReportedBroken) {
  TestServer server([](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") r.body = "User-agent: *\nAllow: /\n";
    else if (q.target == "/list") r.body = R"({"items":[{"u":"/ad/1"},{"u":"/ad/2"}]})";
    else r.body = R"({"ident":"1","heading":"the site renamed its fields"})";
    return r;
  });
  config_.sites = {Site(server.base())};
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const SiteSummary& s = (*res)[0];
  EXPECT_TRUE(s.profile_broken);
  EXPECT_EQ(s.errors.at("profile-broken"), 2);
  EXPECT_NE(s.ToString().find("PROFILE BROKEN"), std::string::npos);
  EXPECT_EQ(s.ads_new, 0);
}

// Sites without a link per ad: complete ads in a JSON list (ad_items), and a
// list of ids with a detail URL template. Over real HTTP into the store.
TEST_F(CrawlLocalTest, AdItemsAndIdTemplatesReachTheStore) {
  std::mutex mu;
  std::vector<std::string> asked;
  TestServer server([&](const TestRequest& q) {
    {
      std::lock_guard<std::mutex> l(mu);
      asked.push_back(q.target);
    }
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") r.status = 404;
    else if (q.target == "/full?p=1") r.body = R"({"data":[{"id":"f1","title":"Anna"},{"id":"f2","title":"Eva"}],"next":"/full?p=2"})";
    else if (q.target == "/full?p=2") r.body = R"({"data":[{"id":"f3","title":"Mia"}],"next":null})";
    else if (q.target == "/ids") r.body = R"({"items":[{"id":7},{"id":8}]})";
    else if (q.target == "/api/ad/7" || q.target == "/api/ad/8") r.body = R"({"id":")" + q.target.substr(8) + R"(","title":"T"})";
    else r.status = 404;
    return r;
  });
  SiteConfig full = Site(server.base());
  full.name = "full";
  full.start_urls = {server.base() + "/full?p=1"};
  full.ad_links = {};
  full.ad_items.json_pointer = "/data/*";
  full.next_page.json_pointer = "/next";
  SiteConfig ids = Site(server.base());
  ids.name = "ids";
  ids.start_urls = {server.base() + "/ids"};
  ids.ad_links = {};
  ids.listing_ids.json_pointer = "/items/*/id";
  ids.detail_url_template = "/api/ad/{id}";
  config_.sites = {full, ids};
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  for (const SiteSummary& s : *res) {
    EXPECT_FALSE(s.profile_broken) << s.ToString();
    EXPECT_EQ(s.ads_new, s.site == "full" ? 3 : 2) << s.ToString();
  }
  std::lock_guard<std::mutex> l(mu);
  // The full list needs no request per ad.
  EXPECT_EQ(std::count_if(asked.begin(), asked.end(), [](const std::string& t) { return t.rfind("/full", 0) == 0; }), 2);
  EXPECT_NE(std::find(asked.begin(), asked.end(), "/api/ad/8"), asked.end());
}

TEST_F(CrawlLocalTest, AllowanceCoversStartPortsOnly) {
  // The issue: allowed_private_addresses = ["127.0.0.1"] and an ad link (or
  // redirect) to 127.0.0.1 on another port: it was fetched and stored.
  TestServer internal([](const TestRequest&) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = R"({"id":"secret","title":"an internal service"})";
    return r;
  });
  TestServer server([&](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") r.status = 404;
    else if (q.target == "/list")
      r.body = R"({"items":[{"u":"/ad/1"},{"u":")" + internal.base() + R"(/ad/2"}]})";
    else r.body = R"({"id":"1","title":"t"})";
    return r;
  });
  config_.sites = {Site(server.base())};  // bare "127.0.0.1": the start URL's port only
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const SiteSummary& s = (*res)[0];
  EXPECT_EQ(s.ads_new, 1) << s.ToString();
  EXPECT_EQ(s.errors.at("blocked_address"), 1);
  EXPECT_EQ(internal.requests(), 0);
  EXPECT_FALSE(store_->LoadAd({"local", "secret"}).ok());
  EXPECT_TRUE(s.refused_start_urls.empty());

  // An entry that is not address[:port] is a configuration error naming it.
  config_.sites[0].allowed_private_addresses = {"127.0.0.1:http"};
  res = Crawl();
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.status().message().find("127.0.0.1:http"), std::string::npos) << res.status().ToString();
}

TEST_F(CrawlLocalTest, RefusedStartUrlIsAnErrorThatIsCounted) {
  TestServer server([](const TestRequest&) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = R"({"items":[]})";
    return r;
  });
  // The guard is on (no opt-out): a start URL on localhost is refused.
  SiteConfig site = Site("http://localhost:" + std::to_string(server.port()));
  site.allow_private_addresses = false;
  site.allowed_private_addresses.clear();
  config_.sites = {site};
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const SiteSummary& s = (*res)[0];
  EXPECT_TRUE(s.finished);
  ASSERT_EQ(s.refused_start_urls.size(), 1u) << s.ToString();
  EXPECT_NE(s.refused_start_urls[0].find("SSRF guard refused"), std::string::npos) << s.refused_start_urls[0];
  EXPECT_TRUE(s.CrawledNothing());  // `crawl --once` and `run --once` exit 1
  EXPECT_NE(s.incomplete.find("start URL refused"), std::string::npos) << s.incomplete;
  EXPECT_GE(s.errors.at("blocked_address"), 1);
  EXPECT_NE(s.ToString().find("START URL REFUSED"), std::string::npos);
  EXPECT_EQ(server.requests(), 0);
  auto counters = store_->GetSiteCounters("local");
  ASSERT_TRUE(counters.ok());
  EXPECT_GE(counters->errors["blocked_address"], 1);
}

}  // namespace
}  // namespace adwatch
