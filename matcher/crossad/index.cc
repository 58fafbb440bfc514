// The incremental path: per-ad links kept in hash maps, components recomputed
// locally after every change (union-find cannot split, so the component an ad
// leaves is rebuilt by a breadth-first walk, bounded by its size).
#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "matcher/crossad/internal/state.h"

namespace adwatch {

using crossad_internal::AdState;
using crossad_internal::BandMap;

namespace {
constexpr uint32_t kNoComp = 0xffffffffu;
std::string SlotKey(const AdKey& k) { return k.site + '\x1f' + k.id; }
}  // namespace

struct CrossAdIndex::Impl {
  struct Comp {
    std::vector<uint32_t> members;
    Entity entity;
  };
  MatcherConfig config;
  std::vector<AdState> ads;
  std::vector<std::vector<uint32_t>> nbrs;  // template links, both ways
  std::vector<uint32_t> comp_of;            // kNoComp: a single ad with nothing to report
  std::vector<uint32_t> free_slots;
  std::unordered_map<std::string, uint32_t> slot_of;
  std::unordered_map<std::string, std::vector<uint32_t>> by_phone;
  BandMap bands;
  crossad_internal::Vocabulary vocab;
  std::unordered_map<uint32_t, Comp> comps;
  uint32_t next_comp = 0;

  std::vector<uint32_t> ComponentOf(uint32_t slot) const {
    if (comp_of[slot] == kNoComp) return {slot};
    return comps.at(comp_of[slot]).members;
  }

  void Unlink(uint32_t s) {
    AdState& a = ads[s];
    for (const std::string& ph : a.phones) {
      auto it = by_phone.find(ph);
      if (it == by_phone.end()) continue;
      auto& v = it->second;
      v.erase(std::remove(v.begin(), v.end(), s), v.end());
      if (v.empty()) by_phone.erase(it);
    }
    for (uint64_t b : a.bands) bands.Erase(b, s);
    for (uint32_t n : nbrs[s]) {
      auto& v = nbrs[n];
      v.erase(std::remove(v.begin(), v.end(), s), v.end());
    }
    nbrs[s].clear();
  }

  void Link(uint32_t s) {
    AdState& a = ads[s];
    for (const std::string& ph : a.phones) {
      auto& v = by_phone[ph];
      if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    }
    if (a.bands.empty()) return;
    std::vector<uint32_t> cand;
    for (uint64_t b : a.bands) bands.ForEach(b, [&](uint32_t o) { cand.push_back(o); });
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    const int k = config.signals.template_shingle;
    std::vector<uint64_t> mine = crossad_internal::Shingles(a.words, k, vocab);
    for (uint32_t o : cand) {
      if (o == s) continue;
      if (crossad_internal::Jaccard(mine, crossad_internal::Shingles(ads[o].words, k, vocab)) <
          config.signals.template_jaccard)
        continue;
      nbrs[s].push_back(o);
      nbrs[o].push_back(s);
    }
    for (uint64_t b : a.bands) bands.Insert(b, s);
  }

  Entity Build(std::vector<uint32_t> members) const {
    std::sort(members.begin(), members.end(), [&](uint32_t x, uint32_t y) { return ads[x].key < ads[y].key; });
    std::vector<const AdState*> m;
    std::unordered_map<uint32_t, int> local;
    for (uint32_t s : members) {
      local[s] = static_cast<int>(m.size());
      m.push_back(&ads[s]);
    }
    std::vector<std::pair<int, int>> edges;
    for (uint32_t s : members)
      for (uint32_t n : nbrs[s])
        if (s < n) edges.emplace_back(local.at(s), local.at(n));
    return crossad_internal::BuildEntity(m, edges, config, vocab);
  }

  // Rebuilds the components holding `seeds` (and whatever they now reach).
  void Recompute(const std::vector<uint32_t>& seeds) {
    std::unordered_set<uint32_t> seen;
    for (uint32_t seed : seeds) {
      if (!ads[seed].valid || seen.count(seed)) continue;
      std::vector<uint32_t> members;
      std::deque<uint32_t> queue{seed};
      seen.insert(seed);
      while (!queue.empty()) {
        uint32_t v = queue.front();
        queue.pop_front();
        members.push_back(v);
        if (comp_of[v] != kNoComp) {
          comps.erase(comp_of[v]);
          comp_of[v] = kNoComp;
        }
        auto visit = [&](uint32_t n) {
          if (seen.insert(n).second) queue.push_back(n);
        };
        for (const std::string& ph : ads[v].phones)
          for (uint32_t n : by_phone.at(ph)) visit(n);
        for (uint32_t n : nbrs[v]) visit(n);
      }
      // Members keep a stale comp_of until visited; visiting clears it and
      // drops the old record, so every old record touched is gone here.
      if (members.size() < 2 && !crossad_internal::SingleMayReport(ads[members[0]], config.signals)) continue;
      Entity e = Build(members);
      if (members.size() < 2 && !crossad_internal::Reportable(e)) continue;
      uint32_t id = next_comp++;
      for (uint32_t v : members) comp_of[v] = id;
      comps[id] = Comp{std::move(members), std::move(e)};
    }
  }
};

CrossAdIndex::CrossAdIndex(const MatcherConfig& config) : impl_(std::make_unique<Impl>()) {
  impl_->config = config;
}
CrossAdIndex::~CrossAdIndex() = default;

void CrossAdIndex::Upsert(const AdFacts& f) {
  Impl& d = *impl_;
  auto [it, fresh] = d.slot_of.emplace(SlotKey(f.key), 0);
  std::vector<uint32_t> seeds;
  if (fresh) {
    if (!d.free_slots.empty()) {
      it->second = d.free_slots.back();
      d.free_slots.pop_back();
    } else {
      it->second = static_cast<uint32_t>(d.ads.size());
      d.ads.emplace_back();
      d.nbrs.emplace_back();
      d.comp_of.push_back(kNoComp);
    }
  } else {
    seeds = d.ComponentOf(it->second);
    d.Unlink(it->second);
  }
  uint32_t s = it->second;
  crossad_internal::Fold(&d.ads[s], f, d.config.signals.template_shingle, fresh, &d.vocab);
  d.Link(s);
  seeds.push_back(s);
  d.Recompute(seeds);
}

void CrossAdIndex::Remove(const AdKey& key) {
  Impl& d = *impl_;
  auto it = d.slot_of.find(SlotKey(key));
  if (it == d.slot_of.end() || !d.ads[it->second].live) return;
  d.ads[it->second].live = false;
  d.Recompute(d.ComponentOf(it->second));
}

void CrossAdIndex::Erase(const AdKey& key) {
  Impl& d = *impl_;
  auto it = d.slot_of.find(SlotKey(key));
  if (it == d.slot_of.end()) return;
  uint32_t s = it->second;
  std::vector<uint32_t> seeds = d.ComponentOf(s);
  d.Unlink(s);
  if (d.comp_of[s] != kNoComp) d.comps.erase(d.comp_of[s]);
  for (uint32_t v : seeds)  // the old record is gone: its members are walked afresh
    d.comp_of[v] = kNoComp;
  d.ads[s] = AdState();
  d.free_slots.push_back(s);
  d.slot_of.erase(it);
  d.Recompute(seeds);
}

void CrossAdIndex::Expire(TimePoint cutoff) {
  std::vector<AdKey> drop;
  for (const AdState& a : impl_->ads)
    if (a.valid && !a.live && a.last_seen < cutoff) drop.push_back(a.key);
  for (const AdKey& k : drop) Erase(k);
}

std::vector<Entity> CrossAdIndex::Entities() const {
  std::vector<Entity> out;
  for (const auto& [id, c] : impl_->comps) out.push_back(c.entity);
  std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
  return out;
}

std::optional<Entity> CrossAdIndex::EntityOf(const AdKey& key) const {
  const Impl& d = *impl_;
  auto it = d.slot_of.find(SlotKey(key));
  if (it == d.slot_of.end()) return std::nullopt;
  if (d.comp_of[it->second] != kNoComp) return d.comps.at(d.comp_of[it->second]).entity;
  return d.Build({it->second});
}

std::vector<Entity> CrossAdIndex::AllComponents() const {
  std::vector<Entity> out = Entities();
  for (uint32_t s = 0; s < impl_->ads.size(); ++s)
    if (impl_->ads[s].valid && impl_->comp_of[s] == kNoComp) out.push_back(impl_->Build({s}));
  std::sort(out.begin(), out.end(), [](const Entity& a, const Entity& b) { return a.id < b.id; });
  return out;
}

size_t CrossAdIndex::ad_count() const { return impl_->slot_of.size(); }

}  // namespace adwatch
