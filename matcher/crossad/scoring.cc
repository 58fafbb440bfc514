// The entity score: per-ad rule hits per category (the worst ad of the
// entity counts, not the number of ads; a category counts its strongest hit,
// as core/decision.h does for one ad) plus the cross-ad signals; the same
// Decide() turns the score into severity and alerting.
// Touring counts only next to another, non-movement signal: the evidence on
// movement wording is negative (see docs on indicators).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "core/decision.h"
#include "matcher/crossad/internal/state.h"

namespace adwatch::crossad_internal {
namespace {

int WholeDays(Duration d) { return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(d).count() / 24); }

std::string Days(Duration d) { return std::to_string(WholeDays(d)) + "d"; }

std::string Short(const std::string& pseudonym) { return pseudonym.substr(0, 12); }

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

struct AdCategory {
  double points = 0;  // its strongest hit's weight, capped
  std::map<std::string, const Hit*> rules;  // one hit per rule: a rule counts once per ad
};

bool IsMovement(const std::string& category) { return category == "movement" || category == "touring"; }

// What lets touring count: a signal about the person or the trade (age,
// control, services, a shared phone, a template …). Contact details (an
// obscured or second number) say nothing about movement and, on the demo
// ground truth, made independent advertisers who move cross the threshold;
// nor do the computed cues an independent touring escort writes as often as
// anyone (the languages she speaks, a deposit, "reliable").
bool LetsTouringCount(const Contribution& c) {
  return c.points > 0 && !IsMovement(c.category) && c.category != "contact" && c.category != "language" &&
         c.category != "payment" && c.category != "trust";
}

}  // namespace

void ScoreEntity(const std::vector<const AdState*>& members, const Findings& f, const MatcherConfig& config,
                 Entity* e) {
  const SignalParams& p = config.signals;
  bool critical = false;
  // category -> (best ad, its hits); ties go to the first ad in key order.
  std::map<std::string, std::pair<const AdState*, AdCategory>> best;
  std::map<std::string, std::vector<std::string>> urls_by_category;
  for (const AdState* a : members) {
    if (a->per_ad_severity == Severity::kCritical) critical = true;
    std::map<std::string, AdCategory> cats;
    for (const Hit& h : a->hits) {
      if (h.severity == Severity::kCritical) critical = true;
      AdCategory& c = cats[h.category];
      auto [it, fresh] = c.rules.emplace(h.rule, &h);
      if (!fresh && h.weight > it->second->weight) it->second = &h;
    }
    // A category's points are its strongest hit's, as for one ad alone.
    for (auto& [cat, points] : CategoryPoints(a->hits, p.category_cap)) cats[cat].points = points;
    for (auto& [cat, c] : cats) {
      urls_by_category[cat].push_back(a->url);
      auto it = best.find(cat);
      if (it == best.end() || c.points > it->second.second.points) best[cat] = {a, std::move(c)};
    }
  }
  for (auto& [cat, pr] : best) {
    const auto& [ad, c] = pr;
    Contribution k;
    k.category = cat;
    k.points = c.points;
    std::vector<std::string> rules, ev;
    for (auto& [rule, h] : c.rules) {
      rules.push_back(rule);
      ev.push_back(h->field + "[" + std::to_string(h->begin) + "," + std::to_string(h->end) + "]: " + h->evidence);
    }
    k.rule = Join(rules, ",");
    k.evidence = Join(ev, " | ");
    k.ad_urls.push_back(ad->url);
    for (const std::string& u : urls_by_category[cat])
      if (u != ad->url) k.ad_urls.push_back(u);
    e->contributions.push_back(std::move(k));
  }
  if (!f.shared_phones.empty()) {
    Contribution k{"shared_phone", "shared_phone", std::min(p.category_cap, p.shared_phone_weight), "", {}, {}};
    std::set<std::string> urls;
    for (const auto& sp : f.shared_phones) {
      if (!k.evidence.empty()) k.evidence += "; ";
      k.evidence += "phone " + Short(sp.pseudonym) + " in " + std::to_string(sp.ad_urls.size()) + " ads under " +
                    std::to_string(sp.names) + " names within " + Days(p.shared_phone_window);
      CrossAdFact fact;
      fact.phone = Short(sp.pseudonym);
      fact.ads = static_cast<int>(sp.ad_urls.size()), fact.names = static_cast<int>(sp.names);
      fact.days = WholeDays(p.shared_phone_window);
      k.facts.push_back(std::move(fact));
      urls.insert(sp.ad_urls.begin(), sp.ad_urls.end());
    }
    k.ad_urls.assign(urls.begin(), urls.end());
    e->contributions.push_back(std::move(k));
  }
  if (!f.flagged_templates.empty()) {
    Contribution k{"template", "template", std::min(p.category_cap, p.template_weight), "", {}, {}};
    std::set<std::string> urls;
    for (const TemplateCluster* c : f.flagged_templates) {
      if (!k.evidence.empty()) k.evidence += "; ";
      k.evidence += std::to_string(c->ad_urls.size()) + " ads with " + std::to_string(c->identities) +
                    " phones/names share: \"" + c->shared_phrase + "\"";
      CrossAdFact fact;
      fact.ads = static_cast<int>(c->ad_urls.size()), fact.identities = static_cast<int>(c->identities);
      fact.phrase = c->shared_phrase;
      k.facts.push_back(std::move(fact));
      urls.insert(c->ad_urls.begin(), c->ad_urls.end());
    }
    k.ad_urls.assign(urls.begin(), urls.end());
    e->contributions.push_back(std::move(k));
  }
  if (!f.touring_towns.empty()) {
    bool other = std::any_of(e->contributions.begin(), e->contributions.end(), LetsTouringCount);
    Contribution k{"touring", "touring", other ? std::min(p.category_cap, p.touring_weight) : 0.0, "", f.touring_urls, {}};
    k.evidence = std::to_string(f.touring_towns.size()) + " towns within " + Days(p.touring_window) + ": " +
                 Join(f.touring_towns, " -> ");
    if (!other) k.evidence += " (not scored: movement links ads but is no risk on its own)";
    CrossAdFact fact;
    fact.ads = static_cast<int>(f.touring_urls.size()), fact.places = static_cast<int>(f.touring_towns.size());
    fact.days = WholeDays(p.touring_window), fact.towns = f.touring_towns, fact.scored = other;
    k.facts.push_back(std::move(fact));
    e->contributions.push_back(std::move(k));
  }
  double score = 0;
  for (const Contribution& c : e->contributions) score += c.points;
  Decision d = Decide(score, critical, config.alert_threshold, config.critical_threshold);
  e->score = d.score;
  e->severity = d.severity;
}

}  // namespace adwatch::crossad_internal
