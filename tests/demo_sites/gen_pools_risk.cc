// Wording planted in the ads that must raise an alert, in Dutch, English,
// German and French, several paraphrases of each kind, written from what the
// indicators mean (stated minors, youth wording, a third party who arranges
// the dates or takes the money, practitioners' signals), and the long texts
// of the template families with the edits one writer makes between copies.
#include "tests/demo_sites/internal/gen_pools.h"

namespace adwatch::demo {
namespace {

const RiskWording& Nl() {
  static const RiskWording w = {
      /*minor_age*/ {"Ik ben {age} jaar.", "{name} ({age}), dat ben ik.", "{age}j, slank en spontaan.",
                     "Ik ben {age_words} jaar.", "Leeftijd: {age}.", "Meisje van {age_words}, net begonnen.",
                     "{age} jr, klein en slank.", "Ik ben {age} en woon nog thuis."},
      /*youth*/ {"Nog een echt schoolmeisje, heel onervaren.", "Jong tienermeisje dat net begint.",
                 "Ik zit nog op de middelbare school, dus alleen na schooltijd.",
                 "Piepjong, klein en nog heel verlegen.", "Pas 18 geworden, dit is mijn allereerste keer.",
                 "Nauwelijks meerderjarig en nog zo onschuldig.", "Net 18 en nog heel onervaren."},
      /*third_party*/ {"Afspraken via mij, zij spreekt geen Nederlands.", "Bel haar manager voor een afspraak.",
                       "Betalen bij de chauffeur.", "Ik regel de afspraken voor haar, bellen kan alleen met mij.",
                       "Haar vriend brengt haar naar je toe en wacht buiten.",
                       "Contact alleen via haar begeleider, niet met haar zelf.",
                       "Het geld geef je aan de chauffeur, niet aan haar."},
      /*third_person*/ {"Maak kennis met {name}: zij is lief, spontaan en heel sexy.",
                        "Deze dame komt uit het buitenland en is pas kort in Nederland.",
                        "Zij spreekt een beetje Engels, geen Nederlands.",
                        "Bel voor een afspraak met haar, wij regelen alles.", "Ze doet alles om je te verwennen.",
                        "Onze meiden ontvangen je in een discreet prive-huis in {city}.",
                        "Dit meisje is nieuw bij ons en staat voor je klaar."},
      /*third_age*/ "Zij is {age} jaar.",
      /*services*/ {"24/7 bereikbaar.", "Dag en nacht beschikbaar, ook op zondag.", "Zonder condoom mogelijk.",
                    "AO en alles mogelijk.", "Ook hotelbezoek en in het vakantiepark.",
                    "Ontvangst in een bungalow op een vakantiepark.", "Altijd beschikbaar, elk moment van de dag.",
                    "Alles kan, ook zonder bescherming.", "Elke week in een ander hotel, vraag naar de kamer."},
      /*new_girls*/ {"Elke week nieuwe meisjes!", "Nieuwe meiden in {city}, kom snel kijken.",
                     "Steeds nieuwe meisjes, bel voor de beschikbaarheid.", "Vers binnen: nieuwe dames uit het oosten."},
      /*touring*/ {"Nieuw in de stad!", "Alleen deze week in {city}!",
                   "Van maandag tot en met woensdag in {city}, daarna weer verder.", "Maar een paar dagen in {city}."},
      /*titles*/ {"Nieuw in de stad: {name} in {city}!", "Nieuwe dame {name} in {city}", "Nieuwe meisjes in {city}",
                  "{name} dag en nacht in {city}"},
  };
  return w;
}

const RiskWording& En() {
  static const RiskWording w = {
      {"I am {age} years old.", "{age}yo, slim and sporty.", "{name} ({age})", "I'm {age_words} and new here.",
       "Age: {age}", "{age} y/o petite girl.", "Only {age_words}, sweet and tiny."},
      {"Barely legal and very shy.", "Young schoolgirl, still so inexperienced.", "Fresh teen, just started.",
       "Still in high school, so only after class.", "Just turned 18, my very first time.",
       "Tiny young thing, looks even younger."},
      {"I make the appointments, she does not speak English.", "Call her manager to book.",
       "Payment to the driver on arrival.", "Bookings through me only, she will be ready for you.",
       "Her driver brings her to you and waits outside.", "Do not call her directly, talk to me."},
      {"Meet {name}, she is sweet and very naughty.", "This lady is new in the Netherlands.",
       "Call us to book her.", "Our girls are waiting for you in {city}.", "She will do anything to please you.",
       "She speaks little English."},
      "She is {age} years old.",
      {"Available 24/7.", "Day and night, any time you want.", "Bareback possible.",
       "Everything possible, also without protection.", "She moves hotel to hotel, ask for the room.",
       "Available in a holiday park bungalow.", "No limits, always available."},
      {"New girls every week!", "Fresh new girls in {city}.", "New ladies arriving all the time."},
      {"New in town!", "Only this week in {city}!", "Just a few days in {city}, then moving on."},
      {"New in town: {name} in {city}!", "New lady {name} in {city}", "New girls in {city}",
       "{name} day and night in {city}"},
  };
  return w;
}

const RiskWording& De() {
  static const RiskWording w = {
      {"Ich bin {age} Jahre alt.", "{age} Jahre, schlank und sportlich.", "{name} ({age})", "Ich bin {age_words}.",
       "Alter: {age}", "{age}J., zierlich und neu.", "Erst {age_words} Jahre jung."},
      {"Gerade 18 geworden, ganz schüchtern.", "Junges Schulmädchen, noch unerfahren.",
       "Teeny, ganz frisch dabei.", "Gehe noch zur Schule, nur nachmittags.", "Blutjung und zierlich.",
       "Kaum volljährig und noch so unschuldig."},
      {"Termine nur über mich.", "Ruf ihren Manager an für einen Termin.", "Bezahlung beim Fahrer.",
       "Ich vereinbare die Termine für sie, sie spricht kein Deutsch.",
       "Ihr Fahrer bringt sie zu dir und wartet draußen."},
      {"Sie ist neu in Deutschland und spricht wenig Deutsch.", "Ruf uns an für einen Termin mit ihr.",
       "Diese Dame macht alles für dich.", "Unsere Mädchen warten in {city} auf dich.",
       "Lerne {name} kennen: sie ist süß und sehr verspielt."},
      "Sie ist {age} Jahre alt.",
      {"Rund um die Uhr 24/7 erreichbar.", "Tag und Nacht verfügbar.", "Ohne Gummi möglich.",
       "Alles ohne Tabus, auch ohne Schutz.", "Besuch im Hotel oder im Ferienpark.", "Jede Woche ein anderes Hotel."},
      {"Jede Woche neue Mädchen!", "Immer wieder neue Girls in {city}."},
      {"Neu in der Stadt!", "Nur diese Woche in {city}!", "Nur ein paar Tage in {city}."},
      {"Neu in der Stadt: {name} in {city}!", "Neue Dame {name} in {city}", "Neue Mädchen in {city}",
       "{name} Tag und Nacht in {city}"},
  };
  return w;
}

const RiskWording& Fr() {
  static const RiskWording w = {
      {"J'ai {age} ans.", "{age} ans, mince et sportive.", "{name} ({age})", "J'ai {age_words} ans.",
       "Âge : {age} ans", "Petite de {age_words} ans, toute nouvelle.", "{age} ans et déjà coquine."},
      {"Jeune lycéenne, encore timide.", "Tout juste 18 ans, c'est ma première fois.",
       "Petite jeunette toute fraîche.", "Encore à l'école, dispo seulement après les cours.",
       "À peine majeure et très timide.", "Jeune ado coquine."},
      {"C'est moi qui prends les rendez-vous.", "Appelez son manager pour réserver.",
       "Paiement au chauffeur à l'arrivée.", "Rendez-vous uniquement par moi, elle ne parle pas français.",
       "Son chauffeur l'amène chez vous et attend dehors."},
      {"Voici {name} : elle est douce et très coquine.", "Cette demoiselle vient d'arriver en Belgique.",
       "Appelez-nous pour la réserver.", "Nos filles vous attendent à {city}.", "Elle fera tout pour vous plaire."},
      "Elle a {age} ans.",
      {"Disponible 24h/24 et 7j/7.", "Jour et nuit, à toute heure.", "Sans capote possible.",
       "Tout est possible, même sans protection.", "Reçoit à l'hôtel, change d'hôtel chaque semaine.",
       "Au bungalow d'un parc de vacances."},
      {"Nouvelles filles chaque semaine !", "Toujours de nouvelles filles à {city}."},
      {"Nouvelle en ville !", "Seulement cette semaine à {city} !", "Quelques jours à {city}, puis je repars."},
      {"Nouvelle en ville : {name} à {city} !", "Nouvelle demoiselle {name} à {city}", "Nouvelles filles à {city}",
       "{name} jour et nuit à {city}"},
  };
  return w;
}

}  // namespace

const RiskWording& RiskFor(const std::string& lang) {
  if (lang == "en") return En();
  if (lang == "de") return De();
  if (lang == "fr") return Fr();
  return Nl();
}

std::string AgeWords(int age, const std::string& lang) {
  static const char* const kNl[] = {"veertien", "vijftien", "zestien", "zeventien"};
  static const char* const kEn[] = {"fourteen", "fifteen", "sixteen", "seventeen"};
  static const char* const kDe[] = {"vierzehn", "fünfzehn", "sechzehn", "siebzehn"};
  static const char* const kFr[] = {"quatorze", "quinze", "seize", "dix-sept"};
  if (age < 14 || age > 17) return std::to_string(age);
  const char* const* w = lang == "en" ? kEn : lang == "de" ? kDe : lang == "fr" ? kFr : kNl;
  return w[age - 14];
}

const Strs& TemplateSentences(const std::string& lang) {
  static const Strs kNl = {
      "Ben jij op zoek naar een mooie, lieve en sexy dame die precies weet wat een man wil?",
      "Dan ben je bij ons aan het juiste adres, want wij bieden je een onvergetelijke ervaring in een schone en discrete omgeving.",
      "Onze dames zijn allemaal goed verzorgd, vrolijk en staan open voor al je wensen.",
      "Je wordt ontvangen in een sfeervolle kamer in {city} met een douche, handdoeken en een drankje.",
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
  static const Strs kEn = {
      "Are you looking for a beautiful, sweet and sexy lady who knows exactly what a man wants?",
      "Then you have come to the right place, we offer an unforgettable experience in a clean and discreet setting.",
      "All our ladies are well groomed, cheerful and open to your wishes.",
      "You are welcome in a cosy room in {city} with a shower, towels and a drink.",
      "There is always free parking nearby and the entrance is completely discreet.",
      "Call us for today's availability and prices.",
      "We speak English, Dutch, German and a little Spanish.",
      "For a visit at your place you can always call us as well.",
      "Come soon, she is only in the region for a short time.",
      "She is slim, has long hair and a gorgeous natural figure.",
      "Appointments are arranged quickly and reliably by our reception.",
      "We only work with appointments made in advance, no waiting.",
      "The first quarter of an hour is to get to know each other and talk about your wishes.",
      "Our prices include the room, a drink and towels, no hidden costs.",
      "Send a message with your name, the time you want and how long you wish to stay.",
      "New ladies every week, check our page for the latest photos.",
      "Regular clients get special offers on weekdays.",
      "Photos are real and recent, what you see is what you get.",
  };
  return lang == "en" ? kEn : kNl;
}

const std::vector<std::pair<std::string, std::string>>& TemplateSwaps(const std::string& lang) {
  static const std::vector<std::pair<std::string, std::string>> kNl = {
      {"mooie", "prachtige"}, {"lieve", "schattige"}, {"discrete", "rustige"}, {"altijd", "steeds"},
      {"snel", "vlot"}, {"sfeervolle", "gezellige"}, {"Bel ons gerust", "Neem gerust contact op"},
      {"vrolijk", "vriendelijk"}, {"handdoeken", "badjassen"}, {"prijzen", "tarieven"}};
  static const std::vector<std::pair<std::string, std::string>> kEn = {
      {"beautiful", "gorgeous"}, {"sweet", "lovely"}, {"discreet", "private"}, {"always", "usually"},
      {"quickly", "fast"}, {"cosy", "comfortable"}, {"Call us", "Contact us"}, {"cheerful", "friendly"},
      {"towels", "bathrobes"}, {"prices", "rates"}};
  return lang == "en" ? kEn : kNl;
}

}  // namespace adwatch::demo
