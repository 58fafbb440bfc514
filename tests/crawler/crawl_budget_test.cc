// Hostile pages over real HTTP on 127.0.0.1: each costs bounded work on the
// parse pool, fails as "page-budget", is retried with back-off and then
// parked, while another site's cycle goes on and finishes. No sleeps: the
// test waits on conditions with deadlines.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <climits>
#include <iostream>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "crawler/crawl.h"
#include "crawler/extract.h"
#include "store/store.h"
#include "tests/crawler/test_server.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;
using testing::TestReply;
using testing::TestRequest;
using testing::TestServer;

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

class CrawlBudgetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-crawl-budget-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    config_.store.path = dir_ + "/a.db";
    config_.store.pseudonym_key = "file:" + dir_ + "/key";
    config_.crawler.min_delay = 0ms;
    config_.crawler.timeout = 10s;
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

  static SiteConfig Site(const std::string& name, const std::string& base) {
    SiteConfig s;
    s.name = name;
    s.purpose = "test";
    s.legal_basis = "test";
    s.start_urls = {base + "/list"};
    s.allow_private_addresses = true;
    s.allowed_private_addresses = {"127.0.0.1"};
    return s;
  }

  std::string dir_;
  Config config_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
};

TEST_F(CrawlBudgetTest, HostilePagesFailAlonePoolKeepsOtherSitesGoing) {
  // The pages of the issue: 100,000 nested <div> (1.1 MB), 900,000 unclosed
  // <b> (2.7 MB); also 150,000 elements, and a page whose selector work
  // explodes (descendant combinators over 900 levels) for the CPU budget.
  const std::string deep = "<html><body>" + Repeat("<div>", 100000) + "x</body></html>";
  const std::string bold = "<html><body>" + Repeat("<b>", 900000) + "x</body></html>";
  const std::string many = "<html><body><h1 data-id=m>m</h1>" + Repeat("<i></i>", 150000) + "</body></html>";
  const std::string cpu = "<html><body><h1 data-id=c>c</h1>" + Repeat("<div>", 900) + "<p>t</p></body></html>";
  TestServer hostile([&](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "text/html"}};
    if (q.target == "/robots.txt") r.status = 404;
    else if (q.target == "/list")
      r.body = "<a class=ad href=/ad/deep></a><a class=ad href=/ad/bold></a><a class=ad href=/ad/many></a>"
               "<a class=ad href=/ad/cpu></a><a class=ad href=/ad/ok></a>";
    else if (q.target == "/ad/deep") r.body = deep;
    else if (q.target == "/ad/bold") r.body = bold;
    else if (q.target == "/ad/many") r.body = many;
    else if (q.target == "/ad/cpu") r.body = cpu;
    else r.body = "<h1 data-id=ok>an ordinary ad</h1><p>text</p>";
    return r;
  });
  TestServer calm([](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") r.status = 404;
    else if (q.target == "/list") r.body = R"({"items":[{"u":"/ad/1"}]})";
    else r.body = R"({"id":"c1","title":"calm"})";
    return r;
  });
  SiteConfig h = Site("hostile", hostile.base());
  h.kind = "html";
  h.ad_links.selector = "a.ad@href";
  h.fields["id"].selector = "h1@data-id";
  h.fields["title"].selector = "h1";
  h.fields["text"].selector = "section div div div div p";  // no <section>: every ancestor path is tried
  SiteConfig c = Site("calm", calm.base());
  c.kind = "json";
  c.ad_links.json_pointer = "/items/*/u";
  c.fields["id"].json_pointer = "/id";
  c.fields["title"].json_pointer = "/title";
  config_.sites = {h, c};

  // The first parse of /ad/cpu is held on its worker thread until the calm
  // site's ad is committed: only possible if parsing is off the io thread.
  std::mutex mu;
  std::condition_variable cv;
  bool calm_committed = false, held = false, released_by_calm = false;
  std::set<std::thread::id> parse_threads;
  const std::thread::id io_thread = std::this_thread::get_id();
  CrawlOptions o;
  o.worker = "w";
  o.backoff_base = 20ms;
  config_.crawler.max_page_cpu = 300ms;
  o.before_parse = [&](const std::string& url) {
    std::unique_lock<std::mutex> l(mu);
    parse_threads.insert(std::this_thread::get_id());
    if (url.find("/ad/cpu") == std::string::npos || held) return;
    held = true;
    released_by_calm = cv.wait_for(l, 15s, [&] { return calm_committed; });
  };
  CrawlHooks hooks;
  hooks.on_ad = [&](const Ad& ad, const AdUpsertResult&) {
    if (ad.site != "calm") return;
    std::lock_guard<std::mutex> l(mu);
    calm_committed = true;
    cv.notify_all();
  };

  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  auto t0 = std::chrono::steady_clock::now();
  auto res = RunCrawlCycle(config_, *store_, *fetcher, io, clock_, o, hooks);
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_EQ(res->size(), 2u);
  const SiteSummary& hs = (*res)[0];
  const SiteSummary& cs = (*res)[1];
  SCOPED_TRACE(hs.ToString());
  SCOPED_TRACE(cs.ToString());

  EXPECT_TRUE(held);
  EXPECT_TRUE(released_by_calm) << "the calm site made no progress while a page was being parsed";
  EXPECT_EQ(parse_threads.count(io_thread), 0u) << "a page was parsed on the io thread";
  EXPECT_TRUE(cs.finished);
  EXPECT_EQ(cs.ads_new, 1);
  EXPECT_TRUE(cs.errors.empty());

  EXPECT_TRUE(hs.finished);
  EXPECT_EQ(hs.ads_new, 1);  // the ordinary ad
  // Each hostile page: two tries with back-off, then parked.
  EXPECT_EQ(hs.errors.at("page-budget"), 4 * 2);
  EXPECT_EQ(hs.errors.at("page-budget-parked"), 4);
  EXPECT_EQ(hs.errors.count("parse"), 0u);
  EXPECT_FALSE(hs.profile_broken);
  EXPECT_LT(took, 30s);
  // `adwatch status` reads these counters.
  auto counters = store_->GetSiteCounters("hostile");
  ASSERT_TRUE(counters.ok());
  EXPECT_EQ(counters->errors["page-budget-parked"], 4);
  auto frontier = store_->CountFrontier("hostile", clock_.Now());
  ASSERT_TRUE(frontier.ok());
  EXPECT_EQ(frontier->failing, 4);
}

// The issue: a gzip bomb on every detail page held 339 MB at once (about 24
// transfers x the 20 MB decoded cap). The fetcher's shared budget caps the
// decoded bytes held across all transfers and results; measured with its
// counter, without and with the cap. Every detail page decodes to just under
// the per-transfer cap, and the server holds the end of each body until all
// of them are under way (without the cap) so that they overlap for sure.
TEST_F(CrawlBudgetTest, GzipBombOnEveryDetailPageStaysUnderTheSharedBudget) {
  const std::string bomb = testing::Gzip(std::string(5 << 20, '\0'));  // 5 MB of zeros, ~5 KB on the wire
  const int kAds = 16;
  std::mutex mu;
  std::condition_variable cv;
  int at_tail = 0, barrier = 0;
  TestServer server([&](const TestRequest& q) {
    TestReply r;
    r.headers = {{"Content-Type", "application/json"}};
    if (q.target == "/robots.txt") {
      r.status = 404;
    } else if (q.target == "/list") {
      r.body = R"({"items":[)";
      for (int i = 0; i < kAds; ++i) r.body += (i ? "," : "") + std::string(R"({"u":"/ad/)") + std::to_string(i) + "\"}";
      r.body += "]}";
    } else {
      r.headers.push_back({"Content-Encoding", "gzip"});
      r.body = bomb;
      r.before_tail = [&] {
        std::unique_lock<std::mutex> l(mu);
        ++at_tail;
        cv.notify_all();
        cv.wait_for(l, 10s, [&] { return at_tail >= barrier; });
      };
    }
    return r;
  });
  SiteConfig site = Site("bombs", server.base());
  site.kind = "json";
  site.ad_links.json_pointer = "/items/*/u";
  site.fields["id"].json_pointer = "/id";
  site.fields["title"].json_pointer = "/title";
  config_.sites = {site};
  config_.crawler.max_decoded_bytes = 6 << 20;  // per transfer (default 20 MB; smaller to keep the test quick)
  config_.crawler.max_retries = 1;
  CrawlOptions o;
  o.worker = "w";
  o.politeness = false;  // as many transfers at once as max_in_flight allows
  o.backoff_base = 20ms;

  auto crawl = [&](const std::string& name, FetcherOptions fo, int64_t* peak) {
    config_.sites[0].name = name;  // a fresh site: every page due again
    boost::asio::io_context io;
    auto fetcher = MakeCurlFetcher(io, fo);
    auto res = RunCrawlCycle(config_, *store_, *fetcher, io, clock_, o);
    EXPECT_EQ(fetcher->DecodedBytesInUse(), 0);  // every hold given back
    *peak = fetcher->DecodedBytesPeak();
    return res;
  };
  FetcherOptions unbounded;
  unbounded.max_decoded_in_flight = INT64_MAX;
  barrier = kAds;
  int64_t peak_unbounded = 0;
  auto res = crawl("bombs-unbounded", unbounded, &peak_unbounded);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ((*res)[0].errors.at("parse"), kAds) << (*res)[0].ToString();  // zeros are no JSON

  barrier = 0;  // no holding: transfers refused budget must not wait for the rest
  int64_t peak = 0;
  FetcherOptions capped;
  capped.max_decoded_in_flight = 16 << 20;  // default 64 MB, scaled like max_decoded_bytes
  res = crawl("bombs-capped", capped, &peak);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  std::cout << "peak decoded bytes, gzip bomb on " << kAds << " detail pages: without the shared budget "
            << peak_unbounded << ", with it " << peak << " (cap " << capped.max_decoded_in_flight << ")\n";
  // The problem is real: without the budget the transfers overlap well past the
  // cap. How far depends on scheduling (83 MB here, 56 MB on a loaded CI run),
  // so the test asks only for twice the cap.
  EXPECT_GT(peak_unbounded, 2 * capped.max_decoded_in_flight);
  EXPECT_LE(peak, capped.max_decoded_in_flight);
  EXPECT_GT(peak, 0);
  // Refused budget is the crawler's own limit: those pages wait their turn and
  // are all fetched in the cycle (each parse fails: zeros are no JSON).
  EXPECT_TRUE((*res)[0].finished) << (*res)[0].ToString();
  EXPECT_EQ((*res)[0].errors.at("parse"), kAds) << (*res)[0].ToString();
}

TEST(PageBudgetTest, ParsePageRefusesOverBudgetBeforeParsing) {
  SiteConfig s;
  s.name = "x";
  s.kind = "html";
  s.fields["id"].selector = "h1";
  auto p = CompileProfile(s);
  ASSERT_TRUE(p.ok());
  PageLimits limits;
  limits.max_bytes = 1000;
  limits.max_elements = 50;
  limits.max_depth = 20;
  EXPECT_TRUE(IsPageBudgetError(ParsePage(*p, "u", "text/html", std::string(1001, 'a'), limits).status()));
  EXPECT_TRUE(IsPageBudgetError(ParsePage(*p, "u", "text/html", Repeat("<i></i>", 51), limits).status()));
  EXPECT_TRUE(IsPageBudgetError(ParsePage(*p, "u", "text/html", Repeat("<b>", 21), limits).status()));
  EXPECT_TRUE(IsPageBudgetError(ParsePage(*p, "u", "application/json", Repeat("[", 100), limits).status()));
  EXPECT_TRUE(ParsePage(*p, "u", "text/html", Repeat("<i></i>", 50), limits).ok());
  EXPECT_FALSE(IsPageBudgetError(ParsePage(*p, "u", "application/json", "{broken", limits).status()));
}

TEST(PageBudgetTest, CpuBudgetStopsSelectorWork) {
  SiteConfig s;
  s.name = "x";
  s.kind = "html";
  s.fields["id"].selector = "h1";
  s.fields["title"].selector = "section div div div div p";
  auto p = CompileProfile(s);
  ASSERT_TRUE(p.ok());
  auto page = ParsePage(*p, "u", "text/html", "<h1>i</h1>" + Repeat("<div>", 900) + "<p>t</p>");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  auto t0 = std::chrono::steady_clock::now();
  ScopedCpuBudget budget(100ms);
  (void)ExtractAd(*p, *page);
  EXPECT_TRUE(CpuBudgetSpent());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
}

}  // namespace
}  // namespace adwatch
