// De-obfuscating tokenizer for phone numbers: turns "nul zes - 1 2 ~ 3O"
// into digit groups and separators, remembering what was disguised.
#include <algorithm>
#include <array>
#include <string_view>

#include "matcher/internal/phone_tokens.h"
#include "matcher/internal/text_util.h"

namespace adwatch::matcher_internal {
namespace {

struct WordEntry {
  std::string_view word;
  int value;
};

constexpr WordEntry kWords[] = {

      // Dutch
      {"nul", 0}, {"een", 1}, {"twee", 2}, {"drie", 3}, {"vier", 4}, {"vijf", 5}, {"zes", 6},
      {"zeven", 7}, {"acht", 8}, {"negen", 9}, {"tien", 10}, {"elf", 11}, {"twaalf", 12},
      {"dertien", 13}, {"veertien", 14}, {"vijftien", 15}, {"zestien", 16}, {"zeventien", 17},
      {"achttien", 18}, {"negentien", 19}, {"twintig", 20}, {"dertig", 30}, {"veertig", 40},
      {"vijftig", 50}, {"zestig", 60}, {"zeventig", 70}, {"tachtig", 80}, {"negentig", 90},
      // English
      {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
      {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
      {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
      // German (folded: ü → u, ö → o, ß → ss; also the ue/oe spellings)
      {"null", 0}, {"eins", 1}, {"ein", 1}, {"zwei", 2}, {"zwo", 2}, {"drei", 3},
      {"funf", 5}, {"fuenf", 5}, {"sechs", 6}, {"sieben", 7}, {"neun", 9}, {"zehn", 10},
      {"zwolf", 12}, {"zwoelf", 12}, {"dreizehn", 13}, {"vierzehn", 14}, {"funfzehn", 15},
      {"fuenfzehn", 15}, {"sechzehn", 16}, {"siebzehn", 17}, {"achtzehn", 18}, {"neunzehn", 19},
      {"zwanzig", 20}, {"dreissig", 30}, {"vierzig", 40}, {"funfzig", 50}, {"fuenfzig", 50},
      {"sechzig", 60}, {"siebzig", 70}, {"achtzig", 80}, {"neunzig", 90},
      // French (folded: é → e); 70–99 are compounds ("soixante-dix", "quatre-vingt-neuf")
      {"un", 1}, {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5}, {"sept", 7}, {"huit", 8},
      {"neuf", 9}, {"dix", 10}, {"onze", 11}, {"douze", 12}, {"treize", 13}, {"quatorze", 14},
      {"quinze", 15}, {"seize", 16}, {"vingt", 20}, {"vingts", 20}, {"trente", 30},
      {"quarante", 40}, {"cinquante", 50}, {"soixante", 60},
      // Belgian and Swiss French tens
      {"septante", 70}, {"huitante", 80}, {"octante", 80}, {"nonante", 90}};

// kWords by first letter and length: a look-up compares a word or two, with
// no hashing (the tokenizer looks up most words of every ad).
struct WordTable {
  static constexpr size_t kMaxLen = 12;
  std::array<std::array<std::array<const WordEntry*, 8>, kMaxLen + 1>, 26> at{};
  WordTable() {
    for (const auto& e : kWords) {
      auto& bucket = at[e.word[0] - 'a'][e.word.size()];
      for (auto& slot : bucket)
        if (!slot) { slot = &e; break; }
    }
  }
};

// The value of a single number word ("zes" → 6, "twaalf" → 12), or -1.
int WordValue(std::string_view w) {
  static const WordTable table;
  if (w.size() < 2 || w.size() > WordTable::kMaxLen || w[0] < 'a' || w[0] > 'z') return -1;
  for (const WordEntry* e : table.at[w[0] - 'a'][w.size()]) {
    if (!e) break;  // a bucket is filled from the front
    // The same length and first letter: the rest byte by byte, inline (a
    // call to memcmp per entry was most of the cost).
    size_t k = 1;
    while (k < w.size() && e->word[k] == w[k]) ++k;
    if (k == w.size()) return e->value;
  }
  return -1;
}

// What a number word leaves open for the next word to complete; `digits`:
// what it stands for. Only tens, "dix" and "quatre" leave anything open, so
// the others are not looked up.
PhoneUnit::Open OpenAfter(std::string_view w, std::string_view digits) {
  if (digits != "4" && digits != "10" && !(digits.size() == 2 && digits[1] == '0' && digits[0] >= '2'))
    return PhoneUnit::kClosed;
  static constexpr std::pair<std::string_view, PhoneUnit::Open> kOpen[] = {
      {"twenty", PhoneUnit::kTens},   {"thirty", PhoneUnit::kTens},  {"forty", PhoneUnit::kTens},
      {"fifty", PhoneUnit::kTens},    {"sixty", PhoneUnit::kTens},   {"seventy", PhoneUnit::kTens},
      {"eighty", PhoneUnit::kTens},   {"ninety", PhoneUnit::kTens},  {"vingt", PhoneUnit::kTens},
      {"trente", PhoneUnit::kTens},   {"quarante", PhoneUnit::kTens}, {"cinquante", PhoneUnit::kTens},
      {"septante", PhoneUnit::kTens}, {"huitante", PhoneUnit::kTens}, {"octante", PhoneUnit::kTens},
      {"nonante", PhoneUnit::kTens},
      {"soixante", PhoneUnit::kTensFr}, {"dix", PhoneUnit::kTeen},   {"quatre", PhoneUnit::kQuatre}};
  for (const auto& [word, open] : kOpen)
    if (word == w) return open;
  return PhoneUnit::kClosed;
}

// Joins a number word to an open one before it: "twenty" "one" → 21,
// "soixante" "dix" → 70 (still open for "sept" → 77), "quatre" "vingt" → 80,
// "dix" "neuf" → 19. Returns false if they do not form one number.
bool JoinWords(PhoneUnit* prev, int value, std::string_view word) {
  int pv = std::stoi(prev->digits);
  int merged = -1;
  PhoneUnit::Open open = PhoneUnit::kClosed;
  switch (prev->open) {
    case PhoneUnit::kTens:
      if (value >= 1 && value <= 9) merged = pv + value;
      break;
    case PhoneUnit::kTensFr:  // 60 or 80: takes 1–19
      if (value >= 1 && value <= 19) merged = pv + value;
      if (value == 10) open = PhoneUnit::kTeen;
      break;
    case PhoneUnit::kTeen:  // dix, soixante-dix, quatre-vingt-dix: takes 7–9
      if (value >= 7 && value <= 9) merged = pv + value;
      break;
    case PhoneUnit::kQuatre:
      if (word == "vingt" || word == "vingts") { merged = 80; open = PhoneUnit::kTensFr; }
      break;
    case PhoneUnit::kClosed:
      break;
  }
  if (merged < 0) return false;
  prev->digits = std::to_string(merged);
  prev->open = open;
  return true;
}

// Digit value of a disguised digit code point, or -1.
int SpecialDigit(char32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) return cp - 0xFF10;               // full-width
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return (cp - 0x1D7CE) % 10;     // mathematical
  if (cp >= 0x2460 && cp <= 0x2468) return cp - 0x2460 + 1;           // ①
  if (cp == 0x24EA || cp == 0x24FF) return 0;                         // ⓪ ⓿
  if (cp >= 0x2776 && cp <= 0x277E) return cp - 0x2776 + 1;           // ❶
  if (cp >= 0x2780 && cp <= 0x2788) return cp - 0x2780 + 1;           // ➀
  if (cp >= 0x278A && cp <= 0x2792) return cp - 0x278A + 1;           // ➊
  return -1;
}

bool IsSeparator(char32_t cp) {
  if (cp < 0x80) {  // the same as the switch below, as bits (most calls are for spaces)
    constexpr uint64_t kLow = 1ULL << ' ' | 1ULL << '\t' | 1ULL << '.' | 1ULL << '-' | 1ULL << '/' | 1ULL << '*' |
                              1ULL << '(' | 1ULL << ')' | 1ULL << ',';
    constexpr uint64_t kHigh = 1ULL << ('~' - 64) | 1ULL << ('[' - 64) | 1ULL << (']' - 64) | 1ULL << ('_' - 64) |
                               1ULL << ('|' - 64);
    return cp < 64 ? (kLow >> cp & 1) != 0 : (kHigh >> (cp - 64) & 1) != 0;
  }
  switch (cp) {
    case ' ': case '\t': case '.': case '-': case '/': case '*': case '~': case '(': case ')':
    case '[': case ']': case '_': case '|': case ',': case 0xA0: case 0x2009: case 0x202F: case 0x2010:
    case 0x2012: case 0x2013: case 0x2014: case 0x2022: case 0xB7: case 0x2212: case 0x3000:
    case 0xFF0D: case 0xFF08: case 0xFF09: case 0xFE0F: case 0x200B:
      return true;
    default:
      return false;
  }
}

}  // namespace

// Cheap pre-check before the table look-up: the first two letters of some number word.
// Per first letter, a bit per second letter (built at compile time).
constexpr std::array<uint32_t, 26> kNumberWordHeads = [] {
  std::array<uint32_t, 26> t{};
  for (const auto& e : kWords)
    if (e.word.size() >= 2 && e.word[0] >= 'a' && e.word[0] <= 'z' && e.word[1] >= 'a' && e.word[1] <= 'z')
      t[e.word[0] - 'a'] |= uint32_t{1} << (e.word[1] - 'a');
  return t;
}();
static inline bool MaybeNumberWord(std::string_view w) {
  if (w.size() < 2) return false;
  const unsigned a = static_cast<unsigned char>(w[0]) - 'a', b = static_cast<unsigned char>(w[1]) - 'a';
  return a < 26 && b < 26 && (kNumberWordHeads[a] >> b & 1);
}

// The same per length (every word of kWords is at most WordTable::kMaxLen
// letters long).
constexpr std::array<std::array<uint32_t, 26>, WordTable::kMaxLen + 1> kNumberWordHeadsByLength = [] {
  std::array<std::array<uint32_t, 26>, WordTable::kMaxLen + 1> t{};
  for (const auto& e : kWords)
    if (e.word.size() >= 2 && e.word.size() <= WordTable::kMaxLen && e.word[0] >= 'a' && e.word[0] <= 'z' &&
        e.word[1] >= 'a' && e.word[1] <= 'z')
      t[e.word.size()][e.word[0] - 'a'] |= uint32_t{1} << (e.word[1] - 'a');
  return t;
}();

// NumberWordDigits as a number: -1 if `w` is no number word.
static int NumberWordValue(std::string_view w) {
  if (w.size() < 2 || w.size() > 20 || !MaybeNumberWord(w)) return -1;
  if (int v = WordValue(w); v >= 0) return v;
  // English tens and unit written as one word: "fiftyone", "twentyfour".
  // (Seven letters at least: "ty" at 3-5 and a unit of two letters or more.)
  if (size_t ty = w.size() >= 7 ? w.find("ty") : std::string_view::npos; ty != std::string_view::npos && ty >= 3 && ty <= 5) {
    int t = WordValue(w.substr(0, ty + 2)), u = WordValue(w.substr(ty + 2));
    if (t >= 20 && t % 10 == 0 && u >= 1 && u <= 9) return t + u;
  }
  // Every other compound ends in a tens word ("…tig", "…zig", "…ssig").
  if (w.size() < 9 || w.substr(w.size() - 2) != "ig") return -1;
  // Compounds: Dutch "vierendertig" (unit + en + tens), German "sechsundfunfzig".
  for (std::string_view joiner : {std::string_view("und"), std::string_view("en")}) {
    for (size_t p = w.find(joiner, 2); p != std::string_view::npos; p = w.find(joiner, p + 1)) {
      int u = WordValue(w.substr(0, p)), t = WordValue(w.substr(p + joiner.size()));
      if (u >= 1 && u <= 9 && t >= 20 && t % 10 == 0) return t + u;
    }
  }
  return -1;
}

std::string NumberWordDigits(std::string_view w) {
  int v = NumberWordValue(w);
  return v < 0 ? std::string() : std::to_string(v);
}

// The digits of a token that mixes digits and number words ("1nine" →
// "19"); empty unless every run of letters in it is a number word.
static std::string MixedDigits(std::string_view token) {
  std::string out, word;
  bool tens_open = false;  // the last thing was a tens word ("fifty"): one digit completes it
  auto flush_word = [&] {
    if (word.empty()) return true;
    std::string d = NumberWordDigits(word);
    word.clear();
    out += d;
    tens_open = d.size() == 2 && d[1] == '0' && d[0] >= '2';
    return !d.empty();
  };
  for (size_t i = 0; i < token.size();) {
    size_t len;
    char32_t cp = DecodeUtf8(token, i, &len);
    i += len;
    int sd = SpecialDigit(cp);
    if ((cp >= '0' && cp <= '9') || sd >= 0) {
      if (!flush_word()) return "";
      char digit = static_cast<char>(sd >= 0 ? '0' + sd : static_cast<int>(cp));
      // "fifty1" is 51, "twenty4" 24; "fifty12" stays 5012.
      bool single = i >= token.size() || token[i] < '0' || token[i] > '9';
      if (tens_open && digit != '0' && single) out.back() = digit;
      else out.push_back(digit);
      tens_open = false;
    } else if (cp != 0x20E3 && cp != 0xFE0F && !FoldLetter(cp, &word)) {
      return "";
    }
  }
  return flush_word() ? out : "";
}

static bool IsAsciiAlpha(char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }
static bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// A letter standing alone: "n" in "n u l".
static bool LoneLetterAt(std::string_view text, size_t p) {
  return p < text.size() && IsAsciiAlpha(text[p]) && (p == 0 || !IsAsciiAlpha(text[p - 1])) &&
         (p + 1 == text.size() || (!IsAsciiAlpha(text[p + 1]) && !IsAsciiDigit(text[p + 1]) &&
                                   static_cast<unsigned char>(text[p + 1]) < 0x80));
}

// Number words spelled with spaced letters, "n u l z e s" or "t w o": the
// letters from `begin` one space apart, split into number words (the fewest
// words). Returns each word's digits and its byte range; empty if the
// letters are not all number words or fewer than three.
struct SpelledWord { std::string digits; size_t begin, end; };
static std::vector<SpelledWord> SpelledNumberWords(std::string_view text, size_t begin, size_t* end) {
  std::string letters;
  std::vector<size_t> at;
  size_t p = begin;
  while (LoneLetterAt(text, p) && letters.size() < 40) {
    letters.push_back(static_cast<char>(text[p] | 0x20));
    at.push_back(p);
    if (p + 2 < text.size() && text[p + 1] == ' ' && LoneLetterAt(text, p + 2)) p += 2;
    else break;
  }
  *end = at.empty() ? begin : at.back() + 1;
  if (letters.size() < 3) return {};
  // best[i]: fewest words covering letters[0, i); from[i]: where the last one starts.
  const size_t n = letters.size();
  std::vector<int> best(n + 1, 1 << 20);
  std::vector<size_t> from(n + 1, 0);
  best[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= (1 << 20)) continue;
    for (size_t len = 2; len <= 12 && i + len <= n; ++len) {
      if (best[i] + 1 < best[i + len] && !NumberWordDigits(std::string_view(letters).substr(i, len)).empty()) {
        best[i + len] = best[i] + 1;
        from[i + len] = i;
      }
    }
  }
  if (best[n] >= (1 << 20)) return {};
  std::vector<SpelledWord> words;
  for (size_t i = n; i > 0; i = from[i])
    words.push_back({NumberWordDigits(std::string_view(letters).substr(from[i], i - from[i])), at[from[i]],
                     at[i - 1] + 1});
  std::reverse(words.begin(), words.end());
  return words;
}

// Short digit group (at most three digits) from `p` on, past separators.
static bool ShortDigitsAfter(std::string_view text, size_t p) {
  while (p < text.size()) {
    size_t len;
    char32_t cp = DecodeUtf8(text, p, &len);
    if (!IsSeparator(cp)) break;
    p += len;
  }
  size_t q = p;
  while (q < text.size() && IsAsciiDigit(text[q])) ++q;
  return q > p && q - p <= 3 && (q == text.size() || !IsAsciiAlpha(text[q]));
}

// Whether the plain ASCII word text[b, e) (letters only, ending the token)
// is a break for certain, without copying it: it is not "et", "plus",
// "dubbel", "double" or "doppel", and NumberWordValue would find nothing —
// no number word of its length starts with its two letters, and it is no
// compound: neither "ty" at letters 3-5 ("fiftyone") nor, from 9 letters,
// "ig" at the end ("vierendertig"). One letter is never certain ("n u l",
// "O").
static bool CertainBreakWordSlow(std::string_view text, size_t b, size_t e) {
  const size_t n = e - b;
  if (n > 20) return true;
  if (n < 2) return false;
  auto low = [&](size_t k) { return static_cast<char>(text[b + k] | 0x20); };
  const char head[2] = {low(0), low(1)};
  const bool maybe_special = (n == 4 && head[0] == 'p') || (n == 6 && head[0] == 'd');  // "plus", "dubbel" …
  if (maybe_special || (head[0] == 'e' && head[1] == 't')) return false;
  if (!MaybeNumberWord(std::string_view(head, 2))) return true;  // NumberWordValue's own first test
  const unsigned h0 = static_cast<unsigned char>(head[0]) - 'a', h1 = static_cast<unsigned char>(head[1]) - 'a';
  if (n <= WordTable::kMaxLen && (kNumberWordHeadsByLength[n][h0] >> h1 & 1)) return false;
  for (size_t k = 3; k <= 5 && k + 1 < n; ++k)
    if (low(k) == 't' && low(k + 1) == 'y') return false;
  return !(n >= 9 && low(n - 2) == 'i' && low(n - 1) == 'g');
}

// What CertainBreakWordSlow decides from a word's length (2-20) and two
// first letters alone, before it looks for "ty" or "ig": per length and
// first letter, a bit per second letter for "certainly a break" and one for
// "certainly not" (neither: the compound tests decide). Built from the same
// tests, at compile time.
struct BreakHeads {
  std::array<std::array<uint32_t, 26>, 21> yes{}, no{};
};
constexpr BreakHeads kBreakHeads = [] {
  BreakHeads t{};
  for (size_t n = 2; n <= 20; ++n)
    for (unsigned h0 = 0; h0 < 26; ++h0)
      for (unsigned h1 = 0; h1 < 26; ++h1) {
        const char c0 = static_cast<char>('a' + h0);
        const bool special = (n == 4 && c0 == 'p') || (n == 6 && c0 == 'd') || (c0 == 'e' && h1 == 't' - 'a');
        const bool head = (kNumberWordHeads[h0] >> h1 & 1) != 0;
        if (special || (head && n <= WordTable::kMaxLen && (kNumberWordHeadsByLength[n][h0] >> h1 & 1)))
          t.no[n][h0] |= uint32_t{1} << h1;
        else if (!head)
          t.yes[n][h0] |= uint32_t{1} << h1;
      }
  return t;
}();

// Whether the plain ASCII word text[b, e) (letters only, ending the token)
// is a break for certain, without copying it: it is not "et", "plus",
// "dubbel", "double" or "doppel", and NumberWordValue would find nothing —
// no number word of its length starts with its two letters, and it is no
// compound: neither "ty" at letters 3-5 ("fiftyone") nor, from 9 letters,
// "ig" at the end ("vierendertig"). One letter is never certain ("n u l",
// "O"). The same answer as CertainBreakWordSlow (a test compares them), most
// words by one table look-up.
static inline bool CertainBreakWord(std::string_view text, size_t b, size_t e) {
  const size_t n = e - b;
  if (n > 20) return true;
  if (n < 2) return false;
  const unsigned h0 = static_cast<unsigned char>(text[b] | 0x20) - 'a';
  const unsigned h1 = static_cast<unsigned char>(text[b + 1] | 0x20) - 'a';
  if (h0 >= 26 || h1 >= 26) return CertainBreakWordSlow(text, b, e);
  if (kBreakHeads.yes[n][h0] >> h1 & 1) return true;
  if (kBreakHeads.no[n][h0] >> h1 & 1) return false;
  auto low = [&](size_t k) { return static_cast<char>(text[b + k] | 0x20); };
  for (size_t k = 3; k <= 5 && k + 1 < n; ++k)
    if (low(k) == 't' && low(k + 1) == 'y') return false;
  return !(n >= 9 && low(n - 2) == 'i' && low(n - 1) == 'g');
}

const std::array<std::array<uint32_t, 26>, 21>& CertainBreakHeads() { return kBreakHeads.yes; }

bool AlwaysBreakWord(std::string_view text, size_t b, size_t e) {
  const size_t n = e - b;
  if (n < 2) return false;  // "n u l", "O": lone letters may be digits
  if (CertainBreakWord(text, b, e)) return true;  // also every word over 20 letters
  char low[20];
  for (size_t k = 0; k < n; ++k) low[k] = static_cast<char>(text[b + k] | 0x20);
  const std::string_view w(low, n);
  if (w == "et" || w == "plus" || w == "dubbel" || w == "double" || w == "doppel") return false;
  return NumberWordValue(w) < 0;
}

bool CertainlyNoPhoneWordSlow(std::string_view word) {
  for (char c : word)
    if (!IsAsciiAlpha(c)) return false;
  return CertainBreakWordSlow(word, 0, word.size());
}

bool CertainlyNoPhoneWord(std::string_view word) {
  for (char c : word)
    if (!IsAsciiAlpha(c)) return false;
  return CertainBreakWord(word, 0, word.size());
}

// Bytes as BreakTextEnd sees them: ASCII letters, what ends a stretch of
// break text (digits, '+', every byte >= 0x80), and the rest (separators
// and punctuation).
enum : uint8_t { kOtherByte = 0, kLetterByte = 1, kStopByte = 2 };
constexpr std::array<uint8_t, 256> kBreakBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? kLetterByte
           : (c >= '0' && c <= '9') || c == '+' || c >= 0x80 ? kStopByte
                                                             : kOtherByte;
  return t;
}();

// From `i`, the end of the plain ASCII text before `limit` that can only
// lengthen a break: separators, punctuation, and words that are certain
// breaks. Stops at a digit, '+', a non-ASCII byte, and a word that may be a
// number word or runs into a digit or non-ASCII letter. Sets *pieces to the
// number of separators and words skipped, *words to whether a word was.
static size_t BreakTextEnd(std::string_view text, size_t i, size_t limit, int* pieces, bool* words) {
  const auto* t = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t p = i;
  while (p < limit) {
    const uint8_t k = kBreakBytes[t[p]];
    if (k == kStopByte) break;
    if (k == kOtherByte) {  // a separator or punctuation: one piece of the break
      ++p;
      ++*pieces;
      continue;
    }
    size_t j = p + 1;
    while (j < n && kBreakBytes[t[j]] == kLetterByte) ++j;
    const bool ends_token = j == n || (t[j] < 0x80 && !IsAsciiDigit(static_cast<char>(t[j])));
    if (j > limit || !ends_token || !CertainBreakWord(text, p, j)) break;
    p = j;
    ++*pieces;
    *words = true;
  }
  return p;
}

std::vector<PhoneUnit> TokenizeForPhonesSimple(std::string_view text,
                                               const std::vector<std::pair<size_t, size_t>>& masked) {
  return TokenizeForPhones(text, masked, /*skip_breaks=*/false);
}

std::vector<PhoneUnit> TokenizeForPhones(std::string_view text,
                                         const std::vector<std::pair<size_t, size_t>>& masked, bool skip_breaks) {
  return TokenizeForPhones(text, masked, skip_breaks, 0, text.size());
}

std::vector<PhoneUnit> TokenizeForPhones(std::string_view text, const std::vector<std::pair<size_t, size_t>>& masked,
                                         bool skip_breaks, size_t begin, size_t end) {
  std::vector<PhoneUnit> out;
  TokenizeForPhones(text, masked, skip_breaks, begin, end, &out);
  return out;
}

void TokenizeForPhones(std::string_view text, const std::vector<std::pair<size_t, size_t>>& masked, bool skip_breaks,
                       size_t begin, size_t end, std::vector<PhoneUnit>* units) {
  std::vector<PhoneUnit>& out = *units;
  out.clear();
  size_t mi = 0;
  auto in_mask = [&](size_t pos) {
    while (mi < masked.size() && masked[mi].second <= pos) ++mi;
    return mi < masked.size() && masked[mi].first <= pos;
  };
  out.reserve(64 + (end - begin) / 8);  // about one unit per 8 bytes of ad text: no growing
  auto push_simple = [&](PhoneUnit::Kind k, size_t b, size_t e, int count = 1) {
    // A separator after a break cannot join digits: fold it into the break.
    if (k == PhoneUnit::kSep && count > 0 && !out.empty() && out.back().kind == PhoneUnit::kBreak) k = PhoneUnit::kBreak;
    if (!out.empty() && out.back().kind == k && k != PhoneUnit::kDigits) {
      out.back().end = e;
      out.back().seps += count;
      return;
    }
    PhoneUnit u; u.kind = k; u.begin = b; u.end = e; u.seps = count;
    out.push_back(std::move(u));
  };
  // The number word before the current separator, if it may still be completed.
  auto open_word = [&]() -> PhoneUnit* {
    if (out.size() < 2 || out.back().kind != PhoneUnit::kSep) return nullptr;
    PhoneUnit& prev = out[out.size() - 2];
    return prev.kind == PhoneUnit::kDigits && prev.open != PhoneUnit::kClosed ? &prev : nullptr;
  };
  bool doubling = false;  // "dubbel zes" → 66
  bool et_join = false;   // "vingt et un" → 21
  for (size_t i = begin; i < end;) {
    // Inside a break, most of an ad (words, spaces, punctuation) only
    // lengthens it: taken in one step up to the next masked span, as the
    // code below would take it piece by piece (TokenizeForPhonesSimple).
    if (skip_breaks && !out.empty() && out.back().kind == PhoneUnit::kBreak) {
      while (mi < masked.size() && masked[mi].second <= i) ++mi;
      const size_t limit = std::min(end, mi < masked.size() ? std::max(masked[mi].first, i) : text.size());
      int pieces = 0;
      bool words = false;
      const size_t p = BreakTextEnd(text, i, limit, &pieces, &words);
      if (p > i) {
        out.back().end = p;
        out.back().seps += pieces;
        if (words) doubling = et_join = false;
        i = p;
        continue;
      }
    }
    size_t len = 1;
    char32_t cp = static_cast<unsigned char>(text[i]);
    if (cp >= 0x80) cp = DecodeUtf8(text, i, &len);
    size_t start = i;
    if (in_mask(i)) { push_simple(PhoneUnit::kBreak, i, i + len); i += len; continue; }
    bool tokenish = cp < 0x80 ? IsAsciiAlpha(static_cast<char>(cp)) || IsAsciiDigit(static_cast<char>(cp))
                              : IsWordChar(cp) || SpecialDigit(cp) >= 0;
    if (!tokenish) {
      i += len;
      if (cp == '+' || cp == 0xFF0B) push_simple(PhoneUnit::kPlus, start, i);
      else if (IsSeparator(cp)) push_simple(PhoneUnit::kSep, start, i);
      else push_simple(PhoneUnit::kBreak, start, i);
      continue;
    }
    // Fast path: a plain ASCII word that is no number word is a break.
    if (cp < 0x80 && IsAsciiAlpha(static_cast<char>(cp))) {
      size_t j = i + 1;
      while (j < text.size() && IsAsciiAlpha(text[j])) ++j;
      const size_t n = j - i;
      bool ends_token = j == text.size() || (static_cast<unsigned char>(text[j]) < 0x80 && !IsAsciiDigit(text[j]));
      if (ends_token) {
        // Most words: too long, or their first two letters start no number
        // word nor "et", and they are not four letters from 'p' ("plus") or
        // six from 'd' ("dubbel"/"double"/"doppel") — a break, decided
        // without copying the word.
        if (CertainBreakWord(text, i, j)) {
          doubling = et_join = false;
          push_simple(PhoneUnit::kBreak, i, j);
          i = j;
          continue;
        }
        char low[24];
        for (size_t k = 0; k < n && k < sizeof(low); ++k) low[k] = static_cast<char>(text[i + k] | 0x20);  // ASCII letters only
        std::string_view w(low, std::min(n, sizeof(low)));
        if (w == "et" && open_word() != nullptr && out.back().seps == 1) {
          push_simple(PhoneUnit::kSep, i, j, 0);
          et_join = true;
          i = j;
          continue;
        }
        if (n == 1) {
          // "n u l - z e s": number words spelled with spaced letters.
          size_t spelled_end;
          std::vector<SpelledWord> spelled = SpelledNumberWords(text, i, &spelled_end);
          if (!spelled.empty() && !in_mask(spelled_end - 1)) {
            for (auto& sw : spelled) {
              PhoneUnit u;
              u.kind = PhoneUnit::kDigits;
              u.digits = std::move(sw.digits);
              u.disguised = u.word = true;
              u.begin = sw.begin;
              u.end = sw.end;
              out.push_back(std::move(u));
            }
            doubling = et_join = false;
            i = spelled_end;
            continue;
          }
          // "9 O 4 4": a lone letter O between short digit groups is a zero.
          const bool short_before = out.size() >= 2 && out.back().kind == PhoneUnit::kSep &&
                                    out[out.size() - 2].kind == PhoneUnit::kDigits &&
                                    !out[out.size() - 2].word && out[out.size() - 2].digits.size() <= 3;
          if (w == "o" && (short_before || ShortDigitsAfter(text, j))) {
            PhoneUnit u;
            u.kind = PhoneUnit::kDigits;
            u.digits = "0";
            u.disguised = true;
            u.begin = i;
            u.end = j;
            out.push_back(std::move(u));
            doubling = et_join = false;
            i = j;
            continue;
          }
        }
        bool special_word = w == "plus" || w == "dubbel" || w == "double" || w == "doppel";
        if (n < 2 || n > 20 || (!special_word && NumberWordValue(w) < 0)) {
          doubling = et_join = false;
          push_simple(PhoneUnit::kBreak, i, j);
          i = j;
          continue;
        }
      }
    }
    // A token: letters, digits and disguised digits (keycap marks included).
    std::string digits, letters, folded;
    bool special = false, other_letters = false, real_digit = false;
    while (i < text.size()) {
      len = 1;
      cp = static_cast<unsigned char>(text[i]);
      if (cp >= 0x80) cp = DecodeUtf8(text, i, &len);
      int sd = cp < 0x80 ? -1 : SpecialDigit(cp);
      if (cp >= '0' && cp <= '9') { digits.push_back(static_cast<char>(cp)); real_digit = true; }
      else if (sd >= 0) { digits.push_back(static_cast<char>('0' + sd)); special = real_digit = true; }
      else if (cp == 0x20E3 || (cp == 0xFE0F && !digits.empty())) special = true;
      else if (cp == 'O' || cp == 'o') { digits.push_back('0'); letters.push_back('o'); }
      else if (cp == 'l' || cp == 'I') { digits.push_back('1'); letters.push_back('l'); }
      else if (IsWordChar(cp)) other_letters = true;
      else break;
      if (cp < 0x80) folded.push_back(cp >= 'A' && cp <= 'Z' ? static_cast<char>(cp + 32) : static_cast<char>(cp));
      else FoldLetter(cp, &folded);
      i += len;
    }
    PhoneUnit u;
    u.begin = start;
    u.end = i;
    bool has_digit = digits.size() > letters.size();
    if (has_digit && !other_letters) {
      u.kind = PhoneUnit::kDigits;
      u.digits = std::move(digits);
      u.disguised = special || !letters.empty();
    } else if (!has_digit) {
      std::string d = NumberWordDigits(folded);
      if (folded == "plus") { push_simple(PhoneUnit::kPlus, start, i); continue; }  // "plus drie een …"
      if (folded == "dubbel" || folded == "double" || folded == "doppel") { doubling = true; push_simple(PhoneUnit::kSep, start, i, 0); continue; }
      if (d.empty()) { doubling = et_join = false; push_simple(PhoneUnit::kBreak, start, i); continue; }
      u.kind = PhoneUnit::kDigits;
      u.digits = doubling && d.size() == 1 ? d + d : d;
      u.disguised = u.word = true;
      // Compounds written apart: "twenty one", "vingt-deux", "soixante-dix-sept".
      PhoneUnit* prev = open_word();
      if (prev != nullptr && (out.back().seps == 1 || et_join) && !doubling &&
          JoinWords(prev, std::stoi(d), folded)) {
        out.pop_back();
        prev->end = i;
        et_join = false;
        continue;
      }
      u.open = doubling ? PhoneUnit::kClosed : OpenAfter(folded, d);
    } else if (real_digit) {
      // Digits and number words in one token: "1nine", "5five", "zes6".
      std::string mixed = MixedDigits(text.substr(start, i - start));
      if (mixed.empty()) {
        u.kind = PhoneUnit::kBreak;  // "23yo", "NL91", "ABNA0417"
      } else {
        u.kind = PhoneUnit::kDigits;
        u.digits = std::move(mixed);
        u.disguised = u.word = true;
      }
    } else {
      u.kind = PhoneUnit::kBreak;
    }
    doubling = et_join = false;
    if (u.kind == PhoneUnit::kBreak) push_simple(PhoneUnit::kBreak, u.begin, u.end);
    else out.push_back(std::move(u));
  }
}

}  // namespace adwatch::matcher_internal
