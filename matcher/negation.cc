// Negation scope: a few words back within the clause. Deliberately simple;
// the rule's own pattern decides when a cue is part of the indicator
// ("geen taboes", "zonder condoom").
#include "matcher/internal/negation.h"

#include <algorithm>
#include <optional>

namespace adwatch::matcher_internal {
namespace {

bool InWord(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80 || c == '\'';
}
bool EndsClause(char c) {
  return c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == ',' || c == '\n' || c == '\r';
}
// Word lists are constexpr arrays: no string lengths computed per call.
template <size_t N>
bool In(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view x : list)
    if (x == w) return true;
  return false;
}

constexpr std::string_view kCues[] = {"geen", "niet", "nooit", "nee", "zonder", "behalve", "no", "not", "never",
    "without", "except", "dont", "doesnt", "didnt", "isnt", "arent", "cannot", "kein", "keine", "keinen", "keiner",
    "keinem", "keines", "nicht", "nie", "niemals", "niemand", "nobody", "ohne", "ausser", "jamais", "aucun", "aucune", "sans", "sauf", "ni", "niets", "nothing", "nichts", "rien",
    "pas"};
constexpr std::string_view kContrasts[] = {"maar", "but", "aber", "sondern", "mais", "doch"};
constexpr std::string_view kOnly[] = {"alleen", "enkel", "slechts", "uitsluitend", "only", "just", "merely", "nur",
    "bloss", "seulement"};

bool IsCue(std::string_view w) {
  if (w.size() > 3 && w.substr(w.size() - 3) == "n't") return true;  // don't, doesn't, isn't, can't
  return In(w, kCues);
}
bool IsContrast(std::string_view w) { return In(w, kContrasts); }
bool IsOnly(std::string_view w) {
  return In(w, kOnly);
}

// The word that ends at text[end) and where it starts.
std::string_view WordBefore(std::string_view t, size_t end, size_t* start) {
  size_t s = end;
  while (s > 0 && InWord(t[s - 1])) --s;
  *start = s;
  return t.substr(s, end - s);
}

// The word starting at or after text[pos] (spaces skipped), within the clause.
std::string_view WordAfter(std::string_view t, size_t pos) {
  while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t')) ++pos;
  size_t e = pos;
  while (e < t.size() && InWord(t[e])) ++e;
  return t.substr(pos, e - pos);
}

// Walks back over at most `max_words` words before `pos`, nearest first, and
// stops at the clause's start. `fn(word, start)` returns true to stop with
// "found", false to stop with "not found", nullopt to go on.
template <typename Fn>
bool WalkBack(std::string_view t, size_t pos, int max_words, Fn&& fn) {
  for (int words = 0; pos > 0 && words < max_words;) {
    char c = t[pos - 1];
    if (EndsClause(c)) return false;
    if (!InWord(c)) {
      --pos;
      continue;
    }
    size_t s;
    std::string_view w = WordBefore(t, pos, &s);
    if (std::optional<bool> r = fn(w, s, pos)) return *r;
    ++words;
    pos = s;
  }
  return false;
}

// French "pas" negates only with "ne"/"n'" earlier in the clause.
bool FrenchNeBefore(std::string_view t, size_t pos) {
  return WalkBack(t, pos, 5, [](std::string_view w, size_t, size_t) -> std::optional<bool> {
    if (w == "ne" || w.substr(0, 2) == "n'") return true;
    return std::nullopt;
  });
}

// "kein Problem", "no problem", "geen probleem", "pas de problème": a yes, so
// a cue before it negates nothing that follows ("kein problem ohne gummi").
constexpr std::string_view kProblem[] = {"problem", "probleem", "probleme", "problemo", "prob", "issue", "thema",
                                         "worries"};

bool NoProblemAfter(std::string_view t, size_t end) {
  std::string_view next = WordAfter(t, end);
  if (In(next, kProblem)) return true;
  if (next != "de" && next != "d") return false;
  size_t at = t.find(next, end) + next.size();
  if (at < t.size() && t[at] == '\'') ++at;
  return In(WordAfter(t, at), kProblem);
}

constexpr std::string_view kAnswers[] = {"nee", "neen", "no", "nope", "nein", "non", "niet", "not", "nicht",
    "never", "nooit", "jamais", "niemals", "geen", "kein", "keine", "uitgesloten", "excluded", "ausgeschlossen",
    "exclu", "exclue", "pas"};

}  // namespace

bool AnsweredNoAfter(std::string_view t, size_t end) {
  size_t pos = std::min(end, t.size());
  auto skip_spaces = [&] { while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t')) ++pos; };
  for (int words = 0;; ++words) {
    skip_spaces();
    if (pos >= t.size()) return false;
    char c = t[pos];
    const bool joins = c == '-' && pos > 0 && InWord(t[pos - 1]) && pos + 1 < t.size() && InWord(t[pos + 1]);
    if (!joins && (c == '?' || c == ':' || c == '=' || c == '-' || c == '/')) break;
    if (!joins && (!InWord(c) || words == 2)) return false;
    // A hyphenated compound ("schoolmeisje-look") is one word.
    if (joins) ++pos;
    while (pos < t.size() && (InWord(t[pos]) || (t[pos] == '-' && pos + 1 < t.size() && InWord(t[pos + 1])))) ++pos;
  }
  while (pos < t.size() && (t[pos] == '?' || t[pos] == ':' || t[pos] == '=' || t[pos] == '-' || t[pos] == '/' ||
                            t[pos] == ' ' || t[pos] == '\t' || t[pos] == '!'))
    ++pos;
  std::string_view w = WordAfter(t, pos);
  if (w == "vergeet" || w == "forget" || w == "vergiss" || w == "oublie" || w == "oubliez") return true;
  if (!In(w, kAnswers)) return false;
  // "ohne Gummi kein Problem", "zonder geen probleem": no problem is a yes.
  if (In(WordAfter(t, pos + w.size()), kProblem)) return false;
  size_t after = pos + w.size();
  while (after < t.size() && (t[after] == ' ' || t[after] == '\t')) ++after;
  // "Tiener? Nee hoor", "Teens? No thanks": a word of politeness after the answer.
  static constexpr std::string_view kPolite[] = {"thanks", "thank", "danke", "merci", "sorry", "bedankt", "hoor"};
  if (In(WordAfter(t, after), kPolite)) {
    after += WordAfter(t, after).size();
    while (after < t.size() && (t[after] == ' ' || t[after] == '\t')) ++after;
  }
  if (after < t.size() && t[after] == ',') {
    // "extreme? nee hoor, wel ja": the answer taken back at once.
    std::string_view next = WordAfter(t, after + 1);
    if (next == "wel" || IsContrast(next)) return false;
  }
  return after >= t.size() || EndsClause(t[after]) || !InWord(t[after]);
}

static bool FrenchPasBefore(std::string_view next) {
  return next == "de" || next == "du" || next == "des" || next == "sans" || next.starts_with("d'");
}

bool InRefusedList(std::string_view t, size_t begin) {
  size_t pos = std::min(begin, t.size());
  while (pos > 0) {
    char c = t[pos - 1];
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r') return false;
    if (c == ':') break;
    --pos;
  }
  if (pos == 0) return false;
  --pos;  // before the ':'
  // A list follows the colon ("Geen: anaal, extreme dingen"), not a clause
  // ("Elle ne conduit pas : c'est son cousin qui la dépose", "pas de panique :
  // c'est le cousin qui décroche").
  static constexpr std::string_view kClauseStarts[] = {
      "c'est", "c", "ce", "it's", "it", "het", "das", "dat", "es", "he", "she", "hij", "zij", "ze", "er", "sie", "il",
      "elle", "on", "ik", "i", "ich", "je", "j'ai", "we", "wij", "wir", "nous", "mais", "but", "maar", "aber", "they"};
  {
    size_t q = pos + 1;
    while (q < t.size() && (t[q] == ' ' || t[q] == '\t')) ++q;
    size_t e = q;
    while (e < t.size() && (InWord(t[e]) || t[e] == '\'')) ++e;
    std::string_view first = t.substr(q, e - q);
    if (In(first, kClauseStarts) || first.starts_with("c'")) return false;
    // "ik hou niet van zacht: bij mij mag het hard": "with me" starts a clause.
    static constexpr std::string_view kWithMe[][2] = {{"bij", "mij"}, {"bei", "mir"}, {"chez", "moi"}, {"with", "me"}};
    for (const auto& [with, me] : kWithMe)
      if (first == with && WordAfter(t, e) == me) return false;
  }
  // A condition is no refusal: "Wenn ich nicht rangehe: Milan ist mein Ansprechpartner".
  static constexpr std::string_view kConditions[] = {"wenn", "falls", "if", "when", "whenever", "si", "quand",
                                                     "lorsque", "indien", "wanneer", "mocht", "als"};
  bool conditional = false;
  WalkBack(t, pos, 6, [&](std::string_view w, size_t, size_t) -> std::optional<bool> {
    if (In(w, kConditions)) {
      conditional = true;
      return true;
    }
    return std::nullopt;
  });
  if (conditional) return false;
  bool refused = false;
  WalkBack(t, pos, 4, [&](std::string_view w, size_t start, size_t end) -> std::optional<bool> {
    // "pas cher : nature possible": French "pas" refuses only as "ne ... pas" or "pas de".
    if (w == "pas" && !FrenchNeBefore(t, start) && !FrenchPasBefore(WordAfter(t, end))) return std::nullopt;
    if (IsCue(w) || w.starts_with("taboe") || w.starts_with("tabu") || w.starts_with("tabou") ||
        w.starts_with("taboo") || w == "nogo" || w == "nogos" || w == "go's" || w == "gos" || w == "grenzen" ||
        w == "limits" || w == "limites" || w == "grenzen") {
      refused = true;
      return true;
    }
    return std::nullopt;
  });
  return refused;
}

// "wel en niet", "wel of niet", "or not": both sides named, nothing refused.
bool BothSides(std::string_view t, size_t cue_start) {
  size_t s1 = cue_start;
  while (s1 > 0 && (t[s1 - 1] == ' ' || t[s1 - 1] == '\t')) --s1;
  size_t s2;
  std::string_view joiner = WordBefore(t, s1, &s2);
  if (joiner == "or" || joiner == "oder" || joiner == "ou") return true;
  if (joiner != "en" && joiner != "of") return false;
  while (s2 > 0 && (t[s2 - 1] == ' ' || t[s2 - 1] == '\t')) --s2;
  size_t s3;
  return WordBefore(t, s2, &s3) == "wel";
}

bool NegatedBefore(std::string_view t, size_t begin) {
  return WalkBack(t, std::min(begin, t.size()), 3, [&](std::string_view w, size_t start, size_t end) -> std::optional<bool> {
    if (IsContrast(w)) return false;
    if (IsCue(w) && !IsOnly(WordAfter(t, end)) && !BothSides(t, start) && !NoProblemAfter(t, end) &&
        (w != "pas" || FrenchNeBefore(t, start) || FrenchPasBefore(WordAfter(t, end))))
      return true;
    return std::nullopt;
  });
}

}  // namespace adwatch::matcher_internal
