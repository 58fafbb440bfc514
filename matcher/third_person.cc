#include "matcher/third_person.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace adwatch {
namespace {

// Third-person singular forms, normalised. Only verbs: a noun or adjective
// after a name ("Anna Maastricht", "Anna sexy") says nothing about who writes.
// Not the "receives in" of a listing headline ("Lotte, 32, ontvangt in
// Eijsden", "Sonja empfängt"): sites and workers themselves write it so.
// Not French "a": diacritics are gone, so "Anouk à Visé" reads "anouk a vise".
constexpr std::array kVerbs = {
    // Dutch
    "is", "heeft", "komt", "werkt", "biedt", "houdt", "spreekt", "verwent", "wacht", "woont", "kan",
    "wil", "zal", "mag", "geniet", "geeft", "doet", "gaat", "staat", "was", "had", "maakt", "zoekt", "verblijft",
    "reist", "brengt", "zorgt", "weet", "kent", "blijft", "masseert", "verrast", "luistert",
    // English
    "has", "comes", "works", "offers", "loves", "speaks", "will", "can", "likes", "enjoys", "does",
    "gives", "lives", "waits", "travels", "provides", "welcomes", "knows", "makes", "would", "may", "stays",
    "visits", "adores", "wants", "needs", "speaks", "gets", "studies",
    // German
    "ist", "hat", "kommt", "arbeitet", "bietet", "liebt", "spricht", "wartet", "verwohnt", "macht",
    "wohnt", "lebt", "kann", "wird", "freut", "darf", "geniesst", "gibt", "war", "hatte", "besucht", "erwartet",
    "stammt", "bleibt", "massiert", "mochte", "verwoehnt",
    // French
    "est", "vient", "travaille", "propose", "aime", "parle", "attend", "adore", "fait", "vous",
    "sera", "peut", "veut", "habite", "offre", "sait", "etait", "donne", "accueille", "se", "saura", "arrive"};

// What follows "Anna is" when she introduces herself.
constexpr std::array kSelfIntro = {"mijn naam", "my name", "mein name", "mon nom", "de naam", "the name",
                                   "mijn echte", "my real"};

bool IsWordByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

size_t SkipSpaces(std::string_view t, size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  return i;
}

// "(22)", ", 22," or "22" after the name: the age is part of the subject.
size_t SkipAge(std::string_view t, size_t i) {
  size_t j = SkipSpaces(t, i);
  bool bracket = j < t.size() && (t[j] == '(' || t[j] == ',');
  if (bracket) j = SkipSpaces(t, j + 1);
  size_t d = j;
  while (d < t.size() && std::isdigit(static_cast<unsigned char>(t[d]))) ++d;
  if (d == j || d - j > 2) return i;
  // A unit: "25j", "25yo", "25 jaar", "25 ans", "25 Jahre".
  size_t u = d;
  while (u < t.size() && u - d < 5 && std::isalpha(static_cast<unsigned char>(t[u]))) ++u;
  if (u == d) {
    u = SkipSpaces(t, d);
    size_t w = u;
    while (w < t.size() && w - u < 6 && std::isalpha(static_cast<unsigned char>(t[w]))) ++w;
    std::string word(t.substr(u, w - u));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    u = (word == "jaar" || word == "years" || word == "year" || word == "yo" || word == "ans" || word == "jahre" ||
         word == "j")
            ? w
            : d;
  }
  d = u;
  if (bracket) {
    d = SkipSpaces(t, d);
    if (d >= t.size() || (t[d] != ')' && t[d] != ',')) return i;
    ++d;
  }
  return d;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && !IsWordByte(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && !IsWordByte(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::pair<size_t, size_t>> FindNameAsSubject(std::string_view name, std::string_view text) {
  name = Trim(name);
  if (name.size() < 2) return std::nullopt;
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    if (at > 0 && IsWordByte(static_cast<unsigned char>(text[at - 1]))) continue;
    size_t after = at + name.size();
    if (after < text.size() && IsWordByte(static_cast<unsigned char>(text[after]))) continue;
    size_t v = SkipSpaces(text, SkipAge(text, after));
    if (v == after || v >= text.size()) continue;  // a verb needs a space before it
    size_t ve = v;
    while (ve < text.size() && IsWordByte(static_cast<unsigned char>(text[ve]))) ++ve;
    std::string_view verb = text.substr(v, ve - v);
    if (std::find(kVerbs.begin(), kVerbs.end(), verb) == kVerbs.end()) continue;
    std::string_view rest = text.substr(SkipSpaces(text, ve));
    if (std::any_of(kSelfIntro.begin(), kSelfIntro.end(), [&](std::string_view s) { return rest.starts_with(s); }))
      continue;
    return std::make_pair(at, ve);
  }
  return std::nullopt;
}

}  // namespace adwatch
