// The cross-ad index a restarted process loads from the store
// (LoadIndexFromStore) must equal the index of the process that never
// stopped: the same components, down to ids, scores and timelines. The
// running index keeps a vanished ad until Expire, and such an ad counts in how
// common a sentence is even when it is linked to nothing; a reload that
// skipped it once turned two ads' stock sentences rare again and linked them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/wire_analysis.h"
#include "config/loader.h"
#include "matcher/crossad/crossad.h"
#include "store/store.h"
#include "tests/app/one_rule.h"

namespace adwatch {
namespace {

using std::chrono::hours;

class IndexReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/adwatch-index-reload-test-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/rules.toml") << testing::kOneRule;
    LoadResult r = LoadRuleFiles({dir_ + "/rules.toml"});
    ASSERT_TRUE(r.ok()) << (r.errors.empty() ? "" : r.errors[0].ToString());
    Config config = r.config;
    config.matcher.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
    // Two ads may share a sentence; a third makes it stock wording.
    config.matcher.signals.template_common_sentence_ads = 2;
    config.store.backend = "sqlite";
    config.store.path = dir_ + "/adwatch.db";
    config.store.pseudonym_key = "file:" + dir_ + "/pseudonym.key";
    ASSERT_TRUE(EnsurePseudonymKey(config.store.pseudonym_key, *Env::Default()).ok());
    auto store = OpenStore(config.store, *Env::Default(), clock_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auto matcher = MakeMatcher(config.matcher);
    ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();
    matcher_ = std::make_unique<Matcher>(std::move(*matcher));
    running_ = std::make_unique<CrossAdIndex>(matcher_->config);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // As the daemon's pipeline: the crawler stores the ad, the matcher's
  // signals are saved, the running index observes it.
  void Crawl(const Ad& ad) {
    auto up = store_->UpsertAds({ad}, clock_.Now());
    ASSERT_TRUE(up.ok()) << up.status().ToString();
    auto s = AnalyzeAndSave(*store_, *matcher_, ad, (*up)[0].content_hash, clock_.Now());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    running_->Upsert(FactsOf(ad, *s, *store_, clock_.Now(), true));
  }

  // The crawler's vanish sweep, and the index told of it (the on_vanished hook);
  // the evaluation saves the linked entities, as the pipeline does.
  void Vanish(const std::string& id) {
    ASSERT_TRUE(store_->MarkListed("demo", {id}, 1).ok());
    auto gone = store_->SweepVanished("demo", 5, 2, clock_.Now());
    ASSERT_TRUE(gone.ok()) << gone.status().ToString();
    for (const AdKey& k : *gone) running_->Remove(k);
    std::vector<StoredEntity> stored;
    for (const Entity& e : running_->Entities()) stored.push_back({e.id, e.ads, {}, e.score, e.severity, {}, e.last_seen});
    ASSERT_TRUE(store_->ReplaceEntities(stored, clock_.Now()).ok());
  }

  std::vector<Entity> Reloaded() {
    CrossAdIndex index(matcher_->config);
    auto load = LoadIndexFromStore(*store_, *matcher_, index, clock_.Now());
    EXPECT_TRUE(load.ok()) << load.status().ToString();
    return index.AllComponents();
  }

  static size_t LinkedWith(const std::vector<Entity>& components, const std::string& id) {
    for (const Entity& e : components)
      for (const AdKey& k : e.ads)
        if (k.id == id) return e.ads.size();
    return 0;
  }

  // The components as their ads, for a readable failure.
  static std::string Show(const std::vector<Entity>& components) {
    std::string out;
    for (const Entity& e : components) {
      out += "\n  " + e.id + " score " + std::to_string(e.score) + ":";
      for (const AdKey& k : e.ads) out += " " + k.id;
    }
    return out;
  }

  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<Matcher> matcher_;
  std::unique_ptr<CrossAdIndex> running_;
};

Ad MakeAd(const std::string& id, const std::string& text, const std::string& phone) {
  Ad ad;
  ad.site = "demo";
  ad.id = id;
  ad.url = "http://127.0.0.1:8080/ad/" + id;
  ad.title = "Nieuw";
  ad.text = text;
  ad.phones = {phone};
  return ad;
}

const char* const kShared =
    "Ik ontvang je graag in mijn rustige appartement aan de rand van de stad. "
    "Neem de tijd voor een warme ontmoeting zonder haast en zonder gedoe. ";

TEST_F(IndexReloadTest, AReloadHoldsTheVanishedAdsTheRunningIndexKeeps) {
  // x and y share two sentences; v has them too among many of its own, so it
  // is linked to nothing, but makes them stock wording while it is kept.
  Crawl(MakeAd("x", std::string(kShared) + "Bel me voor een afspraak op een avond naar keuze.", "+31612340001"));
  Crawl(MakeAd("y", std::string(kShared) + "Stuur een bericht en ik antwoord meestal binnen het uur.", "+31612340002"));
  Crawl(MakeAd("v", std::string(kShared) +
                        "Mijn hobby is fietsen langs de rivier in de zomer. Ik lees graag boeken over verre "
                        "landen en reizen. Op zondag bak ik taarten voor mijn buren en vrienden. Mijn kat heet "
                        "Pluis en slaapt de hele dag. Ik hou van jazz muziek en oude films uit Frankrijk. In de "
                        "winter schaats ik op de vijver achter het huis.",
                "+31612340003"));
  clock_.Advance(hours(1));
  Vanish("v");
  const std::vector<Entity> running = running_->AllComponents();
  ASSERT_EQ(LinkedWith(running, "v"), 1u) << "v must be linked to nothing for the test to mean anything";
  ASSERT_EQ(LinkedWith(running, "x"), 1u) << "x and y share only stock wording while v is kept";

  std::vector<Entity> reloaded = Reloaded();
  EXPECT_TRUE(reloaded == running) << "the index after a restart differs from the running one:" << Show(reloaded)
                                   << "\nrunning:" << Show(running);

  // Past the longest cross-ad window both drop v, and x and y link.
  clock_.Advance(hours(24 * 31));
  const SignalParams& p = matcher_->config.signals;
  running_->Expire(clock_.Now() - std::max(p.touring_window, p.shared_phone_window));
  const std::vector<Entity> expired = running_->AllComponents();
  EXPECT_EQ(LinkedWith(expired, "x"), 2u);
  reloaded = Reloaded();
  EXPECT_TRUE(reloaded == expired) << Show(reloaded) << "\nrunning:" << Show(expired);
}

}  // namespace
}  // namespace adwatch
