// FindNamedIntermediary: a first name other than hers between the client and her.
#include "matcher/intermediary.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

std::string Found(const std::string& text, std::vector<std::string> own = {"lisa"}) {
  auto is_place = [](std::string_view w) { return w == "Heerlen" || w == "Sittard" || w == "Aachen"; };
  auto span = FindNamedIntermediary(text, own, is_place);
  return span ? text.substr(span->first, span->second - span->first) : "";
}

TEST(NamedIntermediary, CuesAndVerbsInFourLanguages) {
  EXPECT_EQ(Found("Lisa, 21. Voor afspraken bel je Tony op 06 12345678."), "bel je Tony");
  EXPECT_EQ(Found("Pay Mihai at the door, then go up."), "Pay Mihai");
  EXPECT_EQ(Found("Sie ist neu. Anrufen bei Cristi."), "bei Cristi");
  EXPECT_EQ(Found("Jasmin. Termine NUR über Sascha."), "über Sascha");
  EXPECT_EQ(Found("Josie ist neu. Termine über Marco, der auch das Geld nimmt."), "über Marco");
  EXPECT_EQ(Found("Wir sind zwei. Bezahlt wird bei Mihai, er steht unten."), "bei Mihai");
  EXPECT_EQ(Found("Ganz neu. Frag nach Dragan."), "nach Dragan");
  EXPECT_EQ(Found("Nur WhatsApp. Anzahlung 50€ per PayPal an Tomi vorab."), "an Tomi");
  EXPECT_EQ(Found("Dont call her. Whatsapp to Tony only, he say you the adress."), "to Tony");
  EXPECT_EQ(Found("Alina / boekingen: Marco"), "boekingen: Marco");
  EXPECT_EQ(Found("Ge belt naar Frank, hij zegt wie er is."), "naar Frank");
  EXPECT_EQ(Found("Sie ist 20. Anfragen nur an Dennis."), "an Dennis");
  EXPECT_EQ(Found("Ask for Mr. Long."), "for Mr. Long");
  EXPECT_EQ(Found("Ivo maakt de afspraken voor twee meisjes."), "Ivo maakt de afspraken");
  EXPECT_EQ(Found("Tom s'occupe des rendez-vous de Clara."), "Tom s'occupe");
  EXPECT_EQ(Found("Alles is bespreekbaar. Groetjes Dennis"), "Groetjes Dennis");
  EXPECT_EQ(Found("Extras bezahlst du bei Marius an der Tür, er zeigt dir das Zimmer."), "bei Marius");
  EXPECT_EQ(Found("Les suppléments, tu paies Mihai à l'entrée."), "paies Mihai");
  EXPECT_EQ(Found("Girls are ready, you choose, you pay to Marco before go up."), "to Marco");
  // "à" reads "a": a word, not a separator that would start a new sentence before the name.
  EXPECT_EQ(Found("Vous payez à Mihai à la porte avant de monter."), "payez à Mihai");
  EXPECT_EQ(Found("Pour la voir il faut appeler Mihai, il donne l'adresse."), "appeler Mihai");
  EXPECT_EQ(Found("Ort: Aachen, Kontakt: über Andrei. Sie heißt Vika."), "über Andrei");
  EXPECT_EQ(Found("Alles nach Absprache, Safeword Pflicht."), "");  // a German noun after "alles nach"
  EXPECT_EQ(Found("Deutsch versteht sie kaum, deshalb läuft alles über Adrian: er nennt die Uhrzeit."), "über Adrian");
  EXPECT_EQ(Found("Wenn ein Mann rangeht, das ist Marek, der macht meine Termine."), "Marek, der macht meine Termine");
  EXPECT_EQ(Found("Pour le cash, c'est Ilir qui encaisse."), "Ilir qui encaisse");
  EXPECT_EQ(Found("Ne soyez pas surpris si c'est Dany qui décroche."), "Dany qui décroche");
  EXPECT_EQ(Found("Mihai open the door downstairs and take the money."), "");  // "open" is no control verb ...
  EXPECT_EQ(Found("Downstairs Mihai take the money, then you go up."), "Mihai take the money");  // ... "take" is
  EXPECT_EQ(Found("Nearby the ferry to Belgium."), "");  // countries are places
  EXPECT_EQ(Found("Ook een duo met Clara mogelijk."), "");  // her partner in a duo
  // Who takes the money, often in the price field; "bitte" before German "an".
  EXPECT_EQ(Found("€ 100 p/u – afrekenen bij Mario"), "bij Mario");
  EXPECT_EQ(Found("100€, à remettre à Marco à l'entrée"), "remettre à Marco");
  EXPECT_EQ(Found("Treffen in Herzogenrath. Anrufe bitte an Lukas, er sagt mir Bescheid."), "an Lukas");
  EXPECT_EQ(Found("Afrekenen bij de kassa of met pin."), "");
  // Dutch and German put the verb last.
  EXPECT_EQ(Found("Wil je Paulina zien? Eerst Remy bellen, hij zegt waar.", {"paulina"}), "Remy bellen");
}

TEST(NamedIntermediary, HerOwnNamesPlacesAndGermanNounsAreNot) {
  EXPECT_EQ(Found("Bel Lisa op 06 12345678."), "");                         // her own name
  EXPECT_EQ(Found("Bel Anna of Eva.", {"anna", "eva"}), "");                // a duo's names
  EXPECT_EQ(Found("Welkom in Heerlen, bel via WhatsApp."), "");             // place, app
  EXPECT_EQ(Found("Termine nach Vereinbarung, nur mit Gummi."), "");        // German nouns
  EXPECT_EQ(Found("Termine vereinbart sie selbst."), "");
  EXPECT_EQ(Found("Termine nur über Telefon oder E-Mail."), "");  // contact media, not names
  EXPECT_EQ(Found("Kontakt nur über Handy."), "");
  EXPECT_EQ(Found("Termine über Nacht und über Ostern möglich."), "");
  EXPECT_EQ(Found("Termine: Montag bis Freitag."), "");  // a day after the booking label
  EXPECT_EQ(Found("Open 10:00–22:00, last booking 21:00. Walk-in or call."), "");  // a time's colon
  EXPECT_EQ(Found("Bitte vorher melden. Nur mit Gummi."), "");  // "nur" opens another sentence
  EXPECT_EQ(Found("Bitte 1 Stunde vorher anrufen, nur mit Termin."), "");
  EXPECT_EQ(Found("Keine Anfragen nach Extras, kein Alkohol."), "");
  EXPECT_EQ(Found("Kein Fahrer, kein 'Freund', der kassiert."), "");  // denied, not named
  EXPECT_EQ(Found("TS Luana, 26, on tour through Limburg."), "");         // a province
  EXPECT_EQ(Found("Kein Kontakt über Dritte."), "");                       // third parties
  EXPECT_EQ(Found("per Mail oder WhatsApp, mit Hotelnamen."), "");         // a comma ends the contact phrase
  EXPECT_EQ(Found("Ik ben Anja, samen met Rob (52) al 25 jaar."), "");     // a partner's age, no aside
  EXPECT_EQ(Found("You pay online to Viktor (bank transfer)."), "to Viktor");  // "(" ends the name
  EXPECT_EQ(Found("Anzahlung per Überweisung bei Übernachtungen."), "");  // money words, then a noun
  EXPECT_EQ(Found("Kein Geld über Dritte, bezahlt wird bei uns."), "");
  EXPECT_EQ(Found("Girl with Latin temperament, call me."), "");            // a noun follows
  EXPECT_EQ(Found("Niemand beslist voor mij."), "");
  EXPECT_EQ(Found("Anna gives the best massage in town.", {}), "");         // no booking object
  EXPECT_EQ(Found("Bruna et Tainá. Chacune gère ses rendez-vous.", {"bruna"}), "");  // a pronoun
  EXPECT_EQ(Found("Contact: +31 6 12345678. Bellen: 06 12345678."), "");   // contact labels
  EXPECT_EQ(Found("Chez Diane - salon de massage agréé"), "");             // a salon's name
  EXPECT_EQ(Found("Bitte nicht mit unterdrückter Nummer anrufen."), "");   // a noun before the verb
  EXPECT_EQ(Found("Bitte nicht vor 18 Uhr anrufen."), "");
  EXPECT_EQ(Found("Vera, 39. Tue to Sat."), "");                          // a day after "to"
  EXPECT_EQ(Found("Take tram 18 to Klettenbergpark, then walk."), "");     // a stop after "to"
  EXPECT_EQ(Found("Time and price you ask to Vlad: 06 2561 2891"), "to Vlad");  // "to" after asking
}

// A name beside the number in the phone field is whom the number reaches.
TEST(NamedIntermediary, NameInThePhoneField) {
  auto find = [](std::string_view field, std::vector<std::string> own = {"daria"}) {
    auto span = FindNameInPhoneField(field, own, [](std::string_view w) { return w == "Heerlen"; });
    return span ? std::string(field.substr(span->first, span->second - span->first)) : std::string();
  };
  EXPECT_EQ(find("0476 90 28 35 (Marius)"), "Marius");
  EXPECT_EQ(find("Marco 06 5344 2270"), "Marco");
  EXPECT_EQ(find("Daria 06 5344 2270"), "");
  EXPECT_EQ(find("WhatsApp +31 6 5344 2270"), "");
  EXPECT_EQ(find("Mobile: 06 5344 2270"), "");
  EXPECT_EQ(find("Zero six, forty four, twenty seven"), "");
  EXPECT_EQ(find("https://wa.me/31610594081"), "");
  EXPECT_EQ(find("Heerlen 045 571 22 33"), "");
  EXPECT_EQ(find("GSM 0476 90 28 35"), "");
}

// "über" as the first word of a text: the check for a booking noun before
// it ("Termine über Sascha") has no word to read (it read the one before the
// first, out of bounds; AddressSanitizer caught it on random texts).
TEST(NamedIntermediary, UberAsTheFirstWord) {
  EXPECT_EQ(Found("\xc3\xbc" "ber Marco"), "");
  EXPECT_EQ(Found("uber Marco"), "");
  EXPECT_EQ(Found("Termine \xc3\xbc" "ber Marco."), "\xc3\xbc" "ber Marco");
}

}  // namespace
}  // namespace adwatch
