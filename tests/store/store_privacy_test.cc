// Conformance: retention of every class (frontier URLs, sightings, entities,
// outbox, evaluation counts), minimised numbers found again in clear, and
// sealed columns read back in clear.
#include "tests/store/store_fixture.h"

namespace adwatch {
namespace {

AdSignals Signals(const std::string& e164) {
  AdSignals s;
  s.phones = {{e164, false, "phones", "06 " + e164.substr(3)}};
  s.places = {{"Heerlen", "Heerlen", "Limburg", "NL"}};
  Hit h;
  h.rule = "r1";
  h.field = "text";
  h.evidence = "bel " + e164;
  s.hits = {h};
  return s;
}

TEST_P(StoreTest, PurgeReportsEveryClassPastItsPeriod) {
  const TimePoint t0 = Now();
  Ad ad = MakeAd("1");
  ASSERT_OK(store_->Enqueue({{"demo", ad.url, UrlKind::kDetail, 0, t0}, {"demo", "https://demo.example/gone", UrlKind::kDetail, 0, t0}}, 1, t0));
  ASSERT_OK(store_->UpsertAds({ad}, t0));
  ASSERT_OK(store_->SaveAdSignals(KeyOf(ad), ContentHash(ad), Signals("+31612345678"), "rv", t0));
  StoredEntity e;
  e.id = "e1";
  e.ads = {KeyOf(ad)};
  ASSERT_OK(store_->ReplaceEntities({e}, t0));

  RetentionConfig r;
  r.unflagged_ads = std::chrono::hours(24 * 365);  // the ad itself stays
  r.sightings = std::chrono::hours(24 * 10);
  r.entities = std::chrono::hours(24 * 20);
  r.frontier = std::chrono::hours(24 * 30);
  clock_.Advance(std::chrono::hours(24 * 15));
  // The ad's URL is found again; the other one is not.
  ASSERT_OK(store_->Enqueue({{"demo", ad.url, UrlKind::kDetail, 0, Now()}}, 2, Now()));
  auto c = store_->Purge(r, "root", Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->sightings, 1);
  EXPECT_EQ(c->entities, 0);
  EXPECT_EQ(c->frontier_urls, 0);
  clock_.Advance(std::chrono::hours(24 * 20));
  c = store_->Purge(r, "root", Now());
  ASSERT_OK(c);
  EXPECT_EQ(c->entities, 1);
  EXPECT_EQ(c->frontier_urls, 1);
  EXPECT_EQ(Count("frontier"), 1);
  EXPECT_EQ(Count("entities"), 0);
  EXPECT_EQ(Count("ads"), 1);
  EXPECT_NE(c->ToString().find("frontier_urls=1 entities=1 statistics=0"), std::string::npos) << c->ToString();
  auto audit = store_->ListAudit({.action = "purge"});
  ASSERT_OK(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_NE(audit->back().detail.find("frontier_urls=1"), std::string::npos);
}

TEST_P(StoreTest, SealedColumnsReadBackInClearAndNumbersComeBack) {
  Ad ad = MakeAd("1", "bel 06 12345678");
  ASSERT_OK(store_->UpsertAds({ad}, Now()));
  ASSERT_OK(store_->SaveAdSignals(KeyOf(ad), ContentHash(ad), Signals("+31612345678"), "rv", Now()));
  EXPECT_EQ(Count("phones WHERE e164 LIKE '%612345678%'"), 0);
  EXPECT_EQ(Count("hits WHERE evidence LIKE '%612345678%'"), 0);
  EXPECT_EQ(Count("ad_versions WHERE data LIKE '%12345678%'"), 0);
  auto rec = store_->LoadAd(KeyOf(ad));
  ASSERT_OK(rec);
  EXPECT_EQ(rec->ad.text, "bel 06 12345678");
  ASSERT_EQ(rec->signals.phones.size(), 1u);
  EXPECT_EQ(rec->signals.phones[0].e164, "+31612345678");
  EXPECT_EQ(rec->signals.phones[0].raw, "06 612345678");
  EXPECT_EQ(rec->signals.hits[0].evidence, "bel +31612345678");
  auto with = store_->AdsWithPhone("+31612345678");
  ASSERT_OK(with);
  EXPECT_EQ(with->size(), 1u);

  // Minimised: the number only as its pseudonym; another ad brings it back.
  clock_.Advance(std::chrono::hours(24 * 8));
  ASSERT_OK(store_->MinimiseAds({{KeyOf(ad), ContentHash(ad), "abc . ", "def"}}, Now()));
  EXPECT_EQ(Count("phones WHERE e164 = 'p:" + store_->Pseudonym("+31612345678") + "'"), 1);
  rec = store_->LoadAd(KeyOf(ad));
  ASSERT_OK(rec);
  EXPECT_TRUE(rec->minimised);
  EXPECT_EQ(rec->signals.phones[0].e164, "p:" + store_->Pseudonym("+31612345678"));
  EXPECT_EQ(store_->Pseudonym(rec->signals.phones[0].e164), store_->Pseudonym("+31612345678"));
  Ad other = MakeAd("2", "nieuw");
  ASSERT_OK(store_->UpsertAds({other}, Now()));
  ASSERT_OK(store_->SaveAdSignals(KeyOf(other), ContentHash(other), Signals("+31612345678"), "rv", Now()));
  EXPECT_EQ(Count("phones"), 1);
  rec = store_->LoadAd(KeyOf(ad));
  ASSERT_OK(rec);
  EXPECT_EQ(rec->signals.phones[0].e164, "+31612345678");
  // Erasure finds the number whatever form it is kept in.
  auto f = store_->ForgetPhone("+31612345678", "root", Now());
  ASSERT_OK(f);
  EXPECT_EQ(f->ads, 2);
  EXPECT_EQ(Count("phones"), 0);
}

}  // namespace
}  // namespace adwatch
