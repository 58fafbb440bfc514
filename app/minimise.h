// Minimisation of ads that raise nothing ([minimise]): after `after`, an ad
// behind no alert keeps only what linking needs. What that is, and why the
// cross-ad index still links it:
// - phones: their keyed pseudonyms ("p:<pseudonym>" where the number was);
// - text: a template fingerprint (crossad.h TemplateFingerprint), every word
//   a keyed token, so template links work without the words;
// - name: the keyed token of the name as the index compares names;
// - places, first and last seen, content hash, rule ids of its hits.
// For minimised and complete ads to link, the index is fed every ad in that
// form (FactsOf with LinkTokens); LinkTokens gives the words back in
// evidence where this process saw them.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "config/config.h"
#include "matcher/crossad/crossad.h"
#include "store/store.h"

namespace adwatch {

// Keyed word tokens: 16 letters (a-p) of HMAC-SHA256 under the store's
// pseudonym key (Store::Pseudonym of "word:" + word), memoised.
class LinkTokens {
 public:
  explicit LinkTokens(const Store& store) : store_(store) {}
  const std::string& Token(std::string_view word);
  // `text` with every token this process made replaced by its word; other
  // tokens (words only minimised ads had) become "…".
  std::string Readable(std::string_view text) const;

 private:
  const Store& store_;
  std::unordered_map<std::string, std::string> token_of_;
  std::unordered_map<std::string, std::string> word_of_;
};

// The name as the cross-ad index compares names (lower case, spaces
// collapsed), as a token; "" for no name.
std::string NameToken(const std::string& name, LinkTokens& tokens);

// One pass: every ad whose current version was first seen before now -
// config.after and that no alert names is minimised (Store::MinimiseAds).
// Returns how many. A no-op when minimisation is off.
Result<int64_t> MinimiseDue(Store& store, const MinimiseConfig& config, LinkTokens& tokens, TimePoint now);

}  // namespace adwatch
