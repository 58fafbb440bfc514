// The crawler against the real demo ad network: every site kind crawled
// completely with field-by-field agreement with the ground truth, and a
// second epoch's new, changed and vanished ads detected exactly.
#include <gtest/gtest.h>

#include <optional>

#include "tests/crawler/demo_fixture.h"

namespace adwatch::testing {
namespace {

const char* kSites[] = {"demo-html", "demo-api", "demo-next"};

// The ground-truth version of `ad` current at `epoch`.
nlohmann::json VersionAt(const nlohmann::json& ad, int epoch) {
  nlohmann::json v;
  for (const auto& x : ad["versions"])
    if (x["epoch"].get<int>() <= epoch) v = x;
  return v;
}

class CrawlDemoTest : public DemoCrawlTest {
 protected:
  // Without listing ids the crawler counts an ad as listed only when its
  // detail page was fetched, and fetches details unconditionally.
  void DropListingIds() {
    for (auto& site : config_.sites) site.listing_ids = FieldRule();
  }
  void SecondEpoch(bool listing_ids);
};

TEST_F(CrawlDemoTest, AllSiteKindsMatchGroundTruthFieldByField) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  auto res = Crawl();
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  for (const char* site : kSites) {
    SiteSummary s = Summary(*res, site);
    SCOPED_TRACE(s.ToString());
    EXPECT_TRUE(s.finished);
    EXPECT_FALSE(s.profile_broken);
    EXPECT_TRUE(s.errors.empty());
    auto live = Live(site, 0);
    ASSERT_GT(live.size(), 50u);
    EXPECT_EQ(s.ads_new, static_cast<int64_t>(live.size()));
    auto counters = store_->GetSiteCounters(site);
    ASSERT_TRUE(counters.ok());
    EXPECT_EQ(counters->ads_known, static_cast<int64_t>(live.size()));
    EXPECT_EQ(counters->ads_live, static_cast<int64_t>(live.size()));
    EXPECT_EQ(counters->pages_fetched, s.pages);
    int phones_checked = 0;
    for (const auto& [id, gt] : live) {
      auto rec = store_->LoadAd({site, id});
      ASSERT_TRUE(rec.ok()) << site << " " << id << " missing: " << rec.status().ToString();
      const Ad& ad = rec->ad;
      nlohmann::json v = VersionAt(gt, 0);
      EXPECT_EQ(ad.url, gt["url"].get<std::string>());
      EXPECT_EQ(ad.name, gt["name"].get<std::string>()) << ad.url;
      EXPECT_EQ(ad.city, v["place"].get<std::string>()) << ad.url;
      EXPECT_EQ(ad.title, v["title"].get<std::string>()) << ad.url;
      EXPECT_EQ(Fnv16(ad.text), v["text_hash"].get<std::string>()) << ad.url << "\n" << ad.text;
      if (gt["age"].is_null() || !gt.value("age_field", true)) {
        EXPECT_EQ(ad.stated_age.find_first_of("0123456789"), std::string::npos) << ad.url;
      } else {
        EXPECT_EQ(std::stoi(ad.stated_age), gt["age"].get<int>()) << ad.url;
      }
      EXPECT_FALSE(ad.posted.empty()) << ad.url;
      EXPECT_FALSE(ad.photos.empty()) << ad.url;
      for (const auto& p : ad.photos) EXPECT_EQ(p.rfind("http://127.0.0.1:", 0), 0u) << p;
      // Every number in the phone fields and links is one the ad really carries.
      std::set<std::string> truth;
      for (const auto& p : gt["phones"]) truth.insert(PhoneKey(p.get<std::string>()));
      for (const auto& p : ad.phones) {
        EXPECT_TRUE(truth.count(PhoneKey(p))) << ad.url << " phone " << p;
        ++phones_checked;
      }
      bool structured = false;
      for (const auto& d : gt["phone_display"]) structured |= d != "text_obfuscated" && d != "text_plain";
      if (structured) {
        EXPECT_FALSE(ad.phones.empty()) << ad.url;
      }
    }
    EXPECT_GT(phones_checked, 20);
  }
  // The audit log records purpose and legal basis per site and cycle.
  auto audit = store_->ListAudit({});
  ASSERT_TRUE(audit.ok());
  int with_purpose = 0;
  for (const auto& e : *audit)
    with_purpose += e.action == "crawl" && e.detail.find("purpose=") != std::string::npos &&
                    e.detail.find("legal_basis=") != std::string::npos;
  EXPECT_EQ(with_purpose, 3);
}

TEST_F(CrawlDemoTest, SecondEpochWithoutListingIdsDetectsChangesExactly) { SecondEpoch(false); }

TEST_F(CrawlDemoTest, SecondEpochDetectsNewChangedAndVanishedExactly) { SecondEpoch(true); }  // demo profiles: listing ids + conditional GET

void CrawlDemoTest::SecondEpoch(bool listing_ids) {
  StartNetwork(300);
  LoadDemoConfig();
  if (!listing_ids) DropListingIds();
  for (const auto& site : config_.sites) EXPECT_EQ(site.listing_ids.selector.empty() && site.listing_ids.json_pointer.empty(), !listing_ids);
  OpenTestStore();
  auto first = Crawl();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  SetEpoch(1);
  std::map<std::string, std::set<std::string>> got_new, got_changed, got_vanished;
  CrawlHooks hooks;
  hooks.on_ad = [&](const Ad& ad, const AdUpsertResult& r) {
    (r.event == AdEvent::kNew ? got_new : got_changed)[ad.site].insert(ad.id);
  };
  hooks.on_vanished = [&](const AdKey& k) { got_vanished[k.site].insert(k.id); };
  auto second = Crawl({}, hooks);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  size_t total_new = 0, total_changed = 0, total_vanished = 0;
  for (const char* site : kSites) {
    SiteSummary s = Summary(*second, site);
    SCOPED_TRACE(s.ToString());
    auto e0 = Live(site, 0), e1 = Live(site, 1);
    std::set<std::string> want_new, want_changed, want_vanished;
    for (const auto& [id, ad] : e1) {
      if (!e0.count(id)) want_new.insert(id);
      else if (VersionAt(ad, 1) != VersionAt(ad, 0)) want_changed.insert(id);
    }
    for (const auto& [id, ad] : e0)
      if (!e1.count(id)) want_vanished.insert(id);
    total_new += want_new.size();
    total_changed += want_changed.size();
    total_vanished += want_vanished.size();
    EXPECT_EQ(got_new[site], want_new);
    EXPECT_EQ(got_changed[site], want_changed);
    EXPECT_EQ(got_vanished[site], want_vanished);
    EXPECT_EQ(s.ads_new, static_cast<int64_t>(want_new.size()));
    EXPECT_EQ(s.ads_changed, static_cast<int64_t>(want_changed.size()));
    EXPECT_EQ(s.ads_vanished, static_cast<int64_t>(want_vanished.size()));
    if (listing_ids) {
      // Unchanged details answer 304 to the validators of the first cycle.
      EXPECT_GT(s.not_modified, static_cast<int64_t>(e1.size() / 2));
      EXPECT_EQ(s.ads_unchanged, 0);
    }
    auto counters = store_->GetSiteCounters(site);
    ASSERT_TRUE(counters.ok());
    EXPECT_EQ(counters->ads_live, static_cast<int64_t>(e1.size()));
    // A changed ad keeps its old version.
    if (!want_changed.empty()) {
      auto versions = store_->LoadAdVersions({site, *want_changed.begin()});
      ASSERT_TRUE(versions.ok());
      EXPECT_EQ(versions->size(), 2u);
    }
  }
  // The epoch really had all three kinds of change (or the test proves nothing).
  EXPECT_GT(total_new, 0u);
  EXPECT_GT(total_changed, 0u);
  EXPECT_GT(total_vanished, 0u);
}

TEST_F(CrawlDemoTest, StoppedRunnerResumesWithEveryAdOnce) {
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  CrawlOptions o = options_;
  o.sites = {"demo-html"};
  o.batch_pages = 5;
  int64_t announced = 0;
  CrawlHooks hooks;
  hooks.on_ad = [&](const Ad&, const AdUpsertResult&) { ++announced; };
  auto runner = CrawlRunner::Create(config_, *store_, *fetcher, io, clock_, o, hooks);
  ASSERT_TRUE(runner.ok());
  std::optional<Result<std::vector<SiteSummary>>> result;
  ASSERT_TRUE((*runner)->Start([&](Result<std::vector<SiteSummary>> r) { result = std::move(r); }).ok());
  while (announced < 30) io.run_one();  // the daemon's loop, in short
  (*runner)->Stop();
  while (!result) io.run_one();
  ASSERT_TRUE(result->ok());
  EXPECT_FALSE((**result)[0].finished);
  auto live = Live("demo-html", 0);
  auto counters = store_->GetSiteCounters("demo-html");
  ASSERT_TRUE(counters.ok());
  EXPECT_LT(counters->ads_known, static_cast<int64_t>(live.size()));
  auto frontier = store_->CountFrontier("demo-html", clock_.Now());
  ASSERT_TRUE(frontier.ok());
  EXPECT_EQ(frontier->leased, 0);  // released on stop

  auto rest = Crawl({"demo-html"}, hooks);
  ASSERT_TRUE(rest.ok());
  EXPECT_TRUE((*rest)[0].finished);
  EXPECT_EQ((*rest)[0].cycle, 1);
  counters = store_->GetSiteCounters("demo-html");
  EXPECT_EQ(counters->ads_known, static_cast<int64_t>(live.size()));
  EXPECT_EQ(announced, static_cast<int64_t>(live.size()));  // each ad announced once over both runs
}

TEST_F(CrawlDemoTest, ConcurrentRunnersOfOneWorkerKeepTheirLeases) {
  // The daemon runs one runner per site with one worker name: starting one
  // must not release the leases another holds (every page fetched once).
  StartNetwork(300);
  LoadDemoConfig();
  OpenTestStore();
  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  std::map<std::string, std::optional<Result<std::vector<SiteSummary>>>> results;
  std::map<std::string, std::unique_ptr<CrawlRunner>> runners;
  int64_t announced = 0;
  CrawlHooks hooks;
  hooks.on_ad = [&](const Ad&, const AdUpsertResult&) { ++announced; };
  auto start = [&](const std::string& site) {
    CrawlOptions o = options_;
    o.sites = {site};
    o.batch_pages = 5;
    auto r = CrawlRunner::Create(config_, *store_, *fetcher, io, clock_, o, hooks);
    ASSERT_TRUE(r.ok());
    runners[site] = std::move(*r);
    ASSERT_TRUE(runners[site]->Start([&, site](Result<std::vector<SiteSummary>> res) { results[site] = std::move(res); }).ok());
  };
  start("demo-html");
  while (announced < 20) io.run_one();
  start("demo-api");
  while (announced < 60) io.run_one();
  start("demo-next");
  while (results.size() < 3 || !results["demo-html"] || !results["demo-api"] || !results["demo-next"]) io.run_one();
  for (const char* site : kSites) {
    ASSERT_TRUE(results[site]->ok());
    const SiteSummary& s = (**results[site])[0];
    SCOPED_TRACE(s.ToString());
    EXPECT_TRUE(s.finished);
    EXPECT_EQ(s.detail_pages, static_cast<int64_t>(Live(site, 0).size()));  // none fetched twice
    EXPECT_EQ(s.ads_new, static_cast<int64_t>(Live(site, 0).size()));
  }
}

}  // namespace
}  // namespace adwatch::testing
