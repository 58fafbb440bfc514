// The incremental path: per-ad links kept in hash maps, components recomputed
// locally after every change (union-find cannot split, so the component an ad
// leaves is rebuilt by a breadth-first walk, bounded by its size).
// Template families depend on how many ads hold a sentence (a sentence in
// more than template_common_sentence_ads ads is stock wording): when a
// sentence crosses that line, every ad holding it is linked afresh.
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

  // Which ads hold a sentence: every sentence in at most kKeepFactor x
  // template_common_sentence_ads ads has its holders here (a flat multimap,
  // so at most that many equal keys); sentences in more than
  // template_common_sentence_ads ads (stock wording) also have their count in
  // `common_sentences`. Keeping holders above the stock line means a sentence
  // that falls back to it needs no search; only one that falls from above
  // kKeepFactor x the line needs a scan of all ads, which is rare.
  static constexpr size_t kKeepFactor = 4;
  BandMap sentence_ads;
  std::unordered_map<uint64_t, uint32_t> common_sentences;

  bool Common(uint64_t h) const { return common_sentences.count(h) > 0; }
  size_t MaxRare() const { return static_cast<size_t>(config.signals.template_common_sentence_ads); }
  size_t MaxKept() const { return kKeepFactor * MaxRare(); }
  std::vector<uint32_t> Holders(uint64_t h) const {
    std::vector<uint32_t> out;
    sentence_ads.ForEach(h, [&](uint32_t o) { out.push_back(o); });
    return out;
  }

  // Phones, bands and sentence counts of ad `s`. The holders of sentences
  // that became stock wording go to `affected`.
  void Register(uint32_t s, std::vector<uint32_t>* affected) {
    AdState& a = ads[s];
    for (const std::string& ph : a.phones) {
      auto& v = by_phone[ph];
      if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    }
    for (uint64_t b : a.bands) bands.Insert(b, s);
    for (uint64_t h : a.candidate_keys) {
      if (auto it = common_sentences.find(h); it != common_sentences.end()) {
        size_t n = ++it->second;
        if (n <= MaxKept()) {
          sentence_ads.Insert(h, s);
        } else if (n == MaxKept() + 1) {
          for (uint32_t o : Holders(h)) sentence_ads.Erase(h, o);
        }
        continue;
      }
      std::vector<uint32_t> holders = Holders(h);
      sentence_ads.Insert(h, s);
      if (holders.size() + 1 <= MaxRare()) continue;
      common_sentences[h] = static_cast<uint32_t>(holders.size() + 1);
      affected->insert(affected->end(), holders.begin(), holders.end());
    }
  }

  // The reverse of Register; the holders of sentences that became rare go
  // to `affected`.
  void Unregister(uint32_t s, std::vector<uint32_t>* affected) {
    AdState& a = ads[s];
    for (const std::string& ph : a.phones) {
      auto it = by_phone.find(ph);
      if (it == by_phone.end()) continue;
      auto& v = it->second;
      v.erase(std::remove(v.begin(), v.end(), s), v.end());
      if (v.empty()) by_phone.erase(it);
    }
    for (uint64_t b : a.bands) bands.Erase(b, s);
    for (uint64_t h : a.candidate_keys) {
      auto it = common_sentences.find(h);
      if (it == common_sentences.end()) {
        sentence_ads.Erase(h, s);
        continue;
      }
      size_t n = --it->second;
      if (n + 1 <= MaxKept()) {
        sentence_ads.Erase(h, s);
      } else if (n == MaxKept()) {  // holders were not kept: find them
        for (uint32_t o = 0; o < ads.size(); ++o) {
          if (o == s || !ads[o].valid) continue;
          const auto& ks = ads[o].candidate_keys;
          if (std::binary_search(ks.begin(), ks.end(), h)) sentence_ads.Insert(h, o);
        }
      }
      if (n > MaxRare()) continue;
      common_sentences.erase(it);
      std::vector<uint32_t> holders = Holders(h);
      affected->insert(affected->end(), holders.begin(), holders.end());
    }
  }

  void Disconnect(uint32_t s) {
    for (uint32_t n : nbrs[s]) {
      auto& v = nbrs[n];
      v.erase(std::remove(v.begin(), v.end(), s), v.end());
    }
    nbrs[s].clear();
  }

  bool SharePhoneOrRareKey(const AdState& a, const AdState& b) const {
    for (const std::string& ph : a.phones)
      if (std::find(b.phones.begin(), b.phones.end(), ph) != b.phones.end()) return true;
    const auto& x = a.candidate_keys;
    const auto& y = b.candidate_keys;
    for (size_t i = 0, j = 0; i < x.size() && j < y.size();) {
      if (x[i] < y[j]) ++i;
      else if (y[j] < x[i]) ++j;
      else if (!Common(x[i])) return true;
      else ++i, ++j;
    }
    return false;
  }

  // Template links of a registered ad: candidates share a band, a rare
  // candidate key (sentence or sketch) or a phone; TemplateLinked decides.
  void Connect(uint32_t s) {
    AdState& a = ads[s];
    std::vector<uint32_t> by_band, cand;
    for (uint64_t b : a.bands) bands.ForEach(b, [&](uint32_t o) { by_band.push_back(o); });
    for (uint64_t h : a.candidate_keys)
      if (!Common(h)) sentence_ads.ForEach(h, [&](uint32_t o) { cand.push_back(o); });
    for (const std::string& ph : a.phones)  // one poster's reposts (as Rebuild does)
      if (auto it = by_phone.find(ph); it != by_phone.end()) cand.insert(cand.end(), it->second.begin(), it->second.end());
    std::sort(by_band.begin(), by_band.end());
    by_band.erase(std::unique(by_band.begin(), by_band.end()), by_band.end());
    cand.insert(cand.end(), by_band.begin(), by_band.end());
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    if (cand.empty()) return;
    const SignalParams& p = config.signals;
    const crossad_internal::IsCommon is_common = [&](uint64_t h) { return Common(h); };
    std::vector<uint64_t> mine, theirs;
    if (!by_band.empty()) mine = crossad_internal::Shingles(a.words, p.template_shingle, vocab);
    for (uint32_t o : cand) {
      if (o == s || std::find(nbrs[s].begin(), nbrs[s].end(), o) != nbrs[s].end()) continue;
      bool band = std::binary_search(by_band.begin(), by_band.end(), o);
      if (band) theirs = crossad_internal::Shingles(ads[o].words, p.template_shingle, vocab);
      if (!crossad_internal::TemplateLinked(a, ads[o], band ? &mine : nullptr, band ? &theirs : nullptr, vocab, p,
                                            is_common))
        continue;
      nbrs[s].push_back(o);
      nbrs[o].push_back(s);
    }
  }

  // After sentences changed sides of the stock line, the links of their
  // holders are brought up to date; their old components join `seeds`. A
  // sentence that became stock wording only weakens links (its holders'
  // links are checked again); one that became rare only adds links (its
  // holders look for new ones).
  void Relink(std::vector<uint32_t> weaker, std::vector<uint32_t> stronger, uint32_t except,
              std::vector<uint32_t>* seeds) {
    for (auto* v : {&weaker, &stronger}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
      v->erase(std::remove(v->begin(), v->end(), except), v->end());
      for (uint32_t o : *v) {
        std::vector<uint32_t> c = ComponentOf(o);
        seeds->insert(seeds->end(), c.begin(), c.end());
        seeds->push_back(o);
      }
    }
    const SignalParams& p = config.signals;
    const crossad_internal::IsCommon is_common = [&](uint64_t h) { return Common(h); };
    for (uint32_t o : weaker) {
      std::vector<uint32_t> keep;
      for (uint32_t n : nbrs[o]) {
        bool band = false;
        for (size_t i = 0; i < ads[o].bands.size() && i < ads[n].bands.size(); ++i) band |= ads[o].bands[i] == ads[n].bands[i];
        std::vector<uint64_t> so, sn;
        if (band) {
          so = crossad_internal::Shingles(ads[o].words, p.template_shingle, vocab);
          sn = crossad_internal::Shingles(ads[n].words, p.template_shingle, vocab);
        }
        // A link stays while the pair is still a candidate (as Rebuild
        // finds them) and still linked.
        if ((band || SharePhoneOrRareKey(ads[o], ads[n])) &&
            crossad_internal::TemplateLinked(ads[o], ads[n], band ? &so : nullptr, band ? &sn : nullptr, vocab, p,
                                             is_common)) {
          keep.push_back(n);
        } else {
          auto& v = nbrs[n];
          v.erase(std::remove(v.begin(), v.end(), o), v.end());
        }
      }
      nbrs[o] = std::move(keep);
    }
    for (uint32_t o : stronger) Connect(o);
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
  std::vector<uint32_t> seeds, weaker, stronger;
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
    d.Disconnect(it->second);
    d.Unregister(it->second, &stronger);
  }
  uint32_t s = it->second;
  crossad_internal::Fold(&d.ads[s], f, d.config.signals, fresh, &d.vocab);
  d.Register(s, &weaker);
  d.Connect(s);
  d.Relink(std::move(weaker), std::move(stronger), s, &seeds);
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
  std::vector<uint32_t> seeds = d.ComponentOf(s), stronger;
  d.Disconnect(s);
  d.Unregister(s, &stronger);
  if (d.comp_of[s] != kNoComp) d.comps.erase(d.comp_of[s]);
  for (uint32_t v : seeds)  // the old record is gone: its members are walked afresh
    d.comp_of[v] = kNoComp;
  d.ads[s] = AdState();
  d.free_slots.push_back(s);
  d.slot_of.erase(it);
  d.Relink({}, std::move(stronger), s, &seeds);
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
