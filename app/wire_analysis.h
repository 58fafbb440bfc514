// The matcher's side of the wiring: analyse an ad, save its signals with
// their provenance (rules version), and turn ads into the facts the cross-ad
// index links. Shared by the daemon pipeline and the backtest command.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/ad.h"
#include "core/signal.h"
#include "matcher/analyze.h"
#include "matcher/crossad/crossad.h"
#include "store/store.h"

namespace adwatch {

// The facts of one ad version for the cross-ad index. Phones go in as E.164
// with their pseudonyms; the town is the first place the matcher resolved
// (else the raw city field).
AdFacts FactsOf(const Ad& ad, const AdSignals& signals, const Store& store, TimePoint seen, bool live);

// Analyses `ad` and saves the signals as computed on `content_hash` by
// `matcher` (provenance: matcher.config.rules_version).
Result<AdSignals> AnalyzeAndSave(Store& store, const Matcher& matcher, const Ad& ad,
                                 const std::string& content_hash, TimePoint now);
// The saving half, for signals `matcher` computed elsewhere (on a worker).
Result<AdSignals> SaveAnalysis(Store& store, const Matcher& matcher, const Ad& ad, const std::string& content_hash,
                               AdSignals signals, TimePoint now);

struct IndexLoad {
  int64_t ads = 0;
  int64_t reanalyzed = 0;  // signals were missing or from other rules
};

// Feeds every live ad in the store into `index`, re-analysing (and saving)
// ads whose stored signals were not produced by the matcher's rules version.
// Earlier towns come from the stored sightings within the touring window.
// `seen` (optional) is shown every fact fed in.
Result<IndexLoad> LoadIndexFromStore(Store& store, const Matcher& matcher, CrossAdIndex& index, TimePoint now,
                                     const std::function<void(const AdFacts&)>& seen = {});

// Every live ad's facts under `matcher` (for backtests), without saving.
Result<std::vector<AdFacts>> FactsFromStore(Store& store, const Matcher& matcher, TimePoint since);

}  // namespace adwatch
