// Byte-run helpers for the matcher's scanners (internal): the common case of
// ad text is plain ASCII, handled eight bytes at a time. Each fast function
// has a simple byte-by-byte twin (…Simple) that the tests compare it with.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>  // x86-64 always has it: sixteen bytes a step where it pays
#endif

namespace adwatch::matcher_internal {

namespace ascii_detail {
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;
inline uint64_t Load8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
// Non-zero iff some byte of w is zero (exact for the "any" question).
inline uint64_t HasZeroByte(uint64_t w) { return (w - kOnes) & ~w & kHigh; }
}  // namespace ascii_detail

// The end of the run of ASCII bytes (< 0x80) other than `stop` that starts
// at s[i]: the first j >= i with s[j] >= 0x80 or s[j] == stop, or s.size().
inline size_t AsciiRunEndSimple(std::string_view s, size_t i, char stop) {
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80 && s[i] != stop) ++i;
  return i;
}
inline size_t AsciiRunEnd(std::string_view s, size_t i, char stop) {
  using namespace ascii_detail;
#if defined(__SSE2__)
  // A byte's high bit is set when it is >= 0x80 or (compared) the stop: the first such ends the run.
  const __m128i stop16 = _mm_set1_epi8(stop);
  while (i + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, stop16))));
    if (m != 0) return i + static_cast<size_t>(std::countr_zero(m));
    i += 16;
  }
#endif
  const uint64_t stops = kOnes * static_cast<unsigned char>(stop);
  while (i + 8 <= s.size()) {
    uint64_t w = Load8(s.data() + i);
    if ((w & kHigh) || HasZeroByte(w ^ stops)) break;  // the run ends in these 8 bytes
    i += 8;
  }
  return AsciiRunEndSimple(s, i, stop);
}

// out[k] = in[k] with A-Z lowered, for n ASCII bytes (< 0x80; others are
// copied as they are by the simple twin, and undefined here).
inline void LowerAsciiSimple(const char* in, size_t n, char* out) {
  for (size_t k = 0; k < n; ++k) {
    unsigned char c = static_cast<unsigned char>(in[k]);
    out[k] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
}
inline void LowerAscii(const char* in, size_t n, char* out) {
  using namespace ascii_detail;
  size_t k = 0;
#if defined(__SSE2__)
  // Signed byte compares are exact below 0x80: 0x20 added where 'A' <= c <= 'Z'.
  for (; k + 16 <= n; k += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + k));
    const __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + k), _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20))));
  }
#endif
  for (; k + 8 <= n; k += 8) {
    uint64_t w = Load8(in + k);
    // Per byte (all < 0x80, so no carries): high bit of a set iff c >= 'A',
    // of z set iff c > 'Z'; upper case where they differ.
    uint64_t a = w + kOnes * (0x80 - 'A'), z = w + kOnes * (0x80 - 'Z' - 1);
    uint64_t upper = (a ^ z) & kHigh;
    w |= upper >> 2;  // 0x80 >> 2 == 0x20
    std::memcpy(out + k, &w, 8);
  }
  LowerAsciiSimple(in + k, n - k, out + k);
}

// The first j >= i with s[j] a digit 1-9 (where a number that may be an age
// starts), or s.size(). Ads are mostly letters: eight bytes are tested at
// once, exactly (per byte, no carries: the low seven bits below ':' and
// above '0', and the high bit clear).
inline size_t NextDigit1To9Simple(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] < '1' || s[i] > '9')) ++i;
  return i;
}
inline size_t NextDigit1To9(std::string_view s, size_t i) {
  using namespace ascii_detail;
#if defined(__SSE2__)
  // Signed compares: bytes >= 0x80 are negative, below '1'.
  while (i + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0')), _mm_cmplt_epi8(v, _mm_set1_epi8(':')));
    if (const unsigned m = static_cast<unsigned>(_mm_movemask_epi8(digit))) return i + static_cast<size_t>(std::countr_zero(m));
    i += 16;
  }
#endif
  while (i + 8 <= s.size()) {
    const uint64_t w = Load8(s.data() + i), low = w & (kOnes * 0x7F);
    const uint64_t below = kOnes * (127 + ':') - low;  // high bit set iff low < ':'
    const uint64_t above = low + kOnes * (127 - '0');  // high bit set iff low > '0'
    if (below & above & ~w & kHigh) break;             // one of these 8 bytes is 1-9
    i += 8;
  }
  return NextDigit1To9Simple(s, i);
}

// The end of the run of ASCII letters (A-Z, a-z) from s[i]: the first j >= i
// with s[j] no such letter, or s.size(). Most words end within eight bytes,
// found at once (per byte, no carries: the low seven bits folded to lower
// case within 'a'..'z', the high bit clear). Word scanners call it before
// their own byte loop, which then takes the bytes their words also have.
inline size_t AsciiLetterRunEndSimple(std::string_view s, size_t i) {
  while (i < s.size() && static_cast<unsigned char>((s[i] | 0x20) - 'a') < 26) ++i;
  return i;
}
inline size_t AsciiLetterRunEnd(std::string_view s, size_t i) {
  using namespace ascii_detail;
#if defined(__SSE2__)
  // Folded to lower case by OR 0x20 (which makes no other byte below 0x80 a
  // letter); signed compares leave bytes >= 0x80 out.
  while (i + 16 <= s.size()) {
    const __m128i x = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)), _mm_set1_epi8(0x20));
    const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
    if (const unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(letters)) & 0xFFFFu)
      return i + static_cast<size_t>(std::countr_zero(other));
    i += 16;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    while (i + 8 <= s.size()) {
      const uint64_t w = Load8(s.data() + i), x = (w & (kOnes * 0x7F)) | (kOnes * 0x20);
      const uint64_t letters = (x + kOnes * (0x80 - 'a')) & ~(x + kOnes * (0x80 - 'z' - 1)) & ~w & kHigh;
      if (const uint64_t other = ~letters & kHigh) return i + (std::countr_zero(other) >> 3);
      i += 8;
    }
  }
  return AsciiLetterRunEndSimple(s, i);
}

// The end of the run of ASCII letters and digits from s[i] (the words of
// Gazetteer::FindInText's fast path): the first j >= i with s[j] neither, or
// s.size(). Sixteen bytes a step with SSE2.
inline size_t AsciiAlnumRunEndSimple(std::string_view s, size_t i) {
  while (i < s.size() && (static_cast<unsigned char>((s[i] | 0x20) - 'a') < 26 || (s[i] >= '0' && s[i] <= '9'))) ++i;
  return i;
}
inline size_t AsciiAlnumRunEnd(std::string_view s, size_t i) {
#if defined(__SSE2__)
  while (i + 16 <= s.size()) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
    const __m128i x = _mm_or_si128(v, _mm_set1_epi8(0x20));  // as AsciiLetterRunEnd
    const __m128i letters = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
    const __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    if (const unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letters, digits))) & 0xFFFFu)
      return i + static_cast<size_t>(std::countr_zero(other));
    i += 16;
  }
#endif
  return AsciiAlnumRunEndSimple(s, i);
}

// The end of the run of lower-case ASCII letters (a-z) from s[i], as
// AsciiLetterRunEnd (for normalised text, where A-Z ends a word).
inline size_t LowerLetterRunEndSimple(std::string_view s, size_t i) {
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  return i;
}
inline size_t LowerLetterRunEnd(std::string_view s, size_t i) {
  using namespace ascii_detail;
  // (Sixteen bytes a step with SSE2, as AsciiLetterRunEnd, cost Normalize's
  // word pass 1.7k instructions an ad more: its words are short.)
  if constexpr (std::endian::native == std::endian::little) {
    while (i + 8 <= s.size()) {
      const uint64_t w = Load8(s.data() + i);
      const uint64_t letters = (w + kOnes * (0x80 - 'a')) & ~(w + kOnes * (0x80 - 'z' - 1)) & ~w & kHigh;
      if (const uint64_t other = ~letters & kHigh) return i + (std::countr_zero(other) >> 3);
      i += 8;
    }
  }
  return LowerLetterRunEndSimple(s, i);
}

// Whether some byte of s[b, e) repeats twice in a row ("jonggg"), eight
// starting positions at a time: a zero byte of (x ^ y) | (x ^ z), with y and
// z the same bytes one and two further on. The zero test is exact for "any"
// (a false flag only ever sits above a true one), and positions whose three
// bytes do not all lie in [b, e) are masked off first.
inline bool HasTripleByteSimple(std::string_view s, size_t b, size_t e) {
  for (size_t k = b + 2; k < e; ++k)
    if (s[k] == s[k - 1] && s[k] == s[k - 2]) return true;
  return false;
}
inline bool HasTripleByte(std::string_view s, size_t b, size_t e) {
  using namespace ascii_detail;
  if constexpr (std::endian::native == std::endian::little) {
    size_t k = b;
    for (; k + 2 < e && k + 10 <= s.size(); k += 8) {
      const uint64_t x = Load8(s.data() + k), d = (x ^ Load8(s.data() + k + 1)) | (x ^ Load8(s.data() + k + 2));
      const size_t starts = std::min<size_t>(8, e - 2 - k);  // triples that end before e
      const uint64_t keep = starts == 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * starts)) - 1;
      if (HasZeroByte(d | ~keep)) return true;
    }
    return k + 2 < e && HasTripleByteSimple(s, k, e);
  }
  return HasTripleByteSimple(s, b, e);
}

// Every p with s[p] == s[p + 1] == s[p + 2], in order, appended to *out: a
// word's pass asks for triples within each word, and a text has few
// ("jonggg", "1000"), found sixteen starting positions at a time. Then
// HasTripleByte(s, b, e) is whether some p in [b, e - 2) is among them.
inline void TripleStartsSimple(std::string_view s, std::vector<uint32_t>* out) {
  for (size_t p = 0; p + 2 < s.size(); ++p)
    if (s[p] == s[p + 1] && s[p] == s[p + 2]) out->push_back(static_cast<uint32_t>(p));
}
inline void TripleStarts(std::string_view s, std::vector<uint32_t>* out) {
  size_t p = 0;
#if defined(__SSE2__)
  for (; p + 18 <= s.size(); p += 16) {
    const auto* at = reinterpret_cast<const __m128i*>(s.data() + p);
    const __m128i x = _mm_loadu_si128(at);
    const __m128i same = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + p + 1))),
                                       _mm_cmpeq_epi8(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + p + 2))));
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(same)); m != 0; m &= m - 1)
      out->push_back(static_cast<uint32_t>(p + std::countr_zero(m)));
  }
#endif
  for (; p + 2 < s.size(); ++p)
    if (s[p] == s[p + 1] && s[p] == s[p + 2]) out->push_back(static_cast<uint32_t>(p));
}

}  // namespace adwatch::matcher_internal
