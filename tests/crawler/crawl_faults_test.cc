// The crawler against the demo network's fault modes: every fault is
// survived with the right error class, no crash and no hang; robots.txt
// disallow is honoured; the SSRF guard refuses redirects to private
// addresses; a crawler killed with SIGKILL mid-cycle resumes and completes
// the cycle with every ad exactly once.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/crawler/demo_fixture.h"

namespace adwatch::testing {
namespace {

using namespace std::chrono_literals;

class CrawlFaultsTest : public DemoCrawlTest {};

TEST_F(CrawlFaultsTest, EveryFaultModeSurvivedWithItsErrorClass) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  options_.backoff_base = 200ms;
  std::vector<std::string> html, api, next;
  for (const auto& [id, ad] : Live("demo-html", 0)) html.push_back(id);
  for (const auto& [id, ad] : Live("demo-api", 0)) api.push_back(id);
  ASSERT_GT(html.size(), 10u);
  std::string port = demo_->origins[1].substr(demo_->origins[1].rfind(':') + 1);
  std::string spec =
      "demo-html:/advertentie/" + html[0] + "=timeout," +
      "demo-html:/advertentie/" + html[1] + "=huge:5000000," +
      "demo-html:/advertentie/" + html[2] + "=gzip-bomb:50000000," +
      "demo-html:/advertentie/" + html[3] + "=truncate," +
      "demo-html:/advertentie/" + html[4] + "=redirect-loop," +
      "demo-html:/advertentie/" + html[5] + "=malformed-html," +
      "demo-html:/advertentie/" + html[6] + "=invalid-utf8," +
      "demo-html:/advertentie/" + html[7] + "=wrong-content-type," +
      "demo-html:/advertentie/" + html[8] + "=slow:6000," +
      "demo-api:/api/v1/ads/" + api[0] + "=status:500," +
      "demo-api:/api/v1/ads/" + api[1] + "=redirect:http://169.254.169.254/latest/meta-data/," +
      "demo-api:/api/v1/ads/" + api[2] + "=redirect:http://127.0.0.2:" + port + "/api/v1/ads/" + api[2] + "," +
      "demo-api:/api/v1/ads/" + api[3] + "=redirect:http://elsewhere.invalid/x," +
      "demo-next:/ad/=status:503:retry-after=1";
  // A wide scope, so that only the SSRF guard (after DNS, on the address
  // connected to) stands between the redirect and the private address.
  for (auto& site : config_.sites)
    if (site.name == "demo-api") site.allowed_hosts = {"127.0.0.1", "169.254.169.254", "127.0.0.2"};
  SetFaults(spec);
  auto t0 = std::chrono::steady_clock::now();
  auto res = Crawl();
  auto took = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_LT(took, 30s);

  SiteSummary h = Summary(*res, "demo-html");
  SCOPED_TRACE(h.ToString());
  EXPECT_TRUE(h.finished);
  EXPECT_GE(h.errors["timeout"], 2);            // timeout and slow, each retried once
  EXPECT_GE(h.errors["too_large"], 2);          // huge body and gzip bomb
  EXPECT_GE(h.errors["protocol"], 1);           // truncated body
  EXPECT_GE(h.errors["too_many_redirects"], 1);
  EXPECT_EQ(h.errors.count("parse"), 0u);
  EXPECT_FALSE(h.profile_broken);
  // Content faults still yield the ad: broken markup, bad UTF-8, a wrong type.
  for (int i : {5, 6, 7}) {
    auto rec = store_->LoadAd({"demo-html", html[i]});
    ASSERT_TRUE(rec.ok()) << "ad " << html[i] << " (fault " << i << ") not extracted";
    EXPECT_FALSE(rec->ad.title.empty());
  }
  // Every ad without a transport fault was crawled.
  auto counters = store_->GetSiteCounters("demo-html");
  ASSERT_TRUE(counters.ok());
  EXPECT_EQ(counters->ads_known, static_cast<int64_t>(html.size()) - 6);
  EXPECT_GE(counters->errors["timeout"], 2);

  SiteSummary a = Summary(*res, "demo-api");
  SCOPED_TRACE(a.ToString());
  EXPECT_TRUE(a.finished);
  EXPECT_EQ(a.errors["http-5xx"], 2);           // first try and one retry
  EXPECT_EQ(a.errors["blocked_address"], 2);    // link-local and a loopback address not allowed
  EXPECT_EQ(a.errors["out_of_scope"], 1);       // a redirect to another host
  EXPECT_FALSE(store_->LoadAd({"demo-api", api[1]}).ok());

  SiteSummary n = Summary(*res, "demo-next");
  SCOPED_TRACE(n.ToString());
  EXPECT_TRUE(n.finished);
  EXPECT_GT(n.errors["http-503"], 50);
  EXPECT_GT(n.retries, 50);
  EXPECT_EQ(n.ads_new, 0);
  EXPECT_EQ(n.ads_vanished, 0);  // failed pages never make ads vanish
}

TEST_F(CrawlFaultsTest, RobotsDisallowIsHonouredAndOptOutIsAudited) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  SetFaults("demo-html:*=disallow");
  int64_t before = SiteRequests("demo-html");
  auto res = Crawl({"demo-html"});
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  SiteSummary s = Summary(*res, "demo-html");
  EXPECT_EQ(s.pages, 0);
  EXPECT_EQ(s.robots_disallowed, 4);            // the four start pages
  EXPECT_EQ(SiteRequests("demo-html") - before, 1);  // robots.txt only

  // An explicit opt-out with a reason crawls, and says so in the audit log.
  for (auto& site : config_.sites) {
    site.respect_robots = false;
    site.robots_opt_out_reason = "test: the site operator agreed in writing";
  }
  res = Crawl({"demo-html"});
  ASSERT_TRUE(res.ok());
  EXPECT_GT(Summary(*res, "demo-html").ads_new, 10);
  auto audit = store_->ListAudit({});
  ASSERT_TRUE(audit.ok());
  bool found = false;
  for (const auto& e : *audit) found |= e.detail.find("operator agreed in writing") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(CrawlFaultsTest, KilledMidCycleResumesWithEveryAdOnce) {
  StartNetwork(600);
  LoadDemoConfig();
  // Slow enough to be killed in the middle: one request at a time, 15 ms apart.
  options_.politeness = true;
  config_.crawler.per_host_in_flight = 1;
  config_.crawler.min_delay = 15ms;
  config_.crawler.global_rate = 1000;
  options_.batch_pages = 5;
  ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    OpenTestStore();
    (void)Crawl({"demo-html"});
    _exit(0);
  }
  std::this_thread::sleep_for(1500ms);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished before it was killed: slow it down";

  OpenTestStore();
  auto live = Live("demo-html", 0);
  auto before = store_->GetSiteCounters("demo-html");
  ASSERT_TRUE(before.ok());
  ASSERT_GT(before->ads_known, 0) << "nothing committed before the kill";
  ASSERT_LT(before->ads_known, static_cast<int64_t>(live.size())) << "killed too late";

  std::set<std::string> announced;
  int announced_twice = 0;
  CrawlHooks hooks;
  hooks.on_ad = [&](const Ad& ad, const AdUpsertResult&) { announced_twice += !announced.insert(ad.id).second; };
  options_.politeness = false;
  auto res = Crawl({"demo-html"}, hooks);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  SiteSummary s = Summary(*res, "demo-html");
  EXPECT_TRUE(s.finished) << s.ToString();
  EXPECT_EQ(s.cycle, 1);  // the same cycle, resumed
  auto after = store_->GetSiteCounters("demo-html");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->ads_known, static_cast<int64_t>(live.size()));
  // Known ads are not announced again: only the ones the killed run had not committed.
  EXPECT_EQ(static_cast<int64_t>(announced.size()), after->ads_known - before->ads_known);
  EXPECT_EQ(announced_twice, 0);
  for (const auto& [id, ad] : live) {
    auto v = store_->LoadAdVersions({"demo-html", id});
    ASSERT_TRUE(v.ok()) << id;
    EXPECT_EQ(v->size(), 1u) << id;
  }
  EXPECT_EQ(s.ads_vanished, 0);
}

}  // namespace
}  // namespace adwatch::testing
