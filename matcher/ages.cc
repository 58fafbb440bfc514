// Stated ages: one RE2 with an alternative per form (the DFA finds the
// match, submatches are computed on the short span only), then context
// checks that RE2 cannot express (no look-behind) in plain code.
#include "matcher/ages.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

constexpr int kGroups = 6;

const RE2& AgeRe() {
  static const RE2* re = new RE2(
      // 1: number + unit (NL, DE, EN, FR)
      R"((?i:\b(\d{2})\s?-?\s?(?:(?:jaar|jaren|jr|jarige?|jarig|jahre?n?|jährige?n?|jahrige?n?|yo|yrs?|years?|year-old|ans)(?:\b|$)|jr\.|j\.|y\.o\.?|y/o|yrs\.)))"
      // 2: label + number
      R"(|(?i:(?:\b(?:leeftijd|leeft\.?|lft\.?|age|alter)|âge)\s*[:=]?\s*(\d{2})\b))"
      // 3: Name (21) — case-sensitive: a capitalised name
      R"(|\b\p{Lu}(?:[\p{Ll}.]*|\p{Lu}{1,3})\s?\((\d{2})\))"
      // 4: "ik ben 19", "I'm 19", "ich bin 19", "j'ai 19"
      R"(|(?i:\b(?:ik\s+ben|i\s+am|i'?m|ich\s+bin|je\s+suis|j'ai)\s+(?:pas\s+|net\s+|nog\s+maar\s+|just\s+|only\s+|erst\s+|gerade\s+)?(\d{2})\b))"
      // 5: "Lisa, 21," — a capitalised name, comma, age, then punctuation or end
      R"(|\b\p{Lu}\p{Ll}+,\s?(\d{2})\s?(?:[,.!|]|$))"
      // 6: German shorthand "21j"
      R"(|\b(\d{2})j\b)");
  return *re;
}

bool StartsWithAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (s.substr(0, w.size()) == w && (s.size() == w.size() || !std::isalnum(static_cast<unsigned char>(s[w.size()]))))
      return true;
  }
  return false;
}

bool EndsWithAny(std::string_view s, std::initializer_list<std::string_view> words) {
  for (auto w : words) {
    if (s.size() >= w.size() && s.substr(s.size() - w.size()) == w &&
        (s.size() == w.size() || s[s.size() - w.size() - 1] == ' '))
      return true;
  }
  return false;
}

// The rejections RE2 cannot express: look at the words around the match.
bool Plausible(std::string_view text, size_t begin, size_t end, size_t num_end) {
  // Directly after the number: "18+", "24/7", "19:00", "19,50", "19.5".
  if (num_end < text.size()) {
    char c = text[num_end];
    if (c == '+' || c == '/' || c == ':' || c == '%' ||
        ((c == ',' || c == '.') && num_end + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[num_end + 1]))))
      return false;
  }
  std::string after = matcher_internal::FoldKey(text.substr(end, 40));
  std::string before = matcher_internal::FoldKey(text.substr(begin > 30 ? begin - 30 : 0, begin > 30 ? 30 : begin));
  if (StartsWithAny(after, {"ervaring", "werkervaring", "in het vak", "in de branche", "in dit vak", "experience",
                            "of experience", "exp", "in the business", "erfahrung", "berufserfahrung",
                            "d experience", "geleden", "ago", "en ouder", "of ouder", "and older", "and over",
                            "or older", "und alter", "und aelter", "oder alter", "et plus", "euro", "eur", "cm",
                            "kg", "min", "minuten", "minutes", "uur", "hour", "hours", "stunden", "garantie",
                            "getrouwd", "married", "verheiratet", "lang", "long", "actief", "active", "werkzaam",
                            "samen", "together", "zusammen", "jubileum", "bestaan", "plus", "ouder", "older"}))
    return false;
  if (EndsWithAny(before, {"sinds", "meer dan", "ruim", "over", "na", "binnen", "vanaf", "boven", "onder", "ouder dan",
                           "jonger dan", "minimaal", "min", "minimum", "tot", "since", "for", "under", "above",
                           "from", "older than", "younger than", "at least", "seit", "vor", "uber", "ueber", "ab",
                           "unter", "bis", "alter als", "mindestens", "plus de", "depuis", "pendant", "moins de",
                           "klanten", "heren", "mannen", "men", "clients", "kunden", "tussen", "between",
                           "zwischen", "entre"}))
    return false;
  // Ranges: "20-30 jaar", "20 tot 30 jaar", "tussen 20 en 30", "20 to 30 years".
  std::string_view bv = before;
  for (std::string_view conn : {" en", " tot", " and", " to", " und", " bis", " et", " a", " of", " or"})
    if (bv.size() >= conn.size() && bv.substr(bv.size() - conn.size()) == conn) { bv.remove_suffix(conn.size()); break; }
  size_t sp = bv.rfind(' ');
  std::string_view last = sp == std::string_view::npos ? bv : bv.substr(sp + 1);
  if (!last.empty() && last.size() <= 2 &&
      std::all_of(last.begin(), last.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return false;
  return true;
}

}  // namespace

std::vector<int> ExtractAges(std::string_view text) {
  std::vector<int> out;
  for (const AgeMention& m : ExtractAgeMentions(text))
    if (std::find(out.begin(), out.end(), m.age) == out.end()) out.push_back(m.age);
  return out;
}

std::vector<AgeMention> ExtractAgeMentions(std::string_view text) {
  std::vector<AgeMention> out;
  const RE2& re = AgeRe();
  re2::StringPiece whole(text.data(), text.size());
  std::array<re2::StringPiece, kGroups + 1> m;
  size_t pos = 0;
  while (pos < text.size() && re.Match(whole, pos, text.size(), RE2::UNANCHORED, m.data(), kGroups + 1)) {
    size_t b = m[0].data() - text.data(), e = b + m[0].size();
    pos = e > pos ? e : pos + 1;
    for (int g = 1; g <= kGroups; ++g) {
      if (m[g].data() == nullptr) continue;
      int age = std::stoi(std::string(m[g].data(), m[g].size()));
      size_t num_end = (m[g].data() - text.data()) + m[g].size();
      if (age < 13 || age > 79) break;
      if (!Plausible(text, b, e, num_end)) break;
      out.push_back({age, b, e});
      break;
    }
  }
  return out;
}

int ParseAgeField(std::string_view field) {
  for (size_t i = 0; i < field.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(field[i]))) continue;
    size_t j = i;
    while (j < field.size() && std::isdigit(static_cast<unsigned char>(field[j]))) ++j;
    if (j - i <= 2) {
      int v = std::stoi(std::string(field.substr(i, j - i)));
      if (v >= 13 && v <= 99) return v;
    }
    i = j;
  }
  return 0;
}

}  // namespace adwatch
