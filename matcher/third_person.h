// The advertiser's own name as the subject of a third-person verb: "Anna is
// nieuw in Heerlen", "Lisa (22) kommt aus Prag", "Mia offers massage",
// "Nina vous attend". An ad written about her rather than by her is the
// practitioners' third-person signal (shared notes "indicators", CKM 2021);
// the name field makes this precise where a pattern over capitalised words
// at the start of a sentence is not ("Respect is", "Betalen kan").
//
// Both arguments are normalised (normalize.h: lower case, no diacritics).
// Matches the name at a word boundary, optionally followed by an age in
// brackets or between commas, then a third-person verb of Dutch, English,
// German or French. "Anna is mijn naam" / "my name" is a self-introduction
// and does not count. Returns the normalised byte range of name and verb.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace adwatch {

std::optional<std::pair<size_t, size_t>> FindNameAsSubject(std::string_view name, std::string_view text);

}  // namespace adwatch
