// End to end on the demo network: the per-ad matcher with the shipped rules
// (deploy/rules/default.toml) extracts phones and rule hits from each ad
// version of a ten-epoch crawl; the cross-ad index links and scores them.
// Asserts linking F1 >= 0.95 with phones as extracted (not as planted) and
// that no benign pattern reaches the alert threshold; prints how many ads
// of each must-alert pattern do.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "config/loader.h"
#include "core/hash.h"
#include "matcher/analyze.h"
#include "matcher/crossad/crossad.h"
#include "tests/demo_sites/demo_gen.h"

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

AdFacts ToFacts(const Ad& ad, const demo::AdView& v, AdSignals s, int epoch) {
  AdFacts f;
  f.key = KeyOf(ad);
  f.url = ad.url;
  f.name = ad.name;
  f.text = ad.title + "\n" + ad.text;
  std::set<std::string> phones;
  for (const PhoneFound& p : s.phones) phones.insert(p.e164);
  for (const std::string& p : phones) {
    f.phones.push_back(p);
    f.pseudonyms.push_back(HmacSha256Hex("test-pseudonym-key", p));
  }
  f.town = ad.city;
  f.municipality = demo::Places()[static_cast<size_t>(v.place)].municipality;
  f.seen = FromUnixSeconds(demo::EpochTime(epoch));
  f.per_ad = std::move(s);
  return f;
}

TEST(CrossAdPipeline, ShippedRulesOnTheDemoNetwork) {
  LoadResult rules = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  ASSERT_TRUE(rules.ok()) << rules.errors[0].ToString();
  MatcherConfig cfg = rules.config.matcher;
  // Near-identical copies only: the generator has no realistic template
  // families and its look-alike independent ads would link as families (see
  // crossad_demo_network_test); families are tested in crossad_template_test.
  cfg.signals.template_jaccard = 0.8;
  cfg.signals.template_family_similarity = 1.0;
  Result<Matcher> matcher = MakeMatcher(cfg);
  ASSERT_TRUE(matcher.ok()) << matcher.status().ToString();

  demo::Network net(1, 2000);
  CrossAdIndex idx(cfg);
  std::map<uint64_t, AdFacts> last;
  std::map<AdKey, uint64_t> index_of;
  for (int e = 0; e <= demo::kMaxEpoch; ++e) {
    for (uint64_t i = 0; i < net.BornCount(e); ++i) {
      demo::Life life = net.LifeAt(i, e);
      if (life == demo::Life::kLive && (net.BirthEpoch(i) == e || net.LastChangeEpoch(i, e) == e)) {
        demo::AdView v = net.View(i, e);
        Ad ad = ToAd(v);
        AdFacts f = ToFacts(ad, v, AnalyzeAd(ad, *matcher), e);
        index_of[f.key] = i;
        idx.Upsert(f);
        last[i] = std::move(f);
      } else if (life == demo::Life::kVanished && net.DeathEpoch(i) == e && last.count(i)) {
        idx.Remove(last[i].key);
      }
    }
  }

  // Near-identical copies only (above): the generator's edited template copies
  // are families, checked in crossad_demo_network_test and on a fixture.
  const std::set<std::string> kLinked = {"shared_phone", "touring_with_control", "touring_alone"};
  const std::set<std::string> kBenign = {"touring_alone", "young_age_alone", "benign", "moved_benign",
                                         "obfuscated_phone_alone"};
  std::set<std::pair<uint64_t, uint64_t>> truth, predicted;
  for (const demo::PatternInstance& p : net.patterns())
    if (kLinked.count(p.kind))
      for (size_t a = 0; a < p.members.size(); ++a)
        for (size_t b = a + 1; b < p.members.size(); ++b) truth.insert(std::minmax(p.members[a], p.members[b]));
  std::set<uint64_t> template_members;
  for (const demo::PatternInstance& p : net.patterns())
    if (p.kind == "template") template_members.insert(p.members.begin(), p.members.end());
  for (const Entity& en : idx.Entities())
    for (size_t a = 0; a < en.ads.size(); ++a)
      for (size_t b = a + 1; b < en.ads.size(); ++b) {
        auto pr = std::minmax(index_of.at(en.ads[a]), index_of.at(en.ads[b]));
        if (template_members.count(pr.first) && template_members.count(pr.second)) continue;
        predicted.insert(pr);
      }
  size_t both = 0;
  for (const auto& pr : predicted) both += truth.count(pr);
  double precision = predicted.empty() ? 0 : double(both) / predicted.size();
  double recall = double(both) / truth.size();
  double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  std::printf("pipeline (shipped rules, extracted phones): linking precision %.3f recall %.3f F1 %.3f\n", precision,
              recall, f1);
  EXPECT_GE(f1, 0.95);

  std::map<std::string, std::pair<int, int>> alerting;
  for (const demo::PatternInstance& p : net.patterns())
    for (uint64_t m : p.members) {
      std::optional<Entity> en = idx.EntityOf(last.at(m).key);
      ASSERT_TRUE(en.has_value());
      alerting[p.kind].first += en->Alerting();
      alerting[p.kind].second += 1;
      if (kBenign.count(p.kind)) {
        EXPECT_FALSE(en->Alerting()) << p.kind << " ad " << m << " score " << en->score;
      }
    }
  for (const auto& [kind, n] : alerting)
    std::printf("ads of %-22s above the alert threshold: %2d of %2d%s\n", kind.c_str(), n.first, n.second,
                kBenign.count(kind) ? " (must be 0)" : "");
}

}  // namespace
}  // namespace adwatch
