// The ground truth of the demo network as JSON: every ad (or, for huge
// networks, the planted ads plus a sample) with its facts per epoch, and every
// planted pattern with the ads involved and whether it must raise an alert.
#include <set>

#include <nlohmann/json.hpp>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

nlohmann::json AdJson(const Network& net, uint64_t index, const std::vector<std::string>& origins) {
  const int birth = net.BirthEpoch(index);
  const int death = net.DeathEpoch(index);
  AdView ad = net.View(index, birth);
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  nlohmann::json j;
  j["site"] = SiteName(ad.site);
  j["id"] = ad.id;
  j["url"] = CanonicalUrl(ad, origins);
  j["name"] = ad.name;
  j["phones"] = ad.phones;
  int age = ad.age ? ad.age : ad.text_age;
  j["age"] = age ? nlohmann::json(age) : nlohmann::json(nullptr);
  j["age_field"] = ad.age != 0;
  j["age_in_text"] = ad.text_age != 0;
  j["place"] = place.name;
  j["municipality"] = place.municipality;
  j["country"] = place.country;
  j["lang"] = ad.lang;
  nlohmann::json epochs = nlohmann::json::array();
  for (int e = birth; e < death && e <= kMaxEpoch; ++e) epochs.push_back(e);
  j["epochs"] = epochs;
  if (death <= kMaxEpoch) j["vanished_epoch"] = death;
  j["phone_display"] = ad.phone_display;
  j["obfuscations"] = ad.obfuscations;
  j["kinds"] = ad.kinds;

  nlohmann::json versions = nlohmann::json::array();
  int last_place = -1, last_text = -1;
  for (int e = birth; e < death && e <= kMaxEpoch; ++e) {
    int p = net.PlaceAt(index, e);
    int t = net.TextVersion(index, e);
    if (p == last_place && t == last_text) continue;
    const Place& pl = Places()[static_cast<size_t>(p)];
    AdView v = e == birth ? ad : net.View(index, e);
    versions.push_back({{"epoch", e},
                        {"place", pl.name},
                        {"municipality", pl.municipality},
                        {"text_version", t},
                        {"title", v.title},
                        {"text_hash", Hex16(Fnv1a(v.Text()))}});
    last_place = p;
    last_text = t;
  }
  j["versions"] = versions;
  return j;
}

}  // namespace

std::string GroundTruthJson(const Network& net, const std::vector<std::string>& origins,
                            uint64_t max_listed) {
  nlohmann::json root;
  const uint64_t universe = net.UniverseSize();
  const bool all = universe <= max_listed;
  root["seed"] = net.seed();
  root["ads_initial"] = net.ads();
  root["ads_total"] = universe;
  root["ads_listed"] = all ? "all" : "sample";
  root["max_epoch"] = kMaxEpoch;
  nlohmann::json times = nlohmann::json::array();
  for (int e = 0; e <= kMaxEpoch; ++e) times.push_back(Iso8601(EpochTime(e)));
  root["epoch_time"] = times;
  nlohmann::json sites = nlohmann::json::object();
  for (int s = 0; s < kSiteCount; ++s) sites[SiteName(s)] = origins[static_cast<size_t>(s)];
  root["sites"] = sites;
  root["text_hash"] = "FNV-1a 64 of the description paragraphs joined by blank lines";

  nlohmann::json ads = nlohmann::json::array();
  const uint64_t stride = all ? 1 : universe / (max_listed / 4) + 1;
  for (uint64_t i = 0; i < universe; ++i) {
    if (all || i % stride == 0 || net.IsPlanted(i)) ads.push_back(AdJson(net, i, origins));
  }
  root["ads"] = std::move(ads);

  nlohmann::json patterns = nlohmann::json::array();
  for (const PatternInstance& p : net.patterns()) {
    nlohmann::json urls = nlohmann::json::array();
    std::set<std::string> langs;
    nlohmann::json wording = nlohmann::json::array();
    for (uint64_t m : p.members) {
      AdView ad = net.View(m, 0, p.members.size() == 1);
      urls.push_back(CanonicalUrl(ad, origins));
      langs.insert(ad.lang);
      for (const std::string& s : ad.planted) wording.push_back(s);
    }
    patterns.push_back({{"kind", p.kind},
                        {"expect_alert", p.expect_alert},
                        {"note", p.note},
                        {"phones", p.phones},
                        {"langs", langs},
                        {"wording", wording},
                        {"ads", urls}});
  }
  root["patterns"] = std::move(patterns);
  return root.dump();
}

}  // namespace adwatch::demo
