// Stated ages in ad text.
//
// Ages are read from the normalised text (normalize.h: lower case, no
// diacritics, number words as digits, so "zestien" is 16) with a small
// grammar. A two-digit number N from 10 to 99 is a stated age when one of
// these frames holds:
//   unit       N [-] jaar|jr|j|jarig(e)|yo|y/o|y.o.|yrs|year(s)[-old]|
//              jahre|jahr|jährig(e)|ans        "19 jaar", "17j", "23yo",
//              "17-jarige", "17 jaartjes", "17 years old", "j'ai 17 ans";
//              units of migrant workers' languages: éves (hu), ani (ro),
//              años/anos (es, pt), anni (it), lat (pl), let (cs, sk; not
//              before "me", "op" …), godini/godina/godine (bg, sr, hr);
//              "16a" (French abbreviation, glued only)
//   speaker    ik ben|i am|i'm|ich bin|bin|bin i|je suis|zij/ze/hij is|she/he is|
//              she's|sie/er ist [adverbs] N    "ik ben 17", "ik ben pas 16"
//   person     meid|meisje|dame|vrouw|jongen|girl|… van|of|von N  "meid van 17"
//   label      leeftijd|lft|age|aged|alter [:|=|-|is] N        "Alter: 17"
//   name       Name , N (then , . ! or end)    "Lisa, 17,"
//   paren      Name (N) or (N) at the start of a line          "Lisa (21)"
//   own name   Name N, Name being one of the ad's own names (its name
//              field, OwnNamesForAges)        "Roxi 20 – neu in Würselen"
//   couple     Name (N/M) (both 16-70), Name and Name, N and M (and: & en
//              und et; both 14-70)   "Els (40/38)", "Lara and Dina, 20 and 22"
//   list       Name N, Name M [, …] (or joined by and/&/en/und/et): every
//              item a name and an age 14-65, not all ages round (0 or 5)
//              unless the text before speaks of several women (girls,
//              dames, meiden …): a price list "Anaal 30, Extra 20" is no
//              list of ages                     "Maria 20, Sonia 23, Bella 25"
// and no veto applies:
//   - N is part of a larger number, time, date, price or size ("16.00",
//     "17:30", "17-05", "€17", "18+", "17%"), or is followed by a time,
//     price, size or count word ("18u", "17h", "17 uur", "17 euro", "17 cm",
//     "17 dames", "17 mei");
//   - a duration or a client's age: the word before (after adverbs such as
//     bijna/ruim/almost) is al, sinds, since, for, seit, depuis, pendant,
//     vanaf, boven, over, ab, tot, om, than/dan/als, plus de, à partir de,
//     after/na/nach/après (durations), il y a, heren,
//     men, klanten… (not in the speaker frame: "ik ben al 18"), or a word
//     after it in the same clause is ervaring, experience, Erfahrung, geleden,
//     ago, lang, actief, getrouwd, ouder, older, plus, … ("16 jaar ervaring",
//     "25 jaar en ouder"; samen/together/zusammen do not veto a couple or
//     list: "Nikki 18 & Romy 22 samen"); "seit 17 Jahren" (dative) is never
//     an age;
//   - N is one end of a range ("20-30 jaar", "20 tot 30"), except in the
//     couple frame;
//   - N is 69 with no unit after it and no speaker frame ("FN, 69, câlins":
//     the position);
//   - N is 18 after bijna/almost/nearly/fast/bald/presque/bientôt/binnenkort/
//     soon ("bijna 18", "bientôt 18 ans"): youth wording that a rule reads,
//     not a stated age (also in the speaker frame; "bijna 17" stays 17).
//   - N is under 14 and its only frame is a plain unit ("12 years", "10 Jahre",
//     "10 ans": durations and anniversaries), unless a unit only an age takes
//     ("13 jaar oud", "13-jarige", "13yo"), a person, a label or a name says so;
//   - "N years of X" (not "of age"), "N years a/als/comme <job>", "N years on
//     this site", "N years since/sinds/depuis" (not in the speaker frame): how
//     long, not how old;
//   - N is an ordinal day: "10.–12. Aachen", "vom 1. bis 10. Mai", "14. Oktober";
//   - N is under 14 and a business (studio, salon, club, Haus …) stands earlier
//     in the clause ("Das Studio Mira wird 10 Jahre alt"), or the word before a
//     colon is a celebration ("Feestje: 10 jaar Sylvia"): an anniversary;
//   - the speaker frame follows a verb of thinking or saying ("iedereen denkt
//     ik ben 15", "people say that I am 16"): how young she looks, which a
//     rule reads, not the age she states.
//
// Guarantees: only ages 10-99 from those frames; each age once in order of
// first appearance (ExtractAges); never throws. Age *hints* ("net 18",
// "barely legal", "tiener") are rules, not this.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "matcher/normalize.h"

namespace adwatch {

std::vector<int> ExtractAges(std::string_view text);

// The same, with where each mention is (every mention, duplicates kept).
struct AgeMention {
  int age = 0;
  size_t begin = 0, end = 0;  // byte offsets in the ORIGINAL text of the whole phrase ("19 jaar")
  // A bare "N years" before "in" or a capitalised word ("Olga - 16 years in
  // Krefeld", "12 jaar in België", "17 jaar Spanje"): as often how long she
  // has lived somewhere as how old she is. The caller drops it when the same
  // ad states a higher age in any other way (AnalyzeAd).
  bool stay_like = false;
};
std::vector<AgeMention> ExtractAgeMentions(std::string_view text);
// With the text already normalised (Normalize(text)), to normalise once per
// field, and the ad's own names for the "own name" frame.
std::vector<AgeMention> ExtractAgeMentions(std::string_view text, const NormalizedText& norm,
                                           const std::vector<std::string>& own_names = {});
// The words of an ad's name field that may stand before her age ("Roxi",
// "Natalia / Marek"): normalised, no business words ("Studio", "Club"), and
// none at all when the name holds a digit ("Studio 54").
std::vector<std::string> OwnNamesForAges(std::string_view name_field);

// The age in an ad's own age field ("19", "19 jaar", "Leeftijd 19",
// "negentien"): the first number from 13 to 99, or 0 if none ("bijna 18"
// is none).
int ParseAgeField(std::string_view field);
// Every age the field lists: the first as ParseAgeField reads it, and a
// second right after a list separator ("29/32", "31 & 36", "40 und 38": a
// couple's or a duo's field; "sie 25, er 30" too). Empty when ParseAgeField gives 0.
std::vector<int> ParseAgeFieldAll(std::string_view field);

}  // namespace adwatch
