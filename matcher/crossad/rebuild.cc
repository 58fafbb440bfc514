// The reference path: fold every observation, find all links at once (phone
// groups; LSH band groups and groups of ads holding one rare sentence,
// verified by TemplateLinked), union-find, and build
// each component's entity. No incremental bookkeeping, so it is what the
// incremental index is tested against.
#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "matcher/crossad/internal/state.h"

namespace adwatch {

using crossad_internal::AdState;

namespace {

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t Find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void Union(uint32_t a, uint32_t b) {
    a = Find(a), b = Find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

struct EntityRebuilder::Impl {
  MatcherConfig config;
  std::deque<AdState> ads;  // grows without moving: no 1.5x peak at a million ads
  std::unordered_map<std::string, uint32_t> slot_of;
  crossad_internal::Vocabulary vocab;
};

EntityRebuilder::EntityRebuilder(const MatcherConfig& config) : impl_(std::make_unique<Impl>()) {
  impl_->config = config;
}
EntityRebuilder::~EntityRebuilder() = default;

void EntityRebuilder::Add(const AdFacts& f) {
  Impl& d = *impl_;
  auto [it, fresh] = d.slot_of.emplace(f.key.site + '\x1f' + f.key.id, static_cast<uint32_t>(d.ads.size()));
  if (fresh) d.ads.emplace_back();
  crossad_internal::Fold(&d.ads[it->second], f, d.config.signals, fresh, &d.vocab);
}

void EntityRebuilder::Finish(const std::function<void(Entity&&)>& sink, bool reportable_only) {
  Impl& d = *impl_;
  const SignalParams& p = d.config.signals;
  std::deque<AdState>& ads = d.ads;
  std::unordered_map<std::string, uint32_t>().swap(d.slot_of);
  const uint32_t n = static_cast<uint32_t>(ads.size());
  UnionFind uf(n);

  // 1. Shared phones. Ads of one number are also template candidates: one
  // poster's reposts are edited copies that need not share a rare sentence.
  std::vector<std::pair<uint32_t, uint32_t>> phone_pairs;
  {
    std::unordered_map<std::string, std::vector<uint32_t>> with_phone;
    for (uint32_t i = 0; i < n; ++i)
      for (const std::string& ph : ads[i].phones) with_phone[ph].push_back(i);
    for (const auto& [ph, v] : with_phone)
      for (size_t a = 0; a < v.size(); ++a) {
        if (a > 0) uf.Union(v[0], v[a]);
        for (size_t b = a + 1; b < v.size(); ++b) phone_pairs.emplace_back(std::minmax(v[a], v[b]));
      }
  }

  // 2. Template links. Near-identical copies: pairs sharing a band key.
  // One band at a time: 16 bytes an ad, where all bands at once cost 256 MB
  // at a million ads.
  std::vector<std::pair<uint32_t, uint32_t>> cand;
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  for (int band = 0; band < crossad_internal::kBands; ++band) {
    keyed.clear();
    for (uint32_t i = 0; i < n; ++i)
      if (!ads[i].bands.empty()) keyed.emplace_back(ads[i].bands[band], i);
    std::sort(keyed.begin(), keyed.end());
    for (size_t lo = 0; lo < keyed.size();) {
      size_t hi = lo;
      while (hi < keyed.size() && keyed[hi].first == keyed[lo].first) ++hi;
      for (size_t a = lo; a < hi; ++a)
        for (size_t b = a + 1; b < hi; ++b) cand.emplace_back(std::minmax(keyed[a].second, keyed[b].second));
      lo = hi;
    }
  }
  std::vector<std::pair<uint64_t, uint32_t>>().swap(keyed);
  for (AdState& a : ads) std::vector<uint64_t>().swap(a.bands);  // not needed any more
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  const size_t band_pairs = cand.size();  // cand[0, band_pairs): a band in common

  // Template families: ads holding one candidate key (a sentence or a
  // sentence sketch) are candidates while the key is rare (in at most template_common_sentence_ads ads); in more
  // ads it is stock wording and weighs nothing.
  std::unordered_set<uint64_t> common;
  {
    for (uint32_t i = 0; i < n; ++i)
      for (uint64_t h : ads[i].candidate_keys) keyed.emplace_back(h, i);
    std::sort(keyed.begin(), keyed.end());
    const size_t max_ads = static_cast<size_t>(p.template_common_sentence_ads);
    for (size_t lo = 0, hi; lo < keyed.size(); lo = hi) {
      for (hi = lo; hi < keyed.size() && keyed[hi].first == keyed[lo].first; ++hi) {}
      if (hi - lo > max_ads) {
        common.insert(keyed[lo].first);
        continue;
      }
      for (size_t a = lo; a < hi; ++a)
        for (size_t b = a + 1; b < hi; ++b) cand.emplace_back(std::minmax(keyed[a].second, keyed[b].second));
    }
    std::vector<std::pair<uint64_t, uint32_t>>().swap(keyed);
  }
  cand.insert(cand.end(), phone_pairs.begin(), phone_pairs.end());
  std::vector<std::pair<uint32_t, uint32_t>>().swap(phone_pairs);
  const crossad_internal::IsCommon is_common = [&](uint64_t h) { return common.count(h) > 0; };
  std::sort(cand.begin() + static_cast<std::ptrdiff_t>(band_pairs), cand.end());
  cand.erase(std::unique(cand.begin() + static_cast<std::ptrdiff_t>(band_pairs), cand.end()), cand.end());
  auto by_band = [&](std::pair<uint32_t, uint32_t> pr) {
    return std::binary_search(cand.begin(), cand.begin() + static_cast<std::ptrdiff_t>(band_pairs), pr);
  };
  std::unordered_map<uint32_t, std::vector<uint64_t>> shingles;
  auto sh = [&](uint32_t i) -> const std::vector<uint64_t>& {
    auto it = shingles.find(i);
    if (it == shingles.end())
      it = shingles.emplace(i, crossad_internal::Shingles(ads[i].words, p.template_shingle, d.vocab)).first;
    return it->second;
  };
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (size_t k = 0; k < cand.size(); ++k) {
    auto [a, b] = cand[k];
    if (k >= band_pairs && by_band(cand[k])) continue;  // seen among the band pairs
    bool band = k < band_pairs;
    if (!crossad_internal::TemplateLinked(ads[a], ads[b], band ? &sh(a) : nullptr, band ? &sh(b) : nullptr, d.vocab,
                                          p, is_common))
      continue;
    edges.emplace_back(a, b);
    uf.Union(a, b);
  }
  shingles.clear();

  // 3. Components, members in key order as the incremental index has them.
  std::vector<uint32_t> comp_index(n, 0xffffffffu);
  std::vector<std::vector<uint32_t>> comps;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t r = uf.Find(i);
    if (comp_index[r] == 0xffffffffu) {
      comp_index[r] = static_cast<uint32_t>(comps.size());
      comps.emplace_back();
    }
    comps[comp_index[r]].push_back(i);
  }
  std::vector<int> local(n);
  for (auto& c : comps) {
    std::sort(c.begin(), c.end(), [&](uint32_t x, uint32_t y) { return ads[x].key < ads[y].key; });
    for (size_t j = 0; j < c.size(); ++j) local[c[j]] = static_cast<int>(j);
  }
  std::vector<std::vector<std::pair<int, int>>> comp_edges(comps.size());
  for (auto [a, b] : edges) comp_edges[comp_index[uf.Find(a)]].emplace_back(local[a], local[b]);

  std::vector<const AdState*> m;
  for (size_t c = 0; c < comps.size(); ++c) {
    if (reportable_only && comps[c].size() == 1 && !crossad_internal::SingleMayReport(ads[comps[c][0]], p)) continue;
    m.clear();
    for (uint32_t i : comps[c]) m.push_back(&ads[i]);
    Entity e = crossad_internal::BuildEntity(m, comp_edges[c], d.config, d.vocab);
    if (!reportable_only || crossad_internal::Reportable(e)) sink(std::move(e));
  }
  ads.clear();
}

namespace {

void Replay(const std::vector<AdFacts>& obs, const MatcherConfig& config, const std::function<void(Entity&&)>& sink,
            bool reportable_only) {
  // Per ad, its observations in time order (stable for equal times).
  std::vector<uint32_t> order(obs.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (obs[a].key != obs[b].key) return obs[a].key < obs[b].key;
    return obs[a].seen < obs[b].seen;
  });
  EntityRebuilder builder(config);
  for (uint32_t i : order) builder.Add(obs[i]);
  builder.Finish(sink, reportable_only);
}

std::vector<Entity> Collect(const std::vector<AdFacts>& obs, const MatcherConfig& config, bool all) {
  std::vector<Entity> out;
  Replay(obs, config, [&](Entity&& e) { out.push_back(std::move(e)); }, !all);
  std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
  return out;
}

}  // namespace

void RebuildEach(const std::vector<AdFacts>& obs, const MatcherConfig& config,
                 const std::function<void(Entity&&)>& sink) {
  Replay(obs, config, sink, false);
}

std::vector<Entity> RebuildAll(const std::vector<AdFacts>& obs, const MatcherConfig& config) {
  return Collect(obs, config, true);
}

std::vector<Entity> Rebuild(const std::vector<AdFacts>& obs, const MatcherConfig& config) {
  return Collect(obs, config, false);
}

}  // namespace adwatch
