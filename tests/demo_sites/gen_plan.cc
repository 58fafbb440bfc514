// The plan of planted patterns: which ads form which pattern, and what each
// of them is forced to be. The plan is small (about a hundred ads) and spread
// evenly over the first `ads` indices, whatever --ads is.
#include <algorithm>
#include <set>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

std::vector<int> TownsOf(const std::string& region) {
  std::vector<int> out;
  const auto& places = Places();
  for (size_t i = 0; i < places.size(); ++i) {
    if (places[i].region == region) out.push_back(static_cast<int>(i));
  }
  return out;
}

// n distinct towns, mostly from Zuid-Limburg.
std::vector<int> PickTowns(Rng& rng, int n, int zl_share) {
  static const std::vector<int> kZl = TownsOf("zuid-limburg");
  static const std::vector<int> kNl = TownsOf("nederland");
  static const std::vector<int> kBe = TownsOf("belgie");
  static const std::vector<int> kDe = TownsOf("duitsland");
  std::vector<int> out;
  while (static_cast<int>(out.size()) < n) {
    int roll = rng.Range(0, 99);
    int t = roll < zl_share ? rng.Pick(kZl) : roll < zl_share + 20 ? rng.Pick(kNl)
          : roll < zl_share + 30 ? rng.Pick(kBe) : rng.Pick(kDe);
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return out;
}

}  // namespace

void Network::BuildPlan() {
  Rng rng(Hash(seed_, 0x91a4));
  std::vector<Role> reqs;
  uint64_t shared_key = 3 * UniverseSize();  // phone keys no ordinary ad uses

  auto pattern = [&](const std::string& kind, bool alert, const std::string& note) {
    patterns_.push_back({kind, alert, note, {}, {}});
    return static_cast<int>(patterns_.size() - 1);
  };
  auto add = [&](Role r, int p) {
    r.pattern = p;
    r.kind = patterns_[static_cast<size_t>(p)].kind;
    reqs.push_back(std::move(r));
  };
  auto distinct_names = [&](int n) {
    std::set<std::string> seen;
    std::vector<std::string> out;
    while (static_cast<int>(out.size()) < n) {
      std::string name = MakeName(rng, "nl");
      if (seen.insert(name).second) out.push_back(name);
    }
    return out;
  };

  for (int k = 0; k < 5; ++k) {
    int p = pattern("minor_age", true, "stated age under 18");
    Role r;
    r.age = k % 2 ? 17 : 16 + k % 3 / 2;
    r.age_in_text = true;
    r.hide_age_field = k == 4;
    r.towns = PickTowns(rng, 1, 80);
    add(r, p);
  }
  for (int k = 0; k < 6; ++k) {
    int p = pattern("age_hint_minor", true, "wording that suggests a minor");
    Role r;
    r.age = 18 + k % 2;
    r.age_hint = k;
    r.towns = PickTowns(rng, 1, 80);
    add(r, p);
  }
  for (int k = 0; k < 4; ++k) {
    int p = pattern("shared_phone", true, "one phone behind 4 advertiser names");
    std::string phone = MakePhone(shared_key++, k == 3 ? 90 : 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    auto names = distinct_names(4);
    auto towns = PickTowns(rng, 3, 85);
    for (int m = 0; m < 4; ++m) {
      Role r;
      r.member = m;
      r.phone = phone;
      r.name = names[static_cast<size_t>(m)];
      r.towns = {towns[static_cast<size_t>(m) % towns.size()]};
      add(r, p);
    }
  }
  for (int k = 0; k < 4; ++k) {
    int p = pattern("template", true, "one text template behind 4 phones");
    auto names = distinct_names(4);
    for (int m = 0; m < 4; ++m) {
      Role r;
      r.member = m;
      r.template_id = k;
      r.name = names[static_cast<size_t>(m)];
      r.towns = PickTowns(rng, 1, 80);
      add(r, p);
    }
  }
  for (int k = 0; k < 3; ++k) {
    int p = pattern("touring_with_control", true,
                    "one phone in 3+ towns within days, with third-person or shared-phone signs");
    std::string phone = MakePhone(shared_key++, 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    auto names = distinct_names(3);
    auto towns = PickTowns(rng, 4, 60);
    for (int m = 0; m < 3; ++m) {
      Role r;
      r.member = m;
      r.phone = phone;
      r.name = k == 1 ? names[static_cast<size_t>(m)] : names[0];
      r.towns = towns;
      r.move_period = 1;
      r.cycle = true;
      r.third_person = true;
      r.new_girls = k == 1;
      r.control_services = k == 2;
      r.touring_words = true;
      r.posted_days_ago = m;
      add(r, p);
    }
  }
  for (int k = 0; k < 4; ++k) {
    int p = pattern("control_services", true, "third person with 24/7, unprotected or hotel services");
    Role r;
    r.third_person = true;
    r.control_services = true;
    r.towns = PickTowns(rng, 1, 80);
    add(r, p);
  }
  for (int k = 0; k < 4; ++k) {
    int p = pattern("touring_alone", false, "independent advertiser who moves town, nothing else");
    std::string phone = MakePhone(shared_key++, 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    std::string name = distinct_names(1)[0];
    auto towns = PickTowns(rng, 4, 60);
    for (int m = 0; m < 3; ++m) {
      Role r;
      r.member = m;
      r.phone = phone;
      r.name = name;
      r.age = rng.Range(24, 38);
      r.towns = towns;
      r.move_period = 2;
      r.cycle = true;
      r.touring_words = true;
      r.posted_days_ago = m;
      add(r, p);
    }
  }
  for (int k = 0; k < 6; ++k) {
    int p = pattern("young_age_alone", false, "stated age 18-20 and nothing else");
    Role r;
    r.age = 18 + k % 3;
    r.age_in_text = k % 2 == 0;
    r.towns = PickTowns(rng, 1, 80);
    add(r, p);
  }
  for (int k = 0; k < 6; ++k) {
    int p = pattern("obfuscated_phone_alone", false,
                    "benign ad whose number is only written obfuscated in the text");
    Role r;
    r.phone_text_only = true;
    r.age = rng.Range(23, 45);
    r.towns = PickTowns(rng, 1, 80);
    add(r, p);
  }
  for (int k = 0; k < 4; ++k) {
    int p = pattern("benign", false, "control ads: independent workers, first person");
    for (int m = 0; m < 5; ++m) {
      Role r;
      r.member = m;
      r.age = rng.Range(23, 45);
      r.towns = PickTowns(rng, 1, 80);
      add(r, p);
    }
  }
  for (int k = 0; k < 8; ++k) {
    int p = pattern("moved_benign", false, "benign ad that moves to another town once (epoch 3)");
    Role r;
    r.age = rng.Range(23, 45);
    r.towns = PickTowns(rng, 2, 80);
    r.move_period = 3;
    add(r, p);
  }

  // Spread the planted ads evenly over [0, ads) in a shuffled order, so that
  // members of one pattern are neither adjacent nor on one site.
  for (size_t i = reqs.size(); i > 1; --i) std::swap(reqs[i - 1], reqs[rng.Below(i)]);
  const uint64_t n = reqs.size();
  for (uint64_t k = 0; k < n; ++k) {
    uint64_t index = (2 * k + 1) * ads_ / (2 * n);
    role_index_.push_back({index, static_cast<int>(k)});
    patterns_[static_cast<size_t>(reqs[k].pattern)].members.push_back(index);
  }
  roles_ = std::move(reqs);
  std::sort(role_index_.begin(), role_index_.end());
  for (auto& p : patterns_) std::sort(p.members.begin(), p.members.end());
}

}  // namespace adwatch::demo
