// The everyday sentences of the demo ads, by language: first-person texts of
// independent workers. They speak as such ads do, so now and then they use
// words that risk wording also uses (times, years, "nooit zonder condoom"):
// a detector must read them in context. Planted wording is in
// gen_pools_risk.cc, the innocent vocabulary of the must-not-alert ads in
// gen_pools_benign.cc.
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {
namespace {

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
                 "Ik werk uitsluitend veilig, nooit zonder condoom.",
                 "Hygiene vind ik erg belangrijk, een douche en schone handdoeken staan klaar.",
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
                 "Meestal bereikbaar tussen {from}:00 en {to}:00, in het weekend op aanvraag.",
                 "Bereikbaar vanaf {to}.00 uur, niet op zondag."},
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
      /*ask_for*/ "Vraag naar {name}.",
  };
  return p;
}

const Pools& EnPools() {
  static const Pools p = {
      {"Hi, I am {name} and I live in {city}.", "Hello gentlemen, my name is {name}.",
       "Welcome to my profile! I am {name}, an independent lady from {city}.",
       "Hey there, {name} here, a friendly and open-minded woman."},
      {"I work independently and choose my own hours.",
       "I receive you in my own quiet apartment, clean and discreet.",
       "I love a good conversation and a glass of wine.", "Safe only, never without a condom.",
       "Calm, sweet and with a sense of humour.", "My speciality is a relaxing massage with warm oil.",
       "I am registered as a self-employed escort and massage therapist.",
       "I take my time, no rush and no clock-watching."},
      {"I am {height} tall, size {size}, natural cup {cup}.", "Slim figure, measurements {measures}.",
       "Curvy, {hair} hair and a warm smile."},
      {"By appointment only, at least one hour in advance.", "No withheld numbers please.",
       "I speak English, Dutch and some German.", "Please mention ad {ref} when you call.",
       "Not available on {date1}.", "Cash or bank transfer in advance."},
      {"Available Monday to Friday from {from}:00 until {to}:00.",
       "Usually available between {from}:00 and {to}:00.", "Evenings from {to}:00, weekends on request."},
      {"Private incall in {city}, area {postcode}, free parking.",
       "My apartment is close to {city} station."},
      {"See you soon! Kisses, {name}", "Send me a message, I reply quickly.", "Hope to meet you, {name}"},
      {"Call or text: {phone}", "My number: {phone}", "Phone {phone}"},
      "WhatsApp only: {phone2}",
      {"Sweet {name} in {city}", "{name} - discreet companion in {city}", "{name}, independent lady in {city}"},
      "Ask for {name}.",
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
       "Meine Spezialität ist eine entspannende Massage mit warmem Öl.",
       "Ich bin angemeldet und arbeite nach den Regeln der Stadt."},
      {"Ich bin {height} groß, Größe {size}, Cup {cup}.", "Schlanke Figur, Maße {measures}."},
      {"Nur nach Terminvereinbarung.", "Keine unterdrückten Nummern.",
       "Ich spreche Deutsch, Niederländisch und Englisch.", "Bitte Anzeige {ref} erwähnen.",
       "Am {date1} nicht erreichbar."},
      {"Erreichbar Montag bis Freitag von {from}:00 bis {to}:00 Uhr.",
       "Meistens zwischen {from} und {to} Uhr erreichbar."},
      {"Privat in {city}, PLZ {postcode}, Parkplatz vor der Tür.",
       "Meine Wohnung liegt nahe am Bahnhof {city}."},
      {"Bis bald! Küsschen, {name}", "Schreib mir einfach eine Nachricht."},
      {"Ruf an: {phone}", "Meine Nummer: {phone}", "Tel. {phone}"},
      "Nur WhatsApp: {phone2}",
      {"{name} - zärtlich und diskret in {city}", "{name} privat in {city}"},
      "Frag nach {name}.",
  };
  return p;
}

const Pools& FrPools() {
  static const Pools p = {
      {"Bonjour, je suis {name} et j'habite à {city}.", "Bonsoir messieurs, je m'appelle {name}.",
       "Bienvenue sur mon profil ! Je suis {name}, une femme indépendante de la région de {city}.",
       "Coucou, ici {name}, douce et souriante."},
      {"Je travaille de manière indépendante et je choisis mes horaires.",
       "Je reçois dans mon appartement calme, propre et discret.",
       "J'aime prendre le temps, une bonne conversation et un verre de vin.",
       "Toujours protégé, la sécurité avant tout.",
       "Ma spécialité est un massage relaxant à l'huile chaude.",
       "Hygiène irréprochable, douche et serviettes à disposition.",
       "Je suis indépendante et déclarée."},
      {"Je mesure {height}, taille {size}, bonnet {cup} naturel.", "Silhouette fine, mensurations {measures}.",
       "Femme pulpeuse aux cheveux {hair}."},
      {"Uniquement sur rendez-vous, au moins une heure à l'avance.", "Pas de numéros masqués.",
       "Je parle français, néerlandais et un peu d'anglais.", "Merci de mentionner l'annonce {ref}.",
       "Absente le {date1}."},
      {"Disponible du lundi au vendredi de {from}h à {to}h.", "En général joignable entre {from}h et {to}h."},
      {"Je reçois à {city}, code postal {postcode}, parking gratuit.",
       "Mon appartement est près de la gare de {city}."},
      {"À bientôt ! Bisous, {name}", "Envoyez-moi un message, je réponds vite."},
      {"Appelez-moi : {phone}", "Mon numéro : {phone}", "Tél. {phone}"},
      "WhatsApp uniquement : {phone2}",
      {"{name}, douce et discrète à {city}", "{name} reçoit à {city}", "Massage relaxant par {name} ({city})"},
      "Demandez {name}.",
  };
  return p;
}

}  // namespace

const Pools& PoolsFor(const std::string& lang) {
  if (lang == "en") return EnPools();
  if (lang == "de") return DePools();
  if (lang == "fr") return FrPools();
  return NlPools();
}

}  // namespace adwatch::demo
