// Cycles that did not see everything never destroy data: against the real
// demo network and a real SQLite store, an unreachable robots.txt, a cycle
// stopped midway, listing pages leased by another worker and a restart
// after a kill never make an ad vanish; the restarted worker takes its
// leases back at once; a 304 revives a vanished ad; `adwatch crawl --once`
// and `run --once` exit 1 when a site crawled nothing.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "tests/crawler/demo_fixture.h"

namespace adwatch::testing {
namespace {

using namespace std::chrono_literals;

// Counts completed fetches, so a test can stop a runner after N of them.
class CountingFetcher : public HttpFetcher {
 public:
  explicit CountingFetcher(HttpFetcher& inner) : inner_(inner) {}
  void Fetch(FetchRequest request, FetchCallback done) override {
    inner_.Fetch(std::move(request), [this, done = std::move(done)](FetchResult r) {
      ++completed;
      done(std::move(r));
    });
  }
  int InFlight() const override { return inner_.InFlight(); }
  int completed = 0;

 private:
  HttpFetcher& inner_;
};

class CrawlOutagesTest : public DemoCrawlTest {
 protected:
  int64_t LiveAds(const std::string& site) {
    auto c = store_->GetSiteCounters(site);
    EXPECT_TRUE(c.ok());
    return c.ok() ? c->ads_live : -1;
  }
  // The start pages of `site`, leased by `worker` in a begun cycle.
  void LeaseStartPages(const std::string& site, const std::string& worker) {
    auto cycle = store_->BeginCycle(site, clock_.Now());
    ASSERT_TRUE(cycle.ok());
    std::vector<FrontierEntry> start;
    for (const auto& s : config_.sites)
      if (s.name == site)
        for (const auto& u : s.start_urls) start.push_back({site, u, UrlKind::kListing, 10, clock_.Now()});
    ASSERT_TRUE(store_->Enqueue(start, cycle->cycle, clock_.Now()).ok());
    auto leased = store_->Lease(site, worker, static_cast<int>(start.size()), 2min, clock_.Now());
    ASSERT_TRUE(leased.ok());
    ASSERT_EQ(leased->size(), start.size());
  }
};

TEST_F(CrawlOutagesTest, UnreachableRobotsTxtIsRetriedLaterAndNoAdVanishes) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  options_.backoff_base = 10ms;
  auto first = Crawl({"demo-html"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const int64_t live = static_cast<int64_t>(Live("demo-html", 0).size());
  ASSERT_EQ(LiveAds("demo-html"), live);
  ASSERT_TRUE(Summary(*first, "demo-html").incomplete.empty()) << Summary(*first, "demo-html").ToString();

  SetFaults("demo-html:/robots.txt=status:503");
  int64_t before = SiteRequests("demo-html");
  auto res = Crawl({"demo-html"});
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  SiteSummary s = Summary(*res, "demo-html");
  SCOPED_TRACE(s.ToString());
  EXPECT_TRUE(s.finished);
  EXPECT_EQ(s.pages, 0);
  EXPECT_EQ(s.ads_vanished, 0);
  EXPECT_TRUE(s.CrawledNothing());
  EXPECT_EQ(s.coverage.listing_fetched, 0);
  EXPECT_EQ(s.coverage.listing_planned, 4);
  EXPECT_FALSE(s.coverage.swept);
  EXPECT_GE(s.errors["robots-unavailable"], 4);  // at least the four start pages
  EXPECT_NE(s.incomplete.find("/robots.txt: HTTP 503"), std::string::npos);
  // robots.txt tried 1 + max_retries times, nothing else requested.
  EXPECT_EQ(SiteRequests("demo-html") - before, 1 + config_.crawler.max_retries);
  EXPECT_EQ(LiveAds("demo-html"), live);
  auto counters = store_->GetSiteCounters("demo-html");
  ASSERT_TRUE(counters.ok());
  EXPECT_GE(counters->errors["robots-unavailable"], 4);
  auto last = store_->LastCycle("demo-html");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_FALSE((*last)->coverage.swept);

  // A 4xx robots.txt means "no rules": the site is crawled in full.
  SetFaults("demo-html:/robots.txt=status:404");
  auto allowed = Crawl({"demo-html"});
  ASSERT_TRUE(allowed.ok());
  s = Summary(*allowed, "demo-html");
  EXPECT_TRUE(s.incomplete.empty()) << s.ToString();
  EXPECT_TRUE(s.coverage.swept);
  EXPECT_EQ(s.coverage.listing_fetched, s.coverage.listing_planned);
  EXPECT_EQ(LiveAds("demo-html"), live);
}

TEST_F(CrawlOutagesTest, StoppedCycleSweepsNothingAndTheResumedOneSweeps) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  ASSERT_TRUE(Crawl({"demo-html"}).ok());
  SetEpoch(1);
  auto e0 = Live("demo-html", 0), e1 = Live("demo-html", 1);
  int64_t gone = 0;
  for (const auto& [id, ad] : e0) gone += e1.count(id) ? 0 : 1;
  ASSERT_GT(gone, 0);

  boost::asio::io_context io;
  auto curl = MakeCurlFetcher(io);
  CountingFetcher fetcher(*curl);
  CrawlOptions o = options_;
  o.sites = {"demo-html"};
  o.batch_pages = 5;
  auto runner = CrawlRunner::Create(config_, *store_, fetcher, io, clock_, o);
  ASSERT_TRUE(runner.ok());
  std::optional<Result<std::vector<SiteSummary>>> result;
  ASSERT_TRUE((*runner)->Start([&](Result<std::vector<SiteSummary>> r) { result = std::move(r); }).ok());
  while (fetcher.completed < 40) io.run_one();
  (*runner)->Stop();
  while (!result) io.run_one();
  ASSERT_TRUE(result->ok());
  EXPECT_FALSE((**result)[0].finished);
  EXPECT_EQ((**result)[0].ads_vanished, 0);
  EXPECT_EQ(LiveAds("demo-html") - static_cast<int64_t>(e0.size()), (**result)[0].ads_new);  // none vanished

  auto rest = Crawl({"demo-html"});
  ASSERT_TRUE(rest.ok());
  SiteSummary s = Summary(*rest, "demo-html");
  SCOPED_TRACE(s.ToString());
  EXPECT_TRUE(s.finished);
  EXPECT_EQ(s.cycle, 2);
  EXPECT_TRUE(s.incomplete.empty());
  EXPECT_EQ(s.ads_vanished, gone);
  EXPECT_EQ(LiveAds("demo-html"), static_cast<int64_t>(e1.size()));
}

TEST_F(CrawlOutagesTest, ListingPagesHeldElsewhereSweepNothingAndARestartTakesItsLeasesBack) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  ASSERT_TRUE(Crawl({"demo-html"}).ok());
  SetEpoch(1);
  auto e1 = Live("demo-html", 1);
  const int64_t live0 = LiveAds("demo-html");

  // Another host's worker holds the start pages of cycle 2.
  LeaseStartPages("demo-html", "other-host/adwatch/demo-html");
  auto held = Crawl({"demo-html"});
  ASSERT_TRUE(held.ok());
  SiteSummary s = Summary(*held, "demo-html");
  SCOPED_TRACE(s.ToString());
  EXPECT_TRUE(s.finished);
  EXPECT_EQ(s.ads_vanished, 0);
  EXPECT_TRUE(s.CrawledNothing());
  EXPECT_EQ(s.coverage.listing_leased, 4);
  EXPECT_NE(s.incomplete.find("4 leased by another worker"), std::string::npos);
  EXPECT_EQ(LiveAds("demo-html"), live0);

  // A killed run of this worker left its leases (2 minutes) on cycle 3's
  // start pages: the restart takes them back at once and completes the cycle.
  ASSERT_TRUE(store_->ReleaseLeases("other-host/adwatch/demo-html").ok());
  LeaseStartPages("demo-html", options_.worker + "/demo-html");
  auto restarted = Crawl({"demo-html"});
  ASSERT_TRUE(restarted.ok());
  s = Summary(*restarted, "demo-html");
  EXPECT_EQ(s.cycle, 3);
  EXPECT_TRUE(s.incomplete.empty()) << s.ToString();
  EXPECT_EQ(s.coverage.listing_fetched, s.coverage.listing_planned);
  EXPECT_EQ(LiveAds("demo-html"), static_cast<int64_t>(e1.size()));
}

TEST_F(CrawlOutagesTest, NotModifiedRevivesVanishedAds) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  ASSERT_TRUE(Crawl({"demo-html"}).ok());
  const int64_t live = static_cast<int64_t>(Live("demo-html", 0).size());
  // As the old crawler did after a failed robots.txt: every ad vanished.
  auto wrongly = store_->SweepVanished("demo-html", 100, 1, clock_.Now());
  ASSERT_TRUE(wrongly.ok());
  ASSERT_EQ(static_cast<int64_t>(wrongly->size()), live);
  ASSERT_EQ(LiveAds("demo-html"), 0);

  auto again = Crawl({"demo-html"});
  ASSERT_TRUE(again.ok());
  SiteSummary s = Summary(*again, "demo-html");
  SCOPED_TRACE(s.ToString());
  EXPECT_EQ(s.not_modified, live);  // nothing changed: only 304s
  EXPECT_EQ(s.ads_new + s.ads_changed + s.ads_unchanged, 0);
  EXPECT_EQ(LiveAds("demo-html"), live);
  auto rec = store_->LoadAd({"demo-html", Live("demo-html", 0).begin()->first});
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(rec->live);
  EXPECT_FALSE(rec->vanished_at.has_value());
}

// The commands as a user runs them, on the rendered demo configuration.
TEST_F(CrawlOutagesTest, CommandsExitOneWhenASiteCrawledNothing) {
  StartNetwork(300);
  LoadDemoConfig();
  std::string cfg = dir_ + "/cfg/adwatch.toml";
  {
    std::ifstream in(cfg);
    std::stringstream text;
    text << in.rdbuf();
    std::string t = text.str();
    size_t at = t.find("[crawler]\n");
    ASSERT_NE(at, std::string::npos);
    t.insert(at + 10, "max_retries = 0\n");  // robots.txt tried once: a short test
    std::ofstream(cfg) << t;
  }
  auto run = [&](const std::string& args, std::string* err) {
    std::string cmd = std::string(ADWATCH_BIN) + " --config " + cfg + " " + args + " >" + dir_ + "/out 2>" + dir_ +
                      "/err";
    int status = std::system(cmd.c_str());
    std::ifstream in(dir_ + "/err");
    std::stringstream e;
    e << in.rdbuf();
    *err = e.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  std::string err;
  ASSERT_EQ(run("crawl --once --no-politeness", &err), 0) << err;
  SetFaults("demo-html:/robots.txt=status:503");
  EXPECT_EQ(run("crawl --once --no-politeness", &err), 1);
  EXPECT_NE(err.find("site demo-html crawled nothing"), std::string::npos) << err;
  EXPECT_NE(err.find("/robots.txt: HTTP 503"), std::string::npos) << err;
  EXPECT_EQ(err.find("site demo-api crawled nothing"), std::string::npos) << err;
  EXPECT_EQ(run("run --once", &err), 1);
  EXPECT_NE(err.find("adwatch run: site demo-html crawled nothing"), std::string::npos) << err;
  ASSERT_EQ(run("status --json", &err), 0) << err;
  std::ifstream out(dir_ + "/out");
  auto status = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(status.is_discarded());
  const auto& html = status["sites"]["demo-html"];
  EXPECT_EQ(html["coverage"]["listing_fetched"], 0) << html.dump();
  EXPECT_EQ(html["coverage"]["listing_planned"], 4) << html.dump();
  EXPECT_EQ(html["coverage"]["swept"], false) << html.dump();
  EXPECT_GE(html["errors_by_class"]["robots-unavailable"].get<int64_t>(), 4) << html.dump();
  EXPECT_EQ(status["sites"]["demo-api"]["coverage"]["swept"], true) << status.dump();

  config_.store.path = dir_ + "/cfg/adwatch.db";
  config_.store.pseudonym_key = "file:" + dir_ + "/cfg/pseudonym.key";
  OpenTestStore();
  EXPECT_EQ(LiveAds("demo-html"), static_cast<int64_t>(Live("demo-html", 0).size()));
  SetFaults("");
  EXPECT_EQ(run("crawl --once --no-politeness", &err), 0) << err;
}

}  // namespace
}  // namespace adwatch::testing
