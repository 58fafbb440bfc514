// A named third person who stands between the client and her: "bel Tom",
// "pay Mihai at the door", "Contant aan Tony", "Termine über Marco",
// "Ivo maakt de afspraken", "Tom gère ses rendez-vous". Control by someone
// else is the practitioners' strongest wording signal (shared notes
// "indicators", CKM 2021), and people write it with a first name far more
// often than with a role word, so no pattern over roles can catch it.
//
// Reads the original text (capitals tell a name from a word) word by word.
// A capitalised word W is a name here when it is not one of the ad's own names (`own_names`, normalised lower
// case, e.g. the name field split on spaces and "&"), not a common word
// (`IsCommonWord`) and not a place (`is_place`); it is an intermediary when
//   - a contact, payment or booking word stands right before it in the same
//     sentence ("bel", "call", "ruf ... an", "pay", "betaal", "cash to",
//     "via", "über", "chez", "met", "with") and the name ends the phrase
//     (clause end, number, or a small word: "bel Tom op 06…", not "with
//     Latin temperament"; "to" only after paying, sending, asking or talking:
//     "pay to Marco", not "tram 18 to Kalk" or "Tue to Sat"), or
//   - a verb of booking, answering, translating or collecting money follows
//     it ("Tom books", "Ivo regelt", "Marco beantwortet", "Tom gère"), or a
//     common verb with an object of booking, money, papers or transport
//     within three words ("Ivo maakt de afspraken", "Mihai takes the money").
// Returns the byte range of the cue and the name in `text`.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adwatch {

// How own_names must be folded: lower case, diacritics removed (ICU only
// for words that are not ASCII).
std::string FoldName(std::string_view word);

std::optional<std::pair<size_t, size_t>> FindNamedIntermediary(
    std::string_view text, const std::vector<std::string>& own_names,
    const std::function<bool(std::string_view)>& is_place);

// A name written in the phone field beside the number ("0476 90 28 35
// (Marius)", "Marco 06 5344 2270"): a name that is not hers (`own_names`),
// not a label ("Mobile", "WhatsApp"), not a place and not a number in words
// is the person the number reaches. Returns the name's byte range.
std::optional<std::pair<size_t, size_t>> FindNameInPhoneField(
    std::string_view field, const std::vector<std::string>& own_names,
    const std::function<bool(std::string_view)>& is_place);

}  // namespace adwatch
