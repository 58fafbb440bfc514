// ExtractAges: stated ages in NL/EN/DE/FR forms, and the numbers that are
// not ages (prices, durations, years, sizes, experience, 18+).
#include "matcher/ages.h"
#include "matcher/normalize.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

struct Case {
  const char* text;
  std::vector<int> ages;
};

const Case kCases[] = {
    // Dutch
    {"Lisa, 19 jaar, nieuw in Heerlen", {19}},
    {"ik ben 19 jaar", {19}},
    {"19 jr", {19}},
    {"19jr jong", {19}},
    {"19 jr. uit Maastricht", {19}},
    {"19-jarige studente", {19}},
    {"19 jarige dame", {19}},
    {"een 23-jarig meisje", {23}},
    {"leeftijd: 25", {25}},
    {"Leeftijd 25", {25}},
    {"lft: 31", {31}},
    {"ik ben 22 en woon in Sittard", {22}},
    {"Ik ben pas 18", {18}},
    {"ik ben al 19 jaar", {19}},
    {"Sanne (21) ontvangt je graag", {21}},
    {"Sanne(21)", {21}},
    {"Sanne, 21, uit Geleen", {21}},
    {"16 jaar", {16}},
    {"ik ben 17", {17}},
    {"Ik ben 19 jaar, mijn vriendin is 22 jaar", {19, 22}},
    {"19 jaar oud", {19}},
    {"bel 0470 12 34 56, ik ben 17", {17}},
    {"Lisa en 19 jaar", {19}},
    // English
    {"23yo", {23}},
    {"23 yo blonde", {23}},
    {"23 y/o", {23}},
    {"I'm 20", {20}},
    {"I am 21 years old", {21}},
    {"20 years old", {20}},
    {"20-year-old", {20}},
    {"age: 24", {24}},
    {"Age 24", {24}},
    {"Kim (26) from Aachen", {26}},
    {"27 yrs", {27}},
    // German
    {"24 Jahre", {24}},
    {"ich bin 24 Jahre alt", {24}},
    {"24-jährige", {24}},
    {"eine 24jährige Studentin", {24}},
    {"Alter: 28", {28}},
    {"ich bin 19", {19}},
    // French
    {"20 ans", {20}},
    {"j'ai 20 ans", {20}},
    {"âge: 22", {22}},
    // not ages
    {"18+", {}},
    {"alleen 18+ heren", {}},
    {"vanaf 25 jaar", {}},
    {"heren vanaf 30 jaar welkom", {}},
    {"ouder dan 40 jaar", {}},
    {"20 jaar ervaring", {}},
    {"al 15 jaar in het vak", {}},
    {"10 years experience", {}},
    {"20 Jahre Erfahrung", {}},
    {"20 jaar geleden", {}},
    {"€ 19 per minuut", {}},
    {"19 euro", {}},
    {"19:00 - 02:00", {}},
    {"vanaf 19.00 uur", {}},
    {"30 minuten 80 euro", {}},
    {"1 uur 150", {}},
    {"geboren 1999", {}},
    {"sinds 2019 actief", {}},
    {"cup 75C, 1.70 lang, 55 kg", {}},
    {"maat 38", {}},
    {"24/7 bereikbaar", {}},
    {"ik ben 24/7 bereikbaar", {}},
    {"2 jaar in Nederland", {}},
    {"100 jaar oud huis", {}},
    {"tussen 20 en 30 jaar", {}},
    {"20-30 jaar", {}},
    {"20 tot 30 jaar", {}},
    {"20 to 30 years", {}},
    {"klanten 25 jaar en ouder", {}},
    {"21 years and older only", {}},
    {"Tel 0612345678", {}},
    {"MAASTRICHT (43)", {}},
    {"Bel me (06) 12345678", {}},
};

// The grammar of ages.h, case by case in four languages: stated ages
// (speaker, person, unit, label, name and paren frames; number words and
// leetspeak arrive normalised) and numbers that are not the advertiser's age.
const Case kGrammar[] = {
    // --- stated ages: Dutch
    {"Lieve meid van 17 uit Heerlen.", {17}},
    {"Ik ben zestien en nieuw hier.", {16}},
    {"meisje van 16 zoekt", {16}},
    {"Leuke dame van 23 ontvangt", {23}},
    {"17 jaartjes jong", {17}},
    {"zeventien jaar", {17}},
    {"Ik ben vijftien", {15}},
    {"ik ben nog maar 15", {15}},
    {"ik ben bijna 17", {17}},
    {"ik ben net 18 geworden", {18}},
    {"een zeventienjarige", {17}},
    {"17-jarige blondine", {17}},
    {"17jr", {17}},
    {"17j uit Venlo", {17}},
    {"leeftijd 17", {17}},
    {"Leeftijd: zestien", {16}},
    {"Lft 22 | Heerlen", {22}},
    {"zij is 16 en heel lief", {16}},
    {"Ze is 19", {19}},
    {"Mila (17) nieuw!", {17}},
    {"(17) nieuw in Sittard", {17}},
    {"Anouk, 18, uit Roermond", {18}},
    {"Sophie, 20.", {20}},
    {"ik ben 1&#55;", {17}},
    {"Ik ben ZESTIEN!!", {16}},
    {"tweeentwintig jaar oud", {22}},
    {"jongen van 19", {19}},
    {"ik ben 16 jr", {16}},
    {"Hoi! ik ben 25 jaar en woon in Geleen", {25}},
    {"Ik ben al 18 hoor", {18}},
    // English
    {"I'm 17", {17}},
    {"I\u2019m 16 and new", {16}},
    {"i am seventeen", {17}},
    {"17 years old", {17}},
    {"a 19-year-old girl", {19}},
    {"aged 18", {18}},
    {"Age: 21", {21}},
    {"17 y/o", {17}},
    {"17yo", {17}},
    {"she is 16", {16}},
    {"She's 20", {20}},
    {"girl of 17", {17}},
    {"twenty-one years old", {21}},
    {"I am nineteen years", {19}},
    {"Jenny (22) from Liege", {22}},
    // German
    {"ich bin siebzehn", {17}},
    {"bin 17 und neu", {17}},
    {"17 Jahre alt", {17}},
    {"siebzehn Jahre", {17}},
    {"eine 16-jährige", {16}},
    {"Alter: 19", {19}},
    {"Mädchen von 17", {17}},
    {"sie ist 18", {18}},
    {"einundzwanzig Jahre alt", {21}},
    {"ich bin 16 Jahre jung", {16}},
    // French
    {"17 ans", {17}},
    {"j'ai 17 ans", {17}},
    {"j'ai dix-sept ans", {17}},
    {"J'ai seize ans", {16}},
    {"vingt et un ans", {21}},
    {"âge : 19", {19}},
    {"Chloé (20)", {20}},
    {"jeune fille de 18 ans", {18}},
    {"quatre-vingt-dix-neuf ans", {99}},
    {"j&#39;ai 15 ans", {15}},
    // --- not ages: durations
    {"Ik werk al 16 jaar in Heerlen als masseuse.", {}},
    {"Al bijna 18 jaar ervaring.", {}},
    {"al 16 jaar", {}},
    {"sinds 17 jaar actief", {}},
    {"16 jaar ervaring", {}},
    {"bijna 18 jaar ervaring", {}},
    {"ruim 20 jaar in het vak", {}},
    {"ik ben al 16 jaar actief", {}},
    {"16 jaar lang gewerkt", {}},
    {"20 jaar getrouwd", {}},
    {"for 16 years", {}},
    {"16 years of experience", {}},
    {"17 years ago", {}},
    {"seit 17 Jahren", {}},
    {"seit siebzehn Jahren dabei", {}},
    {"vor 20 Jahren", {}},
    {"15 Jahre Erfahrung", {}},
    {"depuis 16 ans", {}},
    {"il y a 20 ans", {}},
    {"pendant 15 ans", {}},
    {"zestien jaar ervaring", {}},
    // times
    {"Vandaag pas 18.00 uur bereikbaar.", {}},
    {"16.00 uur", {}},
    {"vanaf 18u", {}},
    {"open tot 17:30", {}},
    {"17h-23h", {}},
    {"ab 17 Uhr", {}},
    {"à 17 heures", {}},
    {"om zeventien uur", {}},
    {"ik ben 24 uur per dag bereikbaar", {}},
    {"from 10 am", {}},
    // client ages and limits
    {"Geen tieners, alleen heren vanaf 25.", {}},
    {"heren vanaf 25", {}},
    {"men over 30", {}},
    {"ab 25", {}},
    {"ab 25 Jahre", {}},
    {"plus de 30 ans", {}},
    {"moins de 25 ans", {}},
    {"older than 40", {}},
    {"boven de 21 jaar", {}},
    {"klanten tussen 30 en 60", {}},
    {"only men 35 years and older", {}},
    {"minimaal 21 jaar", {}},
    {"mannen van 40", {}},
    // prices, sizes, counts, dates, house numbers, plus signs
    {"€17", {}},
    {"17 euro", {}},
    {"17,50", {}},
    {"17 cm", {}},
    {"maat 36", {}},
    {"cup 75", {}},
    {"18+", {}},
    {"alleen 21+", {}},
    {"17 dames", {}},
    {"keuze uit 17 meiden", {}},
    {"Dorpstraat 17", {}},
    {"Hoofdstraat 17, Heerlen", {}},
    {"17 mei", {}},
    {"17-05-2024", {}},
    {"op 17/05", {}},
    {"17 sept", {}},
    {"100%", {}},
    {"99% echt", {}},
    {"kamer 17", {}},
    {"17 minuten", {}},
    {"zeventien dames", {}},
    {"20-30 jaar", {}},
    {"24/7", {}},
    {"tel 06 17 23 45 67", {}},
    {"HEERLEN (17)", {}},
    // a stay, not an age: a verb of living or working earlier in the clause
    {"Zsofia (38), living in Maastricht 10 years.", {38}},
    {"ik woon hier al bijna 12 jaar", {}},
    {"Ich arbeite in Aachen 10 Jahre", {}},
    {"Femme de 44 ans mais j'ai 16 ans dans ma tête !", {44}},
    {"Ik werk in Heerlen, 17 jaar jong", {17}},
    // years in a line of work
    {"Reliable and punctual, 12 years in this work.", {}},
    {"Même numéro, même Carine, 43 ans, 15 ans que je fais ça et toujours avec plaisir.", {43}},
    {"Ik ben 17 jaar en werk in Heerlen", {17}},
    {"I am 17 years, the work is fun", {17}},
    {"17 Jahre im Geschäft und kein bisschen müde! Gabriele, 52 Jahre jung", {52}},
    {"Monique, 46. In this business already 16 years, so I know", {46}},
    {"hoi ik ben anouk, zeventien, woon nog thuis", {17}},
    {"The site say I must write 18 but true I have 17, in May I am 18.", {17, 18}},
    {"I have 17 years experience", {}},
    {"Sixteen years I have been a masseuse, now in my own practice.", {}},  // a duration put first
    {"17 years she's been with us. Monique, 45, from Venlo.", {45}},
    {"Olga, 50, Ukrainian, 10 years here.", {50}},
    {"I'm seventeen and new here.", {17}},
    {"hallo bin lina und siebzehn, wohn in geilenkirchen", {17}},
    {"bin die lea, 17, hab nur nachmittags zeit", {17}},  // colloquial article before her name
    {"Wir sind ein Paar aus Köln, sie 35 und er 40.", {35, 40}},  // a couple's ages by pronoun
    {"Stel uit Genk: zij 41, hij 44.", {41, 44}},
    {"Couple from Aachen, she 29 and he 33.", {29, 33}},
    {"Sie zahlt 50 und er 30 Euro.", {}},  // amounts, not a couple's ages
    {"nika hier, sechzehn, aus Heinsberg.", {16}},
    {"Sara, 17 now and 18 in May.", {17}},
    {"We are Tom and Lies, married 12 years, both 40+.", {}},
    {"lieke. ben eigenlijk zestien maar de site wilde 18 hebben.", {16}},
    {"hallo ik heb 17 jaren en ben nieuw in Maastricht.", {17}},
    {"ik heb 17 jaar ervaring", {}},
    {"ik ben Anouk en 17 jaar ervaring", {}},
    {"foto's (17)", {}},
};

TEST(Ages, Table) {
  int n = 0;
  for (const auto& c : kCases) {
    EXPECT_EQ(ExtractAges(c.text), c.ages) << "text: " << c.text;
    ++n;
  }
  EXPECT_GE(n, 50);
}

TEST(Ages, Grammar) {
  int positive = 0, negative = 0;
  for (const auto& c : kGrammar) {
    std::string text = c.text;
    EXPECT_EQ(ExtractAges(text), c.ages) << "text: " << text;
    (c.ages.empty() ? negative : positive)++;
  }
  EXPECT_GE(positive, 60);
  EXPECT_GE(negative, 60);
}

// Units in the languages of migrant workers who write Dutch or English,
// several women in one ad, and the numbers that look like ages but are not.
const Case kMoreForms[] = {
    // a person noun right before the number
    {"Mimi, school girl 16, Eschweiler.", {16}},
    {"meisje 16 uit Heerlen", {16}},
    {"Mädchen 17 aus Aachen", {17}},
    {"lieve dame 50 euro per half uur", {}},
    // years spent on a trade, "doing this 15 years"
    {"Claire – 15 ans de massage", {}},
    {"Been doing this 15 years", {}},
    // units
    {"Hi, my name is Reka, 19 éves, from Debrecen", {19}},
    {"Reka 22 eves, new here", {22}},
    {"Ana, 17 ani, just arrived", {17}},
    {"Carla 24 años, latina caliente", {24}},
    {"Bruna, 26 anos, brasileira", {26}},
    {"Giulia 21 anni", {21}},
    {"Kasia, 18 lat, z Krakowa", {18}},
    {"Petra 20 let, Brno", {20}},
    {"Desi, 23 godini, from Varna", {23}},
    {"Ivana 25 godina", {25}},
    {"Zoe 16a, Liège", {16}},
    {"Mona 20 yrs, Venlo", {20}},
    {"Tina 19 y.o. sweet", {19}},
    // several women, couples
    {"This week: Ilona 21, Petra 24, Dora 19. Call now", {21, 24, 19}},
    {"Nikki 18 & Romy 22 samen te boeken", {18, 22}},
    {"Two friends, Ella and Nora, 19 and 23, love to party", {19, 23}},
    {"Duo Mia en Kim, 17 en 20, Sittard", {17, 20}},
    {"Stel Jan & Ria (45/41) zoekt", {45, 41}},
    {"new girls every day: Alina 20, Dora 25", {20, 25}},
    // not ages
    {"Extra: Anaal 30, Zoenen 20, Foto 50", {}},       // a price list, round numbers
    {"Heerlen 25, Sittard 30, Geleen 35 min", {}},
    {"BH (75/80), maat (38/40)", {}},
    {"GFE, 69, knuffelen en zoenen", {}},
    {"Lisa, 69, fransen", {}},
    {"ik hou van 69 en massage", {}},
    {"Mila, 24 ans, FN, 69 et plus", {24}},
    {"Chantal, 69 ans, toujours coquine", {69}},
    {"Pour messieurs à partir de 30 ans", {}},
    {"Nur Herren ab 25 Jahre", {}},
    {"clients from 21 years only", {}},
    {"heren vanaf 23 jaar", {}},
    {"mannen boven de 40 jaar", {}},
    {"hommes de plus de 25 ans", {}},
    {"over 30 years old gentlemen only", {}},
    {"Bijna 18 en al zo ondeugend", {}},
    {"almost 18 years, ready", {}},
    {"Marie, bientôt 18 ans", {}},
    {"ich bin fast 18", {}},
    {"na 12 jaar in Duitsland terug in Venlo", {}},
    {"after 15 years in London, back home", {}},
    {"nach 14 Jahren in Spanien", {}},
    {"après 11 ans en Suisse, de retour", {}},
    {"call after 17 let me know", {}},
    {"vanaf 18 let op", {}},
    {"Hoofdstraat 16a, Kerkrade", {}},
    {"Appartement 12a, 2e etage", {}},
    {"open de 14a 20h", {}},
};

TEST(Ages, MigrantUnitsListsAndVetoes) {
  for (const auto& c : kMoreForms) EXPECT_EQ(ExtractAges(c.text), c.ages) << "text: " << c.text;
}

TEST(Ages, CoupleMentionsPointAtEachAge) {
  std::string t = "Koppel Anne & Bas (33/36) uit Venlo";
  auto m = ExtractAgeMentions(t);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].age, 33);
  EXPECT_EQ(m[1].age, 36);
  EXPECT_NE(t.substr(m[0].begin, m[0].end - m[0].begin).find("33"), std::string::npos);
  EXPECT_NE(t.substr(m[1].begin, m[1].end - m[1].begin).find("36"), std::string::npos);
}

TEST(Ages, NameAsSubjectClosingTheClause) {
  EXPECT_EQ(ExtractAges("Anna is 17 en nieuw in Heerlen."), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("Amber is zeventien en deze week in Tongeren."), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("Kasia ist 23 und kommt aus Polen."), std::vector<int>{23});
  EXPECT_EQ(ExtractAges("Kamer is 12."), std::vector<int>{});          // no name
  EXPECT_EQ(ExtractAges("Prijs is 30, half uur."), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Anna is 17 km van hier."), std::vector<int>{});  // a unit that is no age
  EXPECT_EQ(ExtractAges("bin noch Schülerin, 12. Klasse, ab 14 Uhr"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Adrien, 40 ans, depuis maintenant douze ans."), std::vector<int>{40});
}

// "Roxi 20 – neu in Würselen": her name from the name field right before the
// number; any other word before a number is no name ("Kamer 12", "Bungalow 7").
TEST(Ages, OwnNameBeforeTheNumber) {
  auto ages = [](const std::string& text, const std::string& name_field) {
    std::vector<int> out;
    for (const auto& m : ExtractAgeMentions(text, Normalize(text), OwnNamesForAges(name_field))) out.push_back(m.age);
    return out;
  };
  EXPECT_EQ(ages("Roxi 20 &ndash; neu in Würselen", "Roxi"), std::vector<int>{20});
  EXPECT_EQ(ages("Hej, Gosia 29 hier.", "Gosia"), std::vector<int>{29});
  EXPECT_EQ(ages("Cindy 16 - nieuw", "Cindy"), std::vector<int>{16});
  EXPECT_EQ(ages("Nina 17 – nieuw", "Lisa"), std::vector<int>{});       // not her name
  EXPECT_EQ(ages("Lara 25€ snel", "Lara"), std::vector<int>{});          // a price
  EXPECT_EQ(ages("Lara 30 min 80", "Lara"), std::vector<int>{});         // a duration
  EXPECT_EQ(ages("Kaiserplatz 14, Aachen", "Haus Kaiserplatz"), std::vector<int>{});  // a business's street
  EXPECT_EQ(ages("Studio 54 Aachen", "Studio 54"), std::vector<int>{});  // the number is the name's
  EXPECT_EQ(OwnNamesForAges("Natalia / Marek"), (std::vector<std::string>{"natalia", "marek"}));
}

TEST(Ages, MentionsPointIntoTheOriginal) {
  std::string t = "Hoi, ik ben ZESTIEN jaartjes!";
  auto m = ExtractAgeMentions(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].age, 16);
  EXPECT_EQ(t.substr(m[0].begin, m[0].end - m[0].begin), "ik ben ZESTIEN jaartjes");
  std::string e = "Mila &#40;17&#41;";
  auto me = ExtractAgeMentions(e);
  ASSERT_EQ(me.size(), 1u);
  EXPECT_EQ(e.substr(me[0].begin, me[0].end - me[0].begin), "Mila &#40;17&#41;");
}

TEST(Ages, MentionsCarrySpans) {
  std::string t = "Hoi! Ik ben Lisa, 19 jaar en lief";
  auto m = ExtractAgeMentions(t);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].age, 19);
  EXPECT_EQ(t.substr(m[0].begin, m[0].end - m[0].begin).substr(0, 7), "19 jaar");
}

TEST(Ages, AgeField) {
  EXPECT_EQ(ParseAgeField("19"), 19);
  EXPECT_EQ(ParseAgeField("19 jaar"), 19);
  EXPECT_EQ(ParseAgeField("Leeftijd: 23"), 23);
  EXPECT_EQ(ParseAgeField(""), 0);
  EXPECT_EQ(ParseAgeField("onbekend"), 0);
  EXPECT_EQ(ParseAgeField("1999"), 0);
  EXPECT_EQ(ParseAgeField("5"), 0);
  EXPECT_EQ(ParseAgeField("zeventien"), 17);
  EXPECT_EQ(ParseAgeField("bijna 18"), 0);
  EXPECT_EQ(ParseAgeField("bientôt 18"), 0);
  EXPECT_EQ(ParseAgeField("18"), 18);
  EXPECT_EQ(ParseAgeField("40/38"), 40);
}

// A couple's or a duo's age field lists both ages; only a list separator
// joins a second number ("29/32", "31 & 36", "40 und 38").
TEST(Ages, AgeFieldListsEveryAge) {
  EXPECT_EQ(ParseAgeFieldAll("29/32"), (std::vector<int>{29, 32}));
  EXPECT_EQ(ParseAgeFieldAll("31 & 36"), (std::vector<int>{31, 36}));
  EXPECT_EQ(ParseAgeFieldAll("40 und 38"), (std::vector<int>{40, 38}));
  EXPECT_EQ(ParseAgeFieldAll("sie 25, er 30"), (std::vector<int>{25, 30}));  // the partner's pronoun
  EXPECT_EQ(ParseAgeFieldAll("zij 41 en hij 44"), (std::vector<int>{41, 44}));
  EXPECT_EQ(ParseAgeFieldAll("25, 1.70 m"), (std::vector<int>{25}));  // a height after the comma
  EXPECT_EQ(ParseAgeFieldAll("19 jaar"), (std::vector<int>{19}));
  EXPECT_EQ(ParseAgeFieldAll("23 / 1.68 m"), (std::vector<int>{23}));    // a height, not an age
  EXPECT_EQ(ParseAgeFieldAll("bijna 18"), (std::vector<int>{}));
  EXPECT_EQ(ParseAgeFieldAll(""), (std::vector<int>{}));
}

TEST(Ages, UnderFourteenNeedsMoreThanYears) {
  // Durations and anniversaries: "N years" alone under 14 is no age.
  EXPECT_EQ(ExtractAges("Thai massage – 12 years in Wyck"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("10 Jahre Studio Amour Venlo"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Le club fête ses 10 ans"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Eleven years I taught at a school"), std::vector<int>{});
  // A word only an age takes, a speaker, a person or a name still make one.
  EXPECT_EQ(ExtractAges("13 jaar oud"), std::vector<int>{13});
  EXPECT_EQ(ExtractAges("een 13-jarige"), std::vector<int>{13});
  EXPECT_EQ(ExtractAges("ik ben 13 jaar"), std::vector<int>{13});
  EXPECT_EQ(ExtractAges("meisje van 13 jaar"), std::vector<int>{13});
  EXPECT_EQ(ExtractAges("Lisa, 13 jaar"), std::vector<int>{13});
  EXPECT_EQ(ExtractAges("ein Mädchen 12 Jahre"), std::vector<int>{12});
}

TEST(Ages, YearsInAJobOrOfSomething) {
  EXPECT_EQ(ExtractAges("16 years a masseuse in Hengelo"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("seit langem: 15 Jahre als Masseurin"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("14 years of yoga, 6 of tantra"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("I am 17 years of age"), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("Kim, 16 years of fun"), std::vector<int>{});
}

TEST(Ages, OrdinalDatesAreDays) {
  EXPECT_EQ(ExtractAges("7.–9. Maastricht, 10.–12. Aachen, 14.–16. Köln."), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Aktion vom 1. bis 10. Mai"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Lisa, 17. Neu in Aachen"), std::vector<int>{17});
}

TEST(Ages, YearsOnASiteOrSinceAreDurations) {
  EXPECT_EQ(ExtractAges("same old Jenny, 36, Alkmaar, 12 years on this site"), std::vector<int>{36});
  EXPECT_EQ(ExtractAges("Monique: fifteen years since I placed my first ad"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("ik ben 17 sinds maart"), std::vector<int>{17});  // a speaker keeps her age
}

TEST(Ages, HowYoungSheLooksIsNoStatedAge) {
  EXPECT_EQ(ExtractAges("ik ben Roxana 19 jaar maar iedereen denkt ik ben 15 hihi"), std::vector<int>{19});
  EXPECT_EQ(ExtractAges("people say that I am 16"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Ik ben 16 en nieuw"), std::vector<int>{16});
}

// The subject left out after "but": "ze zegt 19 maar is eigenlijk 16".
TEST(Ages, SubjectLeftOutAfterBut) {
  EXPECT_EQ(ExtractAges("ze zegt 19 op de site maar is eigenlijk 16, dus niet moeilijk doen"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("she says 19 but is actually 16"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("klein appartement maar is 20 minuten van het centrum"), std::vector<int>{});
}

TEST(Ages, BavarianAndAustrianSpeaker) {
  EXPECT_EQ(ExtractAges("Ehrlich gsagt bin i erst 17, im Herbst werd i 18"), std::vector<int>{17});
}

// A birthday reached states an age; a birthday to come, or someone else's, does not.
TEST(Ages, BirthdayReached) {
  EXPECT_EQ(ExtractAges("ben in november zestien geworden dus zaag niet"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("Ich bin im März 17 geworden"), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("I turned 16 in May"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("ik werd vorige week 17"), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("j'ai eu 17 ans en mars"), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("im Herbst werd i 18"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Im März werd ich endlich achtzehn"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("mijn dochter is net 16 geworden"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("my son turned 16 last week"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Marion, 44. Meine Tochter ist 17 und weiß nichts"), std::vector<int>{44});
  EXPECT_EQ(ExtractAges("het werd 18 uur voor ik klaar was"), std::vector<int>{});
}

// Self-introductions as teenagers write them.
TEST(Ages, InformalSelfIntroductions) {
  EXPECT_EQ(ExtractAges("hey its courtney, sixteen, fed up of never having any money"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("Hey, ik ben Lotte, 'k zijn zestien. Kan alleen woensdag"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("sweet 16 & bored"), std::vector<int>{16});
  EXPECT_EQ(ExtractAges("its 16 km from Heerlen"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("I organise sweet sixteen birthday parties"), std::vector<int>{});
}

// A client's age or looks ("if you look 17") is not hers.
TEST(Ages, SecondPersonIsTheClient) {
  EXPECT_EQ(ExtractAges("Si t'as une tête à avoir 17 ans, je te demande ta carte"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("if you look 17 years old I ask for ID"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Nina 😜 17 piges au compteur"), std::vector<int>{17});
  EXPECT_EQ(ExtractAges("Hey you, I'm 17"), std::vector<int>{17});
}

TEST(Ages, AnniversariesAreNoAges) {
  EXPECT_EQ(ExtractAges("Feestje: 10 jaar Sylvia in Leeuwarden"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Das Studio Mira in Kelmis wird 10 Jahre alt"), std::vector<int>{});
  EXPECT_EQ(ExtractAges("Lisa: 13 jaar"), std::vector<int>{13});  // a name before the colon stays
  EXPECT_EQ(ExtractAges("Ich bin 13 Jahre alt"), std::vector<int>{13});
}

TEST(Ages, BareYearsBeforeAPlaceAreMarkedAsAStay) {
  auto mentions = ExtractAgeMentions("Olga - 16 years in Krefeld");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_TRUE(mentions[0].stay_like);
  mentions = ExtractAgeMentions("Ik ben Anna, 16 jaar, in Heerlen");
  ASSERT_EQ(mentions.size(), 1u);
  EXPECT_FALSE(mentions[0].stay_like);
}

}  // namespace
}  // namespace adwatch
