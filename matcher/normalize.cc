// Normalisation in two linear passes over the text, each carrying the
// origin of every byte: code points folded (ICU, cached per code point,
// ASCII without ICU), then word by word in place (spaced-out letters,
// leetspeak, repeated letters, number words). Number words live in
// number_words.cc.
#include "matcher/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "matcher/internal/ascii_runs.h"
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

// ---------------------------------------------------------------- byte classes

enum : uint8_t { kLetter = 1, kDigit = 2, kWord = 4, kSpacer = 8, kVowel = 16, kPlainAscii = 32 };

// One table look-up per byte instead of chains of comparisons.
struct ByteClasses {
  uint8_t c[256] = {};
  constexpr ByteClasses() {
    for (int b = 0; b < 256; ++b) {
      uint8_t k = 0;
      if (b >= 'a' && b <= 'z') k |= kLetter | kWord;
      if (b >= '0' && b <= '9') k |= kDigit | kWord;
      if (b >= 0x80) k |= kWord;
      if (b == ' ' || b == '.' || b == '-' || b == '_' || b == '*') k |= kSpacer;
      if (b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u') k |= kVowel;
      if (b < 0x80 && b != '&') k |= kPlainAscii;
      c[b] = k;
    }
  }
};
constexpr ByteClasses kClasses;
inline bool Is(char ch, uint8_t cls) { return (kClasses.c[static_cast<unsigned char>(ch)] & cls) != 0; }

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
    if (Is(in[i], kPlainAscii)) {  // ASCII fast path: the whole run at once, 8 bytes at a time
      const size_t j = matcher_internal::AsciiRunEnd(in, i + 1, '&');
      size_t at = out->t.size();
      out->t.resize(at + (j - i));
      out->o.resize(at + (j - i));
      matcher_internal::LowerAscii(in.data() + i, j - i, out->t.data() + at);
      uint32_t* org = out->o.data() + at;
      const size_t len = j - i;
      size_t k = 0;
#if defined(__SSE2__)
      // Eight at a time: two stores of four consecutive offsets.
      __m128i at4 = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(i)), _mm_setr_epi32(0, 1, 2, 3));
      for (const __m128i four = _mm_set1_epi32(4); k + 8 <= len; k += 8) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(org + k), at4);
        at4 = _mm_add_epi32(at4, four);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(org + k + 4), at4);
        at4 = _mm_add_epi32(at4, four);
      }
#endif
      for (uint32_t base = static_cast<uint32_t>(i + k); k + 4 <= len; k += 4, base += 4) {  // four at a time
        org[k] = base;
        org[k + 1] = base + 1;
        org[k + 2] = base + 2;
        org[k + 3] = base + 3;
      }
      for (; k < len; ++k) org[k] = static_cast<uint32_t>(i + k);
      i = j;
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

bool IsLetter(char c) { return Is(c, kLetter); }
bool IsDigit(char c) { return Is(c, kDigit); }
bool IsWordByte(char c) { return Is(c, kWord); }
bool IsVowel(char c) { return Is(c, kVowel); }
bool IsSpacer(char c) { return Is(c, kSpacer); }

// "s c h o o l", "s.c.h.o.o.l": three or more one-letter words with the same
// separator, starting at the one-letter word t[i]. Returns the index after
// the last letter, or i when there is no such run.
size_t SpacedRunEnd(std::string_view t, size_t i) {
  const size_t n = t.size();
  auto single = [&](size_t k) { return k < n && IsLetter(t[k]) && (k + 1 == n || !IsWordByte(t[k + 1])); };
  if (i + 2 >= n || !IsSpacer(t[i + 1])) return i;
  const char sep = t[i + 1];
  size_t k = i, letters = 1;
  bool consonant = !IsVowel(t[i]) && t[i] != 'y';
  while (k + 2 < n && t[k + 1] == sep && single(k + 2)) {
    k += 2;
    ++letters;
    consonant |= !IsVowel(t[k]) && t[k] != 'y';
  }
  // Vowels alone spell no word but are words: French "il y a à peine".
  return letters >= 3 && consonant ? k + 1 : i;
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

// In place: what a word or phrase becomes is never longer than it, so the
// result is written behind the read position and unchanged text is not
// moved until something before it has shrunk.
void WordPass(Out* io) {
  std::string& t = io->t;
  std::vector<uint32_t>& o = io->o;
  const size_t n = t.size();
  size_t w = 0;     // write position, <= read position
  size_t kept = 0;  // [kept, i) is unchanged text not yet moved to w
  auto keep_until = [&](size_t i) {
    if (w != kept) {
      std::memmove(&t[w], &t[kept], i - kept);
      std::memmove(&o[w], &o[kept], (i - kept) * sizeof(uint32_t));
    }
    w += i - kept;
    kept = i;
  };
  auto put = [&](const char* s, const uint32_t* org, size_t len) {  // after keep_until
    std::memmove(&t[w], s, len);
    std::memmove(&o[w], org, len * sizeof(uint32_t));
    w += len;
  };
  Out clean;  // scratch for a word with leetspeak or repeated letters
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());  // t is not resized in the loop
  // Where a byte repeats twice in a row ("jonggg"), found once for the text:
  // bytes are only written behind the read position, so those ahead of it
  // are as they were here.
  std::vector<uint32_t> triples;
  matcher_internal::TripleStarts(t, &triples);
  size_t next_triple = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    if (!IsWordByte(t[i])) {
      while (j < n && !(kClasses.c[bytes[j]] & kWord)) ++j;
      i = j;
      continue;
    }
    // The word's byte classes ORed (its lower-case letters, most of most
    // words, found eight bytes at a time), and whether a byte repeats twice
    // in a row.
    uint8_t classes = 0;
    j = matcher_internal::LowerLetterRunEnd(t, i);
    if (j > i) classes = kLetter | kWord;
    for (uint8_t k; j < n && ((k = kClasses.c[bytes[j]]) & kWord); ++j) classes |= k;
    while (next_triple < triples.size() && triples[next_triple] < i) ++next_triple;
    const bool triple = next_triple < triples.size() && triples[next_triple] + 2 < j;  // HasTripleByte(t, i, j)
    const bool letter = classes & kLetter, digit = classes & kDigit;
    matcher_internal::NumberMatch m;
    bool cleaned = false;
    size_t spaced_end = j == i + 1 && letter ? SpacedRunEnd(t, i) : i;
    if (spaced_end != i) {  // letters spaced out: the joined word
      clean.t.clear();
      clean.o.clear();
      for (size_t k = i; k < spaced_end; k += 2) clean.Put(t[k], o[k]);
      j = spaced_end;
      cleaned = true;
    } else if (triple && !digit &&
               matcher_internal::MaybeNumberWordHead(std::string_view(t.data() + i, j - i)) &&
               matcher_internal::MatchNumberWords(std::string_view(t.data() + i, j - i), t, j, &m)) {
      // a number word as written ("tweeentwintig" has "eee"): not collapsed
    } else if ((letter && digit) || triple) {
      clean.t.clear();
      clean.o.clear();
      CleanWord(*io, i, j, &clean);
      cleaned = clean.t.size() != j - i || clean.t.compare(0, j - i, t, i, j - i) != 0;
    }
    const char* src = cleaned ? clean.t.data() : t.data() + i;
    const uint32_t* org = cleaned ? clean.o.data() : o.data() + i;
    const size_t len = cleaned ? clean.t.size() : j - i;
    std::string_view word(src, len);
    // The head test inline: most words are no number word (see number_words.h).
    if (IsLetter(word[0]) && (m.end > 0 || (matcher_internal::MaybeNumberWordHead(word) &&
                                            matcher_internal::MatchNumberWords(word, t, j, &m)))) {
      char digits[2];
      uint32_t at[2] = {org[0], org[0]};
      size_t nd = 0;
      if (m.value >= 10) digits[nd++] = static_cast<char>('0' + m.value / 10);
      digits[nd++] = static_cast<char>('0' + m.value % 10);
      if (!cleaned) {  // the suffix ("jarige") moves with the digits: copy it out first
        clean.t.assign(src, len);
        clean.o.assign(org, org + len);
        src = clean.t.data();
        org = clean.o.data();
      }
      keep_until(i);
      put(digits, at, nd);
      put(src + (len - m.suffix), org + (len - m.suffix), m.suffix);
      i = kept = m.end;
      continue;
    }
    bool diminutive = word == "jaartje" || word == "jaartjes";  // "17 jaartjes" -> "17 jaar"
    if (cleaned || diminutive) {
      keep_until(i);
      put(src, org, diminutive ? 4 : len);
      kept = j;
    }
    i = j;
  }
  keep_until(n);
  t.resize(w);
  o.resize(w);
}

// Words a site's moderation stars out ("j*st 18", "w******t c****m", "s*ns
// pr*tection", "h*tel"): the words the indicator rules read, in the four
// languages. A starred word that fits exactly one of them (its letters in
// place, each run of stars one or more letters) is read as that word.
constexpr std::string_view kStarredWords[] = {
    "just", "new", "without", "condom", "condoms", "protection", "protected", "bareback", "hotel", "motel",
    "sweet", "cheap", "barely", "legal", "teen", "teens", "young", "school", "schoolgirl", "limits", "taboo",
    "taboos", "everything", "extreme", "zonder", "condoom", "bescherming", "goedkoop", "goedkope", "jong",
    "jonge", "tiener", "nieuw", "alles", "mogelijk", "ohne", "gummi", "schutz", "billig", "jung", "junge",
    "schulerin", "tabu", "tabus", "moglich", "sans", "capote", "preservatif", "nature", "jeune", "lycee",
    "lyceenne", "tabou", "tabous", "limite", "limites", "tout", "possible", "nouvelle", "anal", "anaal"};

// Whether `starred` (letters and '*', at least one of each) fits `word`: the
// letters in place, each run of stars one or more letters. A table over
// prefixes (both at most 16 bytes), so no input can make it branch
// exponentially ("a*a*a*a*…").
bool FitsStarred(std::string_view starred, std::string_view word) {
  constexpr size_t kMax = 17;
  if (starred.size() >= kMax || word.size() >= kMax) return false;
  // fit[i][j]: starred[0,i) fits word[0,j).
  bool fit[kMax][kMax] = {};
  fit[0][0] = true;
  for (size_t i = 1; i <= starred.size(); ++i)
    for (size_t j = 1; j <= word.size(); ++j) {
      if (starred[i - 1] != '*') {
        fit[i][j] = fit[i - 1][j - 1] && starred[i - 1] == word[j - 1];
      } else if (i >= 2 && starred[i - 2] == '*') {
        fit[i][j] = fit[i - 1][j];  // a later star of a run adds nothing of its own
      } else {
        fit[i][j] = fit[i - 1][j - 1] || fit[i][j - 1];  // the run's first star: one letter, or more
      }
    }
  return fit[starred.size()][word.size()];
}

void UnstarPass(Out* io) {
  if (io->t.find('*') == std::string::npos) return;
  const std::string& t = io->t;
  Out out;
  out.t.reserve(t.size());
  out.o.reserve(t.size());
  for (size_t i = 0; i < t.size();) {
    size_t j = i;
    bool star = false, letter = false;
    while (j < t.size() && (IsLetter(t[j]) || t[j] == '*')) {
      star |= t[j] == '*';
      letter |= IsLetter(t[j]);
      ++j;
    }
    if (j == i) {
      out.Put(t[i], io->o[i]);
      ++i;
      continue;
    }
    std::string_view token(t.data() + i, j - i);
    // One fit, or one of the token's own length (a star a letter, as most
    // moderators write them: "n*w" is "new", not "nieuw").
    std::string_view fit, same_length;
    int fits = 0, same = 0;
    if (star && letter && j - i >= 3 && j - i <= 16 && (j == t.size() || !IsWordByte(t[j])) &&
        (i == 0 || !IsWordByte(t[i - 1])))
      for (std::string_view w : kStarredWords)
        if (w.size() + 2 >= token.size() && FitsStarred(token, w)) {
          fit = w, ++fits;
          if (w.size() == token.size()) same_length = w, ++same;
        }
    if (fits > 1 && same == 1) fit = same_length, fits = 1;
    if (fits == 1) {
      for (size_t k = 0; k < fit.size(); ++k) out.Put(fit[k], io->o[i + std::min(k, token.size() - 1)]);
    } else {
      for (size_t k = i; k < j; ++k) out.Put(t[k], io->o[k]);
    }
    i = j;
  }
  *io = std::move(out);
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
  UnstarPass(&folded);
  WordPass(&folded);
  folded.o.push_back(static_cast<uint32_t>(original.size()));
  return {std::move(folded.t), std::move(folded.o)};
}

}  // namespace adwatch
