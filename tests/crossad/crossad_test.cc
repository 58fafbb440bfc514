// Unit tests of the cross-ad signals on hand-made ads: each signal fires on
// its pattern and not on the look-alike benign case, entities merge and split
// as ads change, and the incremental index equals the rebuild.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "matcher/crossad/crossad.h"
#include "tests/crossad/crossad_fixtures.h"

namespace adwatch {
namespace {

using test::Day;
using test::Fact;
using test::LongText;

const Contribution* Find(const Entity& e, const std::string& category) {
  for (const Contribution& c : e.contributions)
    if (c.category == category) return &c;
  return nullptr;
}

TEST(CrossAd, SharedPhoneNeedsDistinctNames) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 4; ++i) idx.Upsert(Fact("a" + std::to_string(i), "Name" + std::to_string(i), {"+31611111111"}, "Heerlen", Day(i), LongText(i)));
  for (int i = 0; i < 4; ++i) idx.Upsert(Fact("b" + std::to_string(i), "Lisa", {"+31622222222"}, "Heerlen", Day(i), LongText(10 + i)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 2u);
  int with_shared = 0;
  for (const Entity& e : es) {
    EXPECT_EQ(e.ads.size(), 4u);
    EXPECT_EQ(e.phones.size(), 1u);
    EXPECT_EQ(e.phones[0].substr(0, 6), "pseudo") << "only pseudonyms leave the index";
    if (const Contribution* c = Find(e, "shared_phone")) {
      ++with_shared;
      EXPECT_EQ(e.names.size(), 4u);
      EXPECT_EQ(c->ad_urls.size(), 4u);
      EXPECT_NE(c->evidence.find("4 names"), std::string::npos) << c->evidence;
      EXPECT_EQ(c->evidence.find("+316"), std::string::npos) << "no phone number in evidence";
    }
  }
  EXPECT_EQ(with_shared, 1);
}

// "Bea 0152 8417 0593" in the name field is Bea with her number: one name.
TEST(CrossAd, NumberInTheNameFieldIsNoOtherName) {
  CrossAdIndex idx(test::Config());
  const char* names[] = {"Bea", "Bea 0152 8417 0593", "BEA Tél: 015284170593"};
  for (int i = 0; i < 3; ++i) idx.Upsert(Fact("a" + std::to_string(i), names[i], {"+4915284170593"}, "Aachen", Day(i), LongText(i)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].names.size(), 1u);
  EXPECT_EQ(Find(es[0], "shared_phone"), nullptr);
}

TEST(CrossAd, SharedPhoneWindow) {
  MatcherConfig cfg = test::Config();
  cfg.signals.shared_phone_window = std::chrono::hours(24 * 5);
  CrossAdIndex idx(cfg);
  // Three names, but 20 days apart: never three in one 5-day window.
  for (int i = 0; i < 3; ++i) idx.Upsert(Fact("a" + std::to_string(i), "N" + std::to_string(i), {"+31611111111"}, "Heerlen", Day(20 * i), LongText(i)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(Find(es[0], "shared_phone"), nullptr);
}

TEST(CrossAd, TemplateAcrossPhonesIsFlaggedWithSharedPhrase) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 4; ++i) {
    std::string name = "Name" + std::to_string(i);
    idx.Upsert(Fact("t" + std::to_string(i), name, {"+3161000000" + std::to_string(i)}, "Sittard", Day(i),
                    "Hallo ik ben " + name + " uit Sittard. " + LongText(99) + " Bel 06-1234567" + std::to_string(i)));
  }
  idx.Upsert(Fact("x", "Other", {"+31619999999"}, "Sittard", Day(1), LongText(7)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  const Entity& e = es[0];
  EXPECT_EQ(e.ads.size(), 4u);
  ASSERT_EQ(e.templates.size(), 1u);
  EXPECT_TRUE(e.templates[0].flagged);
  EXPECT_EQ(e.templates[0].identities, 4);
  EXPECT_GE(e.templates[0].shared_phrase.size(), 40u);
  EXPECT_EQ(e.templates[0].shared_phrase.find("name"), std::string::npos) << "names are stripped";
  const Contribution* c = Find(e, "template");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->points, 30);
  EXPECT_NE(c->evidence.find(e.templates[0].shared_phrase.substr(0, 20)), std::string::npos);
}

TEST(CrossAd, SameTextSamePhoneIsNotATemplateRing) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 3; ++i) idx.Upsert(Fact("s" + std::to_string(i), "Lisa", {"+31611111111"}, "Sittard", Day(i), LongText(5)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  ASSERT_EQ(es[0].templates.size(), 1u);
  EXPECT_FALSE(es[0].templates[0].flagged);
  EXPECT_EQ(Find(es[0], "template"), nullptr);
  EXPECT_EQ(es[0].severity, Severity::kNone);
}

TEST(CrossAd, TouringCountsOnlyWithAnotherSignal) {
  CrossAdIndex idx(test::Config());
  const char* towns[] = {"Heerlen", "Sittard", "Maastricht", "Venlo"};
  for (int d = 0; d < 4; ++d) idx.Upsert(Fact("tour", "Anna", {"+31611111111"}, towns[d], Day(2 * d), LongText(1)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u) << "a single touring ad is reported";
  const Contribution* t = Find(es[0], "touring");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->points, 0);
  EXPECT_NE(t->evidence.find("Heerlen -> Sittard -> Maastricht -> Venlo"), std::string::npos) << t->evidence;
  EXPECT_EQ(es[0].towns, (std::vector<std::string>{"Heerlen", "Sittard", "Maastricht", "Venlo"}));
  EXPECT_EQ(es[0].score, 0);

  AdFacts f = Fact("tour", "Anna", {"+31611111111"}, "Venlo", Day(9), LongText(1));
  f.per_ad.hits.push_back(test::MakeHit("third_person", "control", 20));
  idx.Upsert(f);
  es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(Find(es[0], "touring")->points, 10);
  EXPECT_EQ(es[0].score, 30);
}

TEST(CrossAd, MovementHitsDoNotUnlockTouring) {
  CrossAdIndex idx(test::Config());
  const char* towns[] = {"Heerlen", "Sittard", "Maastricht"};
  for (int d = 0; d < 3; ++d) {
    AdFacts f = Fact("tour", "Anna", {"+31611111111"}, towns[d], Day(d), LongText(1));
    f.per_ad.hits.push_back(test::MakeHit("new_in_town", "movement", 5));
    idx.Upsert(f);
  }
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(Find(es[0], "touring")->points, 0);
  EXPECT_EQ(es[0].score, 5);
}

// An independent touring escort names her languages, asks a deposit and says
// she is reliable as often as anyone: those cues do not make touring count.
TEST(CrossAd, ComputedCuesDoNotUnlockTouring) {
  CrossAdIndex idx(test::Config());
  const char* towns[] = {"Heerlen", "Sittard", "Maastricht"};
  for (int d = 0; d < 3; ++d) {
    AdFacts f = Fact("tour", "Luna", {"+31611111111"}, towns[d], Day(d), LongText(1));
    f.per_ad.hits.push_back(test::MakeHit("multilingual", "language", 2));
    f.per_ad.hits.push_back(test::MakeHit("prepaid", "payment", 3));
    f.per_ad.hits.push_back(test::MakeHit("professional", "trust", 2));
    idx.Upsert(f);
  }
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(Find(es[0], "touring")->points, 0);
  EXPECT_EQ(es[0].score, 7);
}

TEST(CrossAd, CategoryCountsItsStrongestHitOfTheWorstAd) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 3; ++i) {
    AdFacts f = Fact("c" + std::to_string(i), "Lisa", {"+31611111111"}, "Heerlen", Day(i), LongText(i));
    f.per_ad.hits.push_back(test::MakeHit("r1", "services", 25));
    f.per_ad.hits.push_back(test::MakeHit("r2", "services", 25));
    f.per_ad.hits.push_back(test::MakeHit("r2", "services", 25));  // a rule counts once per ad
    idx.Upsert(f);
  }
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  const Contribution* c = Find(es[0], "services");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->points, 25) << "the strongest hit: not a sum over rules, not multiplied by the number of ads";
  EXPECT_EQ(c->rule, "r1,r2");
  EXPECT_EQ(c->ad_urls.size(), 3u);
  EXPECT_NE(c->evidence.find("text[3,9]"), std::string::npos) << c->evidence;
  EXPECT_EQ(es[0].score, 25);
  EXPECT_EQ(es[0].severity, Severity::kMedium);
}

TEST(CrossAd, CriticalPerAdHitMakesEntityCritical) {
  CrossAdIndex idx(test::Config());
  AdFacts f = Fact("m", "Mia", {"+31611111111"}, "Heerlen", Day(0), LongText(1));
  Hit h = test::MakeHit("stated_age_minor", "age", 10);
  h.severity = Severity::kCritical;
  f.per_ad.hits.push_back(h);
  idx.Upsert(f);
  idx.Upsert(Fact("m2", "Zoe", {"+31611111111"}, "Heerlen", Day(0), LongText(2)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].severity, Severity::kCritical);
  EXPECT_TRUE(es[0].Alerting());
  EXPECT_EQ(es[0].SubjectKey(), "entity:" + es[0].id);
}

TEST(CrossAd, EntitiesSplitWhenALinkChangesAndMergeWhenOneAppears) {
  CrossAdIndex idx(test::Config());
  idx.Upsert(Fact("a", "A", {"+31611111111"}, "Heerlen", Day(0), LongText(1)));
  idx.Upsert(Fact("b", "B", {"+31611111111", "+31622222222"}, "Heerlen", Day(1), LongText(2)));
  idx.Upsert(Fact("c", "C", {"+31622222222"}, "Heerlen", Day(2), LongText(3)));
  ASSERT_EQ(idx.Entities().size(), 1u);
  EXPECT_EQ(idx.Entities()[0].ads.size(), 3u);
  std::string id = idx.Entities()[0].id;
  // b drops its second number: c splits off.
  idx.Upsert(Fact("b", "B", {"+31611111111"}, "Heerlen", Day(3), LongText(2)));
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].ads.size(), 2u);
  EXPECT_EQ(es[0].id, id) << "the id follows the oldest ad";
  ASSERT_TRUE(idx.EntityOf({"test", "c"}).has_value());
  EXPECT_EQ(idx.EntityOf({"test", "c"})->SubjectKey(), "ad:test/c");
  // A vanished ad keeps linking until it expires.
  idx.Remove({"test", "a"});
  es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  EXPECT_EQ(es[0].ads.size(), 2u);
  EXPECT_TRUE(es[0].live);
  idx.Expire(Day(0));
  EXPECT_EQ(idx.Entities().size(), 1u) << "last seen on day 0 is not before day 0";
  idx.Expire(Day(5));
  EXPECT_TRUE(idx.Entities().empty());
  EXPECT_EQ(idx.ad_count(), 2u);
  idx.Erase({"test", "b"});
  EXPECT_EQ(idx.ad_count(), 1u);
}

TEST(CrossAd, IncrementalEqualsRebuildOnRandomSequence) {
  MatcherConfig cfg = test::Config();
  CrossAdIndex idx(cfg);
  std::vector<AdFacts> obs;
  test::RandomSequence(42, 400, [&](const AdFacts& f, bool remove) {
    if (remove) {
      idx.Remove(f.key);
    } else {
      idx.Upsert(f);
    }
    obs.push_back(f);
  }, [&]() {
    std::vector<Entity> inc = idx.AllComponents(), ref = RebuildAll(obs, cfg);
    ASSERT_EQ(inc.size(), ref.size());
    for (size_t i = 0; i < inc.size(); ++i) ASSERT_TRUE(inc[i] == ref[i]) << "entity " << i << " " << inc[i].id;
    EXPECT_EQ(idx.Entities().size(), Rebuild(obs, cfg).size());
  });
  EXPECT_GT(idx.Entities().size(), 5u) << "the sequence must produce links to compare";
}

TEST(CrossAd, ExpireEqualsRebuildWithoutTheExpiredAds) {
  MatcherConfig cfg = test::Config();
  CrossAdIndex idx(cfg);
  std::vector<AdFacts> obs;
  test::RandomSequence(11, 300, [&](const AdFacts& f, bool remove) {
    remove ? idx.Remove(f.key) : idx.Upsert(f);
    obs.push_back(f);
  }, [] {});
  const TimePoint cutoff = Day(0) + std::chrono::hours(3 * 290);
  std::map<AdKey, const AdFacts*> last;
  for (const AdFacts& f : obs) last[f.key] = &f;
  std::set<AdKey> expired;
  for (auto& [k, f] : last)
    if (!f->live && f->seen < cutoff) expired.insert(k);
  ASSERT_GE(expired.size(), 3u);
  std::vector<AdFacts> kept;
  for (const AdFacts& f : obs)
    if (!expired.count(f.key)) kept.push_back(f);
  idx.Expire(cutoff);
  EXPECT_EQ(idx.ad_count(), last.size() - expired.size());
  std::vector<Entity> inc = idx.AllComponents(), ref = RebuildAll(kept, cfg);
  ASSERT_EQ(inc.size(), ref.size());
  for (size_t i = 0; i < inc.size(); ++i) EXPECT_TRUE(inc[i] == ref[i]) << i;
}

TEST(CrossAd, StreamingRebuilderTakesInterleavedAdsInArrivalOrder) {
  MatcherConfig cfg = test::Config();
  std::vector<AdFacts> obs;
  test::RandomSequence(7, 300, [&](const AdFacts& f, bool) { obs.push_back(f); }, [] {});
  EntityRebuilder builder(cfg);
  for (const AdFacts& f : obs) builder.Add(f);  // time order, ads interleaved
  std::vector<Entity> streamed;
  builder.Finish([&](Entity&& e) { streamed.push_back(std::move(e)); });
  std::sort(streamed.begin(), streamed.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
  std::vector<Entity> ref = RebuildAll(obs, cfg);
  ASSERT_EQ(streamed.size(), ref.size());
  for (size_t i = 0; i < ref.size(); ++i) EXPECT_TRUE(streamed[i] == ref[i]) << i;
  size_t linked = 0;
  for (const Entity& e : ref) linked += e.ads.size() > 1;
  EXPECT_GT(linked, 3u);
}

TEST(CrossAd, EvidenceCarriesNoPhoneNumbersOrNames) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 3; ++i) {
    std::string name = "Roxanne" + std::string(1, static_cast<char>('a' + i));
    idx.Upsert(Fact("t" + std::to_string(i), name, {"+3161000000" + std::to_string(i)}, "Sittard", Day(i),
                    LongText(3) + " bel " + name + " op 0610000000" + std::to_string(i) + " " + LongText(4)));
  }
  auto es = idx.Entities();
  ASSERT_EQ(es.size(), 1u);
  ASSERT_NE(Find(es[0], "template"), nullptr);
  for (const Contribution& c : es[0].contributions) {
    EXPECT_EQ(c.evidence.find("061"), std::string::npos) << c.evidence;
    EXPECT_EQ(c.evidence.find("roxanne"), std::string::npos) << c.evidence;
  }
}

TEST(CrossAd, ShortTextsNeverFormTemplates) {
  CrossAdIndex idx(test::Config());
  for (int i = 0; i < 4; ++i)
    idx.Upsert(Fact("s" + std::to_string(i), "N" + std::to_string(i), {"+3161000000" + std::to_string(i)}, "Venlo",
                    Day(i), "Lieve dame voor een ontspannen avond"));
  EXPECT_TRUE(idx.Entities().empty()) << "too few shingles to call it a template";
}

}  // namespace
}  // namespace adwatch
