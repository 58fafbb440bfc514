// Where a phone number can be at all: phone_stretches.h.
#include "matcher/internal/phone_stretches.h"

#include <array>
#include "matcher/internal/ascii_runs.h"
#include "matcher/internal/phone_masks.h"
#include "matcher/internal/phone_tokens.h"

namespace adwatch::matcher_internal {
namespace {

// Bytes as the tokenizer treats them: ASCII letters, bytes that may stand
// for a digit on their own (ASCII digits, every byte of a non-ASCII code
// point: full-width and circled digits, keycaps, letters of words like
// "fünf"), separators that join digit groups, and the rest, which always
// ends a run ('+', ':', '!', line breaks …).
enum : uint8_t { kLetter, kDigitLike, kSep, kStop };
constexpr std::array<uint8_t, 256> kClass = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) t[c] = kLetter;
    else if ((c >= '0' && c <= '9') || c >= 0x80) t[c] = kDigitLike;
    else t[c] = kStop;
  }
  // The tokenizer's ASCII separators (IsSeparator in phone_tokens.cc).
  for (char c : {' ', '\t', '.', '-', '/', '*', '(', ')', ',', '~', '[', ']', '_', '|'})
    t[static_cast<unsigned char>(c)] = kSep;
  return t;
}();

// A run needs 8 digits (ExtractPhones reads no shorter one).
constexpr size_t kMinDigits = 8;

}  // namespace

PhoneStretches FindPhoneStretches(std::string_view text) {
  PhoneStretches s;
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  const auto& certain = CertainBreakHeads();
  s.cuts.reserve(n / 4 + 1);  // a word and a space are two bytes at least: no growing
  size_t piece = 0;  // bytes that may stand for digits since the last stop
  bool live = false;
  for (size_t i = 0; i < n;) {
    const uint8_t k = kClass[t[i]];
    if (k == kLetter) {
      const size_t j = AsciiLetterRunEnd(text, i), len = j - i;
      // A whole token only: a digit or non-ASCII byte beside it joins it to
      // a longer one ("1nine", "fünf").
      bool cut = len >= 2 && (i == 0 || kClass[t[i - 1]] >= kSep) && (j == n || kClass[t[j]] >= kSep);
      if (cut && len <= 20) {
        const unsigned h0 = (t[i] | 0x20) - 'a', h1 = (t[i + 1] | 0x20) - 'a';
        cut = (certain[len][h0] >> h1 & 1) || AlwaysBreakWord(text, i, j);
      }
      if (cut) {
        if (live || piece >= kMinDigits) s.live.push_back(static_cast<uint32_t>(s.cuts.size()));
        s.cuts.emplace_back(static_cast<uint32_t>(i), static_cast<uint32_t>(j));
        live = false;
        piece = 0;
      } else {
        piece += len;
      }
      i = j;
    } else {
      if (k == kDigitLike) ++piece;
      else if (k == kStop) {
        live |= piece >= kMinDigits;
        piece = 0;
      }
      ++i;
    }
  }
  if (live || piece >= kMinDigits) s.live.push_back(static_cast<uint32_t>(s.cuts.size()));
  return s;
}

namespace {

// The walk of LiveRanges; `masks_over(b, e)` gives the masked spans, holding
// at least every one that overlaps [b, e).
template <class MasksOver>
std::vector<std::pair<size_t, size_t>> Walk(const PhoneStretches& s, size_t text_size, MasksOver masks_over) {
  // A masked word is a break but resets nothing: no range starts there.
  auto touched = [&](const std::vector<std::pair<size_t, size_t>>& masked, size_t c) {
    const auto [b, e] = s.cuts[c];
    for (const auto& [mb, me] : masked)
      if (mb < e && me > b) return true;
    return false;
  };
  std::vector<std::pair<size_t, size_t>> out;
  for (const uint32_t k : s.live) {
    size_t c = k;  // the cut before stretch k is c - 1
    const size_t e = k < s.cuts.size() ? s.cuts[k].first : text_size;
    while (c > 0 && touched(masks_over(s.cuts[c - 1].first, e), c - 1)) --c;
    const size_t b = c == 0 ? 0 : s.cuts[c - 1].first;
    if (c == 0) masks_over(b, e);
    if (!out.empty() && out.back().second >= b) out.back().second = std::max(out.back().second, e);
    else out.emplace_back(b, e);
  }
  return out;
}

}  // namespace

std::vector<std::pair<size_t, size_t>> LiveRanges(const PhoneStretches& s, size_t text_size,
                                                  const std::vector<std::pair<size_t, size_t>>& masked) {
  return Walk(s, text_size, [&](size_t, size_t) -> const std::vector<std::pair<size_t, size_t>>& { return masked; });
}

std::vector<std::pair<size_t, size_t>> LiveRanges(const PhoneStretches& s, size_t text_size, MaskScan& masks) {
  return Walk(s, text_size, [&](size_t b, size_t e) -> const std::vector<std::pair<size_t, size_t>>& {
    masks.Cover(b, e);
    return masks.spans();
  });
}

}  // namespace adwatch::matcher_internal
