// Masking phone numbers in evidence snippets before they go into a digest.
//
// Numbers reach snippets plainly ("06-12345678") and obfuscated to evade
// search ("06*48*58*34*86", "０６ １２…", keycap emoji, "O6" for "06", "nul zes
// een twee ..."). A run of
// digit units with at most three separator characters between them is a
// candidate. It is masked as "[tel <ref>]" when its last nine digits match a
// number of the alert's ads, and as "[tel]" when it looks like a phone number
// by itself (starts with 0 or +, 9 to 15 digits). Other runs (dates, sizes,
// prices, postcodes) stay. A run glued to letters (hex pseudonyms, ids) is
// not a phone number.
#include <cstring>
#include <string>
#include <vector>

#include "alerts/render.h"

namespace adwatch {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// A digit at text[i] in any of the written forms: returns its length in
// bytes (0 if none) and the digit.
size_t DigitAt(const std::string& t, size_t i, char* d) {
  if (i >= t.size()) return 0;
  if (IsAsciiDigit(t[i])) {
    *d = t[i];
    size_t n = 1;
    if (t.compare(i + n, 3, "\xEF\xB8\x8F") == 0) n += 3;  // VS16 of a keycap
    if (t.compare(i + n, 3, "\xE2\x83\xA3") == 0) n += 3;  // combining enclosing keycap
    return n;
  }
  // Number words ("nul zes een twee ..."), whole words only.
  static const struct { const char* word; char digit; } kWords[] = {
      {"nul", '0'}, {"zero", '0'}, {"een", '1'}, {"\xC3\xA9\xC3\xA9n", '1'}, {"one", '1'}, {"twee", '2'},
      {"two", '2'}, {"drie", '3'}, {"three", '3'}, {"vier", '4'}, {"four", '4'}, {"vijf", '5'}, {"five", '5'},
      {"zes", '6'}, {"six", '6'}, {"zeven", '7'}, {"seven", '7'}, {"acht", '8'}, {"eight", '8'},
      {"negen", '9'}, {"nine", '9'}};
  if (i == 0 || !IsAsciiAlnum(t[i - 1])) {
    for (const auto& w : kWords) {
      const size_t n = strlen(w.word);
      if (i + n > t.size()) continue;
      bool eq = true;
      for (size_t k = 0; k < n && eq; ++k) eq = (t[i + k] | 0x20) == (w.word[k] | 0x20) || t[i + k] == w.word[k];
      if (eq && (i + n == t.size() || !IsAsciiAlnum(t[i + n]))) {
        *d = w.digit;
        return n;
      }
    }
  }
  // Full-width digits U+FF10..U+FF19: EF BC 90..99.
  if (i + 2 < t.size() && t[i] == '\xEF' && t[i + 1] == '\xBC' && static_cast<unsigned char>(t[i + 2]) >= 0x90 &&
      static_cast<unsigned char>(t[i + 2]) <= 0x99) {
    *d = static_cast<char>('0' + (static_cast<unsigned char>(t[i + 2]) - 0x90));
    return 3;
  }
  return 0;
}

// Separator characters allowed between the digits of one number.
size_t SeparatorAt(const std::string& t, size_t i) {
  if (i >= t.size()) return 0;
  if (std::string(" .-/()*_~|,:\t").find(t[i]) != std::string::npos) return 1;
  if (t.compare(i, 2, "\xC2\xA0") == 0) return 2;  // no-break space
  return 0;
}

}  // namespace

std::string MaskPhones(const std::string& text, const std::vector<PhoneRef>& phones) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char d;
    const size_t plus_len = text[i] == '+' ? 1 : text.compare(i, 3, "\xEF\xBC\x8B") == 0 ? 3 : 0;  // + or full-width +
    const bool plus = plus_len && DigitAt(text, i + plus_len, &d);
    const bool letter_o = (text[i] == 'O' || text[i] == 'o') && IsAsciiDigit(i + 1 < text.size() ? text[i + 1] : 'x');
    const bool starts = plus || letter_o || DigitAt(text, i, &d);
    if (!starts || (i > 0 && IsAsciiAlnum(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    // Extend over digit units, single letters O/o between digits, and short
    // separator runs followed by another digit.
    size_t j = i + (plus ? plus_len : letter_o ? 1 : 0), end = j;
    std::string digits = letter_o ? "0" : "";
    while (j < text.size()) {
      if (size_t n = DigitAt(text, j, &d)) {
        digits += d;
        j += n;
        end = j;
        continue;
      }
      if (!digits.empty() && (text[j] == 'O' || text[j] == 'o') && DigitAt(text, j + 1, &d)) {
        digits += '0';
        end = ++j;
        continue;
      }
      size_t k = j, seps = 0;
      while (size_t n = SeparatorAt(text, k)) {
        k += n;
        if (++seps > 3) break;
      }
      if (seps == 0 || seps > 3 || !DigitAt(text, k, &d)) break;
      j = k;
    }
    const bool glued = end < text.size() && IsAsciiAlnum(text[end]) && !IsAsciiDigit(text[end]);
    std::string tail = digits.substr(digits.size() >= 9 ? digits.size() - 9 : 0);
    std::string ref;
    if (digits.size() >= 8 && !glued)
      for (const auto& p : phones) {
        std::string pt = p.digits.substr(p.digits.size() >= 9 ? p.digits.size() - 9 : 0);
        if (pt.size() == 9 && pt == tail) { ref = p.ref; break; }
      }
    const bool looks_like_phone =
        !glued && (plus || digits[0] == '0') && digits.size() >= 9 && digits.size() <= 15;
    if (!ref.empty()) {
      out += "[tel " + ref + "]";
    } else if (looks_like_phone) {
      out += "[tel]";
    } else {
      out.append(text, i, end - i);
    }
    i = end;
  }
  return out;
}

}  // namespace adwatch
