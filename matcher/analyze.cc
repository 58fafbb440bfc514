#include "matcher/analyze.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <tuple>

#include "core/decision.h"
#include "matcher/ages.h"
#include "matcher/html_text.h"
#include "matcher/intermediary.h"
#include "matcher/internal/text_util.h"
#include "matcher/normalize.h"
#include "matcher/phones.h"
#include "matcher/third_person.h"

#ifndef ADWATCH_MATCHER_SOURCE_DIR
#define ADWATCH_MATCHER_SOURCE_DIR "."
#endif

namespace adwatch {
namespace {

std::string FindData(const Env& env, const char* var, const std::string& rel) {
  if (auto v = env.GetEnv(var); v && !v->empty()) return *v;
  std::string dev = std::string(ADWATCH_MATCHER_SOURCE_DIR) + "/deploy/" + rel;
  if (env.FileExists(dev)) return dev;
  return "/usr/share/adwatch/" + rel;
}

// The ad fields rules can name, in the order hits are looked for (views:
// no copies of the ad text per call).
std::vector<std::pair<const char*, std::string_view>> Fields(const Ad& ad, const std::string& phones) {
  return {{"title", ad.title}, {"text", ad.text}, {"name", ad.name},   {"city", ad.city},
          {"price", ad.price}, {"age", ad.stated_age}, {"phones", phones}, {"url", ad.url},
          {"id", ad.id},       {"region", ad.region}, {"posted", ad.posted}};
}

void AddPhones(std::vector<PhoneFound> found, std::vector<PhoneFound>* out) {
  for (auto& p : found) {
    auto it = std::find_if(out->begin(), out->end(), [&](const PhoneFound& q) { return q.e164 == p.e164; });
    if (it == out->end()) out->push_back(std::move(p));
    else it->obfuscated |= p.obfuscated;
  }
}

// A field with its character references decoded; most fields have none and
// are not copied.
class Decoded {
 public:
  explicit Decoded(const std::string& s) : view_(s) {
    if (s.find('&') != std::string::npos) view_ = copy_ = DecodeHtmlEntities(s);
  }
  std::string_view view() const { return view_; }

 private:
  std::string copy_;
  std::string_view view_;
};

// Removes the hits of rules with `only_with` whose categories no other hit has.
void DropUnaccompanied(const CompiledRules& rules, std::vector<Hit>* hits) {
  // Each hit's only_with list, looked up once (null: none).
  std::vector<const std::vector<std::string>*> needs;
  needs.reserve(hits->size());
  for (const Hit& h : *hits) {
    const RuleSpec* r = rules.Find(h.rule);
    needs.push_back(r && !r->only_with.empty() ? &r->only_with : nullptr);
  }
  if (std::none_of(needs.begin(), needs.end(), [](const auto* n) { return n != nullptr; })) return;
  std::vector<bool> keep(hits->size());
  for (size_t i = 0; i < hits->size(); ++i) {
    const std::vector<std::string>* with = needs[i];
    keep[i] = !with;
    for (size_t k = 0; k < hits->size() && !keep[i]; ++k)
      keep[i] = k != i && !needs[k] && std::find(with->begin(), with->end(), (*hits)[k].category) != with->end();
  }
  std::vector<Hit> kept;
  for (size_t i = 0; i < hits->size(); ++i)
    if (keep[i]) kept.push_back(std::move((*hits)[i]));
  *hits = std::move(kept);
}

// Removes the hits of rules with `only_with_age_at_most` when the ad states no
// age that young ("mijn verjaardag was vorige week" beside a stated 18, not 45).
void DropWithoutYoungAge(const CompiledRules& rules, const std::vector<int>& ages, std::vector<Hit>* hits) {
  std::erase_if(*hits, [&](const Hit& h) {
    const RuleSpec* r = rules.Find(h.rule);
    return r && r->only_with_age_at_most > 0 &&
           std::none_of(ages.begin(), ages.end(), [&](int a) { return a <= r->only_with_age_at_most; });
  });
}

}  // namespace

std::string DefaultGazetteerPath(const Env& env) { return FindData(env, "ADWATCH_GAZETTEER", "gazetteer.tsv"); }
std::string DefaultRulesPath(const Env& env) { return FindData(env, "ADWATCH_RULES", "rules/default.toml"); }

Result<Matcher> MakeMatcher(MatcherConfig config, const std::vector<MunicipalityConfig>& municipalities,
                            const Env& env) {
  Matcher m;
  for (const auto& r : config.rules)
    if (r.age_hint) m.age_hint_rules.insert(r.id);
  auto rules = CompiledRules::Compile(std::move(config.rules), config.rules_version);
  if (!rules.ok()) return rules.status();
  config.rules.clear();
  std::string gpath = config.gazetteer.empty() ? DefaultGazetteerPath(env) : config.gazetteer;
  auto gaz = Gazetteer::Load(gpath);
  if (!gaz.ok()) return gaz.status();
  m.rules = std::move(rules).value();
  m.gazetteer = std::move(gaz).value();
  for (const auto& mc : municipalities)
    if (mc.min_age > 0)  // names are case-insensitive in the config; hits carry the gazetteer's spelling
      m.min_age_by_municipality[m.gazetteer.FindMunicipality(mc.name).value_or(mc.name)] = mc.min_age;
  m.config = std::move(config);
  return m;
}

AdSignals AnalyzeAd(const Ad& ad, const Matcher& m) {
  AdSignals s;
  const std::string region = ad.region.empty() ? m.config.default_region : ad.region;
  // Facts.
  // Phones and places read text with character references decoded ("&#48;6 ..." is
  // "06 ..."); rules and ages get that from Normalize, which keeps offsets.
  const Decoded title(ad.title), text(ad.text), city(ad.city);
  AddPhones(ExtractPhones(title.view(), region, "title"), &s.phones);
  AddPhones(ExtractPhones(text.view(), region, "text"), &s.phones);
  for (const auto& p : ad.phones) AddPhones(ExtractPhones(Decoded(p).view(), region, "phones"), &s.phones);
  // Sites without a phone field get the number in the name ("Bea 0152 8417 0593").
  if (std::count_if(ad.name.begin(), ad.name.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 8)
    AddPhones(ExtractPhones(Decoded(ad.name).view(), region, "name"), &s.phones);
  struct AgeAt { int age; std::string field; std::string_view text; size_t b, e; bool stay_like = false; };
  std::vector<AgeAt> ages;
  for (int a : ParseAgeFieldAll(ad.stated_age)) ages.push_back({a, "age", ad.stated_age, 0, ad.stated_age.size()});
  // Title and text are normalised once, for ages and rules (normalize.h).
  const NormalizedText norm_title = Normalize(ad.title), norm_text = Normalize(ad.text);
  const std::vector<std::string> own_names = ad.name.empty() ? std::vector<std::string>{} : OwnNamesForAges(ad.name);
  for (auto [name, text, norm] : {std::tuple<const char*, std::string_view, const NormalizedText*>{
                                      "title", ad.title, &norm_title}, {"text", ad.text, &norm_text}})
    for (const auto& am : ExtractAgeMentions(text, *norm, own_names))
      ages.push_back({am.age, name, text, am.begin, am.end, am.stay_like});
  // Writers put an age where a site leaves room for it: "Cindy (16)" as the
  // name, "50 (ben 17 dus ff discreet)" as the price. The grammar's frames
  // still decide; these fields are short, and most have no two-digit number
  // outside a price.
  for (auto [name, text] : {std::pair<const char*, std::string_view>{"name", ad.name}, {"price", ad.price}})
    if (text.find_first_of("0123456789") != std::string_view::npos || text.size() > 12)
      for (const auto& am : ExtractAgeMentions(text))
        ages.push_back({am.age, name, text, am.begin, am.end, am.stay_like});
  // "Olga - 16 years in Krefeld ... I am 47": a stay, since a higher age is stated (ages.h).
  // The highest firm age is found first: erase_if moves elements while its predicate runs.
  int firm = 0;
  for (const auto& a : ages)
    if (!a.stay_like && a.field != "age") firm = std::max(firm, a.age);
  std::erase_if(ages, [&](const AgeAt& a) { return a.stay_like && firm > a.age; });
  for (const auto& a : ages)
    if (std::find(s.ages.begin(), s.ages.end(), a.age) == s.ages.end()) s.ages.push_back(a.age);
  auto add_place = [&](const Place& p) {
    if (std::none_of(s.places.begin(), s.places.end(), [&](const Place& q) { return q.name == p.name; }))
      s.places.push_back(p);
  };
  if (auto p = m.gazetteer.Lookup(city.view())) add_place(*p);
  for (const auto& p : m.gazetteer.FindInText(title.view())) add_place(p);
  for (const auto& p : m.gazetteer.FindInText(text.view())) add_place(p);

  // Pattern rules, once per rule (the first field that matches wins).
  std::string phones_field;
  for (const auto& p : ad.phones) phones_field += p + "\n";
  for (const auto& [name, text] : Fields(ad, phones_field)) {
    const std::string_view field(name);
    const NormalizedText* norm = field == "title" ? &norm_title : field == "text" ? &norm_text : nullptr;
    for (auto& h : norm ? m.rules.Match(name, text, *norm) : m.rules.Match(name, text)) {
      if (std::any_of(s.hits.begin(), s.hits.end(), [&](const Hit& o) { return o.rule == h.rule; })) continue;
      s.hits.push_back(std::move(h));
    }
  }
  // Builtin rules from the facts.
  int min_age = m.config.min_age;
  for (const auto& p : s.places)
    if (auto it = m.min_age_by_municipality.find(p.municipality); it != m.min_age_by_municipality.end())
      min_age = std::max(min_age, it->second);
  const RuleSpec* minor = m.rules.FindBuiltin("stated_age_minor");
  const RuleSpec* below = m.rules.FindBuiltin("stated_age_below_min");
  bool minor_done = false, below_done = false;
  for (const auto& a : ages) {
    if (minor && !minor_done && a.age < 18) {
      s.hits.push_back(m.rules.MakeHit(*minor, a.field, a.text, a.b, a.e));
      minor_done = true;
    } else if (below && !below_done && a.age < min_age && (a.age >= 18 || !minor)) {
      Hit h = m.rules.MakeHit(*below, a.field, a.text, a.b, a.e);
      h.description += " (minimumleeftijd " + std::to_string(min_age) + ")";
      s.hits.push_back(std::move(h));
      below_done = true;
    }
  }
  if (const RuleSpec* r = m.rules.FindBuiltin("phone_obfuscated")) {
    for (const auto& p : s.phones) {
      if (!p.obfuscated) continue;
      // Point at the number in its field, with context, when it is there verbatim.
      std::string_view field_text = p.field == "title" ? title.view()
                                    : p.field == "text" ? text.view()
                                                        : std::string_view(p.raw);
      size_t at = field_text.find(p.raw);
      if (at == std::string_view::npos) { field_text = p.raw; at = 0; }
      s.hits.push_back(m.rules.MakeHit(*r, p.field, field_text, at, at + p.raw.size()));
      break;
    }
  }
  if (const RuleSpec* r = m.rules.FindBuiltin("name_third_person"); r && !ad.name.empty()) {
    const std::string name = Normalize(ad.name).text;
    for (auto [field, text, norm] : {std::tuple<const char*, std::string_view, const NormalizedText*>{
                                         "title", ad.title, &norm_title}, {"text", ad.text, &norm_text}}) {
      if (auto span = FindNameAsSubject(name, norm->text)) {
        auto [b, e] = norm->ToOriginal(span->first, span->second);
        s.hits.push_back(m.rules.MakeHit(*r, field, text, b, e));
        break;
      }
    }
  }
  if (const RuleSpec* r = m.rules.FindBuiltin("named_intermediary")) {
    // Her own names: the name field and the capitalised words of the title.
    std::vector<std::string> own;
    auto add_names = [&](std::string_view field, bool capitalised_only) {
      size_t i = 0;
      while (i < field.size()) {
        while (i < field.size() && !(std::isalpha(static_cast<unsigned char>(field[i])) ||
                                     static_cast<unsigned char>(field[i]) >= 0x80))
          ++i;
        size_t e = i;
        while (e < field.size() && (std::isalpha(static_cast<unsigned char>(field[e])) ||
                                    static_cast<unsigned char>(field[e]) >= 0x80))
          ++e;
        if (e > i && (!capitalised_only || std::isupper(static_cast<unsigned char>(field[i])) ||
                      static_cast<unsigned char>(field[i]) >= 0x80))
          own.push_back(FoldName(field.substr(i, e - i)));
        i = e;
      }
    };
    // Her names are the name field's words before any aside: "Mira (ask for
    // Sergiu)", "Mila – afspraak via Dennis" name a contact after it.
    const std::string_view name_field = ad.name;
    size_t aside = std::min(name_field.find('('), std::min(name_field.find(" - "), name_field.find(" \xe2\x80\x93 ")));
    // "Alina / boekingen: Marco": a slash starts an aside only before a label's
    // colon ("Anna / Eva" is a duo's two names).
    if (const size_t slash = name_field.find(" / "); slash < aside && name_field.find(':', slash) != std::string_view::npos)
      aside = slash;
    add_names(name_field.substr(0, aside), false);
    auto is_place = [&](std::string_view w) { return m.gazetteer.Lookup(w).has_value(); };
    // The name field's aside first, then the title ("Ruf Tom an"); then the
    // text, where the names in the title are hers ("Lisa & Eva – duo", then "met Eva").
    std::optional<Hit> hit;
    auto look = [&](const char* field, std::string_view in) {
      if (auto span = FindNamedIntermediary(in, own, is_place)) hit = m.rules.MakeHit(*r, field, in, span->first, span->second);
    };
    if (aside != std::string_view::npos) look("name", name_field);
    if (!hit) look("title", title.view());
    if (!hit) {
      add_names(ad.title, true);
      look("text", text.view());
    }
    // "€ 100 p/u – afrekenen bij Mario": who takes the money, in the price field.
    if (!hit) look("price", ad.price);
    for (size_t i = 0; !hit && i < ad.phones.size(); ++i)
      if (auto span = FindNameInPhoneField(ad.phones[i], own, is_place))
        hit = m.rules.MakeHit(*r, "phones", ad.phones[i], span->first, span->second);
    // The rule's exclusions read the whole ad (a licensed club's receptionist);
    // asked only once there is a hit, as most ads have none.
    if (hit && !m.rules.ExcludedField(*r, norm_title.text) && !m.rules.ExcludedField(*r, norm_text.text))
      s.hits.push_back(std::move(*hit));
  }
  if (const RuleSpec* r = m.rules.FindBuiltin("phone_multiple"); r && s.phones.size() >= 2) {
    std::string list = std::to_string(s.phones.size()) + " nummers";
    Hit h = m.rules.MakeHit(*r, "phones", list, 0, 0);
    h.evidence = list;  // a count, not a span of the ad
    s.hits.push_back(std::move(h));
  }
  DropUnaccompanied(m.rules, &s.hits);
  DropWithoutYoungAge(m.rules, s.ages, &s.hits);
  for (const auto& h : s.hits)
    if (m.age_hint_rules.count(h.rule) &&
        std::find(s.age_hints.begin(), s.age_hints.end(), h.rule) == s.age_hints.end())
      s.age_hints.push_back(h.rule);

  // Score, severity and alerting: the one decision (core/decision.h).
  bool critical = false;
  for (const auto& h : s.hits) critical |= h.severity == Severity::kCritical;
  double score = 0;
  for (const auto& [cat, points] : CategoryPoints(s.hits, m.config.signals.category_cap)) score += points;
  Decision d = Decide(score, critical, m.config.alert_threshold, m.config.critical_threshold);
  s.score = d.score;
  s.severity = d.severity;
  return s;
}

}  // namespace adwatch
