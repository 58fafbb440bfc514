// Small UTF-8 helpers shared by the matcher's extractors (internal).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace adwatch::matcher_internal {

// Decodes the code point at text[pos]; sets *len to its byte length (1 for
// invalid bytes, which decode as U+FFFD so that scanning always advances).
char32_t DecodeUtf8(std::string_view text, size_t pos, size_t* len);

// Lower-case ASCII and common Latin-1/Latin-A letters, with diacritics
// removed ("Übach" → "ubach", "één" → "een", "ß" → "ss"). Other code points
// are returned as 0 when not a letter or digit. Appends UTF-8 to *out.
// Returns true if cp is a letter (after folding).
bool FoldLetter(char32_t cp, std::string* out);

// True for code points that take part in words (ASCII letters/digits,
// Latin-1/Latin Extended-A letters).
bool IsWordChar(char32_t cp);

// Folds a whole string: letters and digits folded, every run of other
// characters (spaces, hyphens, apostrophes, punctuation) becomes one space;
// trimmed. "'s-Hertogenbosch" → "s hertogenbosch".
std::string FoldKey(std::string_view s);

// If text[pos] starts an HTML character reference ("&amp;", "&#49;",
// "&#x31;", "&eacute;"), returns its code point and sets *len to the length
// of the reference (the ';' included); else returns 0. Named references:
// the common ones and any letter with acute/grave/uml/circ/tilde/cedil/ring.
char32_t DecodeEntityAt(std::string_view text, size_t pos, size_t* len);

// Appends cp as UTF-8 (nothing for values above U+10FFFF).
void AppendUtf8(char32_t cp, std::string* out);

// Cuts text[begin,end) with up to `context` bytes either side, on UTF-8
// boundaries, newlines flattened to spaces. For evidence strings.
std::string Excerpt(std::string_view text, size_t begin, size_t end, size_t context);

}  // namespace adwatch::matcher_internal
