// Text normalisation before matching: ad text as people write it, folded to
// one spelling, with every byte of the result mapped back to the original.
//
// Normalize does, in this order:
//  1. HTML character references decoded ("&amp;", "&#49;&#55;", "&eacute;"):
//     text from JSON APIs and saved pages reaches the matcher undecoded;
//  2. per code point: Unicode NFKC with case folding (ICU nfkc_cf, which also
//     drops zero-width and other ignorable characters), diacritics removed
//     ("é" -> "e", "ß" -> "ss"), Cyrillic/Greek look-alikes to Latin ("ѕех"
//     -> "sex"), typographic quotes/dashes to ASCII (’ -> ', – -> -);
//  2b. words a moderator starred out, read as the one rule word they fit
//     ("j*st 18" -> "just 18", "w******t c****m" -> "without condom");
//  3. letters spaced out joined: "s c h o o l", "s.c.h.o.o.l" -> "school"
//     (three or more single letters with the same separator);
//  4. per word: leetspeak where digits stand between letters ("sch00l",
//     "t33n", "m1nderjarig"; "17j", "17yo", "06" stay), letters repeated 3+
//     times collapsed (vowels to two, consonants to one: "jongggg" -> "jong",
//     "heeeel" -> "heel"), "jaartje(s)" -> "jaar";
//  5. number words 1-99 in Dutch, English, German and French to digits
//     ("zestien" -> "16", "dix-sept", "vingt et un", "eenentwintig",
//     "twenty-one", "einundzwanzig", "zeventienjarige" -> "17jarige"). Never
//     een/one/ein/eins/un/une; the words that are also ordinary words (acht,
//     elf, six, ten, onze, sept, neuf, seize) only before a unit ("elf jaar").
//
// Contract: origin.size() == text.size() + 1; origin is non-decreasing;
// origin[i] is the byte offset in the original where the character that
// produced normalised byte i starts; origin.back() == original.size().
// An ASCII text that is already lower case, has no '&' and none of the forms
// above maps to itself with origin[i] == i. Never throws; invalid UTF-8
// decodes as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adwatch {

struct NormalizedText {
  std::string text;
  std::vector<uint32_t> origin;

  // The original byte range [begin, end) that normalised bytes [b, e) came
  // from. An end inside a replacement ("16" from "zestien") extends to the
  // end of what was replaced.
  std::pair<size_t, size_t> ToOriginal(size_t b, size_t e) const;
};

NormalizedText Normalize(std::string_view original);

}  // namespace adwatch
