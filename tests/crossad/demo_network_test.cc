// The cross-ad signals against the demo network's ground truth, over all ten
// epochs of a crawl (new, changed, moved and vanished ads):
// - after every epoch the incremental index equals a full rebuild;
// - with template families off, entity linking pairwise F1 (defined in
//   Linking below) >= 0.95 and every planted shared phone, touring phone and
//   template cluster is found exactly;
// - at the default settings every planted template is inside one flagged
//   template cluster, and the benign patterns (touring alone, young age
//   alone, benign, moved once, obfuscated number alone) stay below the alert
//   threshold.
// The generator has no realistic template families: its independent ads are
// drawn from a few small sentence pools (the risk pools are used by few ads,
// so their sentences are rare) and its four planted templates are subsets of
// one pool of 18 sentences. Sentence-level family matching links those, as it
// should link one writer's reshuffled text; so the generator cannot tell how
// good family matching is, and no threshold is chosen on it. Families are
// tested on tests/crossad/template_families.h.
// Per-ad signals come from the planted roles (demo_facts.h), not from the
// per-ad matcher, which has its own tests: this test is about linking.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "matcher/crossad/crossad.h"
#include "tests/crossad/demo_facts.h"

namespace adwatch {
namespace {

constexpr uint64_t kSeed = 1;
constexpr uint64_t kAds = 2000;

// The default settings, as the daemon runs without a signals file.
MatcherConfig Defaults() { return MatcherConfig(); }

// Near-identical copies only: family matching off in practice (it would need
// identical sets of long sentences), with the near-duplicate threshold of the
// shipped signals file.
MatcherConfig NearDuplicatesOnly() {
  MatcherConfig c;
  c.signals.template_jaccard = 0.8;
  c.signals.template_family_similarity = 1.0;
  return c;
}

const std::set<std::string> kLinkedKinds = {"shared_phone", "template", "touring_with_control", "touring_alone"};
const std::set<std::string> kBenignKinds = {"touring_alone", "young_age_alone", "benign", "moved_benign",
                                            "obfuscated_phone_alone"};

struct Crawl {
  demo::Network net{kSeed, kAds};
  MatcherConfig cfg;
  CrossAdIndex idx;
  std::vector<AdFacts> obs;
  std::map<uint64_t, AdFacts> last;
  std::map<AdKey, uint64_t> index_of;
  std::vector<std::string> mismatches;  // per epoch where incremental != rebuild

  // compare: check incremental == rebuild after every epoch (the costly part;
  // ctest runs each test in its own process, so only one test asks for it).
  Crawl(const MatcherConfig& config, bool compare) : cfg(config), idx(config) {
    for (int e = 0; e <= demo::kMaxEpoch; ++e) {
      Epoch(e);
      if (!compare) continue;
      std::vector<Entity> inc = idx.AllComponents(), ref = RebuildAll(obs, cfg);
      if (inc.size() != ref.size()) {
        mismatches.push_back("epoch " + std::to_string(e) + ": component counts differ");
        continue;
      }
      for (size_t k = 0; k < inc.size(); ++k)
        if (!(inc[k] == ref[k])) mismatches.push_back("epoch " + std::to_string(e) + ": entity " + inc[k].id);
    }
  }
  // New and changed ads are upserted, vanished ones removed (their last facts
  // with live = false are what a rebuild from the store would see).
  void Epoch(int e) {
    for (uint64_t i = 0; i < net.BornCount(e); ++i) {
      demo::Life life = net.LifeAt(i, e);
      if (life == demo::Life::kLive && (net.BirthEpoch(i) == e || net.LastChangeEpoch(i, e) == e)) {
        AdFacts f = test::DemoFacts(net, i, e);
        index_of[f.key] = i;
        idx.Upsert(f);
        obs.push_back(f);
        last[i] = f;
      } else if (life == demo::Life::kVanished && net.DeathEpoch(i) == e && last.count(i)) {
        idx.Remove(last[i].key);
        last[i].live = false;
        obs.push_back(last[i]);
      }
    }
  }
};

const Crawl& DefaultCrawl() {
  static const Crawl* crawl = new Crawl(Defaults(), false);
  return *crawl;
}
const Crawl& NearDuplicateCrawl() {
  static const Crawl* crawl = new Crawl(NearDuplicatesOnly(), false);
  return *crawl;
}

const Contribution* Find(const Entity& e, const std::string& category) {
  for (const Contribution& c : e.contributions)
    if (c.category == category) return &c;
  return nullptr;
}

// Truth pairs: two ads of one planted linked group (shared_phone, template,
// touring_with_control, touring_alone). Predicted pairs: two ads of one
// reported entity. Every other ad is its own advertiser, so any other link
// counts against precision.
struct Linking {
  size_t truth = 0, predicted = 0, correct = 0;
  double precision = 0, recall = 0, f1 = 0;
  int templates_found = 0, templates = 0;
};

Linking Measure(const Crawl& c, const std::vector<Entity>& entities, bool with_templates = true) {
  std::set<std::pair<uint64_t, uint64_t>> truth, predicted;
  Linking l;
  for (const demo::PatternInstance& p : c.net.patterns()) {
    if (!kLinkedKinds.count(p.kind) || (!with_templates && p.kind == "template")) continue;
    for (size_t a = 0; a < p.members.size(); ++a)
      for (size_t b = a + 1; b < p.members.size(); ++b) truth.insert(std::minmax(p.members[a], p.members[b]));
    if (p.kind != "template") continue;
    ++l.templates;
    std::set<std::string> urls;
    for (uint64_t m : p.members) urls.insert(c.last.at(m).url);
    bool found = false;
    for (const Entity& e : entities)
      for (const TemplateCluster& t : e.templates)
        found |= t.flagged && std::set<std::string>(t.ad_urls.begin(), t.ad_urls.end()) == urls;
    l.templates_found += found;
  }
  std::set<uint64_t> template_members;  // left out when templates are not measured
  if (!with_templates)
    for (const demo::PatternInstance& p : c.net.patterns())
      if (p.kind == "template") template_members.insert(p.members.begin(), p.members.end());
  for (const Entity& e : entities)
    for (size_t a = 0; a < e.ads.size(); ++a)
      for (size_t b = a + 1; b < e.ads.size(); ++b) {
        auto pr = std::minmax(c.index_of.at(e.ads[a]), c.index_of.at(e.ads[b]));
        if (template_members.count(pr.first) && template_members.count(pr.second)) continue;
        predicted.insert(pr);
      }
  for (const auto& pr : predicted) l.correct += truth.count(pr);
  l.truth = truth.size();
  l.predicted = predicted.size();
  l.precision = predicted.empty() ? 0 : double(l.correct) / l.predicted;
  l.recall = truth.empty() ? 0 : double(l.correct) / l.truth;
  l.f1 = l.precision + l.recall > 0 ? 2 * l.precision * l.recall / (l.precision + l.recall) : 0;
  return l;
}

TEST(CrossAdDemo, IncrementalEqualsRebuildAfterEveryEpoch) {
  const Crawl c(Defaults(), true);
  EXPECT_TRUE(c.mismatches.empty()) << c.mismatches.size() << " mismatches, first: " << c.mismatches[0];
  EXPECT_GT(c.obs.size(), c.last.size()) << "the crawl must change and remove ads, not only add them";
  size_t vanished = 0;
  for (const auto& [i, f] : c.last) vanished += !f.live;
  EXPECT_GT(vanished, 0u);
  std::printf("demo network seed %llu: %zu ads, %zu observations over %d epochs, %zu vanished, %zu entities\n",
              static_cast<unsigned long long>(kSeed), c.last.size(), c.obs.size(), demo::kMaxEpoch + 1, vanished,
              c.idx.Entities().size());
}

// The generator's templates are edited copies (another name, words swapped,
// sentences reordered): near-duplicate matching alone is not meant to find
// them; families are checked at the default settings below and on a
// hand-written fixture (crossad_template_test).
TEST(CrossAdDemo, LinkingF1AndEveryPlantedSignalFound) {
  const Crawl& c = NearDuplicateCrawl();
  Linking l = Measure(c, c.idx.Entities(), /*with_templates=*/false);
  std::printf("entity linking: %zu true pairs, %zu predicted, %zu correct: precision %.3f recall %.3f F1 %.3f\n",
              l.truth, l.predicted, l.correct, l.precision, l.recall, l.f1);
  EXPECT_GE(l.f1, 0.95);

  std::map<std::string, std::pair<int, int>> found, alerting;  // kind -> (yes, of)
  for (const demo::PatternInstance& p : c.net.patterns()) {
    std::optional<Entity> e = c.idx.EntityOf(c.last.at(p.members[0]).key);
    ASSERT_TRUE(e.has_value());
    std::set<std::string> urls(e->ad_urls.begin(), e->ad_urls.end());
    bool all_in = true;
    for (uint64_t m : p.members) all_in &= urls.count(c.last.at(m).url) > 0;
    bool hit = false;
    if (p.kind == "shared_phone") hit = all_in && Find(*e, "shared_phone");
    if (p.kind == "touring_with_control" || p.kind == "touring_alone") hit = all_in && Find(*e, "touring");
    if (p.kind == "template")
      for (const TemplateCluster& t : e->templates) hit |= t.flagged && t.ad_urls.size() == p.members.size();
    found[p.kind].first += hit;
    found[p.kind].second += 1;
    for (uint64_t m : p.members) {
      std::optional<Entity> me = c.idx.EntityOf(c.last.at(m).key);
      alerting[p.kind].first += me->Alerting();
      alerting[p.kind].second += 1;
      if (kBenignKinds.count(p.kind)) {
        EXPECT_FALSE(me->Alerting()) << p.kind << " ad " << m << " score " << me->score;
      }
    }
  }
  for (const char* kind : {"shared_phone", "touring_with_control", "touring_alone"}) {
    std::printf("planted %-22s found %d of %d\n", kind, found[kind].first, found[kind].second);
    EXPECT_EQ(found[kind].first, found[kind].second) << kind;
    EXPECT_GT(found[kind].second, 0) << kind;
  }
  for (const auto& [kind, n] : alerting)
    std::printf("ads of %-22s above the alert threshold: %2d of %2d%s\n", kind.c_str(), n.first, n.second,
                kBenignKinds.count(kind) ? " (must be 0)" : "");
}

// At the default settings family matching also links the generator's
// look-alike independent ads (see the top of the file): the figures are
// printed, not asserted. What must hold: no planted template is split, and
// the benign patterns stay quiet.
TEST(CrossAdDemo, DefaultSettingsKeepTemplatesWholeAndBenignAdsQuiet) {
  const Crawl& c = DefaultCrawl();
  Linking l = Measure(c, c.idx.Entities());
  std::printf("default settings: linking precision %.3f recall %.3f F1 %.3f (the generator has no families)\n",
              l.precision, l.recall, l.f1);
  EXPECT_EQ(l.recall, 1.0);
  int templates = 0;
  for (const demo::PatternInstance& p : c.net.patterns()) {
    if (p.kind == "template") {
      ++templates;
      std::optional<Entity> e = c.idx.EntityOf(c.last.at(p.members[0]).key);
      ASSERT_TRUE(e.has_value());
      bool whole = false;
      for (const TemplateCluster& t : e->templates) {
        std::set<std::string> urls(t.ad_urls.begin(), t.ad_urls.end());
        bool all_in = t.flagged;
        for (uint64_t m : p.members) all_in &= urls.count(c.last.at(m).url) > 0;
        whole |= all_in;
      }
      EXPECT_TRUE(whole) << "planted template split or unflagged";
    }
    if (!kBenignKinds.count(p.kind)) continue;
    for (uint64_t m : p.members) {
      std::optional<Entity> me = c.idx.EntityOf(c.last.at(m).key);
      ASSERT_TRUE(me.has_value());
      EXPECT_FALSE(me->Alerting()) << p.kind << " ad " << m << " score " << me->score;
    }
  }
  EXPECT_GT(templates, 0);
}

}  // namespace
}  // namespace adwatch
