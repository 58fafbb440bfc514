#include "alerts/internal/explain.h"

#include <regex>

#include "alerts/explain.h"

namespace adwatch {
namespace internal {
namespace {

std::vector<std::string> Split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t p; (p = s.find(sep, at)) != std::string::npos; at = p + sep.size()) out.push_back(s.substr(at, p - at));
  out.push_back(s.substr(at));
  return out;
}

// Rows stored before Contribution::facts hold the matcher's English
// evidence (matcher/crossad/scoring.cc) in a fixed form; these read it back.
// Each returns false when the form is not there.
bool LegacySharedPhones(const std::string& evidence, std::vector<CrossAdFact>* out) {
  static const std::regex re(R"(^phone (\S+) in (\d+) ads under (\d+) names within (\d+)d$)");
  for (const std::string& item : Split(evidence, "; ")) {
    std::smatch m;
    if (!std::regex_match(item, m, re)) return false;
    CrossAdFact f;
    f.phone = m[1];
    f.ads = std::stoi(m[2]), f.names = std::stoi(m[3]), f.days = std::stoi(m[4]);
    out->push_back(std::move(f));
  }
  return true;
}

bool LegacyTemplates(const std::string& evidence, std::vector<CrossAdFact>* out) {
  static const std::regex re(R"re(^(\d+) ads with (\d+) phones/names share: "(.*)"$)re");
  // The shared phrase is quoted and may itself hold "; ": split only before a count.
  static const std::regex sep(R"re(; (?=\d+ ads with \d+ phones/names share: "))re");
  std::sregex_token_iterator it(evidence.begin(), evidence.end(), sep, -1), end;
  for (; it != end; ++it) {
    const std::string item = *it;
    std::smatch m;
    if (!std::regex_match(item, m, re)) return false;
    CrossAdFact f;
    f.ads = std::stoi(m[1]), f.identities = std::stoi(m[2]);
    f.phrase = m[3];
    out->push_back(std::move(f));
  }
  return true;
}

bool LegacyTouring(const std::string& evidence, std::vector<CrossAdFact>* out) {
  static const std::regex re(R"(^(\d+) towns within (\d+)d: (.*?)( \(not scored[^)]*\))?$)");
  std::smatch m;
  if (!std::regex_match(evidence, m, re)) return false;
  CrossAdFact f;
  f.places = std::stoi(m[1]), f.days = std::stoi(m[2]);
  f.towns = Split(m[3], " -> ");
  f.scored = !m[4].matched;
  out->push_back(std::move(f));
  return true;
}

CrossAdLine Sentence(const std::string& category, const CrossAdFact& f, const Words& w,
                     const std::vector<PhoneRef>& phones) {
  CrossAdLine l;
  if (category == "shared_phone") {
    // The phone's reference as the masked numbers show it, if it is one of the alert's.
    std::string ref;
    for (const PhoneRef& p : phones)
      if (!p.ref.empty() && !f.phone.empty() && f.phone.rfind(p.ref, 0) == 0) ref = " [tel " + p.ref + "]";
    l.sentence = Fill(w.shared_phone, {ref, Count(f.ads, w.ads), Count(f.names, w.names), Count(f.days, w.days)});
  } else if (category == "template") {
    l.sentence = Fill(w.template_family, {Count(f.ads, w.ads), Count(f.identities, w.numbers_or_names),
                                          f.ads == 1 ? w.verb_use.one : w.verb_use.many});
    if (!f.phrase.empty()) l.sentence += " " + w.template_phrase;
    l.phrase = f.phrase;
  } else {
    std::string towns;
    for (const std::string& t : f.towns) towns += (towns.empty() ? "" : " → ") + t;
    l.sentence = Fill(w.touring, {Count(f.places, w.places), Count(f.days, w.days)}) +
                 (towns.empty() ? "." : ": " + towns + ".");
    if (!f.scored) l.sentence += " " + w.touring_unscored;
  }
  return l;
}

// "text[12,20]: …snippet…" -> "…snippet…" (the per-ad evidence when no stored hit is left).
std::string StripOffsets(const std::string& ev) {
  static const std::regex re(R"(^[A-Za-z_]+\[\d+,\d+\]: )");
  return std::regex_replace(ev, re, "", std::regex_constants::format_first_only);
}

}  // namespace

std::vector<std::string> RuleIds(const Contribution& c) {
  std::vector<std::string> out;
  for (const std::string& r : Split(c.rule, ","))
    if (!r.empty()) out.push_back(r);
  return out;
}

IndicatorGroup Explain(const Contribution& c, const DigestAlert& da, const RenderOptions& opt, const Words& w) {
  IndicatorGroup g;
  g.heading = w.Category(c.category);
  g.points = c.points;
  if (IsCrossAd(c)) {
    g.cross_ad = true;
    const std::vector<CrossAdFact> facts = CrossAdFacts(c);
    for (const CrossAdFact& f : facts) {
      CrossAdLine l = Sentence(c.category, f, w, da.phones);
      g.lines.push_back({l.sentence, l.phrase, "", "", ""});
    }
    if (facts.empty()) g.lines = {{w.cross_ad_generic, "", "", "", ""}};
    return g;
  }
  const std::vector<std::string> rules = RuleIds(c);
  const std::vector<std::string> evidence = Split(c.evidence, " | ");
  for (size_t i = 0; i < rules.size(); ++i) {
    IndicatorLine l;
    const DigestHit* hit = nullptr;
    for (const DigestHit& h : da.hits)
      if (h.rule == rules[i]) { hit = &h; break; }
    auto rt = opt.rules.find(rules[i]);
    if (rt != opt.rules.end() && !rt->second.description.empty()) l.sentence = rt->second.description;
    else if (hit && !hit->description.empty()) l.sentence = hit->description;
    else l.sentence = w.rule_generic;
    if (rt != opt.rules.end())
      if (auto s = w.strength.find(rt->second.evidence); s != w.strength.end()) l.strength = s->second;
    if (hit) {
      l.before = MaskPhones(hit->before, da.phones);
      l.match = MaskPhones(hit->match, da.phones);
      l.after = MaskPhones(hit->after, da.phones);
    } else if (rules.size() == evidence.size()) {
      l.before = MaskPhones(StripOffsets(evidence[i]), da.phones);
    }
    g.lines.push_back(std::move(l));
  }
  if (g.lines.empty()) g.lines = {{w.rule_generic, "", "", "", ""}};
  return g;
}

}  // namespace internal

bool IsCrossAd(const Contribution& c) {
  return c.category == "shared_phone" || c.category == "template" || c.category == "touring";
}

std::vector<CrossAdFact> CrossAdFacts(const Contribution& c) {
  if (!c.facts.empty() || !IsCrossAd(c)) return c.facts;
  std::vector<CrossAdFact> out;
  const bool ok = c.category == "shared_phone" ? internal::LegacySharedPhones(c.evidence, &out)
                  : c.category == "template"   ? internal::LegacyTemplates(c.evidence, &out)
                                               : internal::LegacyTouring(c.evidence, &out);
  if (!ok) out.clear();
  return out;
}

std::vector<CrossAdLine> CrossAdLines(const Contribution& c, const std::string& language,
                                      const std::vector<PhoneRef>& phones) {
  const internal::Words* w = internal::WordsFor(language);
  if (w == nullptr) w = internal::WordsFor("nl");
  std::vector<CrossAdLine> out;
  for (const CrossAdFact& f : CrossAdFacts(c)) out.push_back(internal::Sentence(c.category, f, *w, phones));
  if (out.empty()) out.push_back({w->cross_ad_generic, ""});
  return out;
}

}  // namespace adwatch
