// The entity of one component: its members' facts, its template clusters and
// the cross-ad findings (shared phones, touring) that scoring.cc weighs.
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "matcher/crossad/internal/state.h"

namespace adwatch::crossad_internal {
namespace {

std::string Hex16(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = kDigits[v & 15];
  return out;
}

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

// Most distinct names among the ads in any window of length w (an ad counts
// in a window when its [first_seen, last_seen] overlaps it).
int MaxNamesInWindow(const std::vector<const AdState*>& ads, Duration w) {
  int best = 0;
  for (const AdState* a : ads) {
    TimePoint t = a->last_seen;
    std::set<std::string> names;
    for (const AdState* b : ads)
      if (b->last_seen >= t && b->first_seen <= t + w && !b->name_norm.empty()) names.insert(b->name_norm);
    best = std::max(best, static_cast<int>(names.size()));
  }
  return best;
}

struct Sighting {
  TimePoint at;
  std::string town;
  std::string url;
  auto operator<=>(const Sighting&) const = default;
};

// The window of length w holding the most distinct towns (earliest such window).
void FindTouring(std::vector<Sighting> s, Duration w, int min_towns, Findings* f) {
  std::sort(s.begin(), s.end());
  std::map<std::string, int> count;
  size_t best_l = 0, best_r = 0, best_n = 0;
  for (size_t l = 0, r = 0; l < s.size(); ++l) {
    while (r < s.size() && s[r].at <= s[l].at + w) ++count[s[r++].town];
    if (count.size() > best_n) best_n = count.size(), best_l = l, best_r = r;
    if (--count[s[l].town] == 0) count.erase(s[l].town);
  }
  if (best_n < static_cast<size_t>(min_towns)) return;
  std::set<std::string> urls;
  for (size_t i = best_l; i < best_r; ++i) {
    if (std::find(f->touring_towns.begin(), f->touring_towns.end(), s[i].town) == f->touring_towns.end())
      f->touring_towns.push_back(s[i].town);
    urls.insert(s[i].url);
  }
  f->touring_urls.assign(urls.begin(), urls.end());
}

std::vector<TemplateCluster> Templates(const std::vector<const AdState*>& m,
                                       const std::vector<std::pair<int, int>>& edges, const SignalParams& p,
                                       const Vocabulary& vocab) {
  std::vector<int> parent(m.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (auto [i, j] : edges) parent[Find(parent, i)] = Find(parent, j);
  std::map<int, std::vector<int>> groups;  // root -> members, ascending
  for (int i = 0; i < static_cast<int>(m.size()); ++i) groups[Find(parent, i)].push_back(i);
  std::vector<TemplateCluster> out;
  for (auto& [root, idx] : groups) {
    if (idx.size() < 2) continue;
    TemplateCluster c;
    std::set<std::string> phones, names;
    for (int i : idx) {
      c.ad_urls.push_back(m[i]->url);
      for (const std::string& ph : m[i]->phones) phones.insert(ph);
      if (m[i]->phones.empty()) names.insert(m[i]->name_norm);
    }
    std::sort(c.ad_urls.begin(), c.ad_urls.end());
    c.identities = static_cast<int>(phones.size() + names.size());
    c.flagged = c.identities >= p.template_min_phones;
    for (auto [i, j] : edges) {  // edges are sorted: the first edge of the cluster
      if (Find(parent, i) != root) continue;
      c.shared_phrase = LongestSharedPhrase(m[i]->words, m[j]->words, vocab);
      break;
    }
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.ad_urls < b.ad_urls; });
  return out;
}

}  // namespace

Entity BuildEntity(const std::vector<const AdState*>& m, const std::vector<std::pair<int, int>>& tmpl_edges,
                   const MatcherConfig& config, const Vocabulary& vocab) {
  const SignalParams& p = config.signals;
  Entity e;
  const AdState* oldest = nullptr;
  std::set<std::string> phones, municipalities;
  std::map<std::string, std::string> names;  // normalised -> first spelling
  std::vector<Sighting> sightings;
  std::map<std::string, std::vector<const AdState*>> by_phone;
  for (const AdState* a : m) {
    if (!oldest || std::pair(a->first_seen, a->key_hash) < std::pair(oldest->first_seen, oldest->key_hash))
      oldest = a;
    e.ads.push_back(a->key);
    e.ad_urls.push_back(a->url);
    for (size_t i = 0; i < a->phones.size(); ++i) {
      if (!a->pseudonyms[i].empty()) phones.insert(a->pseudonyms[i]);  // the caller gave none: never the number
      auto& list = by_phone[a->phones[i]];
      if (list.empty() || list.back() != a) list.push_back(a);
    }
    if (!a->name_norm.empty()) names.emplace(a->name_norm, a->name);
    if (!a->municipality.empty()) municipalities.insert(a->municipality);
    e.timeline.push_back({a->first_seen, "first-seen", a->towns.empty() ? "" : a->towns[0].town, a->url});
    for (size_t i = 1; i < a->towns.size(); ++i) e.timeline.push_back({a->towns[i].seen, "town", a->towns[i].town, a->url});
    if (!a->live) e.timeline.push_back({a->last_seen, "vanished", "", a->url});
    for (const TownSighting& t : a->towns) sightings.push_back({t.seen, t.town, a->url});
    e.first_seen = e.ads.size() == 1 ? a->first_seen : std::min(e.first_seen, a->first_seen);
    e.last_seen = e.ads.size() == 1 ? a->last_seen : std::max(e.last_seen, a->last_seen);
    e.live = e.live || a->live;
  }
  if (oldest) e.id = "e" + Hex16(oldest->key_hash);
  e.phones.assign(phones.begin(), phones.end());
  for (auto& [norm, name] : names) e.names.push_back(name);
  e.municipalities.assign(municipalities.begin(), municipalities.end());
  std::sort(e.timeline.begin(), e.timeline.end());
  std::sort(sightings.begin(), sightings.end());
  for (const Sighting& s : sightings)
    if (std::find(e.towns.begin(), e.towns.end(), s.town) == e.towns.end()) e.towns.push_back(s.town);

  std::vector<std::pair<int, int>> edges;
  for (auto [i, j] : tmpl_edges) edges.emplace_back(std::min(i, j), std::max(i, j));
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  e.templates = Templates(m, edges, p, vocab);

  Findings f;
  for (auto& [phone, ads] : by_phone) {
    if (ads.size() < 2) continue;
    int n = MaxNamesInWindow(ads, p.shared_phone_window);
    if (n < p.shared_phone_min_names) continue;
    Findings::SharedPhone sp;
    const AdState* a0 = ads[0];
    for (size_t i = 0; i < a0->phones.size(); ++i)
      if (a0->phones[i] == phone) sp.pseudonym = a0->pseudonyms[i];
    sp.names = n;
    for (const AdState* a : ads) sp.ad_urls.push_back(a->url);
    f.shared_phones.push_back(std::move(sp));
  }
  for (const TemplateCluster& c : e.templates)
    if (c.flagged) f.flagged_templates.push_back(&c);
  FindTouring(std::move(sightings), p.touring_window, p.touring_min_towns, &f);
  ScoreEntity(m, f, config, &e);
  return e;
}

}  // namespace adwatch::crossad_internal
