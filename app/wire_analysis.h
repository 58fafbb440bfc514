// The matcher's side of the wiring: analyse an ad, save its signals with
// their provenance (rules version), and turn ads into the facts the cross-ad
// index links. Shared by the daemon pipeline and the backtest command.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ad.h"
#include "core/signal.h"
#include "matcher/analyze.h"
#include "matcher/crossad/crossad.h"
#include "store/store.h"

namespace adwatch {

class LinkTokens;

// The facts of one ad version for the cross-ad index. Phones go in as E.164
// with their pseudonyms; the town is the first place the matcher resolved
// (else the raw city field). With `tokens`, in the form minimised ads keep
// (app/minimise.h): the text as its template fingerprint, the name as its
// token, phones as their pseudonyms; the index must then get every ad so.
AdFacts FactsOf(const Ad& ad, const AdSignals& signals, const Store& store, TimePoint seen, bool live,
                LinkTokens* tokens = nullptr);

// The pseudonym of a number as the store gives it (E.164 or "p:<pseudonym>").
std::string PseudonymOf(const Store& store, const std::string& e164);

// Analyses `ad` and saves the signals as computed on `content_hash` by
// `matcher` (provenance: matcher.config.rules_version).
Result<AdSignals> AnalyzeAndSave(Store& store, const Matcher& matcher, const Ad& ad,
                                 const std::string& content_hash, TimePoint now);
// The saving half, for signals `matcher` computed elsewhere (on a worker).
Result<AdSignals> SaveAnalysis(Store& store, const Matcher& matcher, const Ad& ad, const std::string& content_hash,
                               AdSignals signals, TimePoint now);

// As AnalyzeAndSave, but an ad that lies outside `scope` (app/scope.h) is
// not kept: Store::DropOutOfScope instead of saving, and nullopt.
Result<std::optional<AdSignals>> AnalyzeInScope(Store& store, const Matcher& matcher, const ScopeConfig& scope,
                                                const Ad& ad, const std::string& content_hash, TimePoint now);
// The saving half of AnalyzeInScope, for signals computed on a worker.
Result<std::optional<AdSignals>> SaveInScope(Store& store, const Matcher& matcher, const ScopeConfig& scope,
                                             const Ad& ad, const std::string& content_hash, AdSignals signals,
                                             TimePoint now);

struct IndexLoad {
  int64_t ads = 0;
  int64_t reanalyzed = 0;  // signals were missing or from other rules
  int64_t out_of_scope = 0;  // outside `scope`, dropped from the store
  int64_t minimised = 0;     // fed in their minimised form
};

// Feeds every live ad in the store into `index`, and every vanished ad last
// seen within the longest cross-ad window (not live: what a running index
// keeps until Expire), so the index equals that of a process that never
// stopped (Store::ForEachAdLiveOrSeenSince), re-analysing (and saving)
// ads whose stored signals were not produced by the matcher's rules version.
// Earlier towns come from the stored sightings within the touring window.
// `seen` (optional) is shown every fact fed in. With `scope`, an ad outside
// it is dropped from the store (Store::DropOutOfScope), not fed in. With
// `tokens`, facts in the minimised form (FactsOf); minimised ads are fed as
// stored (never re-analysed: their text is gone, their hits stay as saved).
Result<IndexLoad> LoadIndexFromStore(Store& store, const Matcher& matcher, CrossAdIndex& index, TimePoint now,
                                     const std::function<void(const AdFacts&)>& seen = {},
                                     const ScopeConfig* scope = nullptr, LinkTokens* tokens = nullptr);

// Every live ad's facts under `matcher` (for backtests), without saving.
Result<std::vector<AdFacts>> FactsFromStore(Store& store, const Matcher& matcher, TimePoint since);

}  // namespace adwatch
