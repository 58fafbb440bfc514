// Innocent uses of the vocabulary that risk wording also uses, in Dutch,
// English, German and French: years of experience, opening times, the ages of
// clients, idioms, negations, escorts who visit the client's hotel, "new in
// town" on its own, and licensed clubs that speak of "our ladies". The ads
// that carry them must not raise an alert.
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {
namespace {

const BenignWording& Nl() {
  static const BenignWording w = {
      {/*duration*/ {"Al 16 jaar ervaring in dit vak.", "Ik doe dit werk al 17 jaar met veel plezier.",
                     "Sinds 15 jaar masseuse, ik weet wat ontspanning is.", "Meer dan zestien jaar ervaring.",
                     "Ik woon al 17 jaar in {city}."},
       /*times*/ {"Vanaf 18.00 uur bereikbaar.", "Open van 16 tot 23 uur.", "Na 17.00 uur alleen op afspraak.",
                  "Zaterdag vanaf 17 uur, zondag gesloten.", "Tussen 16.30 en 17.30 ben ik even niet bereikbaar."},
       /*client_age*/ {"Geen tieners, heren vanaf 25 jaar welkom.", "Alleen heren boven de 30.",
                       "Jongens onder de 21 wijs ik af.", "Leeftijd van de klant: 25+, legitimatie kan gevraagd worden.",
                       "Ik ontvang geen jongens van 18 of 19, sorry."},
       /*idiom*/ {"Verwennen van top tot teen.", "Ik ben jong van geest en hou van lachen.",
                  "Een massage die je weer jong laat voelen.", "Schone lakens en verse handdoeken, altijd.",
                  "Rijpe vrouw, maar nog lang niet oud."},
       /*negation*/ {"Geen extreme dingen.", "Nooit zonder condoom, daar valt niet over te praten.",
                     "Niet 24/7 bereikbaar, ik heb ook een prive-leven.", "Geen AO, geen discussie.",
                     "Ik kom niet naar hotels of vakantieparken, alleen prive-ontvangst.",
                     "Niet alles is mogelijk: ik bepaal mijn grenzen."},
       /*hotel*/ {"Ik kom ook naar je hotelkamer in {city}.", "Escort: ik bezoek je thuis of in je hotel.",
                  "Zakenreis? Ik kom graag naar je hotel, reiskosten in overleg.",
                  "Ook hotelbezoek in {city} en omgeving, op afspraak."},
       /*new_in_town*/ {"Nieuw in {city}!", "Nieuw in de stad, maar niet nieuw in het vak.",
                        "Nieuw in {city}: ik ben net verhuisd en ontvang nu hier."}},
      /*club*/ {"Welkom bij {club}, een vergund prive-huis in {city}.",
                "Vergunning van de gemeente {muni}, nummer {licence}.",
                "Onze dames ontvangen je van maandag tot en met zaterdag van 12.00 tot 24.00 uur.",
                "Regelmatig nieuwe dames, kijk op onze pagina wie er vandaag is.",
                "Adres: {street}, {postcode} {city}. Gratis parkeren, discrete ingang.",
                "Bel de receptie voor de beschikbaarheid van onze dames."},
      /*club_title*/ "{club} - vergund prive-huis in {city}",
  };
  return w;
}

const BenignWording& En() {
  static const BenignWording w = {
      {{"16 years of experience.", "I have been doing this for 17 years.", "Seventeen years a masseuse."},
       {"Available from 6 pm.", "Open from 16:00 until 23:00.", "After 17:00 by appointment only."},
       {"No teens, gentlemen 25+ only.", "Clients must be 21 or older.", "Sorry, no boys under 25."},
       {"Pampering from head to toe.", "Young at heart, mature in experience.", "Fresh towels and clean sheets, always."},
       {"Never without a condom.", "Nothing extreme, no bareback.", "Not available 24/7, I have a life too.",
        "No hotels, incall only."},
       {"Outcall to your hotel in {city}.", "I visit you at home or in your hotel room.",
        "Business trip? I come to your hotel."},
       {"New in {city}!", "New in town, not new to the job."}},
      {"Welcome to {club}, a licensed club in {city}.", "Licence no. {licence}, municipality of {muni}.",
       "Our ladies welcome you Monday to Saturday from 12:00 until midnight.",
       "New ladies join us regularly, check our page to see who is in today.",
       "Address: {street}, {postcode} {city}. Free parking, discreet entrance."},
      "{club} - licensed club in {city}",
  };
  return w;
}

const BenignWording& De() {
  static const BenignWording w = {
      {{"Seit 16 Jahren in diesem Beruf.", "17 Jahre Erfahrung.", "Ich mache das seit siebzehn Jahren."},
       {"Ab 17 Uhr erreichbar.", "Geöffnet von 16 bis 23 Uhr.", "Samstags ab 18 Uhr."},
       {"Keine Teenager, nur Herren ab 25.", "Kunden erst ab 21 Jahren.", "Keine Jungs unter 25, bitte."},
       {"Verwöhnung von Kopf bis Fuß.", "Jung geblieben und lebensfroh.", "Frische Handtücher und saubere Laken."},
       {"Niemals ohne Gummi.", "Nichts Extremes.", "Nicht rund um die Uhr erreichbar.",
        "Keine Hotelbesuche, nur privat."},
       {"Ich besuche dich auch im Hotel.", "Escort: Hausbesuche und Hotelbesuche in {city}."},
       {"Neu in {city}!", "Neu in der Stadt, aber nicht neu im Beruf."}},
      {"Willkommen im {club}, einem genehmigten Club in {city}.", "Konzession Nr. {licence}, Stadt {muni}.",
       "Unsere Damen empfangen dich von Montag bis Samstag ab 12 Uhr.",
       "Regelmäßig neue Damen, schau auf unsere Seite.",
       "Adresse: {street}, {postcode} {city}. Parkplätze vorhanden, diskreter Eingang."},
      "{club} - genehmigter Club in {city}",
  };
  return w;
}

const BenignWording& Fr() {
  static const BenignWording w = {
      {{"16 ans d'expérience.", "Je fais ce métier depuis 17 ans.", "Masseuse depuis dix-sept ans."},
       {"Disponible à partir de 17h.", "Ouvert de 16h à 23h.", "Après 18h sur rendez-vous uniquement."},
       {"Pas d'ados, messieurs à partir de 25 ans.", "Clients de 21 ans minimum.", "Pas de jeunes de moins de 25 ans."},
       {"Des caresses de la tête aux pieds.", "Jeune d'esprit, mûre d'expérience.",
        "Serviettes fraîches et draps propres."},
       {"Jamais sans préservatif.", "Rien d'extrême.", "Pas disponible 24h/24, j'ai aussi une vie.",
        "Pas d'hôtel, je reçois chez moi."},
       {"Je me déplace à votre hôtel.", "Escort : je viens chez vous ou à votre hôtel à {city}."},
       {"Nouvelle à {city} !", "Nouvelle en ville, mais pas nouvelle dans le métier."}},
      {"Bienvenue au {club}, club agréé à {city}.", "Licence n° {licence}, commune de {muni}.",
       "Nos dames vous accueillent du lundi au samedi de 12h à minuit.",
       "Régulièrement de nouvelles dames, consultez notre page.",
       "Adresse : {street}, {postcode} {city}. Parking gratuit, entrée discrète."},
      "{club} - club agréé à {city}",
  };
  return w;
}

}  // namespace

const char* BenignVocabKind(int kind) {
  static const char* const kNames[] = {"benign_duration", "benign_times",  "benign_client_age", "benign_idiom",
                                       "benign_negation", "hotel_visit", "new_in_town_alone"};
  return kind >= 0 && kind < kBenignVocabKinds ? kNames[kind] : "benign";
}

const BenignWording& BenignFor(const std::string& lang) {
  if (lang == "en") return En();
  if (lang == "de") return De();
  if (lang == "fr") return Fr();
  return Nl();
}

}  // namespace adwatch::demo
