// Normalisation in three linear passes over the text, each carrying the
// origin of every byte: code points folded (ICU, cached per code point,
// ASCII without ICU), spaced-out letters joined, then word by word
// (leetspeak, repeated letters, number words). Number words live in
// number_words.cc.
#include "matcher/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>

#include "matcher/internal/number_words.h"
#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

using matcher_internal::AppendUtf8;

struct Out {
  std::string t;
  std::vector<uint32_t> o;
  void Put(char c, uint32_t at) {
    t.push_back(c);
    o.push_back(at);
  }
  void Put(std::string_view s, uint32_t at) {
    for (char c : s) Put(c, at);
  }
};

// ---------------------------------------------------------------- code points

// Cyrillic and Greek letters that pass for Latin ones, upper and lower case
// (looked up before case folding: Greek "Η" looks like H, "η" like n).
char HomoglyphOf(char32_t cp) {
  static const std::pair<char32_t, char> kTable[] = {
      {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'}, {0x0399, 'i'}, {0x039A, 'k'},
      {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'}, {0x03A1, 'p'}, {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'},
      {0x03B1, 'a'}, {0x03B2, 'b'}, {0x03B5, 'e'}, {0x03B7, 'n'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03BD, 'v'},
      {0x03BF, 'o'}, {0x03C1, 'p'}, {0x03C4, 't'}, {0x03C5, 'u'}, {0x03C7, 'x'}, {0x03C9, 'w'}, {0x03F2, 'c'},
      {0x0405, 's'}, {0x0406, 'i'}, {0x0407, 'i'}, {0x0408, 'j'}, {0x0410, 'a'}, {0x0412, 'b'}, {0x0415, 'e'},
      {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'}, {0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'},
      {0x0423, 'y'}, {0x0425, 'x'}, {0x042C, 'b'}, {0x0430, 'a'}, {0x0432, 'b'}, {0x0435, 'e'}, {0x043A, 'k'},
      {0x043C, 'm'}, {0x043D, 'h'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'}, {0x0442, 't'}, {0x0443, 'y'},
      {0x0445, 'x'}, {0x044C, 'b'}, {0x0451, 'e'}, {0x0401, 'e'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0457, 'i'},
      {0x0458, 'j'}, {0x04AE, 'y'}, {0x04AF, 'y'}, {0x04BA, 'h'}, {0x04BB, 'h'}, {0x0500, 'd'}, {0x0501, 'd'},
      {0x051A, 'q'}, {0x051B, 'q'}, {0x051C, 'w'}, {0x051D, 'w'}};
  for (const auto& [c, l] : kTable)
    if (c == cp) return l;
  return 0;
}

// Letters NFD does not split and punctuation people type in many shapes.
std::string_view SpecialFold(char32_t cp) {
  switch (cp) {
    case 0xC6: case 0xE6: return "ae";
    case 0x152: case 0x153: return "oe";
    case 0xD8: case 0xF8: return "o";
    case 0x141: case 0x142: return "l";
    case 0x110: case 0x111: return "d";
    case 0x131: return "i";
    case 0xDE: case 0xFE: return "th";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0xB4: case 0x60: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0xAB: case 0xBB: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return "-";
    default: return {};
  }
}

std::string FoldCodePoint(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
    return out;
  }
  if (char h = HomoglyphOf(cp)) return std::string(1, h);
  if (auto s = SpecialFold(cp); !s.empty()) return std::string(s);
  if (cp == 0xFFFD) {
    AppendUtf8(cp, &out);
    return out;
  }
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(st);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_FAILURE(st)) {
    AppendUtf8(cp, &out);
    return out;
  }
  icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString(static_cast<UChar32>(cp)), st);
  icu::UnicodeString decomposed = nfd->normalize(folded, st);
  if (U_FAILURE(st)) {
    AppendUtf8(cp, &out);
    return out;
  }
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;  // diacritics
    char32_t u = static_cast<char32_t>(c);
    if (char h = HomoglyphOf(u)) out.push_back(h);
    else if (auto s = SpecialFold(u); !s.empty()) out.append(s);
    else AppendUtf8(u, &out);
  }
  return out;
}

// Per thread, so matching from many threads needs no lock; bounded.
const std::string& CachedFold(char32_t cp) {
  thread_local std::unordered_map<char32_t, std::string> cache;
  auto it = cache.find(cp);
  if (it != cache.end()) return it->second;
  if (cache.size() > 50000) cache.clear();
  return cache.emplace(cp, FoldCodePoint(cp)).first->second;
}

void FoldPass(std::string_view in, Out* out) {
  out->t.reserve(in.size() + 16);
  out->o.reserve(in.size() + 17);
  for (size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80 && c != '&') {  // ASCII fast path
      out->Put(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c), static_cast<uint32_t>(i));
      ++i;
      continue;
    }
    size_t len = 1;
    char32_t cp = 0;
    if (c == '&') {
      cp = matcher_internal::DecodeEntityAt(in, i, &len);
      if (cp == 0) {
        out->Put('&', static_cast<uint32_t>(i));
        ++i;
        continue;
      }
    } else {
      cp = matcher_internal::DecodeUtf8(in, i, &len);
    }
    out->Put(CachedFold(cp), static_cast<uint32_t>(i));
    i += len;
  }
}

// ---------------------------------------------------------------- words

bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordByte(char c) { return IsLetter(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0x80; }
bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsSpacer(char c) { return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*'; }

// "s c h o o l", "s.c.h.o.o.l": three or more single letters, one separator.
void JoinSpacedLetters(Out* io) {
  const std::string& t = io->t;
  const size_t n = t.size();
  auto single = [&](size_t k) {  // a one-letter word at k
    return k < n && IsLetter(t[k]) && (k == 0 || !IsWordByte(t[k - 1])) && (k + 1 == n || !IsWordByte(t[k + 1]));
  };
  auto run_end = [&](size_t i) {  // index of the last letter of the run starting at i, or i
    if (!single(i) || i + 2 >= n || !IsSpacer(t[i + 1])) return i;
    char sep = t[i + 1];
    size_t k = i, letters = 1;
    while (k + 2 < n && t[k + 1] == sep && single(k + 2)) {
      k += 2;
      ++letters;
    }
    return letters >= 3 ? k : i;
  };
  size_t first = 0;
  while (first < n && run_end(first) == first) ++first;
  if (first == n) return;  // nothing spaced out: no copy
  Out out;
  out.t.reserve(n);
  out.o.reserve(n + 1);
  for (size_t i = 0; i < n;) {
    size_t e = i < first ? i : run_end(i);
    if (e == i) {
      out.Put(t[i], io->o[i]);
      ++i;
      continue;
    }
    for (size_t k = i; k <= e; k += 2) out.Put(t[k], io->o[k]);
    i = e + 1;
  }
  *io = std::move(out);
}

char LeetLetter(char d) {
  switch (d) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '8': return 'b';
    default: return 0;
  }
}

// Appends word t[b,e) to *w with leetspeak undone (a digit run between two
// letters, every digit mappable) and runs of 3+ equal letters collapsed.
void CleanWord(const Out& in, size_t b, size_t e, Out* w) {
  const std::string& t = in.t;
  for (size_t k = b; k < e;) {
    char c = t[k];
    if (IsDigit(c) && k > b && IsLetter(t[k - 1])) {
      size_t r = k;
      while (r < e && IsDigit(t[r])) ++r;
      bool between = r < e && IsLetter(t[r]);
      for (size_t q = k; between && q < r; ++q) between = LeetLetter(t[q]) != 0;
      for (size_t q = k; q < r; ++q) w->Put(between ? LeetLetter(t[q]) : t[q], in.o[q]);
      k = r;
      continue;
    }
    w->Put(c, in.o[k]);
    ++k;
  }
  // Collapse "jongggg" -> "jong", "heeeel" -> "heel" (not "www").
  std::string& s = w->t;
  if (s == "www") return;
  size_t keep = 0;
  for (size_t k = 0; k < s.size();) {
    size_t r = k;
    while (r < s.size() && s[r] == s[k]) ++r;
    size_t len = r - k;
    if (len >= 3 && IsLetter(s[k])) len = IsVowel(s[k]) ? 2 : 1;
    for (size_t q = 0; q < len; ++q) {
      s[keep] = s[k + q];
      w->o[keep] = w->o[k + q];
      ++keep;
    }
    k = r;
  }
  s.resize(keep);
  w->o.resize(keep);
}

bool NeedsCleaning(std::string_view w) {
  bool letter = false, digit = false;
  for (size_t k = 0; k < w.size(); ++k) {
    letter |= IsLetter(w[k]);
    digit |= IsDigit(w[k]);
    if (k >= 2 && w[k] == w[k - 1] && w[k] == w[k - 2]) return true;
  }
  return letter && digit;
}

void WordPass(const Out& in, Out* out) {
  const std::string& t = in.t;
  const size_t n = t.size();
  out->t.reserve(n);
  out->o.reserve(n + 1);
  Out w;  // scratch for one cleaned word
  for (size_t i = 0; i < n;) {
    if (!IsWordByte(t[i])) {
      out->Put(t[i], in.o[i]);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && IsWordByte(t[j])) ++j;
    std::string_view word(t.data() + i, j - i);
    const Out* src = &in;
    size_t b = i, e = j;
    if (NeedsCleaning(word)) {
      w.t.clear();
      w.o.clear();
      CleanWord(in, i, j, &w);
      word = w.t;
      src = &w;
      b = 0;
      e = w.t.size();
    }
    matcher_internal::NumberMatch m;
    if (IsLetter(word[0]) && matcher_internal::MatchNumberWords(word, t, j, &m)) {
      out->Put(std::to_string(m.value), src->o[b]);
      for (size_t k = e - m.suffix; k < e; ++k) out->Put(src->t[k], src->o[k]);
      i = m.end;
      continue;
    }
    if (word == "jaartje" || word == "jaartjes") e = b + 4;  // diminutive: "17 jaartjes"
    for (size_t k = b; k < e; ++k) out->Put(src->t[k], src->o[k]);
    i = j;
  }
}

}  // namespace

std::pair<size_t, size_t> NormalizedText::ToOriginal(size_t b, size_t e) const {
  const size_t n = text.size();
  b = std::min(b, n);
  e = std::min(std::max(e, b), n);
  size_t ob = origin[b];
  if (e == b) return {ob, ob};
  // The end is where the character after the last matched one starts; when
  // that one came from the same original character, move past it.
  size_t k = e;
  while (k < n && origin[k] == origin[e - 1]) ++k;
  return {ob, origin[k]};
}

NormalizedText Normalize(std::string_view original) {
  Out folded;
  FoldPass(original, &folded);
  JoinSpacedLetters(&folded);
  Out words;
  WordPass(folded, &words);
  words.o.push_back(static_cast<uint32_t>(original.size()));
  return {std::move(words.t), std::move(words.o)};
}

}  // namespace adwatch
