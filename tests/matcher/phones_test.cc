// ExtractPhones: plain numbers, every obfuscation ads use, and the things
// that look like numbers but are not phones.
#include "matcher/phones.h"

#include <gtest/gtest.h>
#include <phonenumbers/phonenumberutil.h>

#include <random>

#include "matcher/phones_fast_type.h"

namespace adwatch {
namespace {

struct Case {
  const char* text;
  const char* e164;  // expected single number
  bool obfuscated;
  const char* region = "NL";
};

std::string Show(const std::vector<PhoneFound>& v) {
  std::string s;
  for (const auto& p : v) s += p.e164 + (p.obfuscated ? "(obf) " : " ");
  return s;
}

void Check(const Case& c) {
  auto found = ExtractPhones(c.text, c.region);
  ASSERT_EQ(found.size(), 1u) << "text: " << c.text << " → " << Show(found);
  EXPECT_EQ(found[0].e164, c.e164) << c.text;
  EXPECT_EQ(found[0].obfuscated, c.obfuscated) << "text: " << c.text;
}

// Written the ordinary way (not obfuscated).
const Case kPlain[] = {
    {"Bel 0612345678", "+31612345678", false},
    {"bel 06-12345678 voor een afspraak", "+31612345678", false},
    {"06 12345678", "+31612345678", false},
    {"06 12 34 56 78", "+31612345678", false},
    {"06-12 34 56 78", "+31612345678", false},
    {"+31612345678", "+31612345678", false},
    {"+31 6 12345678", "+31612345678", false},
    {"+31 (0)6 12345678", "+31612345678", false},
    {"+31 6 1234 5678", "+31612345678", false},
    {"0031612345678", "+31612345678", false},
    {"0031 6 12345678", "+31612345678", false},
    {"tel: 043-3214567", "+31433214567", false},
    {"(043) 321 45 67", "+31433214567", false},
    {"045 5712345", "+31455712345", false},
    {"045-571 23 45", "+31455712345", false},
    {"0470.12.34.56", "+32470123456", false, "BE"},
    {"tel:+31612345678", "+31612345678", false},
    {"<a href=\"tel:0612345678\">bel mij</a>", "+31612345678", false},
    {"https://wa.me/31612345678", "+31612345678", false},
    {"wa.me/31612345678?text=hoi", "+31612345678", false},
    {"https://api.whatsapp.com/send?phone=31612345678", "+31612345678", false},
    {"Lisa 21 jaar, bel 0612345678!", "+31612345678", false},
    {"0612345678.", "+31612345678", false},
    {"(06)12345678", "+31612345678", false},
    {"06/12345678", "+31612345678", false},
    {"+32 470 12 34 56", "+32470123456", false},
    {"0032 470 123456", "+32470123456", false},
    {"0470 12 34 56", "+32470123456", false, "BE"},
    {"0470/12.34.56", "+32470123456", false, "BE"},
    {"0470 12 34 56 (Belgisch nummer)", "+32470123456", false},
    {"+49 151 23456789", "+4915123456789", false},
    {"0151 23456789", "+4915123456789", false, "DE"},
    {"0151-23456789 Handy", "+4915123456789", false},
    {"0241 123456", "+49241123456", false, "DE"},
    {"+49 241 123456", "+49241123456", false},
    {"whatsapp: +31 6 87654321", "+31687654321", false},
    {"Bel of app 0687654321 (ook whatsapp)", "+31687654321", false},
    {"tel 0612345678 - Maastricht centrum", "+31612345678", false},
    {"afspraak: 06 - 12345678", "+31612345678", false},
    {"+31-6-12345678", "+31612345678", false},
    {"06 1234 5678", "+31612345678", false},
    {"nummer 0612 345 678", "+31612345678", false},
    {"Bel: 06 – 12345678", "+31612345678", false},
    {"＋31612345678 is niet verhuld als plus", "+31612345678", false},
    {"prijs €150, bel 0612345678", "+31612345678", false},
    {"call 0031 6 1234 5678 anytime", "+31612345678", false},
    {"0612345678 (whatsapp)", "+31612345678", false},
    {"Rufnummer +32 4 221 22 33", "+3242212233", false},
    {"06 123 456 78", "+31612345678", false},
    {"bel me 06 - 123 456 78", "+31612345678", false},
    // One kind of separator throughout is an ordinary grouping, dots too.
    {"06.12.34.56.78", "+31612345678", false},
    {"06 - 443 - 541 - 40", "+31644354140", false},
};

// Written to evade search: obfuscated = true.
const Case kObfuscated[] = {
    {"nul zes een twee drie vier vijf zes zeven acht", "+31612345678", true},
    {"Nul Zes - Een Twee Drie Vier - Vijf Zes Zeven Acht", "+31612345678", true},
    {"zero six one two three four five six seven eight", "+31612345678", true},
    {"null sechs eins zwei drei vier fünf sechs sieben acht", "+31612345678", true},
    {"nul zes twaalf vierendertig zesenvijftig achtenzeventig", "+31612345678", true},
    {"06 twaalf 34 56 78", "+31612345678", true},
    {"zero six twelve thirty four fifty six seventy eight", "+31612345678", true},
    {"zero six twelve thirty-four fifty-six seventy-eight", "+31612345678", true},
    {"null sechs zwölf vierunddreißig sechsundfünfzig achtundsiebzig", "+31612345678", true},
    {"nul zes 12 34 vijf zes 78", "+31612345678", true},
    {"O6-l2345678", "+31612345678", true},
    {"O6 I2 34 56 78", "+31612345678", true},
    {"06l2345678", "+31612345678", true},
    {"O612345678", "+31612345678", true},
    {"0 6 1 2 3 4 5 6 7 8", "+31612345678", true},
    {"0-6-1-2-3-4-5-6-7-8", "+31612345678", true},
    {"0.6.1.2.3.4.5.6.7.8", "+31612345678", true},
    {"06*12*34*56*78", "+31612345678", true},
    {"06~12~34~56~78", "+31612345678", true},
    {"06_12_34_56_78", "+31612345678", true},
    {"06|12|34|56|78", "+31612345678", true},
    {"[06] [12] [34] [56] [78]", "+31612345678", true},
    {"06 • 12 • 34 • 56 • 78", "+31612345678", true},
    {"０６１２３４５６７８", "+31612345678", true},
    {"０６-１２３４５６７８", "+31612345678", true},
    {"0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "+31612345678", true},
    {"0⃣6⃣1⃣2⃣3⃣4⃣5⃣6⃣7⃣8⃣", "+31612345678", true},
    {"⓪⑥①②③④⑤⑥⑦⑧", "+31612345678", true},
    {"𝟎𝟔𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "+31612345678", true},
    {"06.12-34/56.78", "+31612345678", true},
    {"06 -- 12 -- 34 -- 56 -- 78", "+31612345678", true},
    {"0 6 - 1 2 3 4 5 6 7 8", "+31612345678", true},
    {"06 1 2 3 4 5 6 7 8", "+31612345678", true},
    {"plus drie een zes een twee drie vier vijf zes zeven acht", "+31612345678", true},
    {"plus vier neun eins sieben fünf drei fünf fünf drei eins neun fünf", "+491753553195", true},
    {"drie een zes een twee drie vier vijf zes zeven acht", "", true},  // no + and no trunk 0: not read
    {"+31 zes een twee drie vier vijf zes zeven acht", "+31612345678", true},
    {"nul zes dubbel een twee drie vier vijf zes zeven", "+31611234567", true},
    {"zero six double one two three four five six seven", "+31611234567", true},
    {"nul vier drie drie twee een vier vijf zes zeven", "+31433214567", true},
    {"0 4 3 - 3 2 1 4 5 6 7", "+31433214567", true},
    {"nul vier zeven nul twaalf vierendertig zesenvijftig", "+32470123456", true},
    {"null eins fünf eins zwei drei vier fünf sechs sieben acht neun", "+4915123456789", true},
    {"06 12 34 56 7 8 bel me", "+31612345678", false},  // two singles: still ordinary
    {"Bel nul-zes 12345678", "+31612345678", true},
    {"O6.I2.34.56.78", "+31612345678", true},
    {"06 ⁎ 12 ⁎ 34 ⁎ 56 ⁎ 78", "", true},  // unknown separator breaks the run
    {"0 6 1 2 3 4 5 6 7 8 (spaties tegen spam)", "+31612345678", true},
    {"app: O6 l2345678", "+31612345678", true},
    {"06 een twee drie vier vijf zes zeven acht", "+31612345678", true},
    {"Nul zes. Twaalf. Vierendertig. Zesenvijftig. Achtenzeventig.", "+31612345678", true},
    {"06*1234*5678", "+31612345678", true},
    {"06~1234~5678", "+31612345678", true},
    {"zero 6 one 2 three 4 five 6 seven 8", "+31612345678", true},
    {"06-one two three four five six seven eight", "+31612345678", true},
    {"06 12 34 56 78 en nogmaals 06,12,34,56,78", "+31612345678", true},
    {"06 ~ 47 ~ 55 ~ 54 ~ 57", "+31647555457", true},
    {"0 6 4 7 5 5 5 4 5 7", "+31647555457", true},
};

// Any region, the way numbers are really written: international prefixes
// with any grouping, foreign mobiles with or without '+', national numbers
// of other regions, and number words in Dutch, English, German and French.
struct RegionCase {
  const char* region;
  const char* text;
  const char* e164;
  bool obfuscated;
};

const RegionCase kAnyRegion[] = {
    {"NL", "Ruf an 00 49 177 99 1234567", "+49177991234567", false},
    {"US", "Call 646-389-3950", "+16463893950", false},
    {"NL", "+31 (0)6 26 55 51 71", "+31626555171", false},
    {"NL", "06.47.55.54.57", "+31647555457", false},
    {"FR", "06.47.55.54.57", "+33647555457", false},
    {"NL", "0049-177/991234567", "+49177991234567", false},
    {"NL", "40 745 123 456", "+40745123456", false},
    {"NL", "0040745123456", "+40745123456", false},
    {"NL", "48 512 345 678", "+48512345678", false},
    {"NL", "Bel +48 512 345 678", "+48512345678", false},
    {"NL", "+36 20 123 4567", "+36201234567", false},
    {"NL", "00359 88 123 4567", "+359881234567", false},
    {"NL", "+420 601 123 456", "+420601123456", false},
    {"NL", "tel 421 912 123 456", "+421912123456", false},
    {"NL", "+34 612 34 56 78", "+34612345678", false},
    {"NL", "whatsapp +55 11 91234-5678", "+5511912345678", false},
    {"NL", "+33 6 47 55 54 57", "+33647555457", false},
    {"NL", "+33 (0)6 47 55 54 57", "+33647555457", false},
    {"NL", "+33 06 47 55 54 57", "+33647555457", false},
    {"NL", "+352 621 123 456", "+352621123456", false},
    {"NL", "+44 7911 123456", "+447911123456", false},
    {"NL", "0044 (0)7911 123456", "+447911123456", false},
    {"NL", "uk number 44 7911 123456", "+447911123456", false},
    {"NL", "whatsapp 0040 745 123 456", "+40745123456", false},
    {"NL", "tel. 0031-6-47555457", "+31647555457", false},
    {"NL", "+31 06 47555457", "+31647555457", false},
    {"NL", "Ich bin in Aachen: +49 (0) 151 23456789", "+4915123456789", false},
    {"NL", "06 1nine 5 5five 12 3", "+31619555123", true},
    {"NL", "call me on zero six 1two 3four 5six 78", "+31612345678", true},
    {"NL", "nul zes, negentien, vijfenvijftig, twaalf, drieëntwintig", "+31619551223", true},
    {"NL", "Nul zes - vierenveertig - 12 - 34 - 56", "+31644123456", true},
    {"FR", "zéro six, quarante-sept, cinquante-cinq, cinquante-quatre, cinquante-sept", "+33647555457", true},
    {"FR", "zéro six soixante-dix-sept quatre-vingt-dix-neuf vingt et un onze", "+33677992111", true},
    {"FR", "zero six soixante dix sept quatre vingt dix neuf vingt et un onze", "+33677992111", true},
    {"FR", "zéro six 47 55 cinquante-quatre 57", "+33647555457", true},
    {"FR", "Appelez-moi au 06 47 55 54 57", "+33647555457", false},
    {"FR", "tél : 01 42 68 53 00", "+33142685300", false},
    {"DE", "null eins fünf eins, zwei drei vier fünf sechs sieben acht neun", "+4915123456789", true},
    {"DE", "null sechs eins zwei drei vier fünf sechs sieben acht", "+49612345678", true},
    {"DE", "Handy: 0177/991234567", "+49177991234567", false},
    {"DE", "Tel. (0241) 123456", "+49241123456", false},
    {"GB", "text 07911 123456", "+447911123456", false},
    {"BE", "0470 12 34 56", "+32470123456", false},
    {"US", "(646) 389-3950", "+16463893950", false},
    {"US", "+1 646 389 3950", "+16463893950", false},
    {"US", "011 49 177 99 1234567", "+49177991234567", false},
    {"PL", "512 345 678", "+48512345678", false},
    {"PL", "48 512 345 678", "+48512345678", false},
    {"RO", "0745 123 456", "+40745123456", false},
    {"nl", "06 47 55 54 57", "+31647555457", false},
    {"NL", "Echt 18+ 06 47 55 54 57", "+31647555457", false},
};

TEST(Phones, AnyRegionTable) {
  int n = 0;
  for (const auto& c : kAnyRegion) {
    SCOPED_TRACE(std::string(c.region) + ": " + c.text);
    auto found = ExtractPhones(c.text, c.region);
    ASSERT_EQ(found.size(), 1u) << Show(found);
    EXPECT_EQ(found[0].e164, c.e164);
    EXPECT_EQ(found[0].obfuscated, c.obfuscated);
    ++n;
  }
  EXPECT_GE(n, 40);
}

// Numbers that are not phones, in the ad's region and in others.
TEST(Phones, AnyRegionNegatives) {
  const std::pair<const char*, const char*> kNot[] = {
      {"NL", "Postcode 6411 AB Heerlen"},
      {"NL", "6411AB Heerlen"},
      {"NL", "Prijs: 150 euro, 2 uur 250 euro"},
      {"NL", "€ 1.500,- per week"},
      {"NL", "KvK 40745123"},
      {"NL", "Vergunningnummer 2023-0612345"},
      {"NL", "exploitatievergunning nr. 0612 3456 78"},
      {"NL", "IBAN NL91 ABNA 0417 1643 00"},
      {"NL", "DE89 3704 0044 0532 0130 00"},
      {"NL", "geboren 12-05-2001"},
      {"NL", "open van 10-18 uur, za 12-16"},
      {"NL", "ma t/m vr 10.00-22.00 uur"},
      {"NL", "maten 90-60-90, cup 75C, 1.68 m, 55 kg"},
      {"NL", "advertentie 48512345678"},
      {"NL", "Advertentie-id: 0647555457"},
      {"NL", "onze dames zijn 24/7 bereikbaar"},
      {"NL", "maat 36 38 40 42 44 46"},
      {"NL", "prijzen 30 50 80 120 200"},
      {"NL", "44 55 66 77 88 99"},
      {"NL", "nummers 1 2 3 4 5 6 7 8 9 10"},
      {"NL", "bel 0612345678 is mijn oude nummer niet 061234"},  // the first is one; see below
      {"EN", "Rates: 30 min $150, 1 hour $250"},
      {"US", "Born 1999, 5'6\", 34-24-36, size 8"},
      {"US", "zip 10001, open 24 hours 7 days"},
      {"US", "2024-05-01 10:00"},
      {"US", "Order #1234567890"},
      {"GB", "Ad ID: 07911123456"},
      {"DE", "Preis: 150 € pro Stunde"},
      {"DE", "PLZ 52062 Aachen"},
      {"DE", "Termine von 10-18 Uhr"},
      {"DE", "Handelsregister HRB 12345"},
      {"DE", "USt-IdNr. DE123456789"},
      {"DE", "Geboren am 12.05.2001, 1,70 m"},
      {"DE", "Anzeigen-ID 0177991234567"},
      {"DE", "Öffnungszeiten 10:00-22:00 Uhr"},
      {"FR", "Tarif 150 € la demi-heure"},
      {"FR", "SIRET 123 456 789 00012"},
      {"FR", "née le 12/05/2001"},
      {"FR", "de 10h à 22h, Code postal 75008 Paris"},
      {"FR", "disponible du 10 au 18 juin"},
      {"FR", "taille 1m70, 55 kg, 90-60-90"},
      {"FR", "je suis une femme de vingt-deux ans"},
      {"FR", "un deux trois soleil"},
      {"FR", "référence annonce 0647555457"},
      {"FR", "numéro d'annonce: 0647555457"},
      {"NL", "Lisa 23yo, 1.65, 24seven"},
  };
  int n = 0;
  for (const auto& [region, text] : kNot) {
    auto found = ExtractPhones(text, region);
    if (std::string(text).rfind("bel 0612345678", 0) == 0) {
      ASSERT_EQ(found.size(), 1u) << Show(found);
      continue;
    }
    EXPECT_TRUE(found.empty()) << region << ": " << text << " → " << Show(found);
    ++n;
  }
  EXPECT_GE(n, 40);
}

TEST(Phones, Plain) {
  int n = 0;
  for (const auto& c : kPlain) { SCOPED_TRACE(c.text); Check(c); ++n; }
  EXPECT_GE(n, 50);
}

TEST(Phones, Obfuscated) {
  int n = 0;
  for (const auto& c : kObfuscated) {
    SCOPED_TRACE(c.text);
    if (std::string(c.e164).empty()) {
      EXPECT_TRUE(ExtractPhones(c.text, c.region).empty());
      continue;
    }
    Check(c);
    ++n;
  }
  EXPECT_GE(n, 50);
}

// Not phones: prices, dates, times, postcodes, measures, ad ids, IBAN, KvK.
TEST(Phones, Negatives) {
  const char* kNot[] = {
      "Prijs: € 150,- per uur, 250 euro per 2 uur",
      "half uur 100 euro, uur 150 euro, nacht 1000 euro",
      "beschikbaar 01-05-2024 t/m 06-05-2024",
      "01.05.2024 - 14.05.2024",
      "van 10.00 uur tot 02.00 uur",
      "10:00 - 02:00",
      "Postcode 6211 AB Maastricht",
      "maten 90-60-90, 1.68 m, 55 kg, cup 75C",
      "Advertentie-id: 0612345678",
      "Ad ID: 061234567890",
      "ref: 0431234567",
      "IBAN NL91 ABNA 0417 1643 00",
      "IBAN: NL91ABNA0417164300",
      "BE68 5390 0754 7034",
      "Numéro d'entreprise BE 0687.214.593",
      "Ondernemingsnummer BE 0789.321.456",
      "KBO 0471.123.456",
      "TVA BE 0687 214 593",
      "KvK 12345678",
      "KvK-nummer: 06123456",
      "BTW NL123456789B01",
      "Geboren in 1999, sinds 2018 actief",
      "24/7 bereikbaar, 18+",
      "Bel 0612345 (te kort)",
      "123456789",
      "0000000000",
      "een twee drie vier vijf zes zeven acht negen",
      "Ik ben een mooie dame van een twee en twintig",
      "06 is mijn favoriete getal",
      "Tel: 020 12",
      "06123456789012345678",
      "nr. 69, 3 hoog",
      "Lisa (21) uit Heerlen, 1.65 lang",
      "ordernummer 0612-3456-78",
      "",
  };
  for (const char* t : kNot) {
    auto found = ExtractPhones(t, "NL");
    EXPECT_TRUE(found.empty()) << t << " → " << Show(found);
  }
}

TEST(Phones, SeveralNumbersAndDedup) {
  auto f = ExtractPhones("Bel 0612345678 of 0687654321, of nogmaals 06-12345678", "NL");
  ASSERT_EQ(f.size(), 2u) << Show(f);
  EXPECT_EQ(f[0].e164, "+31612345678");
  EXPECT_EQ(f[1].e164, "+31687654321");
  f = ExtractPhones("0612345678 / 0687654321", "NL");
  ASSERT_EQ(f.size(), 2u) << Show(f);
  // Obfuscated once is obfuscated.
  f = ExtractPhones("0612345678 of nul zes een twee drie vier vijf zes zeven acht", "NL");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_TRUE(f[0].obfuscated);
  f = ExtractPhones("NL: 0612345678, BE: +32 470 12 34 56", "NL");
  ASSERT_EQ(f.size(), 2u) << Show(f);
}

TEST(Phones, FieldAndRawRecorded) {
  auto f = ExtractPhones("bel O6-l2345678 nu", "NL", "title");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].field, "title");
  EXPECT_EQ(f[0].raw, "O6-l2345678");
}

TEST(Phones, RegionDecidesNationalNumbers) {
  // 0470 12 34 56 is not Dutch; in a BE ad it is a Belgian mobile.
  auto be = ExtractPhones("0470 12 34 56", "BE");
  ASSERT_EQ(be.size(), 1u);
  EXPECT_EQ(be[0].e164, "+32470123456");
  auto de = ExtractPhones("0241 123456", "DE");
  ASSERT_EQ(de.size(), 1u);
  EXPECT_EQ(de[0].e164, "+49241123456");
  // The same digits in an NL ad are a Nijmegen number.
  auto nl = ExtractPhones("0241 123456", "NL");
  ASSERT_EQ(nl.size(), 1u);
  EXPECT_EQ(nl[0].e164, "+31241123456");
}

// Forms seen in Belgian, Swiss, German and migrant workers' ads: French
// tens of Belgium and Switzerland, tens glued to digits, spelled letters,
// a lone letter O for zero, the dialling prefix in words, and a country
// code glued to the number after a contact word.
const struct {
  const char* region;
  const char* text;
  const char* e164;
  bool obfuscated;
} kNeighbourForms[] = {
    {"BE", "Appelle-moi: zéro quatre septante-six, douze, quarante, nonante-neuf", "+32476124099", true},
    {"BE", "gsm zero quatre nonante et un / vingt-deux / trente-trois / quarante-quatre", "+32491223344", true},
    {"BE", "zéro quatre huitante-cinq, onze, vingt, trente", "+32485112030", true},
    {"BE", "zéro quatre octante et un - dix - dix - dix", "+32481101010", true},
    {"BE", "tel zéro quatre septante et un, septante-deux, septante, septante", "+32471727070", true},
    {"NL", "text me: zero6 twenty3 forty5 sixty7 eighty9", "+31623456789", true},
    // A foreign mobile spelled digit by digit after a contact word: the whole
    // run is the number, not the Dutch reading from its second digit.
    {"NL", "WhatsApp: four zero seven four two, one one eight, five nine zero", "+40742118590", true},
    {"NL", "zero six fiftyfive twentyone thirtythree fortyfour", "+31655213344", true},
    {"NL", "o6 fifty1 22 eleven 44", "+31651221144", true},
    {"NL", "bel n u l  z e s - 55 44 33 22", "+31655443322", true},
    {"NL", "z e r o s i x 2 8 7 6 5 4 3 2", "+31628765432", true},
    {"NL", "N U L - Z E S | 12 | 34 | 56 | 78", "+31612345678", true},
    {"DE", "Handy 0 1 7 6 2 – 3 O 5 5 1 8 9", "+4917623055189", true},
    {"NL", "app: 06 – 8 8 – O 1 – 2 3 – 4 5", "+31688012345", true},
    {"NL", "O 6 2 4 6 8 1 3 5 7", "+31624681357", true},
    {"NL", "Ruf an: null null vier neun, eins sieben null, eins zwei drei, vier fünf sechs sieben",
     "+491701234567", true},
    {"DE", "null null drei eins sechs, zwölf, vierunddreißig, sechsundfünfzig, achtundsiebzig", "+31612345678",
     true},
    {"NL", "whatsapp 4917 2345 6789", "+491723456789", false},
    {"NL", "WA: 32470 99 88 77", "+32470998877", false},
    {"NL", "Tel. 447911 123456", "+447911123456", false},
    {"BE", "call me 31687654321", "+31687654321", false},
    {"FR", "sms 4915209876543", "+4915209876543", false},
};

TEST(Phones, NeighbourAndMigrantForms) {
  for (const auto& c : kNeighbourForms) {
    SCOPED_TRACE(std::string(c.region) + ": " + c.text);
    auto found = ExtractPhones(c.text, c.region);
    ASSERT_EQ(found.size(), 1u) << Show(found);
    EXPECT_EQ(found[0].e164, c.e164);
    EXPECT_EQ(found[0].obfuscated, c.obfuscated);
  }
}

// The new readings stay narrow: a glued country code needs a contact word
// (or a phone field of its own), a lone O needs short digit groups beside
// it, spelled letters must all be number words.
TEST(Phones, NeighbourFormsDoNotOverreach) {
  const std::pair<const char*, const char*> kNot[] = {
      {"NL", "Mila 491512 6038472 kusjes"},           // no contact word
      {"NL", "sinds 4915 12 in Aken, 6038472 views"},  // no contact word either
      {"NL", "whatsapp 6411 AB Heerlen"},             // a postcode
      {"NL", "bel 2024 06 15 om 10 uur"},             // a date
      {"NL", "call 150 euro per uur"},                // a price
      {"NL", "whatsapp vergunning 4915126038472"},    // a licence number
      {"BE", "Konzession 0471-123456, Eupen"},        // German licence words too
      {"DE", "Anmeldebescheinigung 0171 2345678"},
      {"DE", "Erlaubnis nach ProstSchG, Az. 0171-2345678"},
      {"BE", "agrément 0471 123 456"},
      {"NL", "tel 491512"},                           // too short
      {"NL", "sms 44 55 66 77 88"},                   // a count
      {"NL", "call 1 2 3 4 5 6 7 8 9 0 1"},           // a count, not +1 …
      {"NL", "1 o 2 uur, maat 38 o 40"},             // "o" as "or"
      {"NL", "kamer 4 O 2 voor 8 O 1 2"},
      {"NL", "a b c d e f g h i j"},
      {"NL", "t w e e n u l z e s"},                  // too few digits
      {"BE", "septante ans de passion, nonante pour cent"},
      {"NL", "fifty1 shades, twenty4 seven"},
  };
  for (const auto& [region, text] : kNot) {
    auto found = ExtractPhones(text, region);
    EXPECT_TRUE(found.empty()) << region << ": " << text << " → " << Show(found);
  }
  // Alone in the phones field, the glued form is read; in the text it is not.
  auto field = ExtractPhones("491512 6038472", "NL", "phones");
  ASSERT_EQ(field.size(), 1u) << Show(field);
  EXPECT_EQ(field[0].e164, "+4915126038472");
  EXPECT_TRUE(ExtractPhones("491512 6038472", "NL", "text").empty());
  // Valid in the ad's own region: the national reading wins.
  auto us = ExtractPhones("call 6463893950", "US");
  ASSERT_EQ(us.size(), 1u);
  EXPECT_EQ(us[0].e164, "+16463893950");
  // "0612345678 o 0687654321": two numbers, the "o" between them is no digit.
  auto two = ExtractPhones("bel 0612345678 o 0687654321", "NL");
  ASSERT_EQ(two.size(), 2u) << Show(two);
}

TEST(Phones, NeverCrashesOnGarbage) {
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  (void)ExtractPhones(junk, "NL");
  (void)ExtractPhones(std::string(5000, '0'), "NL");
  (void)ExtractPhones(std::string(3000, '+'), "XX");
  SUCCEED();
}

// The fast NL/BE/DE number types agree with libphonenumber's own answer on
// every four-digit prefix (and a quarter of the shorter ones), each with a
// random tail of every length from 5 to 13 digits.
TEST(PhoneFastType, AgreesWithLibphonenumber) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil* util = PhoneNumberUtil::GetInstance();
  std::mt19937 rng(3);
  int checked = 0, valid = 0;
  for (int cc : {31, 32, 49}) {
    ASSERT_TRUE(matcher_internal::FastNumberTypeCovers(cc)) << cc;
    for (int prefix = 1; prefix < 10000; ++prefix) {
      std::string head = std::to_string(prefix);
      if (prefix >= 1000 || rng() % 4 == 0)
        for (size_t len = std::max<size_t>(head.size(), 5); len <= 13; ++len) {
          std::string nsn = head;
          while (nsn.size() < len) nsn.push_back(static_cast<char>('0' + rng() % 10));
          PhoneNumber n;
          n.set_country_code(cc);
          n.set_national_number(std::stoull(nsn));
          auto want = util->GetNumberType(n);
          ASSERT_EQ(matcher_internal::FastNumberType(cc, nsn), want) << "+" << cc << nsn;
          ASSERT_EQ(want != PhoneNumberUtil::UNKNOWN, util->IsValidNumber(n)) << "+" << cc << nsn;
          ++checked;
          valid += want != PhoneNumberUtil::UNKNOWN;
        }
    }
  }
  EXPECT_GT(valid, checked / 20);  // the sample reaches real numbers
  EXPECT_FALSE(matcher_internal::FastNumberTypeCovers(33));
}

}  // namespace
}  // namespace adwatch
