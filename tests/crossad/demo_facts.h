// AdFacts from the demo network generator, for the cross-ad tests and the
// signals benchmark. Per-ad signals are a stand-in for the per-ad matcher,
// derived from what the generator planted (the ad's pattern kinds, stated
// ages, obfuscated numbers): the cross-ad tests measure linking and scoring
// on top of per-ad hits, not the per-ad rules themselves.
#pragma once

#include <algorithm>
#include <string>

#include "core/hash.h"
#include "matcher/crossad/crossad.h"
#include "tests/demo_sites/demo_gen.h"

namespace adwatch::test {

inline Hit PlantedHit(const std::string& rule, const std::string& category, double weight,
                      Severity severity = Severity::kLow) {
  Hit h;
  h.rule = rule;
  h.category = category;
  h.weight = weight;
  h.severity = severity;
  h.field = "text";
  h.evidence = rule;
  return h;
}

inline AdSignals PlantedSignals(const demo::AdView& v) {
  AdSignals s;
  auto has = [&](const char* kind) { return std::find(v.kinds.begin(), v.kinds.end(), kind) != v.kinds.end(); };
  int age = v.age ? v.age : v.text_age;
  if (age > 0 && age < 18) s.hits.push_back(PlantedHit("stated_age_minor", "age", 50, Severity::kCritical));
  if (age >= 18 && age <= 20) s.hits.push_back(PlantedHit("young_age", "age", 10));
  if (has("age_hint_minor")) s.hits.push_back(PlantedHit("age_hint", "age", 40, Severity::kHigh));
  if (has("touring_with_control") || has("control_services"))
    s.hits.push_back(PlantedHit("third_person", "control", 25, Severity::kMedium));
  if (has("control_services")) s.hits.push_back(PlantedHit("services_extreme", "services", 25, Severity::kMedium));
  if (has("touring_with_control") || has("touring_alone")) s.hits.push_back(PlantedHit("new_in_town", "movement", 0));
  if (std::find(v.phone_display.begin(), v.phone_display.end(), "text_obfuscated") != v.phone_display.end())
    s.hits.push_back(PlantedHit("phone_obfuscated", "phone", 15));
  for (const Hit& h : s.hits) s.score += h.weight;
  for (const Hit& h : s.hits) s.severity = std::max(s.severity, h.severity);
  return s;
}

inline AdFacts DemoFacts(const demo::Network& net, uint64_t index, int epoch) {
  static const std::vector<std::string> kOrigins = {"http://demo-html.test", "http://demo-api.test",
                                                    "http://demo-next.test"};
  demo::AdView v = net.View(index, epoch);
  AdFacts f;
  f.key = {demo::SiteName(v.site), v.id};
  f.url = demo::CanonicalUrl(v, kOrigins);
  f.name = v.name;
  f.text = v.title + "\n" + v.Text();
  f.phones = v.phones;
  for (const std::string& p : v.phones) f.pseudonyms.push_back(HmacSha256Hex("test-pseudonym-key", p));
  const demo::Place& place = demo::Places()[static_cast<size_t>(v.place)];
  f.town = place.name;
  f.municipality = place.municipality;
  f.seen = FromUnixSeconds(demo::EpochTime(epoch));
  f.per_ad = PlantedSignals(v);
  return f;
}

}  // namespace adwatch::test
