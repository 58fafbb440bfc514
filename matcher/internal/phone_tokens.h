// The de-obfuscating tokenizer behind ExtractPhones (internal).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace adwatch::matcher_internal {

// A piece of text as the phone scanner sees it.
struct PhoneUnit {
  enum Kind { kDigits, kSep, kPlus, kBreak };
  // A number word that a following word may complete ("twenty" + "one",
  // "soixante" + "dix" + "sept", "quatre" + "vingt", "dix" + "neuf").
  enum Open { kClosed, kTens, kTensFr, kTeen, kQuatre };
  Kind kind = kBreak;
  std::string digits;    // kDigits: the digits it stands for
  bool disguised = false;  // kDigits: words, letters, full-width, keycap, circled …
  bool word = false;     // kDigits: written (partly) as number words
  Open open = kClosed;   // kDigits written as a word: what may still join it
  int seps = 0;          // kSep: separator characters (words like "dubbel" count 0)
  size_t begin = 0, end = 0;  // byte offsets in the text
};

// Splits text into digit groups, separators, '+' and breaks. Byte ranges in
// `masked` (sorted, non-overlapping pairs) become breaks. A comma is a
// separator (for "nul zes, negentien, …"); the caller decides whether it
// joins two groups. Consecutive breaks, and separators after a break, are
// one break unit (its `seps` counts the pieces).
// `skip_breaks` false: every piece of a break is taken on its own, the
// simple way (the reference for tests: the result is the same).
std::vector<PhoneUnit> TokenizeForPhones(std::string_view text,
                                         const std::vector<std::pair<size_t, size_t>>& masked,
                                         bool skip_breaks = true);
// The same for text[begin, end) only, where `begin` is 0 or the start of an
// AlwaysBreakWord and `end` the size or the start of another: the units are
// then those of the whole text's from `begin` (up to how breaks are split),
// as such a word resets everything the tokenizer carries forward.
std::vector<PhoneUnit> TokenizeForPhones(std::string_view text, const std::vector<std::pair<size_t, size_t>>& masked,
                                         bool skip_breaks, size_t begin, size_t end);
// The same into *units (cleared first), so that a caller tokenizing several
// ranges fills one vector instead of allocating one per range.
void TokenizeForPhones(std::string_view text, const std::vector<std::pair<size_t, size_t>>& masked, bool skip_breaks,
                       size_t begin, size_t end, std::vector<PhoneUnit>* units);
std::vector<PhoneUnit> TokenizeForPhonesSimple(std::string_view text,
                                               const std::vector<std::pair<size_t, size_t>>& masked);

// Whether the tokenizer may take the ASCII word `word` (letters only) as a
// break without looking it up: then it is no number word, nor "et", "plus",
// "dubbel", "double" or "doppel" (checked by a test against NumberWordDigits).
bool CertainlyNoPhoneWord(std::string_view word);
// The same by the tests themselves, without the table (the reference for tests).
bool CertainlyNoPhoneWordSlow(std::string_view word);

// Whether the tokenizer takes the ASCII word text[b, e) (letters only, the
// whole token: no digit or non-ASCII byte on either side) as a break whatever
// came before it, resetting "dubbel" and "et": two letters or more, not "et",
// "plus", "dubbel", "double" or "doppel", and no number word.
bool AlwaysBreakWord(std::string_view text, size_t b, size_t e);
// Its answer for most words, by table: per length n (2-20) and first letter
// (0-25), bit h1 is set when every word of n letters starting with those two
// letters (any case) is a break for certain.
const std::array<std::array<uint32_t, 26>, 21>& CertainBreakHeads();

// The digits a number word stands for in Dutch, English, German or French
// ("zes" → "6", "twaalf" → "12", "vierendertig" → "34", "sechsundfunfzig"
// → "56", "soixante" → "60"); empty if it is not a number word. `word` is
// folded lower case (ü → u, é → e, ß → ss).
std::string NumberWordDigits(std::string_view word);

}  // namespace adwatch::matcher_internal
