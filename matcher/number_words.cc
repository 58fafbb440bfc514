// Number words: a small lexicon plus the compound rules of each language
// (NL "eenentwintig", DE "einundzwanzig", EN "twenty-one", FR "vingt et un",
// "soixante-dix-sept", "quatre-vingts").
#include "matcher/internal/number_words.h"

#include <array>
#include <string>

namespace adwatch::matcher_internal {
namespace {

enum Lang : unsigned { kNl = 1, kEn = 2, kDe = 4, kFr = 8 };
enum Use : unsigned { kFree = 0, kNeverAlone = 1, kAmbiguous = 2 };

struct Entry {
  std::string_view word;
  int value;
  unsigned lang;
  unsigned use = kFree;
};

constexpr Entry kLexicon[] = {
    // Dutch
    {"een", 1, kNl, kNeverAlone}, {"twee", 2, kNl}, {"drie", 3, kNl}, {"vier", 4, kNl | kDe}, {"vijf", 5, kNl},
    {"zes", 6, kNl}, {"zeven", 7, kNl}, {"acht", 8, kNl | kDe, kAmbiguous}, {"negen", 9, kNl}, {"tien", 10, kNl},
    {"elf", 11, kNl | kDe, kAmbiguous}, {"twaalf", 12, kNl}, {"dertien", 13, kNl}, {"veertien", 14, kNl},
    {"vijftien", 15, kNl}, {"zestien", 16, kNl}, {"zeventien", 17, kNl}, {"achttien", 18, kNl},
    {"negentien", 19, kNl}, {"twintig", 20, kNl}, {"dertig", 30, kNl}, {"veertig", 40, kNl}, {"vijftig", 50, kNl},
    {"zestig", 60, kNl}, {"zeventig", 70, kNl}, {"tachtig", 80, kNl}, {"negentig", 90, kNl},
    // English
    {"one", 1, kEn, kNeverAlone}, {"two", 2, kEn}, {"three", 3, kEn}, {"four", 4, kEn}, {"five", 5, kEn},
    {"six", 6, kEn | kFr, kAmbiguous}, {"seven", 7, kEn}, {"eight", 8, kEn}, {"nine", 9, kEn},
    {"ten", 10, kEn, kAmbiguous}, {"eleven", 11, kEn}, {"twelve", 12, kEn}, {"thirteen", 13, kEn},
    {"fourteen", 14, kEn}, {"fifteen", 15, kEn}, {"sixteen", 16, kEn}, {"seventeen", 17, kEn},
    {"eighteen", 18, kEn}, {"nineteen", 19, kEn}, {"twenty", 20, kEn}, {"thirty", 30, kEn}, {"forty", 40, kEn},
    {"fourty", 40, kEn}, {"fifty", 50, kEn}, {"sixty", 60, kEn}, {"seventy", 70, kEn}, {"eighty", 80, kEn},
    {"ninety", 90, kEn},
    // German (after folding: "fünf" -> "funf", "dreißig" -> "dreissig")
    {"ein", 1, kDe, kNeverAlone}, {"eins", 1, kDe, kNeverAlone}, {"zwei", 2, kDe}, {"drei", 3, kDe},
    {"funf", 5, kDe}, {"fuenf", 5, kDe}, {"sechs", 6, kDe}, {"sieben", 7, kDe}, {"neun", 9, kDe},
    {"zehn", 10, kDe}, {"zwolf", 12, kDe}, {"zwoelf", 12, kDe}, {"dreizehn", 13, kDe}, {"vierzehn", 14, kDe},
    {"funfzehn", 15, kDe}, {"fuenfzehn", 15, kDe}, {"sechzehn", 16, kDe}, {"siebzehn", 17, kDe},
    {"achtzehn", 18, kDe}, {"neunzehn", 19, kDe}, {"zwanzig", 20, kDe}, {"dreissig", 30, kDe},
    {"vierzig", 40, kDe}, {"funfzig", 50, kDe}, {"fuenfzig", 50, kDe}, {"sechzig", 60, kDe},
    {"siebzig", 70, kDe}, {"achtzig", 80, kDe}, {"neunzig", 90, kDe},
    // French
    {"un", 1, kFr, kNeverAlone}, {"une", 1, kFr, kNeverAlone}, {"deux", 2, kFr}, {"trois", 3, kFr},
    {"quatre", 4, kFr}, {"cinq", 5, kFr}, {"sept", 7, kFr, kAmbiguous}, {"huit", 8, kFr},
    {"neuf", 9, kFr, kAmbiguous}, {"dix", 10, kFr}, {"onze", 11, kFr, kAmbiguous}, {"douze", 12, kFr},
    {"treize", 13, kFr}, {"quatorze", 14, kFr}, {"quinze", 15, kFr}, {"seize", 16, kFr, kAmbiguous},
    {"vingt", 20, kFr}, {"vingts", 20, kFr}, {"trente", 30, kFr}, {"quarante", 40, kFr},
    {"cinquante", 50, kFr}, {"soixante", 60, kFr}, {"septante", 70, kFr}, {"huitante", 80, kFr},
    {"octante", 80, kFr}, {"nonante", 90, kFr},
};

// Entries by first letter and length: a look-up compares a word or two.
struct Buckets {
  static constexpr size_t kMaxLen = 12;
  std::array<std::array<std::array<const Entry*, 8>, kMaxLen + 1>, 26> at{};
  Buckets() {
    for (const auto& e : kLexicon) {
      auto& b = at[e.word[0] - 'a'][e.word.size()];
      for (auto& slot : b)
        if (!slot) {
          slot = &e;
          break;
        }
    }
  }
};

const Entry* Find(std::string_view w, unsigned lang = kNl | kEn | kDe | kFr) {
  static const Buckets kBuckets;
  if (w.size() < 2 || w.size() > Buckets::kMaxLen || w[0] < 'a' || w[0] > 'z') return nullptr;
  for (const Entry* e : kBuckets.at[w[0] - 'a'][w.size()]) {
    if (!e) break;  // a bucket is filled from the front
    if (!(e->lang & lang)) continue;
    // The same length and first letter: the rest inline (a memcmp call per
    // entry was most of the cost).
    size_t k = 1;
    while (k < w.size() && e->word[k] == w[k]) ++k;
    if (k == w.size()) return e;
  }
  return nullptr;
}

bool IsTens(const Entry* e) { return e && e->value >= 20 && e->value % 10 == 0; }
bool IsUnit(const Entry* e) { return e && e->value >= 1 && e->value <= 9; }

// One word, compounds included; `use` and `lang` describe it.
int WordValue(std::string_view w, unsigned* lang, unsigned* use) {
  if (const Entry* e = Find(w)) {
    *lang = e->lang;
    *use = e->use;
    return e->value;
  }
  *use = kFree;
  if (w.size() < 9) return 0;
  // "eenentwintig", "tweeentwintig" (tweeëntwintig), "einundzwanzig": unit + glue + tens.
  std::string_view end3 = w.substr(w.size() - 3);
  if (end3 == "tig" || end3 == "zig" || end3 == "sig") {
    for (size_t len = 6; len <= 8; ++len) {
      const Entry* t = Find(w.substr(w.size() - len), kNl | kDe);
      if (!IsTens(t)) continue;
      std::string_view head = w.substr(0, w.size() - len);
      for (auto [glue, l] : {std::pair<std::string_view, unsigned>{"en", kNl}, {"und", kDe}}) {
        if (!(t->lang & l) || head.size() <= glue.size() || head.substr(head.size() - glue.size()) != glue) continue;
        const Entry* u = Find(head.substr(0, head.size() - glue.size()), l);
        if (IsUnit(u)) {
          *lang = l;
          return t->value + u->value;
        }
      }
    }
    return 0;
  }
  // "twentyone"
  for (size_t len = 5; len <= 7; ++len) {
    const Entry* t = Find(w.substr(0, len), kEn);
    const Entry* u = IsTens(t) ? Find(w.substr(len), kEn) : nullptr;
    if (IsUnit(u)) {
      *lang = kEn;
      return t->value + u->value;
    }
  }
  return 0;
}

bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }
bool IsWordByte(char c) { return IsLetter(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80; }

// The word after a single ' ' or '-' at text[p], or empty.
std::string_view NextWord(std::string_view t, size_t p, size_t* end) {
  if (p + 1 >= t.size() || (t[p] != ' ' && t[p] != '-') || !IsLetter(t[p + 1])) return {};
  size_t e = p + 1;
  while (e < t.size() && IsLetter(t[e])) ++e;
  if (e < t.size() && IsWordByte(t[e])) return {};
  *end = e;
  return t.substr(p + 1, e - p - 1);
}

// Words after which an ambiguous number word is a number: "elf jaar", "six ans".
bool IsUnitWord(std::string_view w) {
  static constexpr std::string_view kUnits[] = {
      "jaar", "jaren", "jarig", "jarige", "jr", "years", "year", "yrs", "yo", "jahre", "jahren", "jahr", "jahrig",
      "jahrige", "ans", "an", "uur", "uhr", "heures", "heure", "hours", "hour", "euro", "eur", "minuten",
      "minutes"};
  for (auto u : kUnits)
    if (w == u) return true;
  return false;
}

// French continuations of a tens word at `value`: "et un", "-deux", "-dix-sept".
int FrenchAfterTens(std::string_view t, int value, size_t* end) {
  size_t e1 = 0, e2 = 0, e3 = 0;
  std::string_view w1 = NextWord(t, *end, &e1);
  if (w1.empty()) return value;
  if (w1 == "et") {
    std::string_view w2 = NextWord(t, e1, &e2);
    if (w2 == "un" || w2 == "une" || (w2 == "onze" && value == 60)) {
      *end = e2;
      return value + (w2 == "onze" ? 11 : 1);
    }
    return value;
  }
  const Entry* u = Find(w1, kFr);
  if (!u) return value;
  if (IsUnit(u) && (u->value > 1 || value == 80)) {
    *end = e1;
    return value + u->value;
  }
  if ((value == 60 || value == 80) && u->value >= 10 && u->value <= 16) {
    *end = e1;
    if (u->value == 10) {
      const Entry* v = Find(NextWord(t, e1, &e3), kFr);
      if (v && v->value >= 7 && v->value <= 9) {
        *end = e3;
        return value + 10 + v->value;
      }
    }
    return value + u->value;
  }
  return value;
}

}  // namespace

// The first two letters of every lexicon word: most words fail this test.
constexpr std::array<uint32_t, 26> kNumberWordHeadsInit = [] {
  std::array<uint32_t, 26> t{};
  for (const auto& e : kLexicon) t[e.word[0] - 'a'] |= uint32_t{1} << (e.word[1] - 'a');
  return t;
}();
const std::array<uint32_t, 26> kNumberWordHeads = kNumberWordHeadsInit;
constexpr std::array<std::array<uint32_t, 26>, kShortNumberWord + 1> kNumberWordHeadsByLengthInit = [] {
  std::array<std::array<uint32_t, 26>, kShortNumberWord + 1> t{};
  for (const auto& e : kLexicon)
    if (e.word.size() <= kShortNumberWord) t[e.word.size()][e.word[0] - 'a'] |= uint32_t{1} << (e.word[1] - 'a');
  return t;
}();
const std::array<std::array<uint32_t, 26>, kShortNumberWord + 1> kNumberWordHeadsByLength =
    kNumberWordHeadsByLengthInit;

namespace {
// The first three letters of every lexicon word of three letters or more:
// over all lengths, and per length up to kShortNumberWord. A word
// MatchNumberWords takes starts with a lexicon word ("zeventienjarige",
// "eenentwintig", "twentyone"; "un" only alone), and a short one is a
// lexicon word, so a word whose three letters fit none is settled here
// ("deze", "tijd", "discreet") without a look-up.
struct Heads3 {
  std::array<std::array<uint32_t, 26>, 26> any{};
  std::array<std::array<std::array<uint32_t, 26>, 26>, kShortNumberWord + 1> by_length{};
};
constexpr Heads3 kHeads3 = [] {
  Heads3 t{};
  for (const auto& e : kLexicon) {
    if (e.word.size() < 3) continue;
    const unsigned a = e.word[0] - 'a', b = e.word[1] - 'a', c = e.word[2] - 'a';
    t.any[a][b] |= uint32_t{1} << c;
    if (e.word.size() <= kShortNumberWord) t.by_length[e.word.size()][a][b] |= uint32_t{1} << c;
  }
  return t;
}();
// `w` has passed MaybeNumberWordHead (two letters a-z first).
bool ThirdLetterFits(std::string_view w) {
  if (w.size() < 3) return true;
  const unsigned a = static_cast<unsigned char>(w[0]) - 'a', b = static_cast<unsigned char>(w[1]) - 'a';
  const unsigned c = static_cast<unsigned char>(w[2]) - 'a';
  if (c >= 26) return false;  // no lexicon word has anything but a letter there
  const uint32_t bits = w.size() <= kShortNumberWord ? kHeads3.by_length[w.size()][a][b] : kHeads3.any[a][b];
  return (bits >> c & 1) != 0;
}
}  // namespace

bool MatchNumberWords(std::string_view word, std::string_view text, size_t word_end, NumberMatch* m) {
  if (!MaybeNumberWordHead(word) || !ThirdLetterFits(word)) return false;
  return MatchNumberWordsUnfiltered(word, text, word_end, m);
}

bool MatchNumberWordsUnfiltered(std::string_view word, std::string_view text, size_t word_end, NumberMatch* m) {
  unsigned lang = 0, use = 0;
  int v = 0;
  if (word.size() <= kShortNumberWord) {
    // A short word can only be a lexicon word (see MaybeNumberWordHead), too
    // short for a suffix: most words that pass the head test ("deze",
    // "tijd", "foto") end here. A one-word ("een", "one": 1) never counts
    // alone and nothing below continues it.
    const Entry* e = Find(word);
    if (e == nullptr || e->use == kNeverAlone) return false;
    lang = e->lang;
    use = e->use;
    v = e->value;
  } else {
    // "zeventienjarige" -> "17" + "jarige"
    static constexpr std::string_view kSuffixes[] = {"jarigen", "jarige", "jarig", "jahrigen", "jahrige", "jahrig"};
    for (std::string_view suf : kSuffixes) {
      if (word.size() > suf.size() + 2 && word.substr(word.size() - suf.size()) == suf) {
        v = WordValue(word.substr(0, word.size() - suf.size()), &lang, &use);
        if (v > 0 && use != kNeverAlone) {
          *m = {v, word_end, suf.size()};
          return true;
        }
        return false;
      }
    }
    v = WordValue(word, &lang, &use);
  }
  if (v == 0) return false;
  size_t end = word_end, e1 = 0, e2 = 0;
  int value = v;
  if ((lang & kEn) && v >= 20 && v % 10 == 0) {
    const Entry* u = Find(NextWord(text, end, &e1), kEn);
    if (IsUnit(u)) {
      value += u->value;
      end = e1;
    }
  }
  if (lang & kFr) {
    std::string_view w1 = NextWord(text, end, &e1);
    if (word == "quatre" && (w1 == "vingt" || w1 == "vingts")) {
      end = e1;
      value = FrenchAfterTens(text, 80, &end);
    } else if (word == "dix") {
      const Entry* u = Find(w1, kFr);
      if (u && u->value >= 7 && u->value <= 9) {
        value = 10 + u->value;
        end = e1;
      }
    } else if (v >= 20 && v % 10 == 0) {
      value = FrenchAfterTens(text, v, &end);
    }
  }
  if (end == word_end) {  // the word alone
    if (use == kNeverAlone) return false;
    if (use == kAmbiguous && !IsUnitWord(NextWord(text, word_end, &e2))) return false;
  }
  *m = {value, end, 0};
  return true;
}

}  // namespace adwatch::matcher_internal
