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

// Stated ages are found from the numbers outward: every standalone two-digit
// number is checked against small anchored patterns on either side of it.
// Cheaper than one big unanchored regex over the whole text, and it makes
// the context checks (no look-behind in RE2) natural.
const RE2& UnitAfter() {  // "19 jaar", "19-jarige", "23yo", "24 Jahre", "20 ans", "37 J.", "21j"
  static const RE2* re = new RE2(
      R"((?i)^(?:\s?-?\s?(?:(?:jaar|jaren|jr|jarige?|jarig|jahre?n?|jährige?n?|jahrige?n?|yo|yrs?|years?|year-old|ans)(?:\b|$)|jr\.|j\.|y\.o\.?|y/o|yrs\.)|j\b))");
  return *re;
}
const RE2& LabelBefore() {  // "leeftijd: 25", "Alter 28", "âge: 22" (group 1) or "ik ben 19", "I'm 20" (group 2)
  static const RE2* re = new RE2(
      R"((?i)(?:((?:\b(?:leeftijd|leeft\.?|lft\.?|age|alter)|âge)\s*[:=]?\s*)|(\b(?:ik\s+ben|i\s+am|i'?m|ich\s+bin|je\s+suis|j'ai)\s+(?:pas\s+|net\s+|nog\s+maar\s+|just\s+|only\s+|erst\s+|gerade\s+)?))$)");
  return *re;
}
const RE2& NameParenBefore() {  // "Lisa (21)", "Jessica K. (23)", "Merel NL (22)"
  static const RE2* re = new RE2(R"(\b\p{Lu}(?:[\p{Ll}.]*|\p{Lu}{1,3})\s?\($)");
  return *re;
}
const RE2& NameCommaBefore() {  // "Lisa, 21,"
  static const RE2* re = new RE2(R"(\b\p{Lu}\p{Ll}+,\s?$)");
  return *re;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Start of the match of `re` ending exactly at the end of `window`, or npos.
size_t MatchEndingHere(const RE2& re, std::string_view window, re2::StringPiece* groups, int ngroups) {
  re2::StringPiece m[3];
  if (!re.Match(re2::StringPiece(window.data(), window.size()), 0, window.size(), RE2::UNANCHORED, m, 1 + ngroups))
    return std::string_view::npos;
  for (int g = 0; g < ngroups; ++g) groups[g] = m[1 + g];
  return m[0].data() - window.data();
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
  // Ranges: "20-30 jaar", "20 tot 30 jaar", "tussen 20 en 30", "20 to 30 years": a two-digit
  // number joined to this one by a dash or a connector word (not by a comma: "… 56, ik ben 17").
  std::string_view raw = text.substr(0, begin);
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  bool joined = false;
  if (!raw.empty() && (raw.back() == '-' || raw.back() == '/')) {
    raw.remove_suffix(1);
    joined = true;
  } else {
    for (std::string_view conn : {" en", " tot", " and", " to", " und", " bis", " et", " a", " of", " or"}) {
      if (raw.size() >= conn.size() + 1 && matcher_internal::FoldKey(raw.substr(raw.size() - conn.size())) == conn.substr(1)) {
        raw.remove_suffix(conn.size());
        joined = true;
        break;
      }
    }
  }
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  if (joined && raw.size() >= 2 && std::isdigit(static_cast<unsigned char>(raw[raw.size() - 1])) &&
      std::isdigit(static_cast<unsigned char>(raw[raw.size() - 2])) &&
      (raw.size() == 2 || !std::isdigit(static_cast<unsigned char>(raw[raw.size() - 3]))))
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
  for (size_t p = 0; p + 1 < text.size(); ++p) {
    if (!IsDigit(text[p]) || !IsDigit(text[p + 1])) continue;
    bool alone = (p == 0 || !IsAlnum(text[p - 1])) && (p + 2 == text.size() || !IsDigit(text[p + 2]));
    if (!alone) {
      while (p < text.size() && IsDigit(text[p])) ++p;
      continue;
    }
    int age = (text[p] - '0') * 10 + (text[p + 1] - '0');
    size_t num_end = p + 2;
    if (age < 13 || age > 79) { ++p; continue; }
    std::string_view after = text.substr(num_end, 24);
    size_t wb = p > 48 ? p - 48 : 0;
    std::string_view window = text.substr(wb, p - wb);
    size_t begin = std::string_view::npos, end = num_end;
    re2::StringPiece whole;
    if (UnitAfter().Match(re2::StringPiece(after.data(), after.size()), 0, after.size(), RE2::ANCHOR_START, &whole, 1)) {
      begin = p;
      end = num_end + whole.size();
    } else {
      size_t last = window.find_last_not_of(" \t");
      char prev = last == std::string_view::npos ? '\0' : window[last];
      bool word_end = num_end == text.size() || !IsAlnum(text[num_end]);
      if (prev == '(' && num_end < text.size() && text[num_end] == ')') {
        size_t b = MatchEndingHere(NameParenBefore(), window, nullptr, 0);
        if (b != std::string_view::npos) { begin = wb + b; end = num_end + 1; }
      } else if (prev == ',') {
        size_t k = num_end;
        if (k < text.size() && text[k] == ' ') ++k;
        bool closes = k == text.size() || std::string_view(",.!|\n").find(text[k]) != std::string_view::npos;
        size_t b = closes ? MatchEndingHere(NameCommaBefore(), window, nullptr, 0) : std::string_view::npos;
        if (b != std::string_view::npos) { begin = wb + b; end = k; }
      } else if (word_end && last != std::string_view::npos) {
        re2::StringPiece g[2];
        size_t b = MatchEndingHere(LabelBefore(), window, g, 2);
        if (b != std::string_view::npos) begin = wb + b;
      }
    }
    if (begin != std::string_view::npos && Plausible(text, begin, end, num_end)) out.push_back({age, begin, end});
    p = num_end - 1;
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
