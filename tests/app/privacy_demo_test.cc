// Privacy on the demo network, on SQLite and PostgreSQL: the ads of one demo
// crawl go into the store as the crawler writes them (one batch with their
// frontier URLs completed) and through the daemon's analysis path
// (AnalyzeInScope); then the store must hold no ad outside [scope], and
// their URLs only as keyed hashes that the crawl does not lease; and after
// the minimisation period no ad behind no alert keeps text, name or a clear
// number, while the cross-ad index links the minimised ads as before.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>

#include "app/minimise.h"
#include "app/scope.h"
#include "app/wire_analysis.h"
#include "config/loader.h"
#include "tests/demo_sites/demo_gen.h"
#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

Ad ToAd(const demo::AdView& v) {
  static const std::vector<std::string> kOrigins = {"http://demo-html.test", "http://demo-api.test",
                                                    "http://demo-next.test"};
  Ad ad;
  ad.site = demo::SiteName(v.site);
  ad.id = v.id;
  ad.url = demo::CanonicalUrl(v, kOrigins);
  ad.title = v.title;
  ad.text = v.Text();
  ad.name = v.name;
  ad.stated_age = v.age_field;
  ad.city = demo::Places()[static_cast<size_t>(v.place)].name;
  ad.region = "NL";
  for (const std::string& p : {v.phone_field, v.tel_link, v.wa_link})
    if (!p.empty()) ad.phones.push_back(p);
  return ad;
}

class PrivacyDemoTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    LoadResult rules = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
    ASSERT_TRUE(rules.ok()) << rules.errors[0].ToString();
    auto m = MakeMatcher(rules.config.matcher);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    matcher_ = std::make_unique<Matcher>(std::move(*m));
  }

  // One crawl of the demo network's live ads at epoch 0, per site one batch
  // whose frontier URLs are leased and completed (with an ETag), each ad then
  // analysed as the daemon does. Returns the ads.
  std::vector<Ad> Crawl(int ads) {
    demo::Network net(7, static_cast<uint64_t>(ads));
    std::map<std::string, std::vector<Ad>> by_site;
    for (uint64_t i = 0; i < net.BornCount(0); ++i)
      if (net.LifeAt(i, 0) == demo::Life::kLive) {
        Ad ad = ToAd(net.View(i, 0));
        by_site[ad.site].push_back(ad);
      }
    std::vector<Ad> all;
    for (auto& [site, list] : by_site) {
      std::vector<FrontierEntry> entries;
      for (const Ad& ad : list) entries.push_back({site, ad.url, UrlKind::kDetail, 0, Now()});
      EXPECT_TRUE(store_->Enqueue(entries, 1, Now()).ok());
      auto leased = store_->Lease(site, "w", 100000, std::chrono::minutes(5), Now());
      EXPECT_TRUE(leased.ok());
      EXPECT_EQ(leased->size(), list.size());
      CrawlBatch b;
      b.site = site;
      b.cycle = 1;
      b.ads = list;
      for (const Ad& ad : list)
        b.completed.push_back({ad.url, "w", Now() + std::chrono::hours(1), {"\"etag-" + ad.id + "\"", "", ""}, true,
                               false, ad.id});
      auto res = store_->ApplyCrawlBatch(b, Now());
      EXPECT_TRUE(res.ok()) << res.status().ToString();
      for (size_t k = 0; k < list.size(); ++k) {
        auto kept = AnalyzeInScope(*store_, *matcher_, scope_, list[k], (*res)[k].content_hash, Now());
        EXPECT_TRUE(kept.ok()) << kept.status().ToString();
      }
      all.insert(all.end(), list.begin(), list.end());
    }
    return all;
  }

  ScopeConfig scope_;
  std::unique_ptr<Matcher> matcher_;
};

TEST_P(PrivacyDemoTest, AdsOutsideTheScopeAreAbsentAfterADemoCrawl) {
  std::vector<Ad> ads = Crawl(600);
  int outside = 0, placeless = 0;
  for (const Ad& ad : ads) {
    AdSignals s = AnalyzeAd(ad, *matcher_);
    auto stored = store_->LoadAd(KeyOf(ad));
    if (OutsideScope(s, scope_)) {
      ++outside;
      EXPECT_EQ(stored.status().code(), Status::Code::kNotFound) << ad.city;
      EXPECT_EQ(Count("frontier WHERE url = '" + ad.url + "'"), 0) << "URL kept in clear";
      EXPECT_EQ(Count("ad_versions v JOIN ads a ON a.id = v.ad WHERE a.ad_id = '" + ad.id + "'"), 0);
    } else {
      EXPECT_TRUE(stored.ok()) << ad.city;
      if (s.places.empty()) ++placeless;
    }
  }
  // The demo plants ads in Amsterdam, Aachen, Luik …: some must have gone.
  EXPECT_GT(outside, 20);
  EXPECT_EQ(Count("ads"), static_cast<int64_t>(ads.size()) - outside);
  auto counted = store_->CountOutOfScope();
  ASSERT_OK(counted);
  EXPECT_EQ(*counted, outside);
  // The hashed URLs are never handed to a crawler, and not counted as due.
  clock_.Advance(std::chrono::hours(2));
  auto leased = store_->Lease("", "w2", 100000, std::chrono::minutes(5), Now());
  ASSERT_OK(leased);
  for (const LeasedUrl& u : *leased) EXPECT_EQ(u.url.rfind("http", 0), 0u) << u.url;
  EXPECT_EQ(static_cast<int64_t>(leased->size()), static_cast<int64_t>(ads.size()) - outside);
  std::printf("demo crawl: %zu ads, %d outside the scope (not kept), %d naming no place (kept)\n", ads.size(),
              outside, placeless);
}

TEST_P(PrivacyDemoTest, AHashedUrlComesBackInClearOnlyWhenDue) {
  scope_.municipalities = {"Maastricht"};
  Ad ad = MakeAd("9", "Nieuw in Amsterdam, bel me");
  ad.city = "Amsterdam";
  ASSERT_OK(store_->Enqueue({{"demo", ad.url, UrlKind::kDetail, 0, Now()}}, 1, Now()));
  ASSERT_OK(store_->Lease("demo", "w", 10, std::chrono::minutes(5), Now()));
  CrawlBatch b;
  b.site = "demo";
  b.cycle = 1;
  b.ads = {ad};
  b.completed.push_back({ad.url, "w", Now() + std::chrono::hours(1), {"\"v1\"", "", ""}, true, false, ad.id});
  auto res = store_->ApplyCrawlBatch(b, Now());
  ASSERT_OK(res);
  auto kept = AnalyzeInScope(*store_, *matcher_, scope_, ad, (*res)[0].content_hash, Now());
  ASSERT_OK(kept);
  EXPECT_FALSE(kept->has_value());
  EXPECT_EQ(Count("ads"), 0);
  EXPECT_EQ(Count("phones"), 0);
  EXPECT_EQ(Count("frontier WHERE url LIKE 'http%'"), 0);
  EXPECT_EQ(Count("frontier WHERE url LIKE 'hmac:%' AND etag = '\"v1\"'"), 1);

  // Found again on a listing before it is due: skipped, still hashed.
  ASSERT_OK(store_->Enqueue({{"demo", ad.url, UrlKind::kDetail, 0, Now()}}, 2, Now()));
  EXPECT_EQ(Count("frontier WHERE url LIKE 'http%'"), 0);
  // Due: back in clear with its validators, for a conditional fetch.
  clock_.Advance(std::chrono::hours(2));
  ASSERT_OK(store_->Enqueue({{"demo", ad.url, UrlKind::kDetail, 0, Now()}}, 3, Now()));
  auto v = store_->GetValidators("demo", ad.url);
  ASSERT_OK(v);
  EXPECT_EQ(v->etag, "\"v1\"");
  EXPECT_EQ(Count("frontier WHERE url LIKE 'hmac:%'"), 0);
  // 304: the page did not change, so it is still outside: hashed again.
  auto leased = store_->Lease("demo", "w", 10, std::chrono::minutes(5), Now());
  ASSERT_OK(leased);
  ASSERT_EQ(leased->size(), 1u);
  CrawlBatch again;
  again.site = "demo";
  again.cycle = 3;
  again.completed.push_back({ad.url, "w", Now() + std::chrono::hours(1), {"\"v1\"", "", ""}, true, true, ""});
  ASSERT_OK(store_->ApplyCrawlBatch(again, Now()));
  EXPECT_EQ(Count("frontier WHERE url LIKE 'http%'"), 0);
  EXPECT_EQ(Count("frontier WHERE url LIKE 'hmac:%'"), 1);
}


// The entities of an index loaded from the store, as (ads, score).
std::set<std::pair<std::vector<AdKey>, double>> Linked(Store& store, const Matcher& matcher, LinkTokens& tokens,
                                                       TimePoint now) {
  CrossAdIndex index(matcher.config);
  auto load = LoadIndexFromStore(store, matcher, index, now, {}, nullptr, &tokens);
  EXPECT_TRUE(load.ok()) << load.status().ToString();
  std::set<std::pair<std::vector<AdKey>, double>> out;
  for (const Entity& e : index.Entities()) out.insert({e.ads, e.score});
  return out;
}

TEST_P(PrivacyDemoTest, AfterThePeriodAdsBehindNoAlertKeepNoTextNameOrClearNumber) {
  std::vector<Ad> ads = Crawl(400);
  LinkTokens tokens(*store_);
  auto before = Linked(*store_, *matcher_, tokens, Now());
  ASSERT_GT(before.size(), 3u) << "the demo links ads";
  // One ad is behind an alert: it keeps its evidence.
  const Ad* flagged = nullptr;
  for (const Ad& ad : ads)
    if (store_->LoadAd(KeyOf(ad)).ok() && !ad.phones.empty() && !ad.text.empty()) flagged = &ad;
  ASSERT_NE(flagged, nullptr);
  Alert alert;
  alert.subject_key = "ad:" + flagged->site + "/" + flagged->id;
  alert.members = {alert.subject_key};
  alert.severity = Severity::kHigh;
  alert.score = 50;
  ASSERT_OK(store_->UpsertAlert(alert, Now()));

  MinimiseConfig config;  // 7 days
  auto early = MinimiseDue(*store_, config, tokens, Now() + std::chrono::hours(24 * 6));
  ASSERT_OK(early);
  EXPECT_EQ(*early, 0) << "nothing before the period";
  clock_.Advance(std::chrono::hours(24 * 8));
  auto n = MinimiseDue(*store_, config, tokens, Now());
  ASSERT_OK(n);
  const int64_t kept = Count("ads");
  EXPECT_EQ(*n, kept - 1);
  EXPECT_EQ(Count("ads WHERE minimised = 1"), kept - 1);

  for (const Ad& ad : ads) {
    auto rec = store_->LoadAd(KeyOf(ad));
    if (!rec.ok()) continue;  // outside the scope
    if (&ad == flagged) {
      EXPECT_FALSE(rec->minimised);
      EXPECT_EQ(rec->ad.text, ad.text);
      continue;
    }
    ASSERT_TRUE(rec->minimised);
    EXPECT_TRUE(rec->ad.title.empty());
    EXPECT_TRUE(rec->ad.photos.empty() && rec->ad.price.empty() && rec->ad.phones.empty());
    if (!ad.name.empty()) EXPECT_EQ(rec->ad.name.find(ad.name), std::string::npos) << ad.name;
    // No word of its text survives in clear (only keyed tokens and full stops).
    for (char c : rec->ad.text) ASSERT_TRUE((c >= 'a' && c <= 'p') || c == ' ' || c == '.') << rec->ad.text;
    for (const PhoneFound& p : rec->signals.phones) EXPECT_TRUE(p.raw.empty());
    for (const Hit& h : rec->signals.hits) EXPECT_TRUE(h.evidence.empty()) << h.rule;
  }
  // Numbers in clear: only those of the ad behind the alert.
  auto flagged_rec = store_->LoadAd(KeyOf(*flagged));
  ASSERT_OK(flagged_rec);
  std::set<std::string> numbers;
  for (const PhoneFound& p : flagged_rec->signals.phones) numbers.insert(p.e164);
  EXPECT_EQ(Count("phones WHERE e164 NOT LIKE 'p:%'"), static_cast<int64_t>(numbers.size()));
  for (const std::string& e164 : numbers) EXPECT_EQ(e164.rfind("+", 0), 0u);
  // Only the current version of a minimised ad is left.
  EXPECT_EQ(Count("ad_versions v JOIN ads a ON a.id = v.ad WHERE a.minimised = 1 AND v.content_hash <> a.content_hash"),
            0);

  // The cross-ad index links the minimised ads as it linked them in full.
  LinkTokens fresh(*store_);  // a restarted daemon: no word seen in clear
  auto after = Linked(*store_, *matcher_, fresh, Now());
  EXPECT_EQ(after, before);
}

// Numbers are sealed where they must stay (core/crypto.h): the database file
// alone does not reveal a single demo number, in any of its written forms.
TEST_P(PrivacyDemoTest, TheDatabaseFileRevealsNoPhoneNumber) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "a file to read: SQLite";
  std::vector<Ad> ads = Crawl(300);
  std::set<std::string> forms;
  for (const Ad& ad : ads) {
    auto rec = store_->LoadAd(KeyOf(ad));
    if (!rec.ok()) continue;
    for (const PhoneFound& p : rec->signals.phones) {
      ASSERT_EQ(p.e164.rfind("+", 0), 0u) << "read back in clear";
      forms.insert(p.e164.substr(1));                 // 31612345678
      if (p.e164.rfind("+31", 0) == 0) forms.insert("0" + p.e164.substr(3));  // 0612345678
      if (p.raw.size() >= 8) forms.insert(p.raw);
    }
    for (const std::string& p : ad.phones)
      if (p.size() >= 8) forms.insert(p);
  }
  ASSERT_GT(forms.size(), 50u);
  store_.reset();  // closes the file (the WAL is folded in)
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream f(config_.path + suffix, std::ios::binary);
    bytes += std::string(std::istreambuf_iterator<char>(f), {});
  }
  ASSERT_GT(bytes.size(), 100000u);
  int found = 0;
  for (const std::string& form : forms)
    if (bytes.find(form) != std::string::npos && ++found <= 5) ADD_FAILURE() << "in the file: " << form;
  EXPECT_EQ(found, 0) << "of " << forms.size() << " forms";
  Reopen();
}

INSTANTIATE_TEST_SUITE_P(Backends, PrivacyDemoTest, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace adwatch
