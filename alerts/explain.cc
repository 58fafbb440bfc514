#include "alerts/internal/explain.h"

#include <regex>

namespace adwatch::internal {
namespace {

std::vector<std::string> Split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t p; (p = s.find(sep, at)) != std::string::npos; at = p + sep.size()) out.push_back(s.substr(at, p - at));
  out.push_back(s.substr(at));
  return out;
}

// The matcher's cross-ad evidence (matcher/crossad/scoring.cc) records its
// counts in a fixed English form; these read them back. Each returns false
// when the form is not there, and the caller falls back to a generic line.
bool SharedPhones(const Contribution& c, const DigestAlert& da, const Words& w, std::vector<IndicatorLine>* out) {
  static const std::regex re(R"(^phone (\S+) in (\d+) ads under (\d+) names within (\d+)d$)");
  for (const std::string& item : Split(c.evidence, "; ")) {
    std::smatch m;
    if (!std::regex_match(item, m, re)) return false;
    // The phone's reference as the masked numbers show it, if it is one of the alert's.
    std::string ref;
    for (const PhoneRef& p : da.phones)
      if (!p.ref.empty() && m[1].str().rfind(p.ref, 0) == 0) ref = " [tel " + p.ref + "]";
    out->push_back({Fill(w.shared_phone, {ref, Count(std::stol(m[2]), w.ads), Count(std::stol(m[3]), w.names),
                                          Count(std::stol(m[4]), w.days)}),
                    "", "", "", ""});
  }
  return true;
}

bool Templates(const Contribution& c, const Words& w, std::vector<IndicatorLine>* out) {
  static const std::regex re(R"re(^(\d+) ads with (\d+) phones/names share: "(.*)"$)re");
  // The shared phrase is quoted and may itself hold "; ": split only before a count.
  static const std::regex sep(R"re(; (?=\d+ ads with \d+ phones/names share: "))re");
  std::sregex_token_iterator it(c.evidence.begin(), c.evidence.end(), sep, -1), end;
  for (; it != end; ++it) {
    const std::string item = *it;
    std::smatch m;
    if (!std::regex_match(item, m, re)) return false;
    const long ads = std::stol(m[1]);
    IndicatorLine l;
    l.sentence = Fill(w.template_family,
                      {Count(ads, w.ads), Count(std::stol(m[2]), w.numbers_or_names), ads == 1 ? w.verb_use.one : w.verb_use.many});
    if (!m[3].str().empty()) l.sentence += " " + w.template_phrase;
    l.before = m[3];
    out->push_back(std::move(l));
  }
  return true;
}

bool Touring(const Contribution& c, const Words& w, std::vector<IndicatorLine>* out) {
  static const std::regex re(R"(^(\d+) towns within (\d+)d: (.*?)( \(not scored[^)]*\))?$)");
  std::smatch m;
  if (!std::regex_match(c.evidence, m, re)) return false;
  std::string towns;
  for (const std::string& t : Split(m[3], " -> ")) towns += (towns.empty() ? "" : " → ") + t;
  IndicatorLine l;
  l.sentence = Fill(w.touring, {Count(std::stol(m[1]), w.places), Count(std::stol(m[2]), w.days)}) + ": " + towns + ".";
  if (m[4].matched) l.sentence += " " + w.touring_unscored;
  out->push_back(std::move(l));
  return true;
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
  if (c.category == "shared_phone" || c.category == "template" || c.category == "touring") {
    g.cross_ad = true;
    const bool ok = c.category == "shared_phone" ? SharedPhones(c, da, w, &g.lines)
                    : c.category == "template"   ? Templates(c, w, &g.lines)
                                                 : Touring(c, w, &g.lines);
    if (!ok) g.lines = {{w.cross_ad_generic, "", "", "", ""}};
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

}  // namespace adwatch::internal
