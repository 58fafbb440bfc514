// Number words 1-99 in Dutch, English, German and French (internal to
// Normalize). Works on folded text: lower case, no diacritics.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
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
// The same without the tests of its first three letters, which only skip
// words no lexicon word starts like (the reference for tests).
bool MatchNumberWordsUnfiltered(std::string_view word, std::string_view text, size_t word_end, NumberMatch* m);

// Bit b of kNumberWordHeads[a]: some lexicon word starts with letters a, b
// ('a' = 0). MatchNumberWords is false for a word that fails
// MaybeNumberWordHead; callers test it inline first, since most words of an
// ad fail it and a call per word was most of the cost.
// A word of at most kShortNumberWord letters can only be a lexicon word of
// its own length (a suffix such as "jarig" needs a longer word, compounds
// nine letters), so for those the heads are taken per length: most short
// words with the head of some number word ("een" vs "eens", "zeg") fail it.
extern const std::array<uint32_t, 26> kNumberWordHeads;
inline constexpr size_t kShortNumberWord = 7;
extern const std::array<std::array<uint32_t, 26>, kShortNumberWord + 1> kNumberWordHeadsByLength;
inline bool MaybeNumberWordHead(std::string_view w) {
  if (w.size() < 2) return false;
  const unsigned a = static_cast<unsigned char>(w[0]) - 'a', b = static_cast<unsigned char>(w[1]) - 'a';
  if (a >= 26 || b >= 26) return false;
  const uint32_t heads = w.size() <= kShortNumberWord ? kNumberWordHeadsByLength[w.size()][a] : kNumberWordHeads[a];
  return (heads >> b & 1) != 0;
}

}  // namespace adwatch::matcher_internal
