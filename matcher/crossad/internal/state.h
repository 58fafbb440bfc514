// Internals of the cross-ad index shared by the incremental and the rebuild
// paths: the per-ad state both fold observations into, the template text
// functions (near-identical copies and edited families), the LSH band map and
// the entity builder. Keeping one fold and one
// builder is what makes the two paths agree; what differs (and is tested) is
// how links and components are found.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "matcher/crossad/crossad.h"

namespace adwatch::crossad_internal {

constexpr int kBands = 16;       // LSH bands
constexpr int kRows = 4;         // MinHash values per band (64 hashes): P(candidate) 0.89 at J=0.6, 0.9997 at J=0.8, 0.12 at J=0.3
constexpr int kMinShingles = 8;  // shorter texts are too generic to call a template

uint64_t Mix64(uint64_t x);
uint64_t HashBytes(std::string_view s);

// Template texts are kept as word ids (4 bytes a word instead of the text):
// at a million ads the texts were the largest part of the index. A word's
// shingle hash comes from its spelling, never its id, so the incremental and
// the rebuild path (which number words in different orders) agree.
class Vocabulary {
 public:
  uint32_t Id(std::string_view word);
  const std::string& Word(uint32_t id) const { return *words_[id]; }
  uint64_t Hash(uint32_t id) const { return hashes_[id]; }

 private:
  std::deque<std::string> storage_;  // stable addresses for the map's keys
  std::unordered_map<std::string_view, uint32_t> ids_;
  std::vector<const std::string*> words_;
  std::vector<uint64_t> hashes_;
};
using WordIds = std::vector<uint32_t>;

// What the index keeps per ad (a trimmed AdFacts plus derived data).
struct AdState {
  AdKey key;
  std::string url;
  std::string name;        // as given
  std::string name_norm;   // lower-cased, trimmed: what "distinct names" counts
  std::vector<std::string> phones;
  std::vector<std::string> pseudonyms;
  std::string town;
  std::string municipality;
  std::vector<TownSighting> towns;  // by time; consecutive entries differ in town
  TimePoint first_seen{};
  TimePoint last_seen{};
  bool live = true;
  std::vector<Hit> hits;
  Severity per_ad_severity = Severity::kNone;
  WordIds words;                   // template text
  std::vector<uint64_t> bands;     // kBands keys, empty if too short to template
  // Long sentences of `words` (>= template_sentence_min_words): [begin, end)
  // and an order-sensitive hash of each, same order.
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  std::vector<uint64_t> sentence_hashes;
  // Sorted, distinct: the sentence hashes and kSketches MinHash keys of each
  // sentence's word set. Ads sharing a rare key are template candidates.
  std::vector<uint64_t> candidate_keys;
  uint64_t key_hash = 0;           // entity ids
  bool valid = false;              // slot in use (incremental index)
};

// Folds one observation into the state (fresh = first observation of the ad).
void Fold(AdState* s, const AdFacts& f, const SignalParams& p, bool fresh, Vocabulary* vocab);

// Template text: lower case, words without digits, the ad's own name and
// places removed (phones, prices and ages contain digits), emoji and symbols
// dropped. So "Lisa 19 uit Heerlen" and "Anna 22 uit Sittard" both become
// "uit". `sentences` (may be null) receives the spans of the sentences
// (split at . ! ? ; and line ends) with at least `min_sentence_words` words.
WordIds TemplateWords(const AdFacts& f, Vocabulary* vocab,
                      std::vector<std::pair<uint32_t, uint32_t>>* sentences = nullptr, int min_sentence_words = 5);
uint64_t SentenceHash(const WordIds& words, std::pair<uint32_t, uint32_t> span, const Vocabulary& vocab);
// The distinct sentence hashes of an ad, sorted.
std::vector<uint64_t> UniqueSentences(const AdState& a);
// Candidate keys of an ad (AdState::candidate_keys): its distinct sentence
// hashes, plus per sentence kSketches keys, each the two smallest word hashes
// of the sentence's word set under one hash function. An edited copy of a
// sentence (a word swapped or added) loses its exact hash but keeps a sketch
// key with probability about J^2 per function (J: word-set Jaccard), so a
// family whose every sentence was edited is still found, where shingle bands
// miss short texts and exact sentences miss edited ones. Keys are counted and
// capped like sentences (template_common_sentence_ads): a key in more ads is
// stock wording and proposes nothing.
constexpr int kSketches = 3;
std::vector<uint64_t> CandidateKeys(const AdState& a, const Vocabulary& vocab);
std::vector<uint64_t> Shingles(const WordIds& words, int k, const Vocabulary& vocab);  // sorted, unique
std::vector<uint64_t> BandKeys(const std::vector<uint64_t>& shingles);  // empty if < kMinShingles
double Jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Template families (edited copies of one text). A sentence of `a` is matched
// when `b` has the same sentence, or one whose word sets overlap by Jaccard >=
// template_sentence_match (a word swapped or added), and neither is stock
// wording (`common(hash)`: in more than template_common_sentence_ads ads).
// Returns the matched share of both ads' long-sentence words, in [0, 1]; 0
// unless each ad has at least kMinMatchedSentences matched rare sentences (or
// both are one unpunctuated sentence of kMinOneSentenceWords or more).
// Candidates come from a shared band, rare candidate key or phone, so the
// sentence-by-sentence comparison runs on few pairs. Order of sentences does
// not matter; a replaced sentence only lowers the share; stock sentences count
// in the denominator, so ads that share only stock wording stay low.
constexpr int kMinMatchedSentences = 2;
constexpr size_t kMinFamilyWords = 12;  // as many as kMinShingles shingles of 5 words need
constexpr uint32_t kMinOneSentenceWords = 24;  // an unpunctuated text counts as a family on its one sentence
using IsCommon = std::function<bool(uint64_t)>;
double FamilySimilarity(const AdState& a, const AdState& b, const Vocabulary& vocab, double sentence_match,
                        const IsCommon& common);
// Whether two ads are template-linked: near-identical (an LSH band in common,
// which the caller says by passing their shingles, and shingle Jaccard >=
// template_jaccard) or one family (FamilySimilarity >=
// template_family_similarity). Shingles are null when the ads share no band.
bool TemplateLinked(const AdState& a, const AdState& b, const std::vector<uint64_t>* shingles_a,
                    const std::vector<uint64_t>* shingles_b, const Vocabulary& vocab, const SignalParams& p,
                    const IsCommon& common);

// The longest run of words both texts contain, at most `max_words` words.
std::string LongestSharedPhrase(const WordIds& a, const WordIds& b, const Vocabulary& vocab, size_t max_words = 30);

// Open-addressing multimap band key -> ad slot, 12 bytes a slot: an
// unordered_map of vectors costs ~100 bytes per entry, 1.6 GB at 1M ads.
class BandMap {
 public:
  void Insert(uint64_t key, uint32_t ad);
  void Erase(uint64_t key, uint32_t ad);
  template <typename Fn>
  void ForEach(uint64_t key, Fn&& fn) const {
    if (keys_.empty()) return;
    size_t mask = keys_.size() - 1;
    for (size_t i = Mix64(key) & mask; vals_[i] != kEmpty; i = (i + 1) & mask)
      if (keys_[i] == key && vals_[i] != kTomb) fn(vals_[i]);
  }

 private:
  static constexpr uint32_t kEmpty = 0xffffffffu;
  static constexpr uint32_t kTomb = 0xfffffffeu;
  void Rehash(size_t capacity);
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> vals_;
  size_t used_ = 0;  // live + tombstones
  size_t live_ = 0;
};

// Builds the entity of one component. `members` sorted by key; `tmpl_edges`
// are template links between members as (i, j) member indices.
Entity BuildEntity(const std::vector<const AdState*>& members,
                   const std::vector<std::pair<int, int>>& tmpl_edges, const MatcherConfig& config,
                   const Vocabulary& vocab);

// Fills score, severity and contributions (scoring.cc).
struct Findings {
  struct SharedPhone {
    std::string pseudonym;
    int names = 0;
    std::vector<std::string> ad_urls;
  };
  std::vector<SharedPhone> shared_phones;
  std::vector<const TemplateCluster*> flagged_templates;
  std::vector<std::string> touring_towns;  // empty: no touring
  std::vector<std::string> touring_urls;
};
void ScoreEntity(const std::vector<const AdState*>& members, const Findings& findings,
                 const MatcherConfig& config, Entity* e);

// Whether Entities() reports this component.
bool Reportable(const Entity& e);
// False when a component of this one ad cannot be reportable (it could only
// tour, and has been in too few towns): saves building a million entities.
bool SingleMayReport(const AdState& a, const SignalParams& p);

}  // namespace adwatch::crossad_internal
