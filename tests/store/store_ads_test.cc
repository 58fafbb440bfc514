// Conformance: schema, ads and versions, frontier, cycles, crawl batches.
#include <set>

#include "store/internal/sql_store.h"
#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

TEST_P(StoreTest, MigratesToLatestAndRefusesNewerSchema) {
  EXPECT_EQ(store_->SchemaVersion(), MaxSchemaVersion(GetParam()));
  Reopen();  // applying no migration twice
  EXPECT_EQ(Count("schema_version"), MaxSchemaVersion(GetParam()));
  store_.reset();
  Raw("INSERT INTO schema_version (version, applied_at) VALUES (999, 0)");
  auto s = OpenStore(config_, *Env::Default(), clock_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_NE(s.status().message().find("store schema version 999 is newer than this adwatch (max " +
                                      std::to_string(MaxSchemaVersion(GetParam())) + "): upgrade adwatch"),
            std::string::npos)
      << s.status().message();
}

TEST_P(StoreTest, MissingPseudonymKeyIsRefusedNamingTheReference) {
  StoreConfig c = config_;
  c.pseudonym_key = "file:" + dir_ + "/no-such-key";
  auto s = OpenStore(c, *Env::Default(), clock_);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(c.pseudonym_key), std::string::npos) << s.status().message();
  ASSERT_OK(EnsurePseudonymKey(c.pseudonym_key, *Env::Default()));
  EXPECT_EQ(std::filesystem::status(dir_ + "/no-such-key").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_TRUE(OpenStore(c, *Env::Default(), clock_).ok());
}

TEST_P(StoreTest, UpsertAdsReportsNewChangedUnchangedAndKeepsVersions) {
  auto r1 = store_->UpsertAds({MakeAd("1"), MakeAd("2")}, Now());
  ASSERT_OK(r1);
  EXPECT_EQ((*r1)[0].event, AdEvent::kNew);
  EXPECT_EQ((*r1)[1].event, AdEvent::kNew);
  clock_.Advance(Seconds(60));
  auto r2 = store_->UpsertAds({MakeAd("1"), MakeAd("2", "nieuw")}, Now());
  ASSERT_OK(r2);
  EXPECT_EQ((*r2)[0].event, AdEvent::kUnchanged);
  EXPECT_EQ((*r2)[1].event, AdEvent::kChanged);
  EXPECT_EQ(Count("ads"), 2);
  EXPECT_EQ(Count("ad_versions"), 3);

  auto ad = store_->LoadAd({"demo", "2"});
  ASSERT_OK(ad);
  EXPECT_EQ(ad->ad.text, "nieuw");
  EXPECT_EQ(ad->content_hash, ContentHash(MakeAd("2", "nieuw")));
  EXPECT_EQ(ad->ad.photos, MakeAd("2").photos);
  EXPECT_EQ(ToUnixSeconds(ad->first_seen) + 60, ToUnixSeconds(ad->last_seen));
  auto versions = store_->LoadAdVersions({"demo", "2"});
  ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ((*versions)[0].ad.text, "hallo");
  EXPECT_EQ((*versions)[1].ad.text, "nieuw");
  EXPECT_EQ(store_->LoadAd({"demo", "nope"}).status().code(), Status::Code::kNotFound);
}

TEST_P(StoreTest, LeaseHandsOutEachDueUrlOnceAndRespectsPriority) {
  std::vector<FrontierEntry> e;
  for (int i = 0; i < 5; ++i) e.push_back({"demo", "https://d/" + std::to_string(i), UrlKind::kDetail, i, Now()});
  e.push_back({"demo", "https://d/later", UrlKind::kListing, 100, Now() + Seconds(3600)});
  ASSERT_OK(store_->Enqueue(e, 1, Now()));
  auto a = store_->Lease("demo", "w1", 3, Seconds(60), Now());
  ASSERT_OK(a);
  ASSERT_EQ(a->size(), 3u);
  EXPECT_EQ((*a)[0].url, "https://d/4");  // highest priority first; "later" is not due
  auto b = store_->Lease("demo", "w2", 10, Seconds(60), Now());
  ASSERT_OK(b);
  ASSERT_EQ(b->size(), 2u);
  std::set<std::string> urls;
  for (const auto& u : *a) urls.insert(u.url);
  for (const auto& u : *b) urls.insert(u.url);
  EXPECT_EQ(urls.size(), 5u);
  EXPECT_TRUE(store_->Lease("demo", "w3", 10, Seconds(60), Now())->empty());

  // A worker cannot complete what it does not hold.
  auto wrong = store_->Complete("demo", (*a)[0].url, "w2", 1, Now() + Seconds(900), {}, Now());
  EXPECT_EQ(wrong.code(), Status::Code::kFailedPrecondition);
  ASSERT_OK(store_->Complete("demo", (*a)[0].url, "w1", 1, Now() + Seconds(900), {"\"e1\"", "Mon", "abc"}, Now()));
  auto v = store_->GetValidators("demo", (*a)[0].url);
  ASSERT_OK(v);
  EXPECT_EQ(v->etag, "\"e1\"");
  EXPECT_EQ(v->content_hash, "abc");

  // Expired leases come back; the late worker then lost its lease.
  clock_.Advance(Seconds(61));
  auto c = store_->Lease("demo", "w3", 10, Seconds(60), Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->size(), 4u);
  EXPECT_EQ(store_->Complete("demo", (*b)[0].url, "w2", 1, Now(), {}, Now()).code(),
            Status::Code::kFailedPrecondition);

  ASSERT_OK(store_->Fail("demo", (*c)[0].url, "w3", "http-5xx", "HTTP 503", Now() + Seconds(30)));
  auto counts = store_->CountFrontier("demo", Now());
  ASSERT_OK(counts);
  EXPECT_EQ(counts->total, 6);
  EXPECT_EQ(counts->leased, 3);
  EXPECT_EQ(counts->failing, 1);
  auto sc = store_->GetSiteCounters("demo");
  ASSERT_OK(sc);
  EXPECT_EQ(sc->errors["http-5xx"], 1);
  clock_.Advance(Seconds(31));
  auto retry = store_->Lease("demo", "w4", 10, Seconds(60), Now());
  ASSERT_OK(retry);
  ASSERT_EQ(retry->size(), 1u);
  EXPECT_EQ((*retry)[0].attempts, 1);
  EXPECT_EQ((*retry)[0].last_error, "HTTP 503");
  ASSERT_OK(store_->ReleaseLeases("w3"));
  EXPECT_EQ(store_->CountFrontier("demo", Now())->leased, 1);
}

TEST_P(StoreTest, EnqueueDoesNotRequeueAUrlDoneInTheSameCycle) {
  FrontierEntry e{"demo", "https://d/list", UrlKind::kListing, 1, Now()};
  ASSERT_OK(store_->Enqueue({e}, 1, Now()));
  auto l = store_->Lease("demo", "w", 1, Seconds(60), Now());
  ASSERT_EQ(l->size(), 1u);
  ASSERT_OK(store_->Complete("demo", e.url, "w", 1, Now() + Seconds(900), {}, Now()));
  ASSERT_OK(store_->Enqueue({e}, 1, Now()));  // found again in cycle 1
  EXPECT_TRUE(store_->Lease("demo", "w", 1, Seconds(60), Now())->empty());
  ASSERT_OK(store_->Enqueue({e}, 2, Now()));  // cycle 2 wants it now
  EXPECT_EQ(store_->Lease("demo", "w", 1, Seconds(60), Now())->size(), 1u);
  EXPECT_EQ(Count("frontier"), 1);
}

TEST_P(StoreTest, CyclesResumeAfterRestartAndCountersAccumulate) {
  auto c1 = store_->BeginCycle("demo", Now());
  ASSERT_OK(c1);
  EXPECT_EQ(c1->cycle, 1);
  Reopen();  // as after kill -9
  auto again = store_->BeginCycle("demo", Now() + Seconds(5));
  ASSERT_OK(again);
  EXPECT_EQ(again->cycle, 1);
  EXPECT_EQ(again->started, c1->started);
  ASSERT_OK(store_->FinishCycle("demo", 1, Now() + Seconds(10)));
  auto last = store_->LastCycle("demo");
  ASSERT_OK(last);
  ASSERT_TRUE(last->has_value());
  EXPECT_TRUE((*last)->finished.has_value());
  EXPECT_EQ(store_->BeginCycle("demo", Now())->cycle, 2);
  ASSERT_OK(store_->AddPagesFetched("demo", 3));
  ASSERT_OK(store_->AddPagesFetched("demo", 4));
  ASSERT_OK(store_->UpsertAds({MakeAd("1")}, Now()));
  auto sc = store_->GetSiteCounters("demo");
  EXPECT_EQ(sc->pages_fetched, 7);
  EXPECT_EQ(sc->ads_known, 1);
  EXPECT_EQ(sc->ads_live, 1);
}

TEST_P(StoreTest, SweepVanishedAfterCyclesNotListedAndRevivesOnReturn) {
  ASSERT_OK(store_->UpsertAds({MakeAd("1"), MakeAd("2"), MakeAd("3")}, Now()));
  ASSERT_OK(store_->MarkListed("demo", {"1", "2"}, 1));
  ASSERT_OK(store_->MarkListed("demo", {"1"}, 2));
  EXPECT_TRUE(store_->SweepVanished("demo", 2, 2, Now())->empty());
  auto gone = store_->SweepVanished("demo", 3, 2, Now());
  ASSERT_OK(gone);
  ASSERT_EQ(gone->size(), 1u);
  EXPECT_EQ((*gone)[0].id, "2");  // "3" was never listed: not swept
  EXPECT_FALSE(store_->LoadAd({"demo", "2"})->live);
  EXPECT_EQ(store_->GetSiteCounters("demo")->ads_live, 2);
  ASSERT_OK(store_->UpsertAds({MakeAd("2")}, Now()));
  EXPECT_TRUE(store_->LoadAd({"demo", "2"})->live);
}

TEST_P(StoreTest, CrawlBatchIsAllOrNothing) {
  ASSERT_OK(store_->Enqueue({{"demo", "https://d/p1", UrlKind::kListing, 0, Now()}}, 1, Now()));
  ASSERT_EQ(store_->Lease("demo", "w", 1, Seconds(60), Now())->size(), 1u);
  CrawlBatch b;
  b.site = "demo";
  b.cycle = 1;
  b.ads = {MakeAd("1"), MakeAd("2")};
  b.listed_ids = {"1", "2"};
  b.discovered = {{"demo", "https://d/p2", UrlKind::kListing, 0, Now()}};
  CrawlBatch::Done done;
  done.url = "https://d/p1", done.worker = "someone-else", done.next_due = Now() + Seconds(900);
  b.completed = {done};
  auto bad = store_->ApplyCrawlBatch(b, Now());
  EXPECT_EQ(bad.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(Count("ads"), 0);
  EXPECT_EQ(Count("frontier"), 1);
  b.completed[0].worker = "w";
  auto good = store_->ApplyCrawlBatch(b, Now());
  ASSERT_OK(good);
  EXPECT_EQ(good->size(), 2u);
  EXPECT_EQ(Count("ads WHERE listed_cycle = 1"), 2);
  EXPECT_EQ(Count("frontier"), 2);
  EXPECT_EQ(Count("frontier WHERE lease_owner IS NULL"), 2);
  b.site = "other";
  EXPECT_EQ(store_->ApplyCrawlBatch(b, Now()).status().code(), Status::Code::kInvalidArgument);
}

// Coverage: URLs enqueued in a cycle are planned in it; completed with an
// answer, fetched. A listing page no longer linked is not planned; one
// completed without a fetch (robots.txt) or held by another worker is not
// fetched. FinishCycle records it, SweepVanished marks the cycle swept.
TEST_P(StoreTest, CycleCoverageCountsPlannedAndFetchedPages) {
  auto page = [&](const std::string& url, UrlKind kind, int priority = 0) {
    return FrontierEntry{"demo", url, kind, priority, Now()};
  };
  auto done = [&](const std::string& url, const std::string& worker, bool fetched) {
    CrawlBatch::Done d;
    d.url = url, d.worker = worker, d.next_due = Now() + Seconds(900), d.fetched = fetched;
    return d;
  };
  ASSERT_OK(store_->BeginCycle("demo", Now()));
  ASSERT_OK(store_->Enqueue({page("https://d/1", UrlKind::kListing), page("https://d/old", UrlKind::kListing)}, 1,
                            Now()));
  ASSERT_OK(store_->Lease("demo", "w", 10, Seconds(60), Now()));
  CrawlBatch b;
  b.site = "demo", b.cycle = 1;
  b.discovered = {page("https://d/2", UrlKind::kListing), page("https://d/3", UrlKind::kListing),
                  page("https://d/ad/a", UrlKind::kDetail)};
  b.completed = {done("https://d/1", "w", true), done("https://d/old", "w", true)};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  auto c = store_->GetCycleCoverage("demo", 1, Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->listing_planned, 4);
  EXPECT_EQ(c->listing_fetched, 2);
  EXPECT_EQ(c->detail_planned, 1);
  EXPECT_FALSE(c->ListingComplete());

  // Cycle 2: /old is no longer linked; /2 is held by another worker; /3 is
  // completed unfetched (robots.txt); the detail page is fetched.
  ASSERT_OK(store_->FinishCycle("demo", 1, Now()));
  clock_.Advance(Seconds(1000));
  ASSERT_EQ(store_->BeginCycle("demo", Now())->cycle, 2);
  ASSERT_OK(store_->Enqueue({page("https://d/1", UrlKind::kListing, 10)}, 2, Now()));
  ASSERT_OK(store_->Lease("demo", "w", 1, Seconds(60), Now()));
  b.cycle = 2;
  b.discovered = {page("https://d/2", UrlKind::kListing), page("https://d/3", UrlKind::kListing),
                  page("https://d/ad/a", UrlKind::kDetail)};
  b.completed = {done("https://d/1", "w", true)};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  auto other = store_->Lease("demo", "other", 10, Seconds(60), Now());
  ASSERT_OK(other);
  ASSERT_EQ(other->size(), 4u);  // /2, /3, the detail page and /old, due again by time
  b.discovered.clear();
  b.completed = {done("https://d/3", "other", false), done("https://d/ad/a", "other", true),
                 done("https://d/old", "other", true)};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  c = store_->GetCycleCoverage("demo", 2, Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->listing_planned, 3);  // 1, 2, 3: not /old
  EXPECT_EQ(c->listing_fetched, 1);  // /3 was not fetched, /2 is still leased
  EXPECT_EQ(c->listing_leased, 1);
  EXPECT_EQ(c->detail_planned, 1);
  EXPECT_EQ(c->detail_fetched, 1);
  EXPECT_TRUE(c->DetailComplete());
  EXPECT_FALSE(c->swept);
  ASSERT_OK(store_->SweepVanished("demo", 2, 1, Now()));
  ASSERT_OK(store_->FinishCycle("demo", 2, Now()));
  auto last = store_->LastCycle("demo");
  ASSERT_OK(last);
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->coverage.listing_planned, 3);
  EXPECT_EQ((*last)->coverage.listing_fetched, 1);
  EXPECT_EQ((*last)->coverage.listing_leased, 1);
  EXPECT_EQ((*last)->coverage.detail_fetched, 1);
  EXPECT_TRUE((*last)->coverage.swept);
}

// A 304 is a sighting: the ad the URL yielded before is live again, and its
// last_seen moves (retention counts from it).
TEST_P(StoreTest, NotModifiedRevivesTheVanishedAdOfTheUrl) {
  Ad a = MakeAd("7");
  a.url = "https://d/canonical/7";
  ASSERT_OK(store_->Enqueue({{"demo", "https://d/ad?id=7", UrlKind::kDetail, 0, Now()}}, 1, Now()));
  ASSERT_EQ(store_->Lease("demo", "w", 1, Seconds(60), Now())->size(), 1u);
  CrawlBatch b;
  b.site = "demo", b.cycle = 1;
  b.ads = {a};
  b.listed_ids = {"7"};
  CrawlBatch::Done d;
  d.url = "https://d/ad?id=7", d.worker = "w", d.next_due = Now(), d.ad_id = "7";
  b.completed = {d};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  ASSERT_EQ(store_->SweepVanished("demo", 2, 1, Now())->size(), 1u);
  ASSERT_FALSE(store_->LoadAd({"demo", "7"})->live);

  clock_.Advance(Seconds(3600));
  ASSERT_EQ(store_->Lease("demo", "w", 1, Seconds(60), Now())->size(), 1u);
  b.ads.clear(), b.listed_ids.clear();
  b.cycle = 3;
  d.ad_id.clear();  // a 304 carries no ad: the URL's remembered one is revived
  d.not_modified = true;
  b.completed = {d};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  auto rec = store_->LoadAd({"demo", "7"});
  ASSERT_OK(rec);
  EXPECT_TRUE(rec->live);
  EXPECT_FALSE(rec->vanished_at.has_value());
  EXPECT_EQ(ToUnixSeconds(rec->last_seen), ToUnixSeconds(Now()));

  // A URL completed before the ad id was remembered: the ad whose URL it is.
  ASSERT_EQ(store_->SweepVanished("demo", 9, 1, Now())->size(), 1u);
  Raw("UPDATE frontier SET ad_id = ''");
  ASSERT_OK(store_->Enqueue({{"demo", a.url, UrlKind::kDetail, 0, Now()}}, 9, Now()));
  ASSERT_GE(store_->Lease("demo", "w", 5, Seconds(60), Now())->size(), 1u);
  d.url = a.url;
  b.completed = {d};
  ASSERT_OK(store_->ApplyCrawlBatch(b, Now()));
  EXPECT_TRUE(store_->LoadAd({"demo", "7"})->live);
}

TEST_P(StoreTest, ForEachLiveAdVisitsEveryLiveAdInOrder) {
  std::vector<Ad> ads;
  for (int i = 0; i < 1200; ++i) ads.push_back(MakeAd(std::to_string(100000 + i)));
  ASSERT_OK(store_->UpsertAds(ads, Now()));
  ASSERT_OK(store_->MarkListed("demo", {"100000"}, 1));
  ASSERT_OK(store_->SweepVanished("demo", 5, 2, Now()));
  std::vector<std::string> seen;
  ASSERT_OK(store_->ForEachLiveAd([&](const AdRecord& r) {
    seen.push_back(r.ad.id);
    return Status::Ok();
  }));
  ASSERT_EQ(seen.size(), 1199u);
  EXPECT_EQ(seen.front(), "100001");
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

// What a restarted process loads its cross-ad index from: every live ad
// (however long ago it was seen) and the vanished ads last seen since the
// window began, in pages, while fn may write to the store.
TEST_P(StoreTest, ForEachAdLiveOrSeenSinceVisitsLiveAdsAndTheWindowsVanishedOnes) {
  std::vector<Ad> ads;
  for (int i = 0; i < 1200; ++i) ads.push_back(MakeAd(std::to_string(100000 + i)));
  ads.push_back(MakeAd("old"));
  ASSERT_OK(store_->UpsertAds(ads, Now()));
  const TimePoint window = Now() + Seconds(3600);
  clock_.Advance(Seconds(7200));
  ASSERT_OK(store_->UpsertAds({MakeAd("recent"), MakeAd("100005")}, Now()));
  ASSERT_OK(store_->MarkListed("demo", {"old", "recent", "100007"}, 1));
  ASSERT_OK(store_->SweepVanished("demo", 5, 2, Now()));
  ASSERT_FALSE(store_->LoadAd({"demo", "recent"})->live);

  std::vector<std::string> seen;
  std::set<std::string> vanished;
  ASSERT_OK(store_->ForEachAdLiveOrSeenSince(window, [&](const AdRecord& r) {
    seen.push_back(r.ad.id);
    if (!r.live) vanished.insert(r.ad.id);
    EXPECT_EQ(r.ad.text, "hallo");
    if (r.ad.id == "100003") return store_->DropOutOfScope(KeyOf(r.ad), Now());  // writing while reading
    return Status::Ok();
  }));
  ASSERT_EQ(seen.size(), 1200u);  // 1200 live but 100007, and recent
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(vanished, std::set<std::string>{"recent"});
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "old"), 0);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), "100007"), 0) << "vanished and last seen before the window";

  seen.clear();
  ASSERT_OK(store_->ForEachAdLiveOrSeenSince(window - Seconds(3600), [&](const AdRecord& r) {
    seen.push_back(r.ad.id);
    return Status::Ok();
  }));
  EXPECT_EQ(seen.size(), 1201u) << "every ad but the one dropped";
  int calls = 0;
  Status stop = store_->ForEachAdLiveOrSeenSince(window, [&](const AdRecord&) {
    return ++calls == 3 ? Status::Internal("enough") : Status::Ok();
  });
  EXPECT_EQ(stop.message(), "enough");
  EXPECT_EQ(calls, 3);
}

// A batch with many new ads takes the bulk path (COPY on PostgreSQL) beside
// changed and unchanged ones: the same events, rows and versions as ad by ad.
TEST_P(StoreTest, ABulkBatchOfNewAdsBesideChangedOnesKeepsEveryRowAndVersion) {
  ASSERT_OK(store_->UpsertAds({MakeAd("a"), MakeAd("b")}, Now()));
  std::vector<Ad> batch = {MakeAd("a", "anders"), MakeAd("b")};
  for (int i = 0; i < 120; ++i) batch.push_back(MakeAd("n" + std::to_string(i), "tekst \"" + std::to_string(i) + "\"\t\\"));
  clock_.Advance(Seconds(60));
  auto r = store_->UpsertAds(batch, Now());
  ASSERT_OK(r);
  ASSERT_EQ(r->size(), batch.size());
  EXPECT_EQ((*r)[0].event, AdEvent::kChanged);
  EXPECT_EQ((*r)[1].event, AdEvent::kUnchanged);
  for (size_t i = 2; i < r->size(); ++i) EXPECT_EQ((*r)[i].event, AdEvent::kNew) << i;
  EXPECT_EQ(Count("ads"), 122);
  EXPECT_EQ(Count("ad_versions"), 123);
  auto ad = store_->LoadAd({"demo", "n117"});
  ASSERT_OK(ad);
  EXPECT_EQ(ad->ad.text, "tekst \"117\"\t\\");
  EXPECT_EQ(ad->content_hash, ContentHash(MakeAd("n117", "tekst \"117\"\t\\")));
  EXPECT_EQ(ad->ad.photos, MakeAd("n117").photos);
  EXPECT_TRUE(ad->live);
  // The versions point at the right ads (ids read back after the bulk write).
  auto versions = store_->LoadAdVersions({"demo", "n5"});
  ASSERT_OK(versions);
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ((*versions)[0].ad.id, "n5");
  EXPECT_EQ((*versions)[0].ad.text, "tekst \"5\"\t\\");
  // Written again: all unchanged.
  auto again = store_->UpsertAds(batch, Now());
  ASSERT_OK(again);
  for (const auto& e : *again) EXPECT_EQ(e.event, AdEvent::kUnchanged);
  EXPECT_EQ(Count("ad_versions"), 123);
}

// PostgreSQL keeps sealed versions inline up to a page and out of line,
// uncompressed, beyond it (schema v10), as bytes (v11; SQLite as a BLOB): an
// ad of 30 KB next to ordinary ones goes through the bulk path and reads back
// whole; every version is sealed.
TEST_P(StoreTest, ABulkBatchWithAnAdLargerThanAPageKeepsItWholeAndSealed) {
  std::vector<Ad> batch;
  for (int i = 0; i < 40; ++i) batch.push_back(MakeAd("n" + std::to_string(i), std::string(1500, 'a' + i % 26)));
  std::string big;
  for (int i = 0; big.size() < 30000; ++i) big += "regel " + std::to_string(i) + " met wat tekst. ";
  batch.push_back(MakeAd("big", big));
  ASSERT_OK(store_->UpsertAds(batch, Now()));
  auto ad = store_->LoadAd({"demo", "big"});
  ASSERT_OK(ad);
  EXPECT_EQ(ad->ad.text, big);
  auto small = store_->LoadAd({"demo", "n7"});
  ASSERT_OK(small);
  EXPECT_EQ(small->ad.text, std::string(1500, 'h'));
  // Sealed, as the box's bytes: a SQLite BLOB (LIKE does not read blobs
  // there), PostgreSQL bytea (schema v11).
  EXPECT_EQ(Count(GetParam() == "postgresql"
                      ? "ad_versions WHERE data LIKE 'enc2:%'"
                      : "ad_versions WHERE typeof(data) = 'blob' AND substr(data, 1, 5) = CAST('enc2:' AS BLOB)"),
            41);
  if (GetParam() == "postgresql") {
    EXPECT_EQ(Raw("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                  "'ad_versions'::regclass AND attname = 'data'"),
              "bytea");
    EXPECT_EQ(Raw("SELECT attstorage FROM pg_attribute WHERE attrelid = 'ad_versions'::regclass AND attname = 'data'"),
              "e");
    EXPECT_EQ(Raw("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'ad_versions'"),
              "toast_tuple_target=8160");
  }
}

// The bulk path writes COPY's text format itself and looks ids up as a text[]
// literal (PostgreSQL): ids, URLs and sites holding their special bytes
// (backslash, tab, newline, carriage return; quote, comma, braces, NULL) and
// non-ASCII text come back as they were, over more rows than one 64 KB send
// buffer holds, and are found again (all unchanged).
TEST_P(StoreTest, ABulkBatchKeepsCopySpecialBytesInIdsAndUrls) {
  const std::string site = "s\\i\tte";
  std::vector<Ad> batch;
  for (int i = 0; i < 60; ++i) {
    Ad ad = MakeAd("id\\" + std::to_string(i) + "\t\n\r caf\xC3\xA9 \\N \"{a,b}\"", std::string(1500, 'x'), site);
    ad.url = "https://x.example/a\\b\tc\nd\re/" + std::to_string(i);
    batch.push_back(std::move(ad));
  }
  batch[7].id = "NULL";  // as an element of a text[] literal, a string
  auto r = store_->UpsertAds(batch, Now());
  ASSERT_OK(r);
  for (const auto& e : *r) EXPECT_EQ(e.event, AdEvent::kNew);
  for (int i : {0, 7, 31, 59}) {
    auto ad = store_->LoadAd({site, batch[i].id});
    ASSERT_OK(ad);
    EXPECT_EQ(ad->ad.id, batch[i].id);
    EXPECT_EQ(ad->ad.site, site);
    EXPECT_EQ(ad->ad.url, batch[i].url);
    EXPECT_EQ(ad->content_hash, ContentHash(batch[i]));
    auto versions = store_->LoadAdVersions({site, batch[i].id});
    ASSERT_OK(versions);
    ASSERT_EQ(versions->size(), 1u);
  }
  auto again = store_->UpsertAds(batch, Now());
  ASSERT_OK(again);
  for (const auto& e : *again) EXPECT_EQ(e.event, AdEvent::kUnchanged);
  EXPECT_EQ(Count("ads"), 60);
  EXPECT_EQ(Count("ad_versions"), 60);
}

// The ingest path writes an ad's JSON directly; nlohmann's dump of the same
// ad is the reference: both parse to the same value, odd bytes included.
TEST(AdJsonTextTest, ParsesToTheSameValueAsTheReference) {
  Ad ad;
  ad.site = "s";
  ad.id = "1";
  ad.url = "https://x.example/a?b=\"c\"&d=\\e";
  ad.title = "Nieuw \xE2\x9C\xA8 in Geleen \xF0\x9F\x98\x80 caf\xC3\xA9";
  ad.text = std::string("tab\there\nline\r\x01\x1f\x7f end") + std::string(1, '\0') + "nul";
  ad.name = "bad \xff \xC3 \xED\xA0\x80 \xF4\x90\x80\x80 \xE0\x80\x80 end";  // invalid, surrogate, too high, overlong
  ad.phones = {"0612345678", "+31 6 \"x\""};
  ad.photos = {};
  const nlohmann::json fast = nlohmann::json::parse(store_internal::AdJsonText(ad));
  const nlohmann::json reference = nlohmann::json::parse(store_internal::DumpJson(store_internal::AdToJson(ad)));
  EXPECT_EQ(fast["title"], reference["title"]);
  EXPECT_EQ(fast["text"], reference["text"]);
  EXPECT_EQ(fast["url"], reference["url"]);
  EXPECT_EQ(fast["phones"], reference["phones"]);
  EXPECT_EQ(fast["photos"], nlohmann::json::array());
  EXPECT_EQ(fast.size(), reference.size());
  // Every invalid byte is one U+FFFD; the valid text around it is kept.
  EXPECT_EQ(fast["name"].get<std::string>().rfind("bad \xEF\xBF\xBD \xEF\xBF\xBD ", 0), 0u) << fast["name"];
  EXPECT_EQ(store_internal::AdFromJson(fast).text, ad.text);
  Ad plain = ad;
  plain.name = "Naam";
  EXPECT_EQ(fast.size(), 13u);
  EXPECT_EQ(nlohmann::json::parse(store_internal::AdJsonText(plain)),
            nlohmann::json::parse(store_internal::DumpJson(store_internal::AdToJson(plain))));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace adwatch
