// Gazetteer: place names → municipality, province and country.
//
// Data: a TSV file (deploy/gazetteer.tsv) with columns name, municipality,
// province, country, aliases (comma-separated), flags (comma-separated:
// "ambiguous" for the name, "ambiguous-alias:X" for alias X). It holds the
// 16 municipalities of Zuid-Limburg with all their kernen, the other Dutch
// municipalities, and Belgian and German border towns.
//
// Matching folds case and diacritics and treats hyphens, apostrophes and
// spaces alike ("Sint-Geertruid" = "sint geertruid", "'s-Hertogenbosch" =
// "s hertogenbosch", "Übach" = "ubach"). Names and aliases flagged
// ambiguous are also ordinary words in Dutch, English, German or French
// (Heel, Born, Stein, Echt, Best, Spa, As, Peer, Cologne …). Lookup, meant
// for an ad's own city/location field, always accepts them. FindInText
// reports them only where the text says they are a place, written with a
// capital:
//  - after a cue: "in", "uit", "te", "bij", "omgeving", "regio", "nabij",
//    "vanuit", "rond(om)", "centrum", "near", "from", "bei", "nahe", "Raum",
//    "Region", "à", "près", "vers" —
//    and then only when the name ends the phrase: punctuation, end of text,
//    a number or a capitalised word after it, or a word such as "en",
//    "e.o.", "voor", "vanaf", "and", "for", "und", "ab", "et", "ce": "in
//    Heel, bel", "nu in Stein voor 3 dagen" and "à Spa ce week-end" count,
//    "in heel Nederland" (lower case) and "in Stein gemeißelt" do not;
//  - before "centrum" / "center" / "centre" / "zentrum": "Best centrum";
//  - at the start of a line or of the title, followed by a comma: "Echt,
//    nieuw".
// Where two entries share a name, the first in the file wins (Zuid-Limburg
// comes first).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/signal.h"
#include "core/status.h"

namespace adwatch {

class Gazetteer {
 public:
  // Errors name the file and line of a malformed row.
  static Result<Gazetteer> Load(const std::string& path);
  static Result<Gazetteer> Parse(std::string_view tsv, const std::string& name);

  // The place an ad's city field names: "Maastricht", "6211 AB Maastricht",
  // "Geleen (NL)", "Regio Heerlen", "Born, Limburg". nullopt if none.
  std::optional<Place> Lookup(std::string_view city) const;

  // Places named in free text, each once, in order of appearance.
  std::vector<Place> FindInText(std::string_view text) const;
  // The same by the simple way: every word folded first, then looked up
  // (the reference FindInText is tested against).
  std::vector<Place> FindInTextSimple(std::string_view text) const;

  // The municipality `name` names, folded as names are ("maastricht",
  // "SITTARD GELEEN" → "Sittard-Geleen"); nullopt if no municipality is
  // called that (a kern such as "Geleen" is not a municipality).
  std::optional<std::string> FindMunicipality(std::string_view name) const;
  // Every municipality with its province and country (Place::name empty), in file order, once.
  std::vector<Place> Municipalities() const;

  size_t size() const { return places_.size(); }
  const std::vector<Place>& places() const { return places_; }

 private:
  struct Key {
    size_t place;
    bool ambiguous;
  };
  struct Word;  // a folded word of free text and what surrounds it
  // `context` null: every name counts (the city field); else ambiguous names
  // need the cues above.
  std::vector<Place> FindWords(const std::vector<std::string_view>& words, const std::vector<Word>* context,
                               bool first_only) const;

  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::vector<Place> places_;
  std::unordered_map<std::string, Key, Hash, std::equal_to<>> keys_;   // folded name → place
  // First word of every key → the most words of a key that starts with it,
  // and whether it is a key by itself ("de" and "sint" only start keys: the
  // look-up of the word alone is skipped).
  struct FirstWord {
    size_t most = 0;
    bool alone = false;
  };
  std::unordered_map<std::string, FirstWord, Hash, std::equal_to<>> first_words_;
  // A cheap test before hashing a word of text: bits set by FilterSlot() of
  // every first word (most words of an ad are no place name).
  std::vector<uint64_t> first_filter_ = std::vector<uint64_t>(1024);
  // The same for the second word of every key of two or more words.
  std::vector<uint64_t> second_filter_ = std::vector<uint64_t>(1024);
};

}  // namespace adwatch
