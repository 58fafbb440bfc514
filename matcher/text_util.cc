#include "matcher/internal/text_util.h"

#include <unicode/normalizer2.h>

#include <algorithm>

namespace adwatch::matcher_internal {

char32_t DecodeUtf8(std::string_view t, size_t pos, size_t* len) {
  auto b = [&](size_t i) { return static_cast<unsigned char>(t[i]); };
  unsigned char c = b(pos);
  if (c < 0x80) { *len = 1; return c; }
  int n = (c >= 0xF0 && c < 0xF8) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC2 && c < 0xE0) ? 2 : 0;
  if (n == 0 || pos + n > t.size()) { *len = 1; return 0xFFFD; }
  char32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (int i = 1; i < n; ++i) {
    if ((b(pos + i) & 0xC0) != 0x80) { *len = 1; return 0xFFFD; }
    cp = (cp << 6) | (b(pos + i) & 0x3F);
  }
  *len = n;
  return cp;
}

namespace {
// Base letters for U+00C0..U+017F; '\0' where the code point is not a letter.
constexpr const char* kLatin1 =
    "aaaaaaaceeeeiiii"   // C0-CF (C6 Æ → a, approximate)
    "dnooooo\0ouuuuyts"  // D0-DF (D7 ×; DE Þ→t; DF ß handled separately)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"; // F0-FF (F7 ÷)
constexpr const char* kLatinA =
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iijjjjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oooorrrrrrssssss"   // 150-15F
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F
}  // namespace

bool FoldLetter(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') { out->push_back(static_cast<char>(cp + 32)); return true; }
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) { out->push_back(static_cast<char>(cp)); return true; }
    return false;
  }
  if (cp == 0xDF) { out->append("ss"); return true; }
  if (cp >= 0xC0 && cp <= 0xFF) {
    char c = kLatin1[cp - 0xC0];
    if (c == '\0') return false;
    out->push_back(c);
    return true;
  }
  if (cp >= 0x100 && cp <= 0x17F) { out->push_back(kLatinA[cp - 0x100]); return true; }
  return false;
}

bool IsWordChar(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
  return (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7);
}

std::string FoldKey(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII fast path
      ++i;
      bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (c >= 'A' && c <= 'Z') { c = static_cast<unsigned char>(c + 32); alnum = true; }
      if (!alnum) { space = true; continue; }
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(c));
      continue;
    }
    size_t len;
    char32_t cp = DecodeUtf8(s, i, &len);
    i += len;
    if (IsWordChar(cp)) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      FoldLetter(cp, &out);
    } else {
      space = true;
    }
  }
  return out;
}

std::string Excerpt(std::string_view t, size_t begin, size_t end, size_t context) {
  auto is_cont = [&](size_t i) { return i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80; };
  size_t b = begin > context ? begin - context : 0;
  while (b > 0 && is_cont(b)) --b;
  size_t e = std::min(t.size(), end + context);
  while (e < t.size() && is_cont(e)) ++e;
  std::string out;
  out.reserve(e - b + 6);
  if (b > 0) out += "…";
  const size_t at = out.size();
  out.append(t.substr(b, e - b));
  for (size_t i = at; i < out.size(); ++i)
    if (out[i] == '\n' || out[i] == '\r' || out[i] == '\t') out[i] = ' ';
  if (e < t.size()) out += "…";
  return out;
}

}  // namespace adwatch::matcher_internal

namespace adwatch::matcher_internal {

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x110000) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t DecodeEntityAt(std::string_view s, size_t pos, size_t* len) {
  if (pos >= s.size() || s[pos] != '&') return 0;
  size_t semi = s.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos < 3 || semi - pos > 10) return 0;
  std::string_view ent = s.substr(pos + 1, semi - pos - 1);
  char32_t cp = 0;
  if (ent[0] == '#') {
    bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
    std::string_view digits = ent.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      int d = (c >= '0' && c <= '9') ? c - '0'
              : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10
                                                              : -1;
      if (d < 0) return 0;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
      if (cp > 0x10FFFF) return 0;
    }
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  } else {
    static const std::pair<std::string_view, char32_t> kNamed[] = {
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},     {"apos", '\''},
        {"nbsp", 0xA0},     {"euro", 0x20AC},  {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014},
        {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"szlig", 0xDF},
        {"laquo", 0xAB},    {"raquo", 0xBB},   {"copy", 0xA9},    {"reg", 0xAE},     {"middot", 0xB7},
        {"aelig", 0xE6},    {"oslash", 0xF8},  {"AElig", 0xC6},   {"Oslash", 0xD8},  {"shy", 0xAD}};
    for (const auto& [name, c] : kNamed)
      if (ent == name || (name != "AElig" && name != "Oslash" && ent.size() == name.size() &&
                          std::equal(ent.begin(), ent.end(), name.begin(),
                                     [](char a, char b) { return (a | 0x20) == (b | 0x20); }))) {
        cp = c;
        break;
      }
    if (cp == 0 && ent.size() >= 4) {
      // "eacute", "Ouml", "ccedil": the base letter with its mark.
      static const std::pair<std::string_view, char32_t> kMarks[] = {
          {"acute", 0x301}, {"grave", 0x300}, {"uml", 0x308}, {"circ", 0x302},
          {"tilde", 0x303}, {"cedil", 0x327}, {"ring", 0x30A}};
      char base = ent[0];
      bool letter = (base >= 'a' && base <= 'z') || (base >= 'A' && base <= 'Z');
      for (const auto& [mark, comb] : kMarks)
        if (letter && ent.substr(1) == mark) {
          UErrorCode status = U_ZERO_ERROR;
          const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
          UChar32 composed = U_SUCCESS(status) ? nfc->composePair(base, comb) : U_SENTINEL;
          cp = composed >= 0 ? static_cast<char32_t>(composed) : static_cast<char32_t>(base);
          break;
        }
    }
    if (cp == 0) return 0;
  }
  *len = semi - pos + 1;
  return cp;
}

}  // namespace adwatch::matcher_internal
