#include "app/wire_analysis.h"

#include <algorithm>

#include "app/minimise.h"
#include "app/scope.h"

namespace adwatch {
namespace {

std::map<AdKey, std::vector<TownSighting>> TownsByAd(Store& store, TimePoint since) {
  std::map<AdKey, std::vector<TownSighting>> out;
  auto sightings = store.LoadSightings(since);
  if (!sightings.ok()) return out;  // towns are an enrichment; the ads themselves still load
  for (const Sighting& s : *sightings)
    if (!s.place.name.empty()) out[s.ad].push_back({s.at, s.place.name});
  return out;
}

// The live path counts one town per observation of an ad (its first place);
// the sightings hold every place it named. One town per sighting time, the
// ad's own town where it is among them, keeps a reload counting the same.
std::vector<TownSighting> OneTownPerTime(std::vector<TownSighting> towns, const std::string& own) {
  std::sort(towns.begin(), towns.end());
  std::vector<TownSighting> out;
  for (size_t i = 0; i < towns.size();) {
    size_t j = i;
    while (j < towns.size() && towns[j].seen == towns[i].seen) ++j;
    size_t pick = i;
    for (size_t k = i; k < j; ++k)
      if (towns[k].town == own) pick = k;
    out.push_back(towns[pick]);
    i = j;
  }
  return out;
}

}  // namespace

std::string PseudonymOf(const Store& store, const std::string& e164) {
  return e164.rfind("p:", 0) == 0 ? e164.substr(2) : store.Pseudonym(e164);
}

AdFacts FactsOf(const Ad& ad, const AdSignals& signals, const Store& store, TimePoint seen, bool live,
                LinkTokens* tokens) {
  AdFacts f;
  f.key = KeyOf(ad);
  f.url = ad.url;
  f.name = ad.name;
  f.text = ad.title + "\n" + ad.text;
  for (const PhoneFound& p : signals.phones) {
    if (std::find(f.phones.begin(), f.phones.end(), p.e164) != f.phones.end()) continue;
    f.phones.push_back(p.e164);
    f.pseudonyms.push_back(PseudonymOf(store, p.e164));
  }
  if (!signals.places.empty()) {
    f.town = signals.places.front().name;
    f.municipality = signals.places.front().municipality;
  } else {
    f.town = ad.city;
  }
  f.city = ad.city;
  f.seen = seen;
  f.live = live;
  f.per_ad = signals;
  if (tokens) {
    f.text = TemplateFingerprint(f, [tokens](std::string_view w) { return tokens->Token(w); });
    f.name = NameToken(f.name, *tokens);
    f.phones = f.pseudonyms;
  }
  return f;
}

namespace {
// A minimised ad's stored form is already what the index reads.
AdFacts MinimisedFacts(const AdRecord& r, const Store& store) {
  AdFacts f = FactsOf(r.ad, r.signals, store, r.last_seen, r.live);
  f.phones = f.pseudonyms;
  return f;
}
}  // namespace

Result<AdSignals> AnalyzeAndSave(Store& store, const Matcher& matcher, const Ad& ad,
                                 const std::string& content_hash, TimePoint now) {
  return SaveAnalysis(store, matcher, ad, content_hash, AnalyzeAd(ad, matcher), now);
}

Result<AdSignals> SaveAnalysis(Store& store, const Matcher& matcher, const Ad& ad, const std::string& content_hash,
                               AdSignals s, TimePoint now) {
  for (Hit& h : s.hits) h.rules_version = matcher.config.rules_version;
  if (Status st = store.SaveAdSignals(KeyOf(ad), content_hash, s, matcher.config.rules_version, now); !st.ok())
    return st;
  return s;
}

Result<std::optional<AdSignals>> SaveInScope(Store& store, const Matcher& matcher, const ScopeConfig& scope,
                                             const Ad& ad, const std::string& content_hash, AdSignals s,
                                             TimePoint now) {
  if (OutsideScope(s, scope)) {
    if (Status st = store.DropOutOfScope(KeyOf(ad), now); !st.ok()) return st;
    return std::optional<AdSignals>();
  }
  auto saved = SaveAnalysis(store, matcher, ad, content_hash, std::move(s), now);
  if (!saved.ok()) return saved.status();
  return std::optional<AdSignals>(std::move(*saved));
}

Result<std::optional<AdSignals>> AnalyzeInScope(Store& store, const Matcher& matcher, const ScopeConfig& scope,
                                                const Ad& ad, const std::string& content_hash, TimePoint now) {
  return SaveInScope(store, matcher, scope, ad, content_hash, AnalyzeAd(ad, matcher), now);
}

Result<IndexLoad> LoadIndexFromStore(Store& store, const Matcher& matcher, CrossAdIndex& index, TimePoint now,
                                     const std::function<void(const AdFacts&)>& seen, const ScopeConfig* scope,
                                     LinkTokens* tokens) {
  IndexLoad load;
  auto towns = TownsByAd(store, now - matcher.config.signals.touring_window);
  // A running index keeps vanished ads as evidence until Expire drops those
  // last seen before the longest cross-ad window; they count in how common a
  // sentence is and may carry links. A restart (or kill -9) must load the
  // same ads, or a pass after it links differently from one without it.
  const TimePoint keep_since =
      now - std::max(matcher.config.signals.touring_window, matcher.config.signals.shared_phone_window);
  // The store reads in pages: re-analysis and scope drops may write to it here.
  Status st = store.ForEachAdLiveOrSeenSince(keep_since, [&](const AdRecord& stored) -> Status {
    if (stored.minimised) {
      AdFacts f = MinimisedFacts(stored, store);
      if (auto it = towns.find(f.key); it != towns.end()) f.earlier_towns = OneTownPerTime(it->second, f.town);
      if (seen) seen(f);
      index.Upsert(f);
      ++load.ads;
      ++load.minimised;
      return Status::Ok();
    }
    AdSignals signals = stored.signals;
    if (!stored.has_signals || stored.rules_version != matcher.config.rules_version ||
        stored.signals_hash != stored.content_hash) {
      auto s = AnalyzeAndSave(store, matcher, stored.ad, stored.content_hash, now);
      if (!s.ok()) return s.status();
      signals = std::move(*s);
      ++load.reanalyzed;
    }
    // Also ads stored before the scope was set or narrowed.
    if (scope && OutsideScope(signals, *scope)) {
      ADWATCH_RETURN_IF_ERROR(store.DropOutOfScope(KeyOf(stored.ad), now));
      ++load.out_of_scope;
      return Status::Ok();
    }
    AdFacts f = FactsOf(stored.ad, signals, store, stored.last_seen, stored.live, tokens);
    if (auto it = towns.find(f.key); it != towns.end()) f.earlier_towns = OneTownPerTime(it->second, f.town);
    if (seen) seen(f);
    index.Upsert(f);
    ++load.ads;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return load;
}

Result<std::vector<AdFacts>> FactsFromStore(Store& store, const Matcher& matcher, TimePoint since) {
  std::vector<AdFacts> out;
  auto towns = TownsByAd(store, since);
  Status st = store.ForEachLiveAd([&](const AdRecord& r) {
    if (r.last_seen < since) return Status::Ok();
    AdSignals s = AnalyzeAd(r.ad, matcher);
    AdFacts f = FactsOf(r.ad, s, store, r.last_seen, r.live);
    if (auto it = towns.find(f.key); it != towns.end()) f.earlier_towns = OneTownPerTime(it->second, f.town);
    out.push_back(std::move(f));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace adwatch
