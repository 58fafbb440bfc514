// Phone numbers for the demo network: valid mobiles per libphonenumber's
// metadata, distinct per key, and written the ways ads write them, including
// the obfuscations used to evade search.
#include <string>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

std::string Pad(uint64_t v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

// An affine map with a multiplier coprime to m is a bijection on [0, m):
// distinct keys give distinct numbers without remembering any.
uint64_t Scatter(uint64_t key, uint64_t m) { return (key % m * 7919993ULL + 1234567ULL) % m; }

std::string Group(const std::string& d, std::initializer_list<int> sizes, const std::string& sep) {
  std::string out;
  size_t pos = 0;
  for (int n : sizes) {
    if (pos >= d.size()) break;
    if (!out.empty()) out += sep;
    out += d.substr(pos, n);
    pos += n;
  }
  if (pos < d.size()) out += sep + d.substr(pos);
  return out;
}

const char* const kWordsNl[] = {"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"};
const char* const kWordsEn[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
const char* const kWordsFr[] = {"z\xc3\xa9ro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"};
const char* const kWordsDe[] = {"null", "eins", "zwei", "drei", "vier", "f\xc3\xbcnf", "sechs", "sieben", "acht", "neun"};

std::string Words(const std::string& digits, const std::string& lang, size_t from = 0) {
  const char* const* words = lang == "en" ? kWordsEn : lang == "de" ? kWordsDe : lang == "fr" ? kWordsFr : kWordsNl;
  std::string out = digits.substr(0, from);
  for (size_t i = from; i < digits.size(); ++i) {
    if (!out.empty()) out += ' ';
    char c = digits[i];
    out += c == '+' ? std::string("plus") : std::string(words[c - '0']);
  }
  return out;
}

bool IsNl(const std::string& e164) { return e164.rfind("+31", 0) == 0; }

// The form a writer starts from: national "06…" for Dutch numbers, the
// international form for foreign ones (written without prefix they would be
// read as Dutch).
std::string BaseDigits(const std::string& e164) { return IsNl(e164) ? "0" + e164.substr(3) : e164; }

}  // namespace

std::string MakePhone(uint64_t key, int country_roll) {
  if (country_roll < 88) {
    uint64_t n = Scatter(key, 50'000'000ULL);  // +31 6 [1-5] xxxxxxx
    return "+316" + std::to_string(1 + n / 10'000'000ULL) + Pad(n % 10'000'000ULL, 7);
  }
  if (country_roll < 95) {
    uint64_t n = Scatter(key, 20'000'000ULL);  // +32 4[79] xxxxxxx
    return std::string("+324") + (n / 10'000'000ULL ? '9' : '7') + Pad(n % 10'000'000ULL, 7);
  }
  uint64_t n = Scatter(key, 100'000'000ULL);  // +49 17x xxxxxxx
  return "+4917" + Pad(n, 8);
}

std::string FormatPhone(const std::string& e164, int style) {
  if (IsNl(e164)) {
    std::string nat = "0" + e164.substr(3);  // 06xxxxxxxx
    std::string sub = e164.substr(4);        // 8 digits after the 6
    switch (style % 7) {
      case 0: return "06-" + sub;
      case 1: return "06 " + sub;
      case 2: return "06 " + sub.substr(0, 4) + " " + sub.substr(4);
      case 3: return "+31 6 " + sub;
      case 4: return e164;
      case 5: return "0031 6 " + Group(sub, {2, 2, 2, 2}, " ");
      default: return "(06) " + Group(sub, {3, 3, 2}, " ");
    }
  }
  std::string cc = e164.substr(1, 2);
  std::string rest = e164.substr(3);
  if (cc == "32") {  // 4xx xx xx xx
    switch (style % 3) {
      case 0: return "+32 " + Group(rest, {3, 2, 2, 2}, " ");
      case 1: return "0032 " + Group(rest, {3, 3, 3}, " ");
      default: return e164;
    }
  }
  switch (style % 3) {  // 17x xxxxxxx
    case 0: return "+49 " + rest.substr(0, 3) + " " + rest.substr(3);
    case 1: return "0049 " + rest.substr(0, 3) + " " + rest.substr(3);
    default: return "+49 (0)" + rest.substr(0, 3) + " " + Group(rest.substr(3), {3, 2, 2}, " ");
  }
}

std::string WaLink(const std::string& e164) { return "https://wa.me/" + e164.substr(1); }

std::string ObfuscatePhone(const std::string& e164, int kind, const std::string& lang,
                           std::string* out) {
  const std::string d = BaseDigits(e164);
  std::string r;
  switch (kind % kObfuscationKinds) {
    case 0:
      *out = Words(d, lang);
      return "words_" + (lang.empty() ? std::string("nl") : lang);
    case 1:
      for (char c : d) r += std::string(r.empty() ? "" : " ") + c;
      *out = r;
      return "spaced";
    case 2:
      *out = IsNl(e164) ? Group(d, {2, 2, 2, 2, 2}, ".") : Group(d, {3, 3, 2, 2, 2}, ".");
      return "dotted";
    case 3:
      *out = IsNl(e164) ? Group(d, {2, 3, 3, 2}, " - ") : Group(d, {3, 3, 3}, " / ");
      return "dashes";
    case 4:
      // Only a leading 0 to replace would leave the number searchable.
      if (d.find_first_of("01", 2) == std::string::npos) return ObfuscatePhone(e164, 2, lang, out);
      for (char c : d) r += c == '0' ? 'O' : c == '1' ? (r.size() % 2 ? 'l' : 'I') : c;
      *out = r;
      return "letters";
    case 5:
      for (char c : d) {
        if (c == '+') { r += '+'; continue; }
        r += c;
        r += "\xef\xb8\x8f\xe2\x83\xa3";  // U+FE0F U+20E3: keycap
      }
      *out = r;
      return "emoji";
    case 6:
      for (char c : d) {
        if (c == '+') { r += "\xef\xbc\x8b"; continue; }
        r += "\xef\xbc";
        r += static_cast<char>(0x90 + (c - '0'));  // U+FF10..U+FF19
      }
      *out = r;
      return "fullwidth";
    case 7:
      *out = Words(d, lang, d.size() - 4);
      return "mixed_words";
    case 8:
      if (IsNl(e164)) {
        std::string sub = e164.substr(4);
        for (char c : sub) r += std::string(" ") + c;
        *out = "+31 (0) 6 -" + r;
      } else {
        for (char c : d) r += std::string(r.empty() ? "" : " ") + c;
        *out = r;
      }
      return "spaced_intl";
    default:
      *out = IsNl(e164) ? Group(d, {2, 2, 2, 2, 2}, "*") : Group(d, {3, 3, 3, 3}, "*");
      return "stars";
  }
}

}  // namespace adwatch::demo
