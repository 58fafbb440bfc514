// Composes ad titles and texts from the sentence pools: first-person texts by
// default, the planted wording of a role placed anywhere in the text, the
// licensed clubs' ads, and the edited copies of the template families.
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
  static const Strs kHairNl = {"blond", "bruin", "zwart", "rood", "donkerblond", "kastanjebruin"};
  static const Strs kHairEn = {"blonde", "brown", "black", "red", "dark blonde", "auburn"};
  static const Strs kHairDe = {"blonde", "braune", "schwarze", "rote", "dunkelblonde"};
  static const Strs kHairFr = {"blonds", "bruns", "noirs", "roux", "châtains"};
  static const Strs kEyes = {"blauwe", "bruine", "groene", "grijze"};
  const Strs& kHair = spec.lang == "en" ? kHairEn : spec.lang == "de" ? kHairDe : spec.lang == "fr" ? kHairFr : kHairNl;
  Vars v;
  v.kv.reserve(20);
  v["name"] = spec.name;
  v["city"] = spec.place ? spec.place->name : "";
  v["age"] = std::to_string(spec.age);
  v["age_words"] = AgeWords(spec.age, spec.lang);
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

std::string Nth(const Strs& pool, int n, const Vars& v) {
  return Fill(pool[static_cast<size_t>(n) % pool.size()], v);
}

// Puts each planted sentence at the start or the end of one of the first
// paragraphs: wording that matters is not always in the opening line.
void Plant(Rng& rng, const std::vector<std::string>& sentences, std::vector<std::string>* paragraphs) {
  const uint32_t n = static_cast<uint32_t>(std::min<size_t>(3, paragraphs->size()));
  for (const std::string& s : sentences) {
    std::string& p = (*paragraphs)[rng.Below(n)];
    p = p.empty() ? s : rng.Chance(50) ? s + " " + p : p + " " + s;
  }
}

// One writer's text behind a family of ads. Member 0 is the family's base
// text; the others are copies edited as writers edit them: another name, town
// and age, some words swapped, two sentences reordered, one replaced.
void ComposeTemplate(const TextSpec& spec, const Vars& v, std::vector<std::string>* paragraphs) {
  const Strs& s = TemplateSentences(spec.lang);
  Rng family(Hash(spec.seed, 0x7e3b1a7e, static_cast<uint64_t>(spec.template_id)));
  std::vector<size_t> order(s.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[family.Below(static_cast<uint32_t>(i))]);
  std::vector<std::string> sent;
  for (size_t k = 0; k < 12; ++k) sent.push_back(Fill(s[order[k]], v));
  const int m = spec.template_member;
  Rng edit(Hash(spec.seed, 0xed17 + static_cast<uint64_t>(spec.template_id), static_cast<uint64_t>(m)));
  if (m >= 1) {
    for (const auto& [from, to] : TemplateSwaps(spec.lang)) {
      if (!edit.Chance(30)) continue;
      for (std::string& x : sent) {
        if (size_t at = x.find(from); at != std::string::npos) {
          x.replace(at, from.size(), to);
          break;
        }
      }
    }
  }
  if (m >= 2) {
    size_t i = edit.Below(11);
    std::swap(sent[i], sent[i + 1]);
  }
  if (m >= 3) sent[edit.Below(12)] = Fill(s[order[12 + edit.Below(static_cast<uint32_t>(s.size() - 12))]], v);
  std::string a, b;
  for (size_t k = 0; k < 12; ++k) (k < 6 ? a : b) += (k % 6 ? " " : "") + sent[k];
  paragraphs->push_back(a);
  paragraphs->push_back(b);
  paragraphs->push_back(Fill(PoolsFor(spec.lang).ask_for, v));
}

void ComposeClub(Rng& rng, const TextSpec& spec, Vars& v, std::vector<std::string>* paragraphs) {
  static const Strs kStreets = {"Industrieweg", "Rijksweg", "Stationsstraat", "Kerkstraat", "Heerenweg"};
  v["club"] = spec.club;
  v["licence"] = std::to_string(2019 + rng.Range(0, 6)) + "/" + std::to_string(rng.Range(100, 999));
  v["muni"] = spec.place && !spec.place->municipality.empty() ? spec.place->municipality
                                                              : spec.place ? spec.place->name : "";
  v["street"] = rng.Pick(kStreets) + " " + std::to_string(rng.Range(1, 140));
  const Strs& lines = BenignFor(spec.lang).club;
  std::string p1 = Fill(lines[0], v) + " " + Fill(lines[1], v);
  std::string p2;
  for (size_t i = 2; i + 1 < lines.size(); ++i) p2 += (p2.empty() ? "" : " ") + Fill(lines[i], v);
  paragraphs->push_back(p1);
  paragraphs->push_back(p2);
  paragraphs->push_back(Fill(lines.back(), v));
}

}  // namespace

std::string AgeInText(int age, int style, const std::string& name, const std::string& lang) {
  const std::string a = std::to_string(age);
  if (lang == "en") return style % 2 ? a + "yo, slim and sporty." : "I am " + a + " years old.";
  if (lang == "de") return style % 2 ? a + " J., schlank und sportlich." : "Ich bin " + a + " Jahre alt.";
  if (lang == "fr") return style % 2 ? a + " ans, mince et souriante." : "J'ai " + a + " ans.";
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
                 std::vector<std::string>* paragraphs, std::vector<std::string>* planted_out) {
  const Pools& P = PoolsFor(spec.lang);
  const RiskWording& R = RiskFor(spec.lang);
  paragraphs->clear();
  // The title comes first and needs only name and town, so listings can stop
  // right after it and still show the same title as the detail page.
  Vars tv;
  tv["name"] = spec.name;
  tv["city"] = spec.place ? spec.place->name : "";
  tv["club"] = spec.club;
  static const Strs kTemplateTitlesNl = {"Mooie lieve dame in ", "Verwennerij en discretie in ",
                                         "Nieuwe sexy dames in ", "Exclusief prive-adres in "};
  static const Strs kTemplateTitlesEn = {"Beautiful sweet lady in ", "Pampering and discretion in ",
                                         "New sexy ladies in ", "Exclusive private address in "};
  // Risk titles in pool order: touring, third person, new girls, availability.
  int risk = spec.control_services ? 3 : spec.new_girls ? 2 : spec.third_person ? 1
           : spec.touring_words ? 0 : -1;
  const bool risk_title = rng.Chance(60);
  if (spec.template_id >= 0) {
    const Strs& t = spec.lang == "en" ? kTemplateTitlesEn : kTemplateTitlesNl;
    *title = t[static_cast<size_t>(spec.template_id) % t.size()] + tv["city"];
  } else if (!spec.club.empty()) {
    *title = Fill(BenignFor(spec.lang).club_title, tv);
  } else if (risk >= 0 && risk_title) {
    *title = Fill(R.titles[std::min<size_t>(static_cast<size_t>(risk), R.titles.size() - 1)], tv);
  } else {
    *title = Fill(rng.Pick(P.title), tv);
  }
  if (spec.title_only) return;
  Vars v = MakeVars(rng, spec);

  if (spec.template_id >= 0 || !spec.club.empty()) {
    if (spec.template_id >= 0) ComposeTemplate(spec, v, paragraphs);
    else ComposeClub(rng, spec, v, paragraphs);
    if (!spec.phone_text.empty()) paragraphs->push_back(Fill(rng.Pick(P.phone), v));
    return;
  }

  std::vector<std::string> planted;
  if (spec.touring_words) AddSome(rng, R.touring, 1, v, &planted.emplace_back());
  if (spec.minor_form >= 0) planted.push_back(Nth(R.minor_age, spec.minor_form, v));
  if (spec.age_hint >= 0) planted.push_back(Nth(R.youth, spec.age_hint, v));
  if (spec.third_party >= 0) planted.push_back(Nth(R.third_party, spec.third_party, v));
  if (spec.new_girls) AddSome(rng, R.new_girls, 1, v, &planted.emplace_back());
  if (spec.control_services) AddSome(rng, R.services, rng.Range(2, 3), v, &planted.emplace_back());
  const BenignWording& B = BenignFor(spec.lang);
  if (spec.benign_vocab >= 0) {
    AddSome(rng, B.by_kind[spec.benign_vocab], rng.Range(1, 2), v, &planted.emplace_back());
  } else if (spec.ordinary && rng.Chance(12)) {
    // Ordinary ads use the same words innocently now and then; planted ads
    // keep to their kind, so that a report by kind says what was tested.
    AddSome(rng, B.by_kind[rng.Below(kNewInTown)], 1, v, &planted.emplace_back());
  }

  std::string p1;
  if (spec.third_person) {
    AddSome(rng, R.third_person, rng.Range(2, 3), v, &p1);
    if (spec.age_style >= 0) p1 += " " + Fill(R.third_age, v);
  } else {
    AddSome(rng, P.intro, 1, v, &p1);
    if (spec.age_style >= 0) p1 += " " + AgeInText(spec.age, spec.age_style, spec.name, spec.lang);
  }
  paragraphs->push_back(p1);

  std::string p2;
  AddSome(rng, spec.third_person ? R.third_person : P.about, spec.third_person ? 1 : rng.Range(2, 4), v, &p2);
  AddSome(rng, P.looks, 1, v, &p2);
  paragraphs->push_back(p2);

  std::string p3;
  AddSome(rng, P.practical, rng.Range(1, 2), v, &p3);
  AddSome(rng, P.hours, 1, v, &p3);
  if (!spec.touring_words || rng.Chance(50)) AddSome(rng, P.location, 1, v, &p3);
  paragraphs->push_back(p3);
  Plant(rng, planted, paragraphs);
  if (planted_out) *planted_out = planted;

  std::string p4;
  if (!spec.phone_text.empty()) p4 = Fill(rng.Pick(P.phone), v);
  if (!spec.phone2_text.empty()) p4 += (p4.empty() ? "" : "\n") + Fill(P.phone2, v);
  if (!p4.empty()) paragraphs->push_back(p4);
  if (!spec.third_person) paragraphs->push_back(Fill(rng.Pick(P.closing), v));
}

std::vector<Rate> MakeRates(Rng& rng, const std::string& lang) {
  const bool en = lang == "en", de = lang == "de", fr = lang == "fr";
  int hour = 10 * rng.Range(10, 25);  // 100..250
  std::vector<Rate> r;
  if (rng.Chance(70)) r.push_back({"30 min", 30, hour * 6 / 10});
  r.push_back({en ? "1 hour" : de ? "1 Stunde" : fr ? "1 heure" : "1 uur", 60, hour});
  if (rng.Chance(60)) r.push_back({en ? "2 hours" : de ? "2 Stunden" : fr ? "2 heures" : "2 uur", 120, hour * 18 / 10});
  if (rng.Chance(25)) r.push_back({en ? "Night" : fr ? "Nuit" : "Nacht", 720, hour * 6});
  for (Rate& x : r) x.eur = x.eur / 10 * 10;
  return r;
}

}  // namespace adwatch::demo
