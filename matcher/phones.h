// Phone numbers in ad text, normalised to E.164.
//
// ExtractPhones finds every phone number written in `text`, in any region,
// the ordinary ways ("06-12345678", "06.47.55.54.57", "+31 (0)6 26 55 51
// 71", "00 49 177 99 1234567", "0049-177/991234567", "(646) 389-3950",
// "40 745 123 456") and the ways ads hide numbers from search: number words
// in Dutch, English, German and French, alone, in pairs or mixed with
// digits ("nul zes, negentien, vijfenvijftig", "zero six", "null sechs",
// "zéro six, quarante-sept", "soixante-dix-sept", Belgian and Swiss
// "septante-sept", "nonante et un", "huitante", "06 1nine 5 5five",
// "fifty1", "twentyfour"), number words spelled with spaced letters ("n u l
// - z e s"), letters for digits (O/o → 0, l/I → 1, also a lone "O" beside
// short digit groups: "9 O 4 4"), odd separators (* ~ _ | [ ] • and
// commas), single digits spaced out, full-width, circled and emoji keycap
// digits; and tel: / wa.me/ links.
//
// Guarantees:
//  - every result is valid per libphonenumber's metadata and in E.164;
//  - numbers without a country code are read in `region` (ISO code, any
//    case, e.g. "NL", "US"; empty means NL). Where the national prefix is 0
//    (NL, BE, DE, FR, GB …) a national candidate must start with it;
//    elsewhere (US, PL, IT …) any digit run is tried. Belgian and German
//    mobiles written nationally are recognised in an NL ad (and vice versa
//    among NL/BE/DE) when invalid in `region`;
//  - international numbers: after '+', a wa.me/ link or the dialling prefix
//    (00, also in words or spread over groups: "null null vier neun …";
//    011 in +1 regions), with any grouping and a "(0)" trunk; without them
//    only when the whole is a valid mobile number abroad that is not a
//    number of `region`, and the country code (2–3 digits) stands apart
//    ("48 512 345 678") or, right after a contact word (whatsapp, wa, tel,
//    telefoon, phone, call, bel, sms …) or alone in the "phones" field, is
//    glued to the number ("whatsapp 491512 6038472");
//  - IBANs, KvK/BTW/SIRET and licence numbers, ad ids, prices, dates and
//    times are masked before matching; postcodes, measures, ranges and
//    counts never form a valid candidate;
//  - `obfuscated` means written to evade search (words, letters, special
//    digits, odd or doubled separators, three kinds of separator mixed,
//    three or more single digits); groupings with one kind of separator
//    (spaces, dots, dashes, slashes, brackets, "(0)") are ordinary;
//  - each distinct number is returned once per call, in order of appearance;
//    `obfuscated` is true if any occurrence was written to evade search;
//  - never throws; cost is one byte-class scan that finds the stretches of
//    text that can hold 8 digits at all (internal/phone_stretches.h; none:
//    nothing more is done), the RE2 masking scan in windows around those
//    stretches (internal/phone_masks.h: the same spans as over the whole
//    text), and the hand-written tokenizer over those stretches only;
//    libphonenumber sees candidate digit runs only, never the whole text
//    (NL/BE/DE numbers skip its Parse and are validated directly against
//    its metadata, with the patterns compiled once: phones_fast_type.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/signal.h"

namespace adwatch {

std::vector<PhoneFound> ExtractPhones(std::string_view text, const std::string& region,
                                      const std::string& field = "text");

}  // namespace adwatch
