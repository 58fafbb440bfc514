// Stated ages: a small grammar over the tokens of the normalised text (see
// ages.h). Each two-digit number is checked against the frames around it,
// then against the vetoes; word lists are short and plain.
#include "matcher/ages.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <initializer_list>

#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

struct Tok {
  enum Kind { kWord, kNum, kPunct, kBreak } kind;
  size_t b, e;
  bool space_before;  // whitespace between this token and the previous one
};

bool IsLetterByte(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Words (letters, inner apostrophes: "i'm", "j'ai"), digit runs, single
// punctuation characters and line breaks.
std::vector<Tok> Tokenize(std::string_view t) {
  std::vector<Tok> out;
  out.reserve(t.size() / 4);
  bool space = false;
  for (size_t i = 0; i < t.size();) {
    char c = t[i];
    if (c == '\n' || c == '\r') {
      out.push_back({Tok::kBreak, i, i + 1, space});
      space = true;
      ++i;
    } else if (c == ' ' || c == '\t') {
      space = true;
      ++i;
    } else if (IsDigit(c)) {
      size_t j = i;
      while (j < t.size() && IsDigit(t[j])) ++j;
      out.push_back({Tok::kNum, i, j, space});
      space = false;
      i = j;
    } else if (IsLetterByte(c)) {
      size_t j = i;
      while (j < t.size() && (IsLetterByte(t[j]) || (t[j] == '\'' && j + 1 < t.size() && IsLetterByte(t[j + 1]))))
        ++j;
      out.push_back({Tok::kWord, i, j, space});
      space = false;
      i = j;
    } else {
      out.push_back({Tok::kPunct, i, i + 1, space});
      space = false;
      ++i;
    }
  }
  return out;
}

bool In(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool IsAgeUnit(std::string_view w) {
  return In(w, {"jaar", "jr", "j", "jarig", "jarige", "yo", "yrs", "yr", "years", "year", "jahre", "jahr", "jahrig",
                "jahrige", "ans"});
}
// Words that may stand between the frame and the number.
bool IsAdverb(std::string_view w) {
  return In(w, {"pas", "net", "nog", "maar", "al", "bijna", "ongeveer", "circa", "ca", "ruim", "nu", "just", "only",
                "almost", "nearly", "now", "about", "erst", "gerade", "fast", "etwa", "knapp", "schon", "noch",
                "presque", "environ", "juste", "seulement", "deja", "already"});
}
bool IsPersonNoun(std::string_view w) {
  return In(w, {"meid", "meidje", "meisje", "meiske", "dame", "dametje", "vrouw", "vrouwtje", "jongedame", "jongen",
                "studente", "student", "tiener", "blondje", "brunette", "schoonheid", "babe", "girl", "lady", "woman",
                "boy", "guy", "madchen", "maedchen", "frau", "junge", "fille", "femme", "garcon"});
}
bool IsLabel(std::string_view w) { return In(w, {"leeftijd", "lft", "leeft", "age", "aged", "alter", "ages"}); }
// A time, price, size, count or date word right after the number.
bool IsNotAgeAfter(std::string_view w) {
  return In(w, {"uur", "u", "h", "uhr", "heures", "heure", "hour", "hours", "hrs", "hr", "min", "mins", "minuten",
                "minutes", "minuut", "std", "stunden", "pm", "am", "euro", "eur", "e", "cm", "kg", "mm", "m", "kilo",
                "dagen", "days", "day", "tage", "tagen", "jours", "weken", "weeks", "wochen", "semaines", "maanden",
                "months", "monate", "mois", "keer", "times", "mal", "fois", "dames", "meiden", "meisjes", "girls",
                "ladies", "frauen", "filles", "femmes", "heren", "mannen", "men", "herren", "hommes", "jahren",
                "jaren", "jarigen", "jan", "januari", "january", "januar", "janvier", "feb", "februari", "february",
                "februar", "fevrier", "maart", "march", "marz", "mars", "apr", "april", "avril", "mei", "may", "mai",
                "juni", "june", "juin", "juli", "july", "juillet", "aug", "augustus", "august", "aout", "sep",
                "sept", "september", "septembre", "okt", "oct", "oktober", "october", "octobre", "nov", "november",
                "novembre", "dec", "dez", "december", "dezember", "decembre", "cup", "procent", "percent", "st",
                "x"});
}
// The word before the number (after adverbs): a duration, a limit, a client, a place.
bool IsVetoBefore(std::string_view w) {
  if (In(w, {"al", "sinds", "since", "for", "seit", "depuis", "pendant", "durant", "vanaf", "va", "boven", "onder",
             "over", "tot", "tussen", "tegen", "om", "na", "binnen", "voor", "per", "ouder", "jonger", "minimaal",
             "min", "minimum", "maximaal", "max", "from", "above", "under", "after", "at", "within", "ab", "uber",
             "ueber", "unter", "bis", "nach", "vor", "um", "mindestens", "zwischen", "entre", "apres", "avant",
             "des", "moins", "plus", "dan", "than", "als", "least", "heren", "mannen", "men", "clients", "klanten",
             "kunden", "gentlemen", "herren", "messieurs", "hommes", "nummer", "nr", "no", "huisnummer", "maat",
             "size", "grosse", "taille", "cup", "prijs", "price", "preis", "prix", "dag", "day", "week", "mei",
             "juni", "juli", "may", "june", "july", "kamer", "room", "zimmer", "chambre", "bus", "lijn", "route",
             "postcode", "sur", "op", "on", "in", "im", "dans"}))
    return true;
  for (std::string_view s : {"straat", "weg", "laan", "plein", "singel", "gracht", "kade", "dijk", "strasse",
                             "street", "road", "rue", "avenue", "steeg", "pad", "hof"})
    if (w.size() > s.size() && w.substr(w.size() - s.size()) == s) return true;
  return false;
}
// A word shortly after the number that makes it a duration or a client's age.
bool IsVetoAfter(std::string_view w) {
  if (w.size() > 2 && w[1] == '\'') w.remove_prefix(2);  // "d'experience"
  return In(w, {"ervaring", "werkervaring", "experience", "exp", "erfahrung", "berufserfahrung", "geleden", "ago",
                "her", "actief", "active", "aktiv", "werkzaam", "getrouwd", "married", "verheiratet", "samen",
                "together", "zusammen", "vak", "branche", "business", "lang", "long", "lange", "ervaren",
                "experienced", "ouder", "older", "aelter", "jonger", "younger", "plus", "meer", "mehr", "more",
                "garantie", "bestaan", "jubileum", "dienst", "gewerkt", "worked", "working", "gearbeitet",
                "travaille", "metier", "experiences", "oudere", "ouderen", "over", "up", "upwards", "mannen",
                "heren", "men"});
}

struct Reader {
  std::string_view t;
  const std::vector<Tok>& toks;
  std::string_view W(size_t k) const { return t.substr(toks[k].b, toks[k].e - toks[k].b); }
  bool IsWord(size_t k, std::string_view w) const { return toks[k].kind == Tok::kWord && W(k) == w; }
  bool IsPunct(size_t k, char c) const { return toks[k].kind == Tok::kPunct && t[toks[k].b] == c; }
  // A clause ends at a break or . ! ? ; (commas and colons stay inside: "Lisa, 17", "Alter: 17").
  bool EndsClause(size_t k) const {
    return toks[k].kind == Tok::kBreak ||
           (toks[k].kind == Tok::kPunct && std::string_view(".!?;").find(t[toks[k].b]) != std::string_view::npos);
  }
};

// A name as written: "Lisa", "Jessica", "KIM" (short), not "MAASTRICHT".
bool NameInOriginal(std::string_view original, size_t at) {
  if (at >= original.size()) return false;
  size_t len, len2;
  char32_t cp = matcher_internal::DecodeUtf8(original, at, &len);
  if (!u_isupper(static_cast<UChar32>(cp))) return false;
  if (at + len >= original.size()) return true;
  char32_t next = matcher_internal::DecodeUtf8(original, at + len, &len2);
  if (!u_isupper(static_cast<UChar32>(next))) return true;
  size_t caps = 0;
  for (size_t i = at; i < original.size() && caps <= 4;) {
    char32_t c = matcher_internal::DecodeUtf8(original, i, &len);
    if (!u_isupper(static_cast<UChar32>(c))) break;
    ++caps;
    i += len;
  }
  return caps <= 4;
}

}  // namespace

std::vector<AgeMention> ExtractAgeMentions(std::string_view text) { return ExtractAgeMentions(text, Normalize(text)); }

std::vector<AgeMention> ExtractAgeMentions(std::string_view original, const NormalizedText& norm) {
  std::vector<AgeMention> out;
  const std::string_view t = norm.text;
  if (t.find_first_of("0123456789") == std::string_view::npos) return out;
  const std::vector<Tok> toks = Tokenize(t);
  const Reader r{t, toks};
  const size_t n = toks.size();
  auto adjacent = [&](size_t k) { return k < n && !toks[k].space_before; };
  for (size_t k = 0; k < n; ++k) {
    if (toks[k].kind != Tok::kNum || toks[k].e - toks[k].b != 2 || t[toks[k].b] == '0') continue;
    const int age = (t[toks[k].b] - '0') * 10 + (t[toks[k].b + 1] - '0');
    // Part of a larger number, a time, a date, a price: "16.00", "06-17", "€17", "18+".
    if (k > 0 && toks[k - 1].kind == Tok::kPunct && adjacent(k)) {
      char p = t[toks[k - 1].b];
      if (std::string_view("€$£#+").find(p) != std::string_view::npos) continue;
      if (std::string_view(".,:/-").find(p) != std::string_view::npos && k > 1 && toks[k - 2].kind == Tok::kNum &&
          adjacent(k - 1))
        continue;
    }
    if (k > 0 && toks[k - 1].kind == Tok::kPunct && t.substr(toks[k - 1].b, 3) == "€") continue;
    if (k + 1 < n && toks[k + 1].kind == Tok::kPunct && adjacent(k + 1)) {
      char p = t[toks[k + 1].b];
      if (p == '+' || p == '%' || p == '\'' ) continue;
      if (std::string_view(".,:/-").find(p) != std::string_view::npos && k + 2 < n &&
          toks[k + 2].kind == Tok::kNum && adjacent(k + 2))
        continue;
    }

    // Right side: a unit ("17 jaar", "17-jarige", "17 y/o", "17 years old").
    size_t last = k;  // last token of the phrase
    size_t q = k + 1;
    if (q < n && r.IsPunct(q, '-')) ++q;
    bool unit = false;
    if (q < n && toks[q].kind == Tok::kWord) {
      std::string_view w = r.W(q);
      if (IsAgeUnit(w)) {
        unit = true;
        last = q;
        if ((w == "year" || w == "years") && q + 2 < n && r.IsPunct(q + 1, '-') && r.IsWord(q + 2, "old")) last = q + 2;
        else if (q + 1 < n && r.IsWord(q + 1, "old")) last = q + 1;
        else if ((w == "jahre" || w == "jahr") && q + 1 < n && r.IsWord(q + 1, "alt")) last = q + 1;
      } else if (w == "y" && q + 2 < n && (r.IsPunct(q + 1, '/') || r.IsPunct(q + 1, '.')) && r.IsWord(q + 2, "o")) {
        unit = true;
        last = q + 2;
      } else if (IsNotAgeAfter(w)) {
        continue;  // "18u", "17 uur", "17 euro", "17 dames", "17 mei"
      }
    }

    // Left side, within the clause: skip adverbs, then look for a frame.
    size_t first = k;  // first token of the phrase
    bool frame = unit, speaker = false;
    size_t p = k;      // index of the first token before the number that is not an adverb
    while (p > 0 && toks[p - 1].kind == Tok::kWord && IsAdverb(r.W(p - 1)) && k - p < 2) --p;
    auto word_at = [&](size_t i, std::string_view w) { return i < n && r.IsWord(i, w); };
    if (p >= 1 && toks[p - 1].kind == Tok::kWord) {
      std::string_view w1 = r.W(p - 1);
      std::string_view w2 = p >= 2 && toks[p - 2].kind == Tok::kWord ? r.W(p - 2) : std::string_view();
      if (In(w1, {"i'm", "im", "bin", "she's", "he's"}) ||
          (w1 == "ben" && w2 == "ik") || (w1 == "am" && w2 == "i") ||
          (w1 == "is" && In(w2, {"zij", "ze", "hij", "she", "he"})) || (w1 == "ist" && In(w2, {"sie", "er"})) ||
          (w1 == "suis" && w2 == "je")) {
        speaker = frame = true;
        first = In(w1, {"i'm", "im", "bin", "she's", "he's"}) ? p - 1 : p - 2;
      }
    }
    if (!speaker && k >= 2 && toks[k - 1].kind == Tok::kWord && In(r.W(k - 1), {"van", "of", "von"}) &&
        toks[k - 2].kind == Tok::kWord && IsPersonNoun(r.W(k - 2))) {
      frame = true;
      first = k - 2;
    }
    if (!frame && k >= 1) {  // label: "leeftijd 17", "Alter: 17", "age = 17", "leeftijd is 17"
      size_t l = k - 1;
      if (toks[l].kind == Tok::kPunct && std::string_view(":=-").find(t[toks[l].b]) != std::string_view::npos && l > 0)
        --l;
      if (toks[l].kind == Tok::kWord && r.W(l) == "is" && l > 0) --l;
      if (toks[l].kind == Tok::kWord && IsLabel(r.W(l))) {
        frame = true;
        first = l;
      }
    }
    if (!frame && k >= 2 && r.IsPunct(k - 1, ',') && toks[k - 2].kind == Tok::kWord &&
        NameInOriginal(original, norm.origin[toks[k - 2].b])) {  // "Lisa, 17,"
      bool closes = k + 1 == n || r.IsPunct(k + 1, ',') || r.EndsClause(k + 1);
      if (closes) {
        frame = true;
        first = k - 2;
      }
    }
    if (!frame && k >= 1 && r.IsPunct(k - 1, '(') && k + 1 < n && r.IsPunct(k + 1, ')')) {  // "Lisa (21)", "(17)"
      bool line_start = k == 1 || r.EndsClause(k - 2);
      bool name = k >= 2 && toks[k - 2].kind == Tok::kWord && NameInOriginal(original, norm.origin[toks[k - 2].b]);
      if (line_start || name) {
        frame = true;
        first = name ? k - 2 : k - 1;
        last = k + 1;
      }
    }
    if (!frame) continue;

    // Vetoes. Before: the adverbs and the word before them ("al 16 jaar", "vanaf 25 jaar", "plus de 30
    // ans"), unless the speaker frame holds ("ik ben al 18").
    if (!speaker) {
      bool veto = false;
      size_t from = p >= 1 ? p - 1 : 0;
      if (from >= 1 && toks[from].kind == Tok::kWord && In(r.W(from), {"de", "het", "der", "die", "the", "le", "la"}))
        --from;  // "boven de 21 jaar"
      for (size_t i = from; i < k && !veto; ++i)
        veto = toks[i].kind == Tok::kWord && IsVetoBefore(r.W(i));
      size_t v = p >= 1 ? p - 1 : 0;
      if (p >= 2 && toks[v].kind == Tok::kWord && (r.W(v) == "de" || r.W(v) == "a") &&
          (word_at(v - 1, "plus") || word_at(v - 1, "moins") || word_at(v - 1, "y")))
        veto = true;
      if (veto) continue;
    }
    // Ranges: "20-30 jaar", "20 tot 30", "tussen 20 en 30".
    auto connector = [&](size_t i) {
      return i < n && (r.IsPunct(i, '-') || r.IsPunct(i, '/') ||
                       (toks[i].kind == Tok::kWord &&
                        In(r.W(i), {"tot", "to", "bis", "a", "en", "and", "und", "et", "of", "or", "oder", "ou"})));
    };
    if (k >= 2 && connector(k - 1) && toks[k - 2].kind == Tok::kNum) continue;
    if (k + 2 < n && connector(k + 1) && toks[k + 2].kind == Tok::kNum) continue;
    // After: duration and client words up to three words on, in the same clause.
    bool vetoed = false;
    for (size_t a = last + 1, words = 0; a < n && words < 3 && !r.EndsClause(a) && !r.IsPunct(a, ','); ++a) {
      if (toks[a].kind != Tok::kWord) continue;
      ++words;
      if (IsVetoAfter(r.W(a))) vetoed = true;
    }
    if (vetoed) continue;

    auto [ob, oe] = norm.ToOriginal(toks[first].b, toks[last].e);
    out.push_back({age, ob, oe});
  }
  return out;
}

std::vector<int> ExtractAges(std::string_view text) {
  std::vector<int> out;
  for (const AgeMention& m : ExtractAgeMentions(text))
    if (std::find(out.begin(), out.end(), m.age) == out.end()) out.push_back(m.age);
  return out;
}

int ParseAgeField(std::string_view field) {
  const std::string t = Normalize(field).text;
  for (size_t i = 0; i < t.size(); ++i) {
    if (!IsDigit(t[i])) continue;
    size_t j = i;
    while (j < t.size() && IsDigit(t[j])) ++j;
    if (j - i <= 2) {
      int v = std::stoi(t.substr(i, j - i));
      if (v >= 13 && v <= 99) return v;
    }
    i = j;
  }
  return 0;
}

}  // namespace adwatch
