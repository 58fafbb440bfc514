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
      {"negen", '9'}, {"nine", '9'},
      // German and French, the other languages of the rules.
      {"null", '0'}, {"eins", '1'}, {"zwei", '2'}, {"drei", '3'}, {"f\xC3\xBCnf", '5'}, {"fuenf", '5'},
      {"sechs", '6'}, {"sieben", '7'}, {"neun", '9'}, {"z\xC3\xA9ro", '0'}, {"un", '1'}, {"deux", '2'},
      {"trois", '3'}, {"quatre", '4'}, {"cinq", '5'}, {"sept", '7'}, {"huit", '8'}, {"neuf", '9'}};
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
    // "+", full-width "+", or the word "plus" before a digit ("plus quatre neuf ...").
    const bool plus_word = (text.compare(i, 5, "plus ") == 0 || text.compare(i, 5, "Plus ") == 0) &&
                           (i == 0 || !IsAsciiAlnum(text[i - 1]));
    const size_t plus_len = text[i] == '+' ? 1 : text.compare(i, 3, "\xEF\xBC\x8B") == 0 ? 3 : plus_word ? 5 : 0;
    const bool plus = plus_len && DigitAt(text, i + plus_len, &d);
    const bool letter_o = (text[i] == 'O' || text[i] == 'o') && IsAsciiDigit(i + 1 < text.size() ? text[i + 1] : 'x');
    const bool starts = plus || letter_o || DigitAt(text, i, &d);
    if (!starts || (i > 0 && IsAsciiAlnum(text[i - 1]))) {
      out += text[i++];
      continue;
    }
    // Extend over digit units, single letters O/o between digits, and short
    // separator runs followed by another digit; remember where each group
    // of digits begins, since a run may join a number with its neighbours
    // ("24/7 06 12345678").
    struct Group { size_t text_begin, text_end, digit_begin, digit_end; };
    std::vector<Group> groups;
    size_t j = i + (plus ? plus_len : letter_o ? 1 : 0), end = j;
    std::string digits = letter_o ? "0" : "";
    groups.push_back({i, j, 0, digits.size()});
    while (j < text.size()) {
      if (size_t n = DigitAt(text, j, &d)) {
        digits += d;
        j += n;
        end = j;
        groups.back().text_end = end;
        groups.back().digit_end = digits.size();
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
      groups.push_back({k, k, digits.size(), digits.size()});
    }
    const bool glued = end < text.size() && IsAsciiAlnum(text[end]) && !IsAsciiDigit(text[end]);
    // The widest span of whole groups that is a known number, else the
    // widest that looks like a phone number by itself.
    auto ref_of = [&](const std::string& ds) -> std::string {
      if (ds.size() < 9) return "";
      const std::string tail = ds.substr(ds.size() - 9);
      for (const auto& p : phones)
        if (p.digits.size() >= 9 && p.digits.compare(p.digits.size() - 9, 9, tail) == 0) return p.ref;
      return "";
    };
    // Candidate spans are whole groups; a last group glued to letters is part
    // of an identifier and never joins a number. For each end group (widest
    // first) the shortest span that is a known number wins; else the
    // shortest that looks like a phone number by itself.
    const size_t usable = groups.size() - (glued ? 1 : 0);
    size_t best_a = 0, best_b = 0;
    std::string best;  // "" = nothing to mask
    for (int pass = 0; pass < 2 && best.empty(); ++pass) {
      for (size_t b = usable; b-- > 0 && best.empty();) {
        for (size_t a = b + 1; a-- > 0 && best.empty();) {
          const std::string ds = digits.substr(groups[a].digit_begin, groups[b].digit_end - groups[a].digit_begin);
          const std::string ref = pass == 0 ? ref_of(ds) : "";
          const bool phone_like = pass == 1 && ds.size() >= 9 && ds.size() <= 15 &&
                                  ((a == 0 && plus) || ds[0] == '0');
          if (!ref.empty() || phone_like) {
            best = ref.empty() ? "[tel]" : "[tel " + ref + "]";
            best_a = a;
            best_b = b;
          }
        }
      }
    }
    // Take in a country code or trunk prefix written as its own group
    // ("0031 6 12345678", "nul zes ...").
    while (!best.empty() && best_a > 0) {
      const size_t len = groups[best_b].digit_end - groups[best_a - 1].digit_begin;
      const bool prefix_ok = digits[groups[best_a - 1].digit_begin] == '0' || (best_a - 1 == 0 && plus);
      if (len > 15 || !prefix_ok) break;
      --best_a;
    }
    if (best.empty()) {
      out.append(text, i, end - i);
    } else {
      out.append(text, i, groups[best_a].text_begin - i);
      out += best;
      out.append(text, groups[best_b].text_end, end - groups[best_b].text_end);
    }
    i = end;
  }
  return out;
}

}  // namespace adwatch
