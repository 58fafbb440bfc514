// Cross-ad signals (matcher II): shared phones, touring, text templates, the
// entities they link ads into, and an entity score with its evidence.
//
// Contract:
// - Input per ad is AdFacts: the per-ad matcher's output plus the facts the
//   cross-ad signals need. Phones are E.164; `pseudonyms` (same order) are the
//   only form of a number that leaves this library (entities, evidence).
// - Entities are connected components of the graph whose edges are "the two
//   ads share a phone" and "the two ads carry one template" (template link,
//   over the text without the ad's name, places and words with digits:
//   near-identical copies, exact Jaccard of word shingles >= template_jaccard;
//   or one family of edited copies, FamilySimilarity >=
//   template_family_similarity over the sentences of >=
//   template_sentence_min_words words, where a sentence in more than
//   template_common_sentence_ads ads is stock wording and links nothing).
//   Candidates share an LSH band or a rare sentence. Names and towns never
//   link ads. Ads in one TemplateCluster are the predicted template pairs.
// - Everything reported is a pure function of the observations fed in: the
//   incremental CrossAdIndex and Rebuild() give identical entities, provided
//   each ad's observations arrive in non-decreasing `seen` order.
// - Vanished ads (Remove(), or AdFacts.live = false) keep linking and keep
//   their evidence until Expire() drops them: a ring does not fall apart
//   because its ads are taken offline one by one. Expire(cutoff) drops
//   vanished ads last seen before cutoff (callers pass now - the longest
//   signal window). Remove(key) equals observing the ad's last facts again
//   with live = false, which is what a rebuild from the store sees.
// - Signals: a shared phone is one number behind >= shared_phone_min_names
//   distinct names within shared_phone_window; touring is >=
//   touring_min_towns distinct towns within touring_window (over the ads'
//   town histories, reported in time order); a template cluster is flagged
//   when it spans >= template_min_phones phones (names for ads without one).
// - Score: per category, the worst ad's rule hits (a rule once per ad), plus
//   shared_phone_weight, template_weight, and touring_weight only when some
//   other non-movement contribution scores; every category capped at
//   category_cap. Severity: critical on any critical per-ad hit or score >=
//   critical_threshold; high >= alert_threshold (alerting); medium >= half.
// - Cost: Upsert/Remove recompute only the component(s) the ad belongs to,
//   before and after; with typical small components this is near-constant.
//   When a sentence crosses template_common_sentence_ads, the links of its
//   ads (that many + 1) are brought up to date; a sentence falling back from
//   above 4x that line (erasures, edits) costs one scan over all ads.
//   A component of k ads costs O(k) per change (O(k^2) for one phone shared
//   by k ads), so a number posted thousands of times is slow, not wrong.
// Never throws on bad input; empty fields simply give no links.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "core/ad.h"
#include "core/alert.h"
#include "core/signal.h"

namespace adwatch {

struct TownSighting {
  TimePoint seen{};
  std::string town;
  auto operator<=>(const TownSighting&) const = default;
};

struct AdFacts {
  AdKey key;
  std::string url;
  std::string name;
  std::string text;                      // title + text, normalised by the caller
  std::vector<std::string> phones;       // E.164
  std::vector<std::string> pseudonyms;   // same order as phones
  std::string town;
  std::string municipality;
  std::string city;                      // the ad's own location field as written (template text drops it)
  TimePoint seen{};                      // when this version was seen
  bool live = true;
  AdSignals per_ad;
  // Towns this ad was seen in before (e.g. the store's sightings, for a
  // rebuild); merged with the towns of earlier observations.
  std::vector<TownSighting> earlier_towns;
};

struct TimelineEvent {
  TimePoint at{};
  std::string what;     // "first-seen", "town", "vanished"
  std::string detail;   // town name for "town"
  std::string ad_url;
  auto operator<=>(const TimelineEvent&) const = default;
};

// One text template (near-identical or edited copies) across phones or names.
struct TemplateCluster {
  std::vector<std::string> ad_urls;      // sorted; every member
  int identities = 0;                    // distinct phones (+ names of ads without phone)
  bool flagged = false;                  // identities >= template_min_phones
  std::string shared_phrase;             // longest phrase two members share
  bool operator==(const TemplateCluster&) const = default;
};

struct Entity {
  std::string id;                        // "e" + 16 hex of its earliest ad; stable while that ad stays
  std::vector<AdKey> ads;                // sorted
  std::vector<std::string> ad_urls;      // same order as ads
  std::vector<std::string> phones;       // pseudonyms, sorted
  std::vector<std::string> names;        // distinct, sorted
  std::vector<std::string> towns;        // distinct, in order of first sighting
  std::vector<std::string> municipalities;  // distinct, sorted
  std::vector<TimelineEvent> timeline;   // by time
  std::vector<TemplateCluster> templates;
  TimePoint first_seen{};
  TimePoint last_seen{};
  bool live = false;                     // any ad live
  double score = 0;
  Severity severity = Severity::kNone;
  std::vector<Contribution> contributions;
  // Alert subject: "entity:<id>" for linked ads, "ad:site/id" for a single ad.
  std::string SubjectKey() const;
  bool Alerting() const { return severity >= Severity::kHigh; }
  bool operator==(const Entity& o) const;
};

class CrossAdIndex {
 public:
  explicit CrossAdIndex(const MatcherConfig& config);
  ~CrossAdIndex();
  CrossAdIndex(const CrossAdIndex&) = delete;
  CrossAdIndex& operator=(const CrossAdIndex&) = delete;

  // A new ad or a new observation of a known ad (changed or not).
  void Upsert(const AdFacts& facts);
  // The ad vanished: it stays as evidence (live = false) until Expire().
  void Remove(const AdKey& key);
  // Drops vanished ads last seen before `cutoff`.
  void Expire(TimePoint cutoff);
  // Erases an ad outright (data-subject erasure).
  void Erase(const AdKey& key);

  // Entities worth reporting: two or more ads, or a cross-ad signal. Sorted by id.
  std::vector<Entity> Entities() const;
  // The entity (possibly a single ad) an ad belongs to; nullopt if unknown.
  std::optional<Entity> EntityOf(const AdKey& key) const;
  // Every component, including single ads without cross-ad signals.
  std::vector<Entity> AllComponents() const;
  size_t ad_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The reference path, streaming: Add() every observation (e.g. from the
// store's ForEachLiveAd; per ad in `seen` order, ads may interleave), then
// Finish() links everything with union-find and hands each component (single
// ads included) to `sink`; with reportable_only, only what
// CrossAdIndex::Entities() would report (much faster: most ads stand alone).
// Holds compact per-ad state, never the AdFacts.
class EntityRebuilder {
 public:
  explicit EntityRebuilder(const MatcherConfig& config);
  ~EntityRebuilder();
  EntityRebuilder(const EntityRebuilder&) = delete;
  EntityRebuilder& operator=(const EntityRebuilder&) = delete;
  void Add(const AdFacts& observation);
  void Finish(const std::function<void(Entity&&)>& sink, bool reportable_only = false);  // once

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What an ad keeps for template links once its text is gone (minimisation):
// its template text (no name, places or words with digits, as the index
// reads it) with every word replaced by `token(word)` and ". " where a
// sentence ended. `token` must give lower-case ASCII letters only, distinct
// per word. Fed back as AdFacts::text, it links exactly as the words did
// with any ad fed in the same form (same shingles, sentences and word sets,
// up to the hash of each word).
std::string TemplateFingerprint(const AdFacts& facts, const std::function<std::string(std::string_view)>& token);

// The reference path: all observations at once (several per ad allowed; they
// are applied per ad in `seen` order), union-find over all links. Returns
// what CrossAdIndex::AllComponents() would, after feeding the same facts.
std::vector<Entity> RebuildAll(const std::vector<AdFacts>& observations, const MatcherConfig& config);
// As RebuildAll, filtered like CrossAdIndex::Entities().
std::vector<Entity> Rebuild(const std::vector<AdFacts>& observations, const MatcherConfig& config);
// As RebuildAll, handing each component to `sink` (in no particular order)
// instead of keeping them all.
void RebuildEach(const std::vector<AdFacts>& observations, const MatcherConfig& config,
                 const std::function<void(Entity&&)>& sink);

}  // namespace adwatch
