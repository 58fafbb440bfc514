// Composes ad titles and texts from the sentence pools: benign first-person
// texts by default, with the planted wording switched on per role, and the
// long shared texts of the "template" pattern.
#include <algorithm>
#include <string_view>

#include "tests/demo_sites/internal/gen_internal.h"
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {
namespace {

// Placeholder values; a handful of keys, so a linear scan beats a map.
struct Vars {
  std::vector<std::pair<std::string_view, std::string>> kv;
  const std::string* Get(std::string_view key) const {
    for (const auto& [k, v] : kv) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  std::string& operator[](std::string_view key) {
    for (auto& [k, v] : kv) {
      if (k == key) return v;
    }
    kv.emplace_back(key, std::string());
    return kv.back().second;
  }
};

std::string Fill(const std::string& pattern, const Vars& vars) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        const std::string* value = vars.Get(std::string_view(pattern).substr(i + 1, close - i - 1));
        if (value) {
          out += *value;
          i = close;
          continue;
        }
      }
    }
    out += pattern[i];
  }
  return out;
}

Vars MakeVars(Rng& rng, const TextSpec& spec) {
  static const Strs kHair = {"blond", "bruin", "zwart", "rood", "donkerblond", "kastanjebruin"};
  static const Strs kEyes = {"blauwe", "bruine", "groene", "grijze"};
  Vars v;
  v.kv.reserve(16);
  v["name"] = spec.name;
  v["city"] = spec.place ? spec.place->name : "";
  v["age"] = std::to_string(spec.age);
  v["hair"] = rng.Pick(kHair);
  v["eyes"] = rng.Pick(kEyes);
  v["height"] = "1." + std::to_string(rng.Range(55, 82)) + " m";
  v["size"] = std::to_string(34 + 2 * rng.Range(0, 5));
  v["cup"] = std::string(1, static_cast<char>('A' + rng.Range(0, 4)));
  v["measures"] = std::to_string(rng.Range(82, 98)) + "-" + std::to_string(rng.Range(58, 70)) +
                  "-" + std::to_string(rng.Range(86, 100));
  v["postcode"] = spec.place ? PostcodeFor(*spec.place, rng) : "";
  v["from"] = std::to_string(rng.Range(9, 13));
  v["to"] = std::to_string(rng.Range(18, 23));
  v["ref"] = "#" + std::to_string(spec.ad_ref);
  // Dates as ads write them ("24-12", "3/1"): digits that are not phone numbers.
  int day = rng.Range(1, 27), month = rng.Range(1, 12);
  const char* sep = rng.Chance(70) ? "-" : "/";
  v["date1"] = std::to_string(day) + sep + std::to_string(month);
  v["date2"] = std::to_string(day + 1) + sep + std::to_string(month);
  v["phone"] = spec.phone_text;
  v["phone2"] = spec.phone2_text;
  return v;
}

void AddSome(Rng& rng, const Strs& pool, int n, const Vars& v, std::string* para) {
  std::vector<size_t> picked;
  for (int k = 0; k < n && picked.size() < pool.size(); ++k) {
    size_t i = rng.Below(static_cast<uint32_t>(pool.size()));
    bool dup = false;
    for (size_t p : picked) dup |= p == i;
    if (dup) continue;
    picked.push_back(i);
    if (!para->empty()) *para += ' ';
    *para += Fill(pool[i], v);
  }
}

}  // namespace

std::string AgeInText(int age, int style, const std::string& name, const std::string& lang) {
  const std::string a = std::to_string(age);
  if (lang == "en") {
    return style % 2 ? a + "yo, slim and sporty." : "I am " + a + " years old.";
  }
  if (lang == "de") {
    return style % 2 ? a + " J., schlank und sportlich." : "Ich bin " + a + " Jahre alt.";
  }
  switch (style % 7) {
    case 0: return "Ik ben " + a + " jaar.";
    case 1: return a + " jr, slank en sportief.";
    case 2: return "Ik ben een " + a + "-jarige vrouw.";
    case 3: return name + " (" + a + "), dat ben ik.";
    case 4: return "Leeftijd: " + a + ".";
    case 5: return "Francaise, " + a + " ans, ik spreek ook Nederlands.";
    default: return a + "yo, Nederlandse.";
  }
}

void ComposeText(Rng& rng, const TextSpec& spec, std::string* title,
                 std::vector<std::string>* paragraphs) {
  const Pools& P = PoolsFor(spec.lang);
  paragraphs->clear();
  // The title comes first and needs only name and town, so listings can stop
  // right after it and still show the same title as the detail page.
  Vars tv;
  tv["name"] = spec.name;
  tv["city"] = spec.place ? spec.place->name : "";
  static const Strs kTemplateTitles = {"Mooie lieve dame in ", "Verwennerij en discretie in ",
                                       "Nieuwe sexy dames in ", "Exclusief prive-adres in "};
  // Risk titles in pool order: touring, third person, new girls, availability.
  int risk = spec.control_services ? 3 : spec.new_girls ? 2 : spec.third_person ? 1
           : spec.touring_words ? 0 : -1;
  if (spec.template_id >= 0) {
    *title = kTemplateTitles[static_cast<size_t>(spec.template_id) % kTemplateTitles.size()] + tv["city"];
  } else if (risk >= 0) {
    *title = Fill(P.title_risk[std::min<size_t>(static_cast<size_t>(risk), P.title_risk.size() - 1)], tv);
  } else {
    *title = Fill(rng.Pick(P.title), tv);
  }
  if (spec.title_only) return;
  Vars v = MakeVars(rng, spec);

  if (spec.template_id >= 0) {
    // One writer, many ads: the same long text, only the name at the end differs.
    Rng trng(Hash(0x7e3b1a7e, static_cast<uint64_t>(spec.template_id)));
    const auto& s = TemplateSentences();
    std::vector<size_t> order(s.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[trng.Below(i)]);
    std::string a, b;
    for (size_t k = 0; k < 12; ++k) (k < 6 ? a : b) += (k % 6 ? " " : "") + s[order[k]];
    paragraphs->push_back(a);
    paragraphs->push_back(b);
    paragraphs->push_back("Vraag naar " + spec.name + ".");
    if (!spec.phone_text.empty()) paragraphs->push_back(Fill(rng.Pick(P.phone), v));
    return;
  }

  std::string p1;
  if (spec.touring_words) AddSome(rng, P.touring, 2, v, &p1);
  if (spec.third_person) {
    AddSome(rng, P.third, 3, v, &p1);
    if (spec.age_style >= 0) p1 += " " + Fill(P.third_age, v);
  } else {
    AddSome(rng, P.intro, 1, v, &p1);
    if (spec.age_style >= 0) p1 += " " + AgeInText(spec.age, spec.age_style, spec.name, spec.lang);
  }
  if (spec.age_hint >= 0) p1 += " " + P.age_hint[static_cast<size_t>(spec.age_hint) % P.age_hint.size()];
  paragraphs->push_back(p1);

  std::string p2;
  if (spec.new_girls) AddSome(rng, P.new_girls, 1, v, &p2);
  if (spec.control_services) AddSome(rng, P.control, 3, v, &p2);
  AddSome(rng, spec.third_person ? P.third : P.about, spec.third_person ? 1 : rng.Range(2, 4), v, &p2);
  AddSome(rng, P.looks, 1, v, &p2);
  paragraphs->push_back(p2);

  std::string p3;
  AddSome(rng, P.practical, rng.Range(1, 2), v, &p3);
  AddSome(rng, P.hours, 1, v, &p3);
  if (!spec.touring_words || rng.Chance(50)) AddSome(rng, P.location, 1, v, &p3);
  paragraphs->push_back(p3);

  std::string p4;
  if (!spec.phone_text.empty()) p4 = Fill(rng.Pick(P.phone), v);
  if (!spec.phone2_text.empty()) p4 += (p4.empty() ? "" : "\n") + Fill(P.phone2, v);
  if (!p4.empty()) paragraphs->push_back(p4);
  if (!spec.third_person) paragraphs->push_back(Fill(rng.Pick(P.closing), v));
}

std::vector<Rate> MakeRates(Rng& rng, const std::string& lang) {
  const bool en = lang == "en", de = lang == "de";
  int hour = 10 * rng.Range(10, 25);  // 100..250
  std::vector<Rate> r;
  if (rng.Chance(70)) r.push_back({en || de ? "30 min" : "30 min", 30, hour * 6 / 10});
  r.push_back({en ? "1 hour" : de ? "1 Stunde" : "1 uur", 60, hour});
  if (rng.Chance(60)) r.push_back({en ? "2 hours" : de ? "2 Stunden" : "2 uur", 120, hour * 18 / 10});
  if (rng.Chance(25)) r.push_back({en ? "Night" : de ? "Nacht" : "Nacht", 720, hour * 6});
  for (Rate& x : r) x.eur = x.eur / 10 * 10;
  return r;
}

}  // namespace adwatch::demo
