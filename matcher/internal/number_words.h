// Number words 1-99 in Dutch, English, German and French (internal to
// Normalize). Works on folded text: lower case, no diacritics.
#pragma once

#include <cstddef>
#include <string_view>

namespace adwatch::matcher_internal {

struct NumberMatch {
  int value = 0;
  size_t end = 0;     // in `text`: where the number phrase ends
  size_t suffix = 0;  // bytes at the end of `word` to keep after the digits ("jarige")
};

// Is `word` (which ends at text[word_end]) the start of a number phrase?
// Reads on through `text` for "twenty-one", "dix-sept", "vingt et un",
// "quatre-vingt-dix". One-words (een/one/ein/un) never count alone; words
// that are also ordinary words (acht, elf, six, ten, onze, sept, neuf, seize)
// count alone only before a unit ("elf jaar", "six ans").
bool MatchNumberWords(std::string_view word, std::string_view text, size_t word_end, NumberMatch* m);

}  // namespace adwatch::matcher_internal
