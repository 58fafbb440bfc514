#include "matcher/internal/text_util.h"

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
  if (b > 0) out += "…";
  for (size_t i = b; i < e; ++i) out.push_back((t[i] == '\n' || t[i] == '\r' || t[i] == '\t') ? ' ' : t[i]);
  if (e < t.size()) out += "…";
  return out;
}

}  // namespace adwatch::matcher_internal
