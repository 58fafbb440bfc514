// Phone numbers in ad text, normalised to E.164.
//
// ExtractPhones finds every phone number written in `text`, including the
// ways ads hide numbers from search: number words in Dutch, English and
// German ("nul zes", "zero six", "null sechs", "twaalf", "vierendertig"),
// letters for digits (O/o → 0, l/I → 1), digits split by spaces, dots,
// dashes, slashes, stars, tildes or brackets, full-width, circled and emoji
// keycap digits, and tel: / wa.me/ links.
//
// Guarantees:
//  - every result is valid per libphonenumber's metadata and in E.164;
//  - numbers without a country code are read in `region` (ISO code, e.g.
//    "NL"); Belgian and German mobiles written nationally are recognised in
//    an NL ad (and vice versa among NL/BE/DE) when invalid in `region`;
//  - IBANs, KvK/BTW numbers, ad ids, prices, dates and times are masked
//    before matching; a candidate must start with +, 00 or the trunk 0 (or
//    follow a wa.me/ link), which rules out measures, postcodes and counts;
//  - each distinct number is returned once per call, in order of appearance;
//    `obfuscated` is true if any occurrence was written to evade search;
//  - never throws; cost is one hand-written scan plus one RE2 masking scan
//    and a libphonenumber parse per candidate digit run only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/signal.h"

namespace adwatch {

std::vector<PhoneFound> ExtractPhones(std::string_view text, const std::string& region,
                                      const std::string& field = "text");

}  // namespace adwatch
