// Where in a text a phone number can be at all (internal to ExtractPhones).
//
// A number needs a run of at least 8 digits, and most of an ad is words that
// can give none. Words the tokenizer always takes as breaks (AlwaysBreakWord)
// cut the text into stretches; no run crosses one. A stretch whose pieces
// (cut further at punctuation that is no separator, and at '+') hold fewer
// than 8 bytes that can stand for a digit (ASCII letters and digits, every
// byte >= 0x80) holds no run long enough: no unit stands for more digits than
// it has such bytes ("zes" 6, "dubbel een" 11, "1nine" 19, ① 1). The phone
// scanner masks, tokenizes and reads only the other stretches, which in
// ordinary ads are the few around the numbers.
//
// Exactness: such a word resets everything the tokenizer carries forward
// ("dubbel", "et", the last unit), so tokenizing from one on gives the same
// units as from the start, provided no masked span touches it (a masked word
// is a break, but does not reset). phones_test and fast_paths_test compare
// ExtractPhones with and without this filter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

#include "core/signal.h"

namespace adwatch::matcher_internal {

struct PhoneStretches {
  std::vector<std::pair<uint32_t, uint32_t>> cuts;  // the words that cut, in order
  std::vector<uint32_t> live;  // stretches that may hold a number: k is the one before cuts[k]
  bool any_live() const { return !live.empty(); }
};

PhoneStretches FindPhoneStretches(std::string_view text);

// The ranges of `text` to tokenize, given the masked spans: each starts at 0
// or at a cutting word no mask touches, ends at the text's end or at another
// cut, and covers every live stretch; sorted, not overlapping.
std::vector<std::pair<size_t, size_t>> LiveRanges(const PhoneStretches& s, size_t text_size,
                                                  const std::vector<std::pair<size_t, size_t>>& masked);
// The same with the masked spans read only where needed: `masks` (over the
// same text and s.cuts, phone_masks.h) covers each range, and each cut the
// walk looks at, before it is used; its spans() then serve the tokenizer.
class MaskScan;
std::vector<std::pair<size_t, size_t>> LiveRanges(const PhoneStretches& s, size_t text_size, MaskScan& masks);

// ExtractPhones reading the whole text, without the filter (for tests).
std::vector<PhoneFound> ExtractPhonesUnfiltered(std::string_view text, const std::string& region,
                                                const std::string& field = "text");

}  // namespace adwatch::matcher_internal
