// Phone and stated-age extraction against the demo network's ground truth
// (tests/demo_sites, generated directly through adwatch_demo_gen). Prints
// precision, recall and F1; asserts phone F1 >= 0.98 and age F1 >= 0.95.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "matcher/ages.h"
#include "matcher/phones.h"
#include "tests/demo_sites/demo_gen.h"

namespace adwatch {
namespace {

struct Score {
  long tp = 0, fp = 0, fn = 0;
  double P() const { return tp + fp ? double(tp) / (tp + fp) : 1; }
  double R() const { return tp + fn ? double(tp) / (tp + fn) : 1; }
  double F1() const { return P() + R() > 0 ? 2 * P() * R() / (P() + R()) : 0; }
  template <typename T>
  void Add(const std::set<T>& truth, const std::set<T>& got) {
    for (const auto& t : truth) (got.count(t) ? tp : fn)++;
    for (const auto& g : got) fp += !truth.count(g);
  }
};

// The demo sites are Dutch sites: their profiles (like the crawler's site
// config) read numbers without a country code as Dutch, wherever the ad is.
const char* RegionOf(const demo::AdView&) { return "NL"; }

TEST(DemoGroundTruth, PhoneAndAgeF1) {
  const uint64_t kAds = 3000;
  demo::Network net(1, kAds);
  Score phones, obf_phones, ages, text_ages;
  long obfuscated_flagged = 0, obfuscated_truth = 0, ordinary_flagged = 0, ordinary_truth = 0, shown = 0;
  int epoch = demo::kMaxEpoch;
  for (uint64_t i = 0; i < net.UniverseSize(); ++i) {
    if (net.LifeAt(i, epoch) != demo::Life::kLive) continue;
    demo::AdView v = net.View(i, epoch);
    const std::string region = RegionOf(v);
    std::string text = v.Text();
    std::set<std::string> got;
    bool flagged = false;
    for (const std::string& field : {v.title, text, v.phone_field, v.tel_link, v.wa_link}) {
      for (const auto& p : ExtractPhones(field, region)) {
        got.insert(p.e164);
        flagged |= p.obfuscated;
      }
    }
    std::set<std::string> truth(v.phones.begin(), v.phones.end());
    phones.Add(truth, got);
    const bool verbose = std::getenv("ADWATCH_F1_VERBOSE") != nullptr;
    if (verbose && truth != got) {
      std::printf("PHONE MISMATCH %s truth:", region.c_str());
      for (auto& t : truth) std::printf(" %s", t.c_str());
      std::printf(" got:");
      for (auto& g : got) std::printf(" %s", g.c_str());
      std::printf("\n  field=%s tel=%s wa=%s\n  title=%s\n  text=%s\n", v.phone_field.c_str(), v.tel_link.c_str(),
                  v.wa_link.c_str(), v.title.c_str(), text.c_str());
    }
    // The generator also labels dotted ("06.12.34.56.78") and dashed
    // ("06 - 123 - 456 - 78") groupings obfuscated; by ExtractPhones'
    // definition those are ordinary formats, so they are checked the other
    // way: found and not flagged.
    bool ordinary_only = !v.obfuscations.empty() &&
                         std::all_of(v.obfuscations.begin(), v.obfuscations.end(),
                                     [](const std::string& k) { return k == "dotted" || k == "dashes"; });
    if (ordinary_only) { ++ordinary_truth; ordinary_flagged += flagged; }
    bool obf = !ordinary_only &&
               std::find(v.phone_display.begin(), v.phone_display.end(), "text_obfuscated") != v.phone_display.end();
    if (obf) { obf_phones.Add(truth, got); ++obfuscated_truth; obfuscated_flagged += flagged; }
    if (verbose && obf && !flagged) {
      std::printf("NOT FLAGGED:");
      for (auto& o : v.obfuscations) std::printf(" %s", o.c_str());
      std::printf("\n  text=%s\n", text.c_str());
    }
    std::set<int> age_truth, age_got, text_truth, text_got;
    if (v.age) age_truth.insert(v.age);
    if (v.text_age) { age_truth.insert(v.text_age); text_truth.insert(v.text_age); }
    if (int a = ParseAgeField(v.age_field)) age_got.insert(a);
    for (const std::string& f : {v.title, text})
      for (int a : ExtractAges(f)) { age_got.insert(a); text_got.insert(a); }
    ages.Add(age_truth, age_got);
    text_ages.Add(text_truth, text_got);
    if (verbose && text_truth != text_got) std::printf("AGE MISMATCH truth %d text=%s\n", v.text_age, text.c_str());
    ++shown;
    if (::testing::Test::HasFailure()) break;
  }
  std::printf("demo ground truth: %ld live ads (seed 1, --ads %llu, epoch %d)\n", shown,
              static_cast<unsigned long long>(kAds), epoch);
  std::printf("phones      P=%.4f R=%.4f F1=%.4f (tp %ld fp %ld fn %ld)\n", phones.P(), phones.R(), phones.F1(),
              phones.tp, phones.fp, phones.fn);
  std::printf("  obfuscated-in-text ads: F1=%.4f, flagged obfuscated %ld of %ld\n", obf_phones.F1(),
              obfuscated_flagged, obfuscated_truth);
  std::printf("  dotted/dashed groupings: flagged obfuscated %ld of %ld\n", ordinary_flagged, ordinary_truth);
  std::printf("ages        P=%.4f R=%.4f F1=%.4f (tp %ld fp %ld fn %ld)\n", ages.P(), ages.R(), ages.F1(), ages.tp,
              ages.fp, ages.fn);
  std::printf("  in text:  P=%.4f R=%.4f F1=%.4f\n", text_ages.P(), text_ages.R(), text_ages.F1());
  EXPECT_GT(shown, 1000);
  EXPECT_GE(phones.F1(), 0.98);
  EXPECT_GE(ages.F1(), 0.95);
  EXPECT_GE(obfuscated_flagged, obfuscated_truth * 9 / 10);
  EXPECT_GT(ordinary_truth, 0);
  EXPECT_LE(ordinary_flagged, ordinary_truth / 10);  // flagged only where the same ad also hides a number
}

}  // namespace
}  // namespace adwatch
