// Sentence pools for the demo ads, by language and purpose. Benign pools are
// first-person texts of independent workers and stay free of the wording the
// risk rules look for (age hints, third person, 24/7, unprotected services,
// hotels and holiday parks, movement); the risk pools carry that wording.
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {

const Pools& NlPools() {
  static const Pools p = {
      /*intro*/ {"Hoi, ik ben {name} en ik woon zelf in {city}.",
                 "Hallo heren, mijn naam is {name}.",
                 "Welkom op mijn profiel! Ik ben {name}, een spontane vrouw uit de regio {city}.",
                 "Ik ben {name}, een zelfstandige dame met een warm hart.",
                 "Hey! {name} hier, al een paar jaar actief in {city} en omgeving.",
                 "Goedendag, ik ben {name} en ik ontvang je graag in {city}."},
      /*about*/ {"Ik werk zelfstandig en bepaal zelf mijn tijden en mijn grenzen.",
                 "Ik ontvang in mijn eigen rustige appartement, discreet en schoon.",
                 "Ik sta ingeschreven bij de KvK en werk volgens de regels van de gemeente.",
                 "Een goed gesprek en een glas wijn horen er voor mij bij.",
                 "Ik ben rustig, lief en heb gevoel voor humor.",
                 "Ik hou van verwennen en verwend worden, altijd met respect.",
                 "Mijn specialiteit is een ontspannende massage met warme olie.",
                 "Ik werk uitsluitend veilig, altijd met condoom.",
                 "Hygiene vind ik erg belangrijk, een douche staat voor je klaar.",
                 "Ervaren, zelfverzekerd en ik weet wat ik wil.",
                 "Ik doe dit werk met plezier en neem de tijd voor je.",
                 "Ik werk sinds een paar jaar als zelfstandige escort en masseuse.",
                 "Voor een eerste kennismaking kun je ook gewoon even bellen."},
      /*looks*/ {"Ik ben {height} lang, maat {size}, natuurlijke cup {cup}.",
                 "Slank figuur, {hair} haar en {eyes} ogen.",
                 "Maten {measures}, {height}, {hair} haar.",
                 "Vrouwelijke rondingen, maat {size} en een lieve glimlach.",
                 "Sportief figuur dankzij de sportschool, {hair} haar."},
      /*practical*/ {"Alleen op afspraak, graag minimaal een uur van tevoren.",
                     "Geen anonieme nummers en geen sms-gesprekken van uren.",
                     "Ik ontvang prive en kom ook bij je thuis, reiskosten in overleg.",
                     "Betalen contant of met een tikkie vooraf.",
                     "Graag netjes en verzorgd, dan zorg ik voor de rest.",
                     "Ik spreek Nederlands, Engels en een beetje Duits.",
                     "Vermeld bij het bellen advertentie {ref}.",
                     "Op {date1} en {date2} ben ik niet bereikbaar."},
      /*hours*/ {"Bereikbaar van maandag t/m vrijdag van {from}:00 tot {to}:00.",
                 "Ik werk op dinsdag, donderdag en zaterdag van {from}:00 tot {to}:00.",
                 "Meestal bereikbaar tussen {from}:00 en {to}:00, in het weekend op aanvraag."},
      /*location*/ {"Ik ontvang in {city}, omgeving {postcode}, gratis parkeren voor de deur.",
                    "Mijn appartement ligt vlakbij het station van {city}.",
                    "Prive-ontvangst in {city} centrum, postcode {postcode}.",
                    "Je vindt mij in {city}; het adres krijg je na je telefoontje."},
      /*closing*/ {"Tot snel! Liefs, {name}", "Stuur gerust een berichtje, ik reageer zo snel mogelijk.",
                   "Kusjes, {name}", "Ik hoop je snel te ontmoeten. {name}"},
      /*phone*/ {"Bel of app: {phone}", "Mijn nummer: {phone}", "Tel {phone} (geen sms)",
                 "\xf0\x9f\x93\xb1 {phone}", "Bellen kan op {phone}"},
      /*phone2*/ "Alleen WhatsApp: {phone2}",
      /*title*/ {"{name} - lief en discreet in {city}", "{name}, zelfstandige dame uit {city}",
                 "Ontspannende massage door {name} ({city})", "{name} ontvangt prive in {city}",
                 "Spontane {name} in {city}"},
      /*third*/ {"Maak kennis met {name}: zij is lief, spontaan en heel sexy.",
                 "Deze dame komt uit het buitenland en is pas kort in Nederland.",
                 "Zij spreekt een beetje Engels, geen Nederlands.",
                 "Bel voor een afspraak met haar, wij regelen alles.",
                 "Ze doet alles om je te verwennen.",
                 "Onze meiden ontvangen je in een discreet prive-huis in {city}."},
      /*third_age*/ "Zij is {age} jaar.",
      /*new_girls*/ {"Elke week nieuwe meisjes!", "Nieuwe meiden in {city}, kom snel kijken.",
                     "Steeds nieuwe meisjes, bel voor de beschikbaarheid."},
      /*control*/ {"24/7 bereikbaar.", "Dag en nacht beschikbaar, ook op zondag.",
                   "Zonder condoom mogelijk.", "AO en alles mogelijk.",
                   "Ook hotelbezoek en in het vakantiepark.",
                   "Ontvangst in een bungalow op een vakantiepark."},
      /*touring*/ {"Nieuw in de stad!", "Alleen deze week in {city}!",
                   "Van maandag tot en met woensdag in {city}, daarna weer verder."},
      /*age_hint*/ {"Net 18 en nog heel onervaren.", "Lief schoolmeisje, nog heel jong.",
                    "Jonge tiener, pas begonnen.", "Barely legal and very shy.",
                    "Pas 18 geworden, dit is mijn eerste keer.", "Tiener met een strak lichaam."},
      /*title_risk*/ {"Nieuw in de stad: {name} in {city}!", "Nieuwe dame {name} in {city}",
                      "Nieuwe meisjes in {city}", "{name} dag en nacht in {city}"},
  };
  return p;
}

const Pools& EnPools() {
  static const Pools p = {
      {"Hi, I am {name} and I live in {city}.", "Hello gentlemen, my name is {name}.",
       "Welcome to my profile! I am {name}, an independent lady from {city}."},
      {"I work independently and choose my own hours.",
       "I receive you in my own quiet apartment, clean and discreet.",
       "I love a good conversation and a glass of wine.", "Safe only, always with a condom.",
       "Calm, sweet and with a sense of humour.", "My speciality is a relaxing massage with warm oil.",
       "I am registered as a self-employed escort and massage therapist."},
      {"I am {height} tall, size {size}, natural cup {cup}.", "Slim figure, measurements {measures}."},
      {"By appointment only, at least one hour in advance.", "No withheld numbers please.",
       "I speak English, Dutch and some German.", "Please mention ad {ref} when you call.",
       "Not available on {date1}."},
      {"Available Monday to Friday from {from}:00 until {to}:00.",
       "Usually available between {from}:00 and {to}:00."},
      {"Private incall in {city}, area {postcode}, free parking.",
       "My apartment is close to {city} station."},
      {"See you soon! Kisses, {name}", "Send me a message, I reply quickly."},
      {"Call or text: {phone}", "My number: {phone}", "Phone {phone}"},
      "WhatsApp only: {phone2}",
      {"Sweet {name} in {city}", "{name} - discreet companion in {city}"},
      {"Meet {name}, she is sweet and very naughty.", "This lady is new in the Netherlands.",
       "Call us to book her.", "Our girls are waiting for you in {city}."},
      "She is {age} years old.",
      {"New girls every week!", "Fresh new girls in {city}."},
      {"Available 24/7.", "Bareback possible.", "Hotel visits and holiday park bungalow."},
      {"New in town!", "Only this week in {city}!"},
      {"Just turned 18, fresh and young.", "Barely legal teen, very shy.", "College girl, still so young."},
      {"New in town: {name} in {city}!", "New girls in {city}"},
  };
  return p;
}

const Pools& DePools() {
  static const Pools p = {
      {"Hallo, ich bin {name} und wohne in {city}.", "Hallo, mein Name ist {name}.",
       "Willkommen auf meinem Profil! Ich bin {name}, eine selbstständige Frau aus {city}."},
      {"Ich arbeite selbstständig und entscheide selbst über meine Zeiten.",
       "Ich empfange dich in meiner eigenen ruhigen Wohnung.",
       "Diskretion und Hygiene sind für mich selbstverständlich.",
       "Ich nehme mir gerne Zeit für dich.", "Nur mit Gummi, Sicherheit geht vor.",
       "Meine Spezialität ist eine entspannende Massage mit warmem Öl."},
      {"Ich bin {height} groß, Größe {size}, Cup {cup}.", "Schlanke Figur, Maße {measures}."},
      {"Nur nach Terminvereinbarung.", "Keine unterdrückten Nummern.",
       "Ich spreche Deutsch, Niederländisch und Englisch.", "Bitte Anzeige {ref} erwähnen.",
       "Am {date1} nicht erreichbar."},
      {"Erreichbar Montag bis Freitag von {from}:00 bis {to}:00 Uhr."},
      {"Privat in {city}, PLZ {postcode}, Parkplatz vor der Tür."},
      {"Bis bald! Küsschen, {name}", "Schreib mir einfach eine Nachricht."},
      {"Ruf an: {phone}", "Meine Nummer: {phone}", "Tel. {phone}"},
      "Nur WhatsApp: {phone2}",
      {"{name} - zärtlich und diskret in {city}", "{name} privat in {city}"},
      {"Sie ist neu in Deutschland und spricht wenig Deutsch.", "Ruf uns an für einen Termin mit ihr.",
       "Diese Dame macht alles für dich."},
      "Sie ist {age} Jahre alt.",
      {"Jede Woche neue Mädchen!"},
      {"Rund um die Uhr 24/7 erreichbar.", "Ohne Gummi möglich.", "Auch Hotelbesuche."},
      {"Neu in der Stadt!", "Nur diese Woche in {city}!"},
      {"Gerade 18 geworden, ganz jung und schüchtern.", "Junges Schulmädchen, noch unerfahren."},
      {"Neu in der Stadt: {name} in {city}!", "Neue Mädchen in {city}"},
  };
  return p;
}

const Pools& PoolsFor(const std::string& lang) {
  if (lang == "en") return EnPools();
  if (lang == "de") return DePools();
  return NlPools();
}

const std::vector<std::string>& TemplateSentences() {
  static const std::vector<std::string> k = {
      "Ben jij op zoek naar een mooie, lieve en sexy dame die precies weet wat een man wil?",
      "Dan ben je bij ons aan het juiste adres, want wij bieden je een onvergetelijke ervaring in een schone en discrete omgeving.",
      "Onze dames zijn allemaal goed verzorgd, vrolijk en staan open voor al je wensen.",
      "Je wordt ontvangen in een sfeervolle kamer met een douche, handdoeken en een drankje.",
      "Er is altijd gratis parkeergelegenheid in de buurt en de ingang is volledig discreet.",
      "Bel ons gerust voor meer informatie over de beschikbaarheid en de prijzen van vandaag.",
      "Wij spreken Nederlands, Engels, Duits en een beetje Spaans.",
      "Ook voor een afspraak bij jou thuis kun je ons altijd bellen.",
      "Kom snel langs, want zij is maar een korte tijd in de regio.",
      "Zij is slank, heeft lange haren en een prachtig natuurlijk figuur.",
      "Afspraken worden snel en betrouwbaar geregeld door onze receptie.",
      "Wij werken alleen met vooraf gemaakte afspraken, zonder wachttijd.",
      "Het eerste kwartier is altijd om kennis te maken en je wensen te bespreken.",
      "Onze prijzen zijn inclusief kamer, drankje en handdoeken, er komen geen extra kosten bij.",
      "Stuur een bericht met je naam, de gewenste tijd en hoe lang je wilt blijven.",
      "Nieuwe dames elke week, kijk regelmatig op onze pagina voor de laatste foto's.",
      "Voor vaste klanten hebben wij speciale aanbiedingen op doordeweekse dagen.",
      "Foto's zijn echt en recent, wat je ziet is wat je krijgt.",
  };
  return k;
}

}  // namespace adwatch::demo
