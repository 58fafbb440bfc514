// The plan of planted patterns: which ads form which pattern, and what each
// of them is forced to be. The plan is small (about 150 ads) and spread
// evenly over the first `ads` indices, whatever --ads is. Patterns that must
// alert and innocent look-alikes that must not are drawn in four languages.
#include <algorithm>
#include <set>

#include "tests/demo_sites/internal/gen_internal.h"
#include "tests/demo_sites/internal/gen_pools.h"

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

// The language of an ad with planted wording, in about the shares of the ads
// on sites near Maastricht: mostly Dutch, then English, French and German.
std::string DrawLang(Rng& rng) {
  int r = rng.Range(0, 99);
  return r < 55 ? "nl" : r < 75 ? "en" : r < 88 ? "fr" : "de";
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
  auto single = [&](const std::string& kind, bool alert, const std::string& note, Role r) {
    r.lang = DrawLang(rng);
    if (r.towns.empty()) r.towns = PickTowns(rng, 1, 80);
    add(r, pattern(kind, alert, note + " (" + r.lang + ")"));
  };

  // Must alert: the wording of one ad, in any of the four languages, each a
  // paraphrase drawn by the seed.
  for (int k = 0; k < 6; ++k) {
    Role r;
    r.age = k % 3 ? 17 : 16;
    r.age_in_text = true;
    r.hide_age_field = k % 2 == 0;  // half state it only in the text
    r.minor_form = static_cast<int>(rng.Below(1000));
    single("minor_age", true, "stated age under 18", r);
  }
  for (int k = 0; k < 6; ++k) {
    Role r;
    r.age = 18 + k % 2;
    r.age_hint = static_cast<int>(rng.Below(1000));
    single("age_hint_minor", true, "wording that suggests a minor", r);
  }
  for (int k = 0; k < 5; ++k) {
    Role r;
    r.third_person = true;
    r.third_party = static_cast<int>(rng.Below(1000));
    single("third_party_control", true, "someone else arranges the dates, the calls or the money", r);
  }
  for (int k = 0; k < 4; ++k) {
    Role r;
    r.third_person = true;
    r.control_services = true;
    single("control_services", true, "third person with 24/7, unprotected or hotel services", r);
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
    const std::string lang = rng.Chance(70) ? "nl" : "en";
    int p = pattern("template", true, "one text template, edited, behind 4 phones (" + lang + ")");
    auto names = distinct_names(4);
    for (int m = 0; m < 4; ++m) {
      Role r;
      r.member = m;
      r.template_id = k;
      r.lang = lang;
      r.name = names[static_cast<size_t>(m)];
      r.age = rng.Range(19, 26);
      r.towns = PickTowns(rng, 1, 80);
      add(r, p);
    }
  }
  for (int k = 0; k < 3; ++k) {
    const std::string lang = DrawLang(rng);
    int p = pattern("touring_with_control", true,
                    "one phone in 3+ towns within days, with third-person or shared-phone signs (" + lang + ")");
    std::string phone = MakePhone(shared_key++, 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    auto names = distinct_names(3);
    auto towns = PickTowns(rng, 4, 60);
    for (int m = 0; m < 3; ++m) {
      Role r;
      r.member = m;
      r.lang = lang;
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

  // Must not alert.
  for (int k = 0; k < 4; ++k) {
    int p = pattern("touring_alone", false, "independent advertiser who moves town, nothing else");
    std::string phone = MakePhone(shared_key++, 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    std::string name = distinct_names(1)[0];
    auto towns = PickTowns(rng, 4, 60);
    const std::string lang = DrawLang(rng);
    for (int m = 0; m < 3; ++m) {
      Role r;
      r.member = m;
      r.lang = lang;
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
    Role r;
    r.age = 18 + k % 3;
    r.age_in_text = k % 2 == 0;
    // The demo configuration sets min_age 21 for Sittard-Geleen, where an age
    // of 18-20 is a real finding.
    do r.towns = PickTowns(rng, 1, 80);
    while (Places()[static_cast<size_t>(r.towns[0])].municipality == "Sittard-Geleen");
    single("young_age_alone", false, "stated age 18-20 and nothing else", r);
  }
  for (int k = 0; k < 6; ++k) {
    Role r;
    r.phone_text_only = true;
    r.age = rng.Range(23, 45);
    single("obfuscated_phone_alone", false, "benign ad whose number is only written obfuscated in the text", r);
  }
  for (int kind = 0; kind < kBenignVocabKinds; ++kind) {
    for (int k = 0; k < 3; ++k) {
      Role r;
      r.age = rng.Range(25, 48);
      r.benign_vocab = kind;
      single(BenignVocabKind(kind), false, "first-person ad that uses risk vocabulary innocently", r);
    }
  }
  for (int k = 0; k < 3; ++k) {
    static const std::vector<std::string> kClubs = {"Club Venus", "Prive-huis De Roos", "Club Aphrodite",
                                                    "Maison Cherie", "Villa Rosa", "Club Paradise"};
    Role r;
    r.age = 0;
    r.club = kClubs[(static_cast<size_t>(k) + rng.Below(6)) % kClubs.size()];
    r.name = r.club;
    r.towns = PickTowns(rng, 1, 90);
    single("licensed_club", false, "licensed club with licence number and address, 'our ladies'", r);
  }
  for (int k = 0; k < 3; ++k) {
    int p = pattern("same_person_two_ads", false, "one independent worker, one phone, two ads");
    std::string phone = MakePhone(shared_key++, 0);
    patterns_[static_cast<size_t>(p)].phones = {phone};
    std::string name = distinct_names(1)[0];
    auto towns = PickTowns(rng, 1, 80);
    const std::string lang = DrawLang(rng);
    const int age = rng.Range(24, 45);
    for (int m = 0; m < 2; ++m) {
      Role r;
      r.member = m;
      r.lang = lang;
      r.phone = phone;
      r.name = name;
      r.age = age;
      r.towns = towns;
      add(r, p);
    }
  }
  for (int k = 0; k < 3; ++k) {
    int p = pattern("benign", false, "control ads: independent workers, first person");
    for (int m = 0; m < 5; ++m) {
      Role r;
      r.member = m;
      r.age = rng.Range(23, 45);
      r.towns = PickTowns(rng, 1, 80);
      add(r, p);
    }
  }
  for (int k = 0; k < 6; ++k) {
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
