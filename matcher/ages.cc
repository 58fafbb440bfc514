// Stated ages: a small grammar over the tokens of the normalised text (see
// ages.h). Each two-digit number is checked against the frames around it,
// then against the vetoes; word lists are short and plain.
#include "matcher/ages.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "matcher/internal/ascii_runs.h"
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
// punctuation characters and line breaks, of t[from, to) (offsets in t).
void Tokenize(std::string_view whole, size_t from, size_t to, std::vector<Tok>* toks) {
  std::vector<Tok>& out = *toks;
  out.clear();
  const std::string_view t = whole.substr(0, to);
  bool space = from > 0;
  for (size_t i = from; i < t.size();) {
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
}

// Word lists are constexpr arrays: no string lengths computed per call.
template <size_t N>
bool In(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view x : list)
    if (x == w) return true;
  return false;
}

constexpr std::string_view kAgeUnits[] = {"jaar", "jaren", "jr", "j", "jarig", "jarige", "yo", "yrs", "yr", "years", "year",
    "jahre", "jahr", "jahrig", "jahrige", "ans",
    // in the languages of migrant workers writing Dutch, English or German: Hungarian (eves), Romanian (ani),
    // Spanish/Portuguese (anos), Italian (anni), Polish (lat), Czech/Slovak (let), Bulgarian and
    // Serbo-Croatian (godini, godina, godine)
    "eves", "ani", "anos", "anni", "lat", "let", "godini", "godina", "godine",
    // slang: French "17 piges", "17 balais", German "18 Lenze"
    "piges", "balais", "lenze", "lenzen"};
// "lat" and "let" are also words: "17 let me know", "vanaf 18 let op".
constexpr std::string_view kNotAfterLet[] = {"me", "us", "op", "je", "ons", "mij", "you", "it", "him", "her", "them",
    "the", "your", "my"};
// "bijna 18", "bientot 18": youth wording (a rule), not a stated age.
constexpr std::string_view kAlmost[] = {"bijna", "haast", "binnenkort", "almost", "nearly", "soon", "fast", "bald",
    "presque", "bientot"};
constexpr std::string_view kAdverbs[] = {"pas", "net", "nog", "maar", "al", "bijna", "ongeveer", "circa", "ca",
    "ruim", "nu", "just", "only", "almost", "nearly", "now", "about", "erst", "gerade", "fast", "etwa", "knapp",
    "schon", "noch", "presque", "environ", "juste", "seulement", "deja", "already", "bientot", "bald", "soon",
    "binnenkort", "haast", "maintenant", "nun", "jetzt", "inmiddels", "intussen", "ondertussen", "bereits", "reeds",
    // "ben eigenlijk zestien": "actually", "really"
    "eigenlijk", "actually", "really", "eigentlich", "echt", "vraiment"};
constexpr std::string_view kPersonNouns[] = {"meid", "meidje", "meisje", "meiske", "dame", "dametje", "vrouw",
    "vrouwtje", "jongedame", "jongen", "studente", "student", "tiener", "blondje", "brunette", "schoonheid", "babe",
    "girl", "lady", "woman", "boy", "guy", "madchen", "maedchen", "frau", "junge", "fille", "femme", "garcon"};
constexpr std::string_view kLabels[] = {"leeftijd", "lft", "leeft", "age", "aged", "alter", "ages"};
constexpr std::string_view kNotAgeAfter[] = {"uur", "u", "h", "uhr", "heures", "heure", "hour", "hours", "hrs", "hr",
    "min", "mins", "minuten", "minutes", "minuut", "std", "stunden", "pm", "am", "euro", "eur", "e", "cm", "kg", "mm",
    "m", "kilo", "dagen", "days", "day", "tage", "tagen", "jours", "weken", "weeks", "wochen", "semaines", "maanden",
    "months", "monate", "mois", "keer", "times", "mal", "fois", "dames", "meiden", "meisjes", "girls", "ladies",
    "frauen", "filles", "femmes", "heren", "mannen", "men", "herren", "hommes", "jahren", "jaren", "jarigen", "jan",
    "januari", "january", "januar", "janvier", "feb", "februari", "february", "februar", "fevrier", "maart", "march",
    "marz", "mars", "apr", "april", "avril", "mei", "may", "mai", "juni", "june", "juin", "juli", "july", "juillet",
    "aug", "augustus", "august", "aout", "sep", "sept", "september", "septembre", "okt", "oct", "oktober", "october",
    "octobre", "nov", "november", "novembre", "dec", "dez", "december", "dezember", "decembre", "cup", "procent",
    "percent", "st", "x", "klasse", "klas", "class", "grade", "classe", "groep"};
constexpr std::string_view kVetoBefore[] = {"al", "sinds", "since", "for", "this", "seit", "depuis", "pendant", "durant",
    "vanaf", "va", "boven", "onder", "over", "tot", "tussen", "tegen", "om", "na", "binnen", "voor", "per", "ouder",
    "jonger", "minimaal", "min", "minimum", "maximaal", "max", "from", "above", "under", "after", "at", "within",
    "ab", "uber", "ueber", "unter", "bis", "nach", "vor", "um", "mindestens", "zwischen", "entre", "apres", "avant",
    "des", "moins", "plus", "dan", "than", "als", "least", "heren", "mannen", "men", "clients", "klanten", "kunden",
    "gentlemen", "herren", "messieurs", "hommes", "nummer", "nr", "no", "huisnummer", "maat", "size", "grosse",
    "taille", "cup", "prijs", "price", "preis", "prix", "dag", "day", "week", "mei", "juni", "juli", "may", "june",
    "july", "kamer", "room", "zimmer", "chambre", "bus", "lijn", "route", "postcode", "sur", "op", "on", "in", "im",
    "dans", "partir",
    // "married 12 years", "samen 12 jaar": years of a marriage
    "married", "getrouwd", "verheiratet", "maries", "together", "samen", "zusammen", "ensemble",
    // addresses: "appartement 12a", "Wohnung 14"
    "appartement", "apartment", "app", "apt", "studio", "etage", "verdieping", "huis", "haus", "wohnung", "maison",
    "unit", "flat", "box"};
constexpr std::string_view kVetoAfter[] = {"ervaring", "werkervaring", "experience", "exp", "erfahrung",
    // "16 ans dans ma tete", "17 in my head", "16 in mijn hoofd", "16 im Kopf": how old she feels
    "tete", "head", "hoofd", "kopf", "coeur",
    "berufserfahrung", "geleden", "ago", "her", "actief", "active", "aktiv", "werkzaam", "getrouwd", "married",
    "verheiratet", "samen", "together", "zusammen", "vak", "branche", "business", "lang", "long", "lange", "ervaren",
    "experienced", "ouder", "older", "aelter", "jonger", "younger", "plus", "meer", "mehr", "more", "garantie",
    "bestaan", "jubileum", "dienst", "carriere", "career", "karriere", "loopbaan", "gewerkt", "worked", "working", "gearbeitet", "travaille", "metier",
    "experiences", "oudere", "ouderen", "over", "up", "upwards", "mannen", "heren", "men",
    // "15 ans que je fais ça": how long, not how old
    "que",
    // "20 Jahre verbracht", "20 years spent": time spent somewhere ("40 ans passés"
    // stays ambiguous: "j'ai 40 ans passés" is her age)
    "spent", "verbracht", "doorgebracht"};
constexpr std::string_view kTrades[] = {"massage", "massages", "escort", "tantra", "service", "services", "travail",
    "carriere", "career", "pratique", "practice", "plaisir", "bonheur", "passion"};
// Jobs held for years: "16 years a masseuse", "12 Jahre als Masseurin".
constexpr std::string_view kJobs[] = {"masseuse", "masseur", "masseurin", "masseuze", "escort", "escortdame",
    "hostess", "callgirl", "domina", "dominatrix", "model", "stripper", "dancer", "danseres", "tanzerin",
    "danseuse", "therapist", "therapeut", "therapeute", "therapeutin", "nurse", "verpleegster", "verpleegkundige",
    "krankenschwester", "infirmiere", "teacher", "lerares", "lehrerin", "institutrice", "kapster", "hairdresser",
    "friseurin", "coiffeuse", "prostituee", "prostituierte", "sexworker", "hure", "courtisane", "courtesan"};
// "12 years in this work", "17 jaar in het werk": years spent in a line of work.
constexpr std::string_view kWorkNouns[] = {"work", "job", "werk", "arbeit", "trade", "industry", "milieu", "gewerbe",
                                           "profession", "beroep", "beruf",
                                           "scene", "biz", "business", "geschaft", "vak", "metier", "branche", "branch"};
constexpr std::string_view kWorkDeterminers[] = {"this", "the", "dit", "het", "deze", "die", "dem", "diesem", "dieser", "der",
                                                 "im", "ce", "cette", "le"};
// "ben" alone: "lieke. ben eigenlijk zestien" (the "ik" left out).
constexpr std::string_view kSpeakerOneWord[] = {"i'm", "im", "bin", "ben", "she's", "he's"};
constexpr std::string_view kThirdPerson[] = {"zij", "ze", "hij", "she", "he"};
constexpr std::string_view kThirdPersonDe[] = {"sie", "er"};
// Capitalised sentence starts that are no names: "Het is 17 km", "Dit is 20".
constexpr std::string_view kNotNames[] = {"het", "dit", "dat", "er", "it", "this", "that", "there", "what", "das", "es",
    "dies", "was", "il", "c'", "ce", "cela", "ca", "tarief", "tarif", "kosten", "cost", "costs", "totaal", "total",
    "korting", "discount", "rabatt", "afstand", "distance", "entfernung", "maat", "size", "grosse", "taille", "cup",
    "lengte", "length", "gewicht", "weight", "mijn", "my", "mein", "meine", "mon", "ma", "zij", "she", "sie", "elle",
    "hij", "he", "er", "nummer", "number", "huisnummer", "code", "pin", "minimum", "maximum", "wachttijd",
    // a celebration, not a person: "Feestje: 10 jaar Sylvia", "Jubiläum: 12 Jahre Studio Rosa"
    "feest", "feestje", "jubileum", "jubilaum", "anniversary", "party", "feier", "fete", "actie", "aktion", "promo",
    // relatives, capitalised as German nouns: "Meine Tochter ist 17" is her daughter's age
    "tochter", "sohn", "kind", "kinder", "enkel", "enkelin", "nichte", "neffe", "bruder", "schwester", "mutter",
    "vater", "dochter", "zoon", "daughter", "son", "fille", "fils"};
constexpr std::string_view kOfWords[] = {"van", "of", "von"};
constexpr std::string_view kArticles[] = {"de", "het", "der", "die", "the", "le", "la"};
constexpr std::string_view kTogether[] = {"samen", "together", "zusammen"};
// Living or working somewhere for years: "living in Maastricht 10 years",
// "woon hier 12 jaar", "arbeite in Aachen 10 Jahre" (a duration, whoever says it).
constexpr std::string_view kStayVerbs[] = {
    "living", "live", "lives", "lived", "working", "work", "works", "worked", "staying", "stay", "stays",
    "woon", "woont", "woonde", "werk", "werkt", "werkte", "wohne", "wohnt", "wohnte", "lebe", "lebt", "lebte",
    "arbeite", "arbeitet", "arbeitete", "habite", "habitait", "vis", "vit", "travaille", "travaillait"};
constexpr std::string_view kPairWords[] = {"and", "en", "und", "et"};
constexpr std::string_view kButWords[] = {"maar", "but", "aber", "mais"};
constexpr std::string_view kRangeWords[] = {"tot", "to", "bis", "a", "en", "and", "und", "et", "of", "or", "oder",
    "ou"};

bool IsAgeUnit(std::string_view w) {
  return In(w, kAgeUnits);
}
// Words that may stand between the frame and the number.
bool IsAdverb(std::string_view w) {
  return In(w, kAdverbs);
}
bool IsPersonNoun(std::string_view w) {
  return In(w, kPersonNouns);
}
bool IsLabel(std::string_view w) { return In(w, kLabels); }
// A time, price, size, count or date word right after the number.
bool IsNotAgeAfter(std::string_view w) {
  return In(w, kNotAgeAfter);
}
// The word before the number (after adverbs): a duration, a limit, a client, a place.
bool IsVetoBefore(std::string_view w) {
  if (In(w, kVetoBefore))
    return true;
  static constexpr std::string_view kStreetEndings[] = {"straat", "weg",    "laan",   "plein", "singel", "gracht",
                                                        "kade",   "dijk",   "strasse", "street", "road",  "rue",
                                                        "avenue", "steeg",  "pad",    "hof"};
  for (std::string_view s : kStreetEndings)
    if (w.size() > s.size() && w.substr(w.size() - s.size()) == s) return true;
  return false;
}
// A word shortly after the number that makes it a duration or a client's age.
bool IsVetoAfter(std::string_view w) {
  if (w.size() > 2 && w[1] == '\'') w.remove_prefix(2);  // "d'experience"
  return In(w, kVetoAfter);
}

// German and Dutch dates write the day as an ordinal: "10.–12. Aachen",
// "vom 1. bis 10. Mai", "14. Oktober". Two digits at `at`, then "." and a
// dash (Normalize made every dash '-'), a digit, "bis"/"tot"/"t/m" or a
// month: a day, not an age.
bool OrdinalDate(std::string_view t, size_t at) {
  size_t i = at + 2;
  if (i >= t.size() || t[i] != '.') return false;
  ++i;
  while (i < t.size() && t[i] == ' ') ++i;
  if (i >= t.size()) return false;
  if (t[i] == '-' || IsDigit(t[i])) return true;
  size_t e = i;
  while (e < t.size() && IsLetterByte(t[e])) ++e;
  static constexpr std::string_view kDateWords[] = {"bis", "tot", "t", "jan", "januar", "januari", "feb", "februar",
      "februari", "marz", "maart", "apr", "april", "mai", "mei", "juni", "juli", "aug", "august", "augustus", "sep",
      "sept", "september", "okt", "oktober", "nov", "november", "dez", "dezember", "dec", "december"};
  return In(t.substr(i, e - i), kDateWords);
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

// A relative or another person named earlier in the clause before token p:
// "mijn dochter is net 18 geworden", "my son turned 16".
bool OtherPersonInClause(const Reader& r, size_t p) {
  static constexpr std::string_view kOthers[] = {"zoon", "dochter", "son", "daughter", "sohn", "tochter", "fils",
      "fille", "kind", "kinderen", "child", "kids", "kinder", "enfant", "enfants", "broer", "brother", "bruder",
      "frere", "zus", "zusje", "sister", "schwester", "soeur", "nichtje", "neefje", "niece", "nephew", "nichte",
      "neffe", "kleinkind", "grandchild", "enkel", "jongste", "oudste", "youngest", "eldest", "man", "husband",
      "mann", "mari", "vriend", "friend", "freund", "ami", "salon", "studio", "club", "zaak", "site", "website"};
  for (size_t i = p, words = 0; i-- > 0 && words < 8 && !r.EndsClause(i);)
    if (r.toks[i].kind == Tok::kWord && ++words && In(r.W(i), kOthers)) return true;
  return false;
}

bool IsTwoDigits(const Reader& r, size_t k) {
  return k < r.toks.size() && r.toks[k].kind == Tok::kNum && r.toks[k].e - r.toks[k].b == 2;
}

// A name before token k ("Maria" in "Maria 20"): capitalised in the
// original and no word that makes the number a size, count or limit.
bool NameAt(std::string_view original, const NormalizedText& norm, const Reader& r, size_t k) {
  if (k >= r.toks.size() || r.toks[k].kind != Tok::kWord) return false;
  std::string_view w = r.W(k);
  return w.size() >= 2 && !IsVetoBefore(w) && !IsAdverb(w) && !IsLabel(w) && !IsNotAgeAfter(w) &&
         NameInOriginal(original, norm.origin[r.toks[k].b]);
}

// "/" "&" "and" "en" "und" "et" between the two ages of a couple.
bool PairJoinAt(const Reader& r, size_t k) {
  return k < r.toks.size() && (r.IsPunct(k, '/') || r.IsPunct(k, '&') ||
                               (r.toks[k].kind == Tok::kWord && In(r.W(k), kPairWords)));
}

// Token k starts a couple's ages: "(40/38)" after a name (both ages
// 16-70), or "Lara and Dina, 20 and 22" (14-70).
bool CoupleAt(std::string_view original, const NormalizedText& norm, const Reader& r, size_t k) {
  const size_t n = r.toks.size();
  if (!IsTwoDigits(r, k) || !PairJoinAt(r, k + 1) || !IsTwoDigits(r, k + 2)) return false;
  const bool paren = k >= 1 && r.IsPunct(k - 1, '(') && k + 3 < n && r.IsPunct(k + 3, ')');
  for (size_t j : {k, k + 2}) {
    int v = (r.t[r.toks[j].b] - '0') * 10 + (r.t[r.toks[j].b + 1] - '0');
    if (v < (paren ? 16 : 14) || v > 70) return false;
  }
  if (paren) return k >= 2 && NameAt(original, norm, r, k - 2);
  return k >= 4 && r.IsPunct(k - 1, ',') && NameAt(original, norm, r, k - 2) && PairJoinAt(r, k - 3) &&
         NameAt(original, norm, r, k - 4);
}

// A couple's ages by pronoun: "sie 35 und er 40", "zij 41, hij 44", "she 29
// and he 33". Token k is either number; both ages 16-80.
bool PronounPairAt(const Reader& r, size_t k) {
  static constexpr std::string_view kPronouns[] = {"sie", "er", "zij", "hij", "ze", "she", "he", "elle", "il", "lui"};
  const size_t n = r.toks.size();
  auto pron = [&](size_t j) { return j < n && r.toks[j].kind == Tok::kWord && In(r.W(j), kPronouns); };
  auto age = [&](size_t j) {
    if (!IsTwoDigits(r, j)) return false;
    const int v = (r.t[r.toks[j].b] - '0') * 10 + (r.t[r.toks[j].b + 1] - '0');
    return v >= 16 && v <= 80;
  };
  auto join = [&](size_t j) { return j < n && (r.IsPunct(j, ',') || PairJoinAt(r, j)); };
  return (k >= 1 && pron(k - 1) && age(k) && join(k + 1) && pron(k + 2) && age(k + 3)) ||
         (k >= 4 && pron(k - 1) && age(k) && join(k - 2) && age(k - 3) && pron(k - 4));
}

// The text before `at` speaks of several women ("new girls", "onze dames").
bool SeveralWomenBefore(std::string_view t, size_t at) {
  static constexpr std::string_view kWomen[] = {"girls", "ladies", "women", "meiden", "meisjes", "dames", "vrouwen",
                                                "frauen", "madchen", "damen", "filles", "femmes", "chicas"};
  std::string_view head = t.substr(0, at);
  for (std::string_view w : kWomen)
    for (size_t p = head.find(w); p != std::string_view::npos; p = head.find(w, p + 1))
      if ((p == 0 || !IsLetterByte(head[p - 1])) && (p + w.size() == head.size() || !IsLetterByte(head[p + w.size()])))
        return true;
  return false;
}

// A name and an age in a list of at least two: "Maria 20, Sonia 23",
// "Anna 19 en Lisa 21". Token k is the number. Every item of the list
// must be a name and an age from 14 to 65, and the ages not all round
// unless the ad speaks of several women, so that a price list ("Anaal 30,
// Extra 20, Uur 100") does not read as one.
bool NameListAt(std::string_view original, const NormalizedText& norm, const Reader& r, size_t k) {
  const size_t n = r.toks.size();
  // 1: "Name NN"; -1: a word and a number that are not a name and an age; 0: no item.
  auto item = [&](size_t j) {
    if (j < 1 || j >= n || r.toks[j].kind != Tok::kNum || r.toks[j - 1].kind != Tok::kWord) return 0;
    if (!IsTwoDigits(r, j) || !r.toks[j].space_before || !NameAt(original, norm, r, j - 1)) return -1;
    if (j + 1 < n && r.toks[j + 1].kind == Tok::kWord && IsNotAgeAfter(r.W(j + 1))) return -1;
    int v = (r.t[r.toks[j].b] - '0') * 10 + (r.t[r.toks[j].b + 1] - '0');
    return v >= 14 && v <= 65 ? 1 : -1;
  };
  auto joins = [&](size_t j) { return j < n && (r.IsPunct(j, ',') || PairJoinAt(r, j)); };
  if (item(k) != 1) return false;
  int items = 1;
  bool round = r.t[r.toks[k].b + 1] == '0' || r.t[r.toks[k].b + 1] == '5';
  for (size_t j = k; j >= 3 && joins(j - 2); j -= 3) {
    int it = item(j - 3);
    if (it < 0) return false;
    if (it == 0) break;
    ++items;
    round &= r.t[r.toks[j - 3].b + 1] == '0' || r.t[r.toks[j - 3].b + 1] == '5';
  }
  for (size_t j = k; joins(j + 1); j += 3) {
    int it = item(j + 3);
    if (it < 0) return false;
    if (it == 0) break;
    ++items;
    round &= r.t[r.toks[j + 3].b + 1] == '0' || r.t[r.toks[j + 3].b + 1] == '5';
  }
  return items >= 2 && (!round || SeveralWomenBefore(r.t, r.toks[k].b));
}

}  // namespace

std::vector<AgeMention> ExtractAgeMentions(std::string_view text) { return ExtractAgeMentions(text, Normalize(text)); }

std::vector<std::string> OwnNamesForAges(std::string_view name_field) {
  std::vector<std::string> out;
  const std::string t = Normalize(name_field).text;
  // "Studio 54", "Lisa2": a number in the name is part of it.
  if (t.find_first_of("0123456789") != std::string::npos) return out;
  // A business's name ("Haus Kaiserplatz", "Club Velvet") is no person's:
  // its words stand before house numbers ("Kaiserplatz 14").
  static constexpr std::string_view kBusinessWords[] = {"studio", "salon", "club", "privehuis", "haus", "house",
      "escort", "agency", "agentur", "agence", "massage", "sauna", "bar", "team", "girls", "ladies", "dames",
      "damen", "service", "laufhaus", "bordell", "villa", "residence", "relax", "institut", "wellness", "spa"};
  static constexpr std::string_view kNotOwnNames[] = {"la", "le", "de", "het", "the", "die", "der", "das", "and",
      "en", "und", "et"};
  size_t i = 0;
  while (i < t.size()) {
    while (i < t.size() && !(t[i] >= 'a' && t[i] <= 'z')) ++i;
    size_t e = i;
    while (e < t.size() && t[e] >= 'a' && t[e] <= 'z') ++e;
    std::string_view w(t.data() + i, e - i);
    if (In(w, kBusinessWords)) return {};
    if (w.size() >= 2 && !In(w, kNotOwnNames) && !In(w, kNotNames)) out.emplace_back(w);
    i = e;
  }
  return out;
}

std::vector<AgeMention> ExtractAgeMentions(std::string_view original, const NormalizedText& norm,
                                           const std::vector<std::string>& own_names) {
  std::vector<AgeMention> out;
  const std::string_view t = norm.text;
  std::vector<Tok> toks;
  // Each two-digit number is read with the tokens of a window around it: the
  // frames and vetoes look a few words either way, and most numbers in an ad
  // (times, prices, phone numbers) are ruled out before any tokenising.
  // The next digit 1-9 from `from` on (find_first_of runs memchr per byte).
  auto next_lead = [&](size_t from) {
    from = matcher_internal::NextDigit1To9(t, std::min(from, t.size()));
    return from < t.size() ? from : std::string_view::npos;
  };
  for (size_t at = next_lead(0); at != std::string_view::npos && at + 1 < t.size(); at = next_lead(at + 1)) {
    if (!IsDigit(t[at + 1]) || (at > 0 && IsDigit(t[at - 1])) || (at + 2 < t.size() && IsDigit(t[at + 2]))) {
      while (at + 1 < t.size() && IsDigit(t[at + 1])) ++at;
      continue;
    }
    auto digit_at = [&](size_t i) { return i < t.size() && IsDigit(t[i]); };
    auto char_at = [&](size_t i, char c) { return i < t.size() && t[i] == c; };
    // "(40/38)": a couple's ages, not a date (CoupleAt decides).
    const bool paren_pair =
        (at >= 1 && char_at(at - 1, '(') && char_at(at + 2, '/') && digit_at(at + 3) && digit_at(at + 4) &&
         char_at(at + 5, ')')) ||
        (at >= 4 && char_at(at - 4, '(') && digit_at(at - 3) && digit_at(at - 2) && char_at(at - 1, '/') &&
         char_at(at + 2, ')'));
    if (!paren_pair && at + 2 < t.size() && std::string_view(":.,/-").find(t[at + 2]) != std::string_view::npos &&
        digit_at(at + 3))
      continue;  // "16.00", "17:30", "17,50", "17/05", "17-05"
    if (!paren_pair && at >= 2 && std::string_view(":.,/-").find(t[at - 1]) != std::string_view::npos &&
        digit_at(at - 2))
      continue;  // "1.68", "06-17"
    if (OrdinalDate(t, at)) continue;  // "7.–9. Maastricht, 10.–12. Aachen", "vom 1. bis 10. Mai"
    size_t ws = at >= 48 ? at - 48 : 0, we = std::min(t.size(), at + 56);
    while (ws > 0 && ws < at && t[ws - 1] != ' ' && t[ws - 1] != '\n') ++ws;
    while (we < t.size() && we > at + 2 && t[we] != ' ' && t[we] != '\n') --we;
    const bool text_start = ws == 0, text_end = we == t.size();
    Tokenize(t, ws, we, &toks);
    const Reader r{t, toks};
    const size_t n = toks.size();
    size_t k = 0;
    while (k < n && toks[k].b != at) ++k;
    if (k == n) continue;
    auto adjacent = [&](size_t i) { return i < n && !toks[i].space_before; };
    const int age = (t[toks[k].b] - '0') * 10 + (t[toks[k].b + 1] - '0');
    // Part of a larger number, a time, a date, a price: "16.00", "06-17", "€17", "18+".
    if (k > 0 && toks[k - 1].kind == Tok::kPunct && adjacent(k) && !paren_pair) {
      char p = t[toks[k - 1].b];
      if (std::string_view("€$£#+").find(p) != std::string_view::npos) continue;
      if (std::string_view(".,:/-").find(p) != std::string_view::npos && k > 1 && toks[k - 2].kind == Tok::kNum &&
          adjacent(k - 1))
        continue;
    }
    if (k > 0 && adjacent(k) && r.W(k - 1).size() >= 3 && r.W(k - 1).substr(r.W(k - 1).size() - 3) == "€") continue;
    if (k + 1 < n && toks[k + 1].kind == Tok::kPunct && adjacent(k + 1) && !paren_pair) {
      char p = t[toks[k + 1].b];
      if (p == '+' || p == '%' || p == '\'' ) continue;
      if (std::string_view(".,:/-").find(p) != std::string_view::npos && k + 2 < n &&
          toks[k + 2].kind == Tok::kNum && adjacent(k + 2))
        continue;
    }

    // "12. Klasse": a school year, not an age.
    if (k + 2 < n && r.IsPunct(k + 1, '.') && toks[k + 2].kind == Tok::kWord &&
        (r.W(k + 2) == "klasse" || r.W(k + 2) == "schuljahr"))
      continue;
    // Right side: a unit ("17 jaar", "17-jarige", "17 y/o", "17 years old").
    size_t last = k;  // last token of the phrase
    size_t q = k + 1;
    if (q < n && r.IsPunct(q, '-')) ++q;
    bool unit = false, strong_unit = false;  // strong: a unit only an age takes ("oud", "-jarige", "yo")
    if (q < n && toks[q].kind == Tok::kWord) {
      std::string_view w = r.W(q);
      const bool word_unit = IsAgeUnit(w) && !((w == "let" || w == "lat") && q + 1 < n &&
                                               toks[q + 1].kind == Tok::kWord && In(r.W(q + 1), kNotAfterLet));
      if (w == "a" && q == k + 1 && adjacent(q)) {  // "16a", the French abbreviation
        unit = true;
        last = q;
      } else if (word_unit) {
        unit = true;
        last = q;
        strong_unit = w == "jarig" || w == "jarige" || w == "jahrig" || w == "jahrige" || w == "yo";
        if ((w == "year" || w == "years") && q + 2 < n && r.IsPunct(q + 1, '-') && r.IsWord(q + 2, "old")) last = q + 2;
        else if (q + 1 < n && (r.IsWord(q + 1, "old") || r.IsWord(q + 1, "oud"))) last = q + 1;
        else if ((w == "jahre" || w == "jahr") && q + 1 < n && r.IsWord(q + 1, "alt")) last = q + 1;
        strong_unit |= last > q;
      } else if (w == "y" && q + 2 < n && (r.IsPunct(q + 1, '/') || r.IsPunct(q + 1, '.')) && r.IsWord(q + 2, "o")) {
        unit = true;
        strong_unit = true;
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
      if (In(w1, kSpeakerOneWord) ||
          (w1 == "ben" && w2 == "ik") || (w1 == "am" && w2 == "i") ||
          (w1 == "is" && In(w2, kThirdPerson)) || (w1 == "ist" && In(w2, kThirdPersonDe)) ||
          (w1 == "suis" && w2 == "je") || (w1 == "i" && w2 == "bin") ||  // Bavarian and Austrian "bin i 17"
          ((w1 == "zijn" || w1 == "ben") && w2 == "k") ||                // Flemish "'k zijn zestien"
          // "ze zegt 19 maar is eigenlijk 16": the subject left out after "but", an adverb before the number
          ((w1 == "is" || w1 == "ist" || w1 == "est") && In(w2, kButWords) && p < k)) {
        speaker = frame = true;
        first = In(w1, kSpeakerOneWord) && !(w1 == "ben" && w2 == "ik") ? p - 1 : p - 2;
      }
    }
    // "iedereen denkt ik ben 15", "people say I'm 16": how young she looks (a rule's
    // matter), not the age she states.
    if (speaker && first >= 1) {
      static constexpr std::string_view kThinkSay[] = {"denkt", "denken", "think", "thinks", "glaubt", "glauben",
          "pense", "pensent", "croit", "croient", "zegt", "zeggen", "says", "say", "sagt", "sagen", "disent"};
      size_t v = first - 1;
      if (toks[v].kind == Tok::kWord && (r.W(v) == "dat" || r.W(v) == "that" || r.W(v) == "dass" || r.W(v) == "que") &&
          v >= 1)
        --v;
      if (toks[v].kind == Tok::kWord && In(r.W(v), kThinkSay)) continue;
    }
    // "Anna is 17 en nieuw", "Kasia ist 23.": a name as the subject, the number
    // closing the clause (or a unit, or "and" after it). Not "Kamer is 12",
    // "Prijs is 30": limit, price and place words are no names.
    if (!speaker && p >= 2 && toks[p - 1].kind == Tok::kWord && toks[p - 2].kind == Tok::kWord &&
        (r.W(p - 1) == "is" || r.W(p - 1) == "ist" || r.W(p - 1) == "est") &&
        NameInOriginal(original, norm.origin[toks[p - 2].b]) && !IsVetoBefore(r.W(p - 2)) &&
        !IsLabel(r.W(p - 2)) && !IsNotAgeAfter(r.W(p - 2)) && !In(r.W(p - 2), kNotNames)) {
      const size_t after = last + 1;
      const bool closes = unit || after >= n || r.EndsClause(after) || r.IsPunct(after, ',') ||
                          (toks[after].kind == Tok::kWord && In(r.W(after), kPairWords));
      if (closes) {
        speaker = frame = true;
        first = p - 2;
      }
    }
    // "true I have 17, in May I am 18": the Romance "I have N" of a non-native
    // writer, only where the number closes the clause or takes an age unit.
    if (!speaker && p >= 2 && toks[p - 1].kind == Tok::kWord && toks[p - 2].kind == Tok::kWord &&
        ((r.W(p - 1) == "have" && r.W(p - 2) == "i") || (r.W(p - 1) == "has" && In(r.W(p - 2), kThirdPerson)) ||
         (r.W(p - 1) == "heb" && r.W(p - 2) == "ik" && unit))) {  // "ik heb 17 jaren"
      const size_t after = last + 1;
      if (unit || after >= n || r.EndsClause(after) || r.IsPunct(after, ',')) {
        speaker = frame = true;
        first = p - 2;
      }
    }
    // A birthday reached: "ben in november zestien geworden", "bin 17 geworden", "I turned 16 in May",
    // "ik werd vorige week 17", "ich wurde im März 17", "j'ai eu 17 ans" (a unit needed after "eu").
    // Not when the clause names someone else first ("mijn zoon is 16 geworden").
    if (!frame && !speaker) {
      size_t after = last + 1;
      bool reached = after < n && (r.IsWord(after, "geworden") || r.IsWord(after, "gworden"));
      for (size_t i = p, words = 0; !reached && i-- > 0 && words < 4 && !r.EndsClause(i) && !r.IsPunct(i, ',');) {
        if (toks[i].kind != Tok::kWord) continue;
        ++words;
        std::string_view w = r.W(i);
        // German "werd i 18" is a birthday to come; Dutch "ik werd 17" one past.
        const bool future = i + 1 < n && (r.IsWord(i + 1, "i") || r.IsWord(i + 1, "ich"));
        reached = w == "turned" || w == "wurde" || (w == "werd" && !future) || (w == "eu" && unit);
      }
      if (reached && !OtherPersonInClause(r, p)) {
        frame = speaker = strong_unit = true;  // as "ik ben 17": "vorige week 17" is no duration
        first = p;
      }
    }
    if (!speaker && k >= 2 && toks[k - 1].kind == Tok::kWord && In(r.W(k - 1), kOfWords) &&
        toks[k - 2].kind == Tok::kWord && IsPersonNoun(r.W(k - 2))) {
      frame = true;
      first = k - 2;
    }
    // "sweet 16 & bored": the sixteenth birthday's name, said of herself.
    static constexpr std::string_view kParty[] = {"party", "parties", "birthday", "feest", "feestje", "fete",
                                                   "feier", "theme", "thema", "look", "outfit"};
    if (!frame && age == 16 && k >= 1 && r.IsWord(k - 1, "sweet") &&
        !(k + 1 < n && toks[k + 1].kind == Tok::kWord && In(r.W(k + 1), kParty))) {  // not "sweet 16 birthday parties"
      frame = true;
      first = k - 1;
    }
    // "school girl 16", "meisje 16 uit Heerlen": the noun right before the number.
    if (!frame && k >= 1 && toks[k - 1].kind == Tok::kWord && IsPersonNoun(r.W(k - 1))) {
      frame = true;
      first = k - 1;
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
    // "Lisa, 17,", and "ik ben anouk, 17," in lower case after "ik ben" / "I am".
    // German "bin" is "I am" even without "ich" ("hallo bin lina").
    auto self_intro = [&](size_t at) {
      if (at >= 1 && toks[at - 1].kind == Tok::kWord && r.W(at - 1) == "bin") return true;
      // "bin die lea, 17": colloquial German puts an article before her name.
      if (at >= 2 && toks[at - 1].kind == Tok::kWord && toks[at - 2].kind == Tok::kWord && r.W(at - 2) == "bin" &&
          (r.W(at - 1) == "die" || r.W(at - 1) == "der"))
        return true;
      // "nika hier, sechzehn", "Sanne here, 17": a name and "here" introduce her.
      if (toks[at].kind == Tok::kWord && (r.W(at) == "hier" || r.W(at) == "here") && at >= 1 &&
          toks[at - 1].kind == Tok::kWord)
        return true;
      // "hey its courtney, sixteen", "moi c'est lola, 17": a name after "it's" / "c'est".
      if (at >= 1 && toks[at - 1].kind == Tok::kWord &&
          (r.W(at - 1) == "it's" || r.W(at - 1) == "its" || r.W(at - 1) == "c'est"))
        return true;
      return at >= 2 && toks[at - 1].kind == Tok::kWord && toks[at - 2].kind == Tok::kWord &&
             ((r.W(at - 1) == "ben" && r.W(at - 2) == "ik") || (r.W(at - 1) == "am" && r.W(at - 2) == "i") ||
              (r.W(at - 1) == "suis" && r.W(at - 2) == "je"));
    };
    // "bin lina und siebzehn": the name and the age joined by "and" after "I am".
    const bool and_after_intro = k >= 2 && toks[k - 1].kind == Tok::kWord && In(r.W(k - 1), kPairWords) &&
                                 toks[k - 2].kind == Tok::kWord && self_intro(k - 2);
    if (!frame && k >= 2 && ((r.IsPunct(k - 1, ',') && toks[k - 2].kind == Tok::kWord &&
                              (NameInOriginal(original, norm.origin[toks[k - 2].b]) || self_intro(k - 2))) ||
                             and_after_intro)) {
      // "Sara, 17 now and 18 in May": "now" closes the age too.
      bool closes = (k + 1 == n && text_end) ||
                    (k + 1 < n && (r.IsPunct(k + 1, ',') || r.EndsClause(k + 1) ||
                                   (toks[k + 1].kind == Tok::kWord &&
                                    (r.W(k + 1) == "now" || r.W(k + 1) == "nu" || r.W(k + 1) == "jetzt" ||
                                     r.W(k + 1) == "maintenant"))));
      if (closes) {
        frame = true;
        first = k - 2;
      }
    }
    if (!frame && k >= 1 && r.IsPunct(k - 1, '(') && k + 1 < n && r.IsPunct(k + 1, ')')) {  // "Lisa (21)", "(17)"
      bool line_start = (k == 1 && text_start) || (k >= 2 && r.EndsClause(k - 2));
      bool name = k >= 2 && toks[k - 2].kind == Tok::kWord && NameInOriginal(original, norm.origin[toks[k - 2].b]);
      if (line_start || name) {
        frame = true;
        first = name ? k - 2 : k - 1;
        last = k + 1;
      }
    }
    // "Roxi 20 – neu in Würselen", "Gosia 29 hier": her own name (the ad's name
    // field) right before the number. Any capitalised word would read rooms,
    // bungalows and prices ("Kamer 12", "Bungalow 7") as ages; her name does not.
    // The number stands alone: "Lara 25€", "Kaiserplatz 14b" are a price and a house number.
    const bool stands_alone = k + 1 == n || toks[k + 1].space_before ||
                              (toks[k + 1].kind == Tok::kPunct && std::string_view(",.!?;:)-").find(t[toks[k + 1].b]) !=
                                                                      std::string_view::npos);
    if (!frame && k >= 1 && toks[k].space_before && stands_alone && toks[k - 1].kind == Tok::kWord &&
        std::find(own_names.begin(), own_names.end(), r.W(k - 1)) != own_names.end()) {
      frame = true;
      first = k - 1;
    }
    // Several women or a couple: "Maria 20, Sonia 23", "Lara and Dina, 20 and 22", "Stijn & Els (40/38)".
    bool pair = false, pair_or_list = false;
    if (!frame) {
      pair = CoupleAt(original, norm, r, k) || (k >= 2 && CoupleAt(original, norm, r, k - 2)) || PronounPairAt(r, k);
      frame = pair_or_list = pair || NameListAt(original, norm, r, k);
      if (frame) first = k >= 1 && toks[k - 1].kind == Tok::kWord ? k - 1 : k;
    }
    if (!frame) continue;
    // Under 14, "N years" alone is a duration or an anniversary ("Thai massage – 12 years", "10 Jahre
    // Studio Amour", "fête ses 10 ans"): no ad in the corpus states such an age that way. It needs a
    // word that only an age takes ("13 jaar oud", "13-jarige", "13yo"), a speaker ("ik ben 13"),
    // a person ("meisje van 13", "meisje 13 jaar"), a label or a name ("Lisa, 13 jaar").
    if (age < 14 && unit && !speaker && !strong_unit) {
      const bool person = k >= 1 && toks[k - 1].kind == Tok::kWord &&
                          (IsPersonNoun(r.W(k - 1)) || IsLabel(r.W(k - 1)) ||
                           (k >= 2 && In(r.W(k - 1), kOfWords) && toks[k - 2].kind == Tok::kWord &&
                            IsPersonNoun(r.W(k - 2))));
      const bool named = k >= 2 && (r.IsPunct(k - 1, ',') || r.IsPunct(k - 1, ':')) &&
                         toks[k - 2].kind == Tok::kWord && !In(r.W(k - 2), kNotNames) &&
                         (NameInOriginal(original, norm.origin[toks[k - 2].b]) || IsLabel(r.W(k - 2)));
      if (!person && !named) continue;
    }
    // "Das Studio Mira wird 10 Jahre alt", "onze salon wordt 12 jaar": a business's
    // anniversary (under 14, a business noun earlier in the clause, no speaker).
    if (age < 14 && unit && !speaker) {
      static constexpr std::string_view kBusinesses[] = {"studio", "salon", "club", "privehuis", "haus", "house",
          "zaak", "bar", "sauna", "website", "site", "agentur", "agency", "agence", "bedrijf", "betrieb", "laden",
          "institut", "praxis", "praktijk", "maison", "massagesalon", "laufhaus", "bordell"};
      bool business = false;
      for (size_t i = k, words = 0; i-- > 0 && words < 8 && !r.EndsClause(i);)
        if (toks[i].kind == Tok::kWord && ++words) business |= In(r.W(i), kBusinesses);
      if (business) continue;
    }
    // "FN, 69, calins": the position, not an age, unless a unit says so.
    if (age == 69 && !unit && !speaker) continue;
    // "bijna 18", "bientot 18 ans": youth wording for a rule, not a stated age.
    if (age == 18) {
      bool almost = false;
      for (size_t i = p >= 1 ? p - 1 : 0; i < k; ++i) almost |= toks[i].kind == Tok::kWord && In(r.W(i), kAlmost);
      if (almost) continue;
    }

    // "living in Maastricht 10 years": a verb of living or working earlier in
    // the clause (no comma between) makes "N years" a stay, not an age.
    if (unit && !speaker) {
      bool stay = false;
      for (size_t i = p, words = 0; i-- > 0 && words < 5;) {
        if (r.EndsClause(i) || r.IsPunct(i, ',')) break;
        if (toks[i].kind != Tok::kWord) continue;
        ++words;
        stay |= In(r.W(i), kStayVerbs);
        // "In this business already 16 years": a line of work earlier in the clause.
        stay |= In(r.W(i), kWorkNouns) && i > 0 && toks[i - 1].kind == Tok::kWord && In(r.W(i - 1), kWorkDeterminers);
      }
      if (stay) continue;
    }
    // "si t'as une tête à avoir 17 ans", "if you look 17", "wenn du wie 17 aussiehst": the
    // client's age or looks, not hers (a second person as the clause's subject).
    if (!speaker) {
      static constexpr std::string_view kYou[] = {"tu", "vous", "you", "du", "jij", "je", "u"};
      static constexpr std::string_view kYouVerbs[] = {"as", "avez", "es", "etes", "have", "are", "look", "re",
          "bist", "hast", "siehst", "bent", "hebt", "ziet", "lijkt", "looks", "sembles", "semblez", "parais"};
      bool client = false;
      for (size_t i = k, words = 0; i-- > 0 && words < 7 && !r.EndsClause(i) && !client;) {
        if (toks[i].kind != Tok::kWord) continue;
        ++words;
        const std::string_view w = r.W(i);
        client = w == "t'as" || w == "t'es" ||
                 (In(w, kYou) && i + 1 < n && toks[i + 1].kind == Tok::kWord && In(r.W(i + 1), kYouVerbs));
      }
      if (client) continue;
    }
    // Vetoes. Before: the adverbs and the word before them ("al 16 jaar", "vanaf 25 jaar", "plus de 30
    // ans"), unless the speaker frame holds ("ik ben al 18").
    if (!speaker) {
      bool veto = false;
      size_t from = p >= 1 ? p - 1 : 0;
      if (from >= 1 && toks[from].kind == Tok::kWord && In(r.W(from), kArticles))
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
                        In(r.W(i), kRangeWords)));
    };
    if (!pair && k >= 2 && connector(k - 1) && toks[k - 2].kind == Tok::kNum) continue;
    if (!pair && k + 2 < n && connector(k + 1) && toks[k + 2].kind == Tok::kNum) continue;
    // After: duration and client words up to three words on, in the same clause.
    bool vetoed = false;
    for (size_t a = last + 1, words = 0; a < n && words < 3 && !r.EndsClause(a) && !r.IsPunct(a, ','); ++a) {
      if (toks[a].kind != Tok::kWord) continue;
      ++words;
      // "20 jaar samen" is a marriage; "Nikki 18 & Romy 22 samen" a duo.
      if (IsVetoAfter(r.W(a)) && !(pair_or_list && In(r.W(a), kTogether))) vetoed = true;
      // "15 ans de massage", "20 years of massage": years spent on a trade.
      if ((r.W(a) == "de" || r.W(a) == "of") && a + 1 < n && toks[a + 1].kind == Tok::kWord &&
          In(r.W(a + 1), kTrades))
        vetoed = true;
      // "14 years of yoga": "years of" is a duration unless "of age".
      if (a == last + 1 && r.W(a) == "of" && (r.W(last) == "years" || r.W(last) == "year") && a + 1 < n &&
          toks[a + 1].kind == Tok::kWord && r.W(a + 1) != "age")
        vetoed = true;
      // "16 years a masseuse", "12 Jahre als Masseurin", "10 ans comme escort": years in a job.
      if ((r.W(a) == "a" || r.W(a) == "as" || r.W(a) == "als" || r.W(a) == "comme") && a + 1 < n &&
          toks[a + 1].kind == Tok::kWord && (In(r.W(a + 1), kJobs) || In(r.W(a + 1), kTrades)))
        vetoed = true;
      if (In(r.W(a), kWorkDeterminers) && a + 1 < n && toks[a + 1].kind == Tok::kWord && In(r.W(a + 1), kWorkNouns))
        vetoed = true;
    }
    // "12 years on this site", "10 jaar op deze site", "fifteen years since I placed my first ad":
    // how long, not how old (right after the unit; a speaker's "ik ben 17 sinds maart" stays).
    if (unit && !speaker && last + 1 < n && toks[last + 1].kind == Tok::kWord) {
      std::string_view a = r.W(last + 1);
      if (a == "since" || a == "sinds" || a == "depuis") vetoed = true;
      if ((a == "on" || a == "op" || a == "auf" || a == "sur") && last + 2 < n && toks[last + 2].kind == Tok::kWord &&
          In(r.W(last + 2), kWorkDeterminers))
        vetoed = true;
    }
    // "Sixteen years I have been a masseuse", "12 years she's been with us": a
    // duration put first (right after the unit: "I am 17 years, I have ..." is an age).
    if (unit && last + 2 < n && toks[last + 1].kind == Tok::kWord && toks[last + 2].kind == Tok::kWord) {
      const std::string_view s = r.W(last + 1), v = r.W(last + 2);
      if (((s == "i" || s == "she" || s == "we") && (v == "have" || v == "has" || v == "had")) ||
          ((s == "i've" || s == "ive" || s == "she's" || s == "we've") && v == "been"))
        vetoed = true;
    }
    // "10 years here", "15 ans ici": how long she has lived here (right after the unit only:
    // "I'm seventeen and new here" is an age).
    if (unit && last + 1 < n && toks[last + 1].kind == Tok::kWord && (r.W(last + 1) == "here" || r.W(last + 1) == "ici"))
      vetoed = true;
    if (vetoed) continue;

    auto [ob, oe] = norm.ToOriginal(toks[first].b, toks[last].e);
    bool stay_like = false;
    if (unit && !strong_unit && !speaker && !pair_or_list && first == k && last + 1 < n &&
        toks[last + 1].kind == Tok::kWord) {
      static constexpr std::string_view kStayPrepositions[] = {"in", "a", "au", "en", "im", "at", "aan", "op"};
      stay_like = In(r.W(last + 1), kStayPrepositions) || NameInOriginal(original, norm.origin[toks[last + 1].b]);
    }
    out.push_back({age, ob, oe, stay_like});
  }
  return out;
}

std::vector<int> ExtractAges(std::string_view text) {
  std::vector<int> out;
  for (const AgeMention& m : ExtractAgeMentions(text))
    if (std::find(out.begin(), out.end(), m.age) == out.end()) out.push_back(m.age);
  return out;
}

namespace {

// The first age (13-99, one or two digits) in a normalised age field at or
// after `from`: its value, with [*b, *e) its digits; 0 when there is none.
int FirstAgeIn(const std::string& t, size_t from, size_t* b, size_t* e) {
  for (size_t i = from; i < t.size(); ++i) {
    if (!IsDigit(t[i])) continue;
    size_t j = i;
    while (j < t.size() && IsDigit(t[j])) ++j;
    if (j - i <= 2) {
      int v = std::stoi(t.substr(i, j - i));
      if (v == 18) {  // "bijna 18": youth wording, not an age (see ExtractAgeMentions)
        size_t pe = t.find_last_not_of(' ', i == 0 ? std::string::npos : i - 1);
        size_t pb = pe == std::string::npos ? 0 : t.find_last_of(' ', pe);
        pb = pb == std::string::npos ? 0 : pb + 1;
        if (pe != std::string::npos && i > 0 && In(std::string_view(t).substr(pb, pe + 1 - pb), kAlmost)) return 0;
      }
      if (v >= 13 && v <= 99) {
        *b = i, *e = j;
        return v;
      }
    }
    i = j;
  }
  return 0;
}

}  // namespace

int ParseAgeField(std::string_view field) {
  size_t b = 0, e = 0;
  return FirstAgeIn(Normalize(field).text, 0, &b, &e);
}

std::vector<int> ParseAgeFieldAll(std::string_view field) {
  const std::string t = Normalize(field).text;
  std::vector<int> out;
  size_t b = 0, e = 0;
  const int first = FirstAgeIn(t, 0, &b, &e);
  if (!first) return out;
  out.push_back(first);
  // A couple's or a duo's field lists both: "29/32", "31 & 36", "40 und 38".
  size_t p = t.find_first_not_of(' ', e);
  if (p == std::string::npos) return out;
  bool listed = t[p] == '/' || t[p] == '&' || t[p] == '+' || t[p] == ',';
  if (listed) {
    ++p;
  } else {
    for (std::string_view w : {"und", "en", "et", "and"}) {
      if (t.compare(p, w.size(), w) == 0 && p + w.size() < t.size() && t[p + w.size()] == ' ') {
        listed = true;
        p += w.size();
        break;
      }
    }
  }
  p = listed ? t.find_first_not_of(' ', p) : std::string::npos;
  // "sie 25, er 30", "zij 41 en hij 44": the partner's pronoun before the second age.
  for (std::string_view w : {"er", "he", "hij", "il", "lui", "him", "sie", "she", "zij", "elle", "her", "haar"}) {
    if (p != std::string::npos && t.compare(p, w.size(), w) == 0 && p + w.size() < t.size() && t[p + w.size()] == ' ') {
      p = t.find_first_not_of(' ', p + w.size());
      break;
    }
  }
  size_t b2 = 0, e2 = 0;
  if (p != std::string::npos && IsDigit(t[p])) {
    const int second = FirstAgeIn(t, p, &b2, &e2);
    if (second && b2 == p) out.push_back(second);
  }
  return out;
}

}  // namespace adwatch
