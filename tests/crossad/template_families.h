// A hand-written fixture of template families and independent ads, in Dutch,
// English, German and French, for the template detector (not derived from the
// demo generator).
// - Families: one writer's text re-posted with another name, age, town and
//   phone, a few words swapped or added, sentences reordered, one or two
//   sentences replaced, emoji added, the price line changed. Each family's
//   ads share no phone and have different names.
// - Independent ads: each written on its own, but using the stock phrases
//   that many real ads carry ("Discreet en hygiënisch.", "Bel of app me!",
//   "Ik ontvang in een schone privéwoning.", ...).
#pragma once

#include <string>
#include <vector>

namespace adwatch::test {

struct FixtureAd {
  std::string family;  // empty: an independent ad
  std::string name;
  std::string town;
  std::string phone;   // E.164, distinct per ad
  std::string text;
};

inline const std::vector<FixtureAd>& TemplateFamilies() {
  static const std::vector<FixtureAd> k = {
      // --- nl-1: the "new girl" text, four copies.
      {"nl-1", "Lisa", "Heerlen", "+31610000001",
       "Hoi schatjes, ik ben Lisa, 19 jaar en net nieuw in Heerlen. Ik ben een lief, spontaan en ondeugend meisje "
       "met een slank figuur. Bij mij kun je helemaal tot rust komen na een drukke werkdag. Ik ontvang je in een "
       "sfeervol appartement met een heerlijke warme douche. Ik hou van zoenen, knuffelen en langzaam verwennen "
       "zonder haast.\nHalf uur 100 euro, heel uur 150 euro.\nBel me snel voor een afspraak, ik ben er maar kort! "
       "Kusjes, Lisa"},
      {"nl-1", "Anna", "Sittard", "+31610000002",
       "Hoi schatjes, ik ben Anna, 22 jaar en net nieuw in Sittard \xf0\x9f\x92\x8b Ik ben een lief, spontaan en "
       "heel ondeugend meisje met een slank figuur. Ik ontvang je in een sfeervol appartement met een heerlijke "
       "warme douche. Bij mij kun je helemaal tot rust komen na een drukke werkdag. Ik hou van zoenen, knuffelen en "
       "langzaam verwennen zonder haast.\n30 min 80 euro, 1 uur 130 euro, avond op aanvraag.\nBel me snel voor een "
       "afspraak, ik ben er maar kort! Kusjes, Anna"},
      {"nl-1", "Mila", "Geleen", "+31610000003",
       "Hoi schatjes, ik ben Mila, 20 jaar en net nieuw in Geleen. Ik ben een lief, spontaan en ondeugend meisje "
       "met een sportief figuur. Bij mij kun je helemaal tot rust komen na een lange werkdag. Ik ontvang je in een "
       "sfeervol appartement met een heerlijke warme douche. Ik spreek Nederlands, Engels en een beetje Pools.\n"
       "Half uur 100 euro, heel uur 150 euro.\nBel me snel voor een afspraak, ik ben er maar kort! Kusjes, Mila"},
      {"nl-1", "Sophie", "Kerkrade", "+31610000004",
       "Hoi schatjes \xe2\x9d\xa4\xef\xb8\x8f ik ben Sophie, 21 jaar en net nieuw in Kerkrade. Ik ben een lief, "
       "spontaan en ondeugend meisje met een slank figuur. Bij mij kun je helemaal tot rust komen na een drukke "
       "werkdag. Ik ontvang je in een sfeervol appartement met een heerlijke warme douche en schone handdoeken. Ik "
       "hou van zoenen, knuffelen en langzaam verwennen zonder haast. Ook voor een snelle afspraak in de lunchpauze "
       "ben je welkom.\nBel me snel voor een afspraak, ik ben er maar kort!"},

      // --- nl-2: the "private house" text, three copies.
      {"nl-2", "Jessica", "Venlo", "+31610000011",
       "Nieuw in Venlo: Jessica, een prachtige exotische dame van 24. Zij ontvangt je in een discreet prive huis "
       "met eigen ingang en parkeerplaats voor de deur. Jessica is heel lief, geduldig en neemt echt de tijd voor "
       "je. Zij spreekt goed Engels en een klein beetje Duits. Afspraken maak je telefonisch, minimaal een half uur "
       "van tevoren. Wij werken uitsluitend op afspraak en altijd met bescherming."},
      {"nl-2", "Vanessa", "Roermond", "+31610000012",
       "Nieuw in Roermond: Vanessa, een prachtige exotische dame van 23! Zij ontvangt je in een discreet prive huis "
       "met eigen ingang en gratis parkeerplaats voor de deur. Vanessa is heel lief, geduldig en neemt echt de tijd "
       "voor je. Zij spreekt goed Engels en een klein beetje Spaans. Wij werken uitsluitend op afspraak en altijd "
       "met bescherming. Afspraken maak je telefonisch, minimaal een half uur van tevoren."},
      {"nl-2", "Bianca", "Weert", "+31610000013",
       "Nieuw in Weert: Bianca, een prachtige exotische dame van 25. Zij ontvangt je in een discreet prive huis "
       "met eigen ingang en parkeerplaats voor de deur. Bianca is heel lief, geduldig en neemt echt de tijd voor "
       "je. Ze is slank, heeft lang zwart haar en een mooie glimlach \xf0\x9f\x98\x8d Afspraken maak je "
       "telefonisch, minimaal een half uur van tevoren. Prijzen: 20 min 60, 30 min 80, 1 uur 150."},

      // --- en-1: the "sweet girl" text, four copies.
      {"en-1", "Katy", "Maastricht", "+31610000021",
       "Hello gentlemen, my name is Katy and I am a sweet and playful girl of 21 years old. I am new in Maastricht "
       "and I would love to meet you for a relaxing time together. I have a slim body, soft skin and long blond "
       "hair. My apartment is clean, private and very easy to reach by car or train. I like kissing, cuddling and "
       "a long massage to start with.\n30 min 100, 1 hour 180.\nCall me now, I am only here this week!"},
      {"en-1", "Rose", "Eindhoven", "+31610000022",
       "Hello gentlemen, my name is Rose and I am a sweet and playful girl of 23 years old. I am new in Eindhoven "
       "and I would love to meet you for a relaxing time together. My apartment is clean, private and very easy to "
       "reach by car or train. I have a slim body, soft skin and long dark hair. I like kissing, cuddling and a "
       "long massage to start with.\n1 hour 200, 2 hours 350, overnight on request.\nCall me now, I am only here "
       "this week! \xf0\x9f\x98\x98"},
      {"en-1", "Jade", "Breda", "+31610000023",
       "Hello gentlemen, my name is Jade and I am a sweet and very playful girl of 20 years old. I am new in Breda "
       "and I would love to meet you for a relaxing time together. I have a slim body, soft skin and long blond "
       "hair. I speak English, a little Spanish and a few words of Dutch. I like kissing, cuddling and a long "
       "massage to start with.\n30 min 100, 1 hour 180.\nText me on WhatsApp, I am only here this week!"},
      {"en-1", "Nina", "Tilburg", "+31610000024",
       "Hello gentlemen, my name is Nina and I am a sweet and playful girl of 22 years old. I am new in Tilburg "
       "and I would love to meet you for a relaxing time together. I have a curvy body, soft skin and long red "
       "hair. My apartment is clean, private and very easy to reach by car or bus. I like kissing, cuddling and a "
       "long massage to start with.\n30 min 100, 1 hour 180.\nCall me now, I am only here this week!"},

      // --- en-2: the "agency" text, three copies.
      {"en-2", "Alexa", "Utrecht", "+31610000031",
       "Alexa is our newest lady, 24 years young and ready to make your day. She is elegant, educated and always "
       "well dressed for dinner dates or a quiet evening in your hotel. Our drivers bring her to your home or hotel "
       "within the hour. Bookings are taken every day from noon until late at night. Please tell us your name, "
       "address and the time you would like her to arrive."},
      {"en-2", "Sasha", "Arnhem", "+31610000032",
       "Sasha is our newest lady, 26 years young and ready to make your night. She is elegant, educated and always "
       "well dressed for dinner dates or a quiet evening in your hotel. Bookings are taken every day from noon "
       "until late at night. Our drivers bring her to your home or hotel within the hour. Please tell us your "
       "name, address and the time you would like her to arrive."},
      {"en-2", "Olga", "Nijmegen", "+31610000033",
       "Olga is our newest lady, 22 years young and ready to make your day. She is elegant, educated and always "
       "well dressed for dinner dates or a quiet evening in your hotel. She has blue eyes, long legs and a "
       "beautiful natural body. Bookings are taken every day from noon until late at night. Please tell us your "
       "name, address and the time you would like her to arrive. Cash only, 250 for the first hour."},

      // --- de-1: the "Studentin" text, four copies.
      {"de-1", "Lena", "Aachen", "+49170000041",
       "Hallo ihr Lieben, ich bin Lena, 21 Jahre jung und neu hier in Aachen. Ich bin eine zierliche, verspielte "
       "Studentin mit natürlichen Kurven und einem frechen Lächeln. Bei mir erwartet dich eine entspannte "
       "Atmosphäre ohne Zeitdruck und ohne Stress. Ich empfange dich in meiner gemütlichen Wohnung mit Dusche und "
       "frischen Handtüchern. Küssen, Kuscheln und eine lange Massage gehören für mich einfach dazu.\n30 Minuten "
       "100 Euro, 1 Stunde 160 Euro.\nRuf mich an, ich freue mich auf dich!"},
      {"de-1", "Mia", "Köln", "+49170000042",
       "Hallo ihr Lieben, ich bin Mia, 23 Jahre jung und neu hier in Köln \xf0\x9f\x8c\xb8 Ich bin eine zierliche, "
       "verspielte Studentin mit natürlichen Kurven und einem süßen Lächeln. Ich empfange dich in meiner gemütlichen "
       "Wohnung mit Dusche und frischen Handtüchern. Bei mir erwartet dich eine entspannte Atmosphäre ohne Zeitdruck "
       "und ohne Stress. Küssen, Kuscheln und eine lange Massage gehören für mich einfach dazu.\n1 Stunde 180 Euro, "
       "Hausbesuche auf Anfrage.\nRuf mich an, ich freue mich auf dich!"},
      {"de-1", "Emma", "Düsseldorf", "+49170000043",
       "Hallo ihr Lieben, ich bin Emma, 20 Jahre jung und neu hier in Düsseldorf. Ich bin eine zierliche, "
       "verspielte Studentin mit natürlichen Kurven und einem frechen Lächeln. Bei mir erwartet dich eine "
       "entspannte Atmosphäre ohne Zeitdruck und ohne Stress. Ich spreche Deutsch, Englisch und ein bisschen "
       "Rumänisch. Ich bin nur noch bis Sonntag in der Stadt, also melde dich schnell.\n30 Minuten 100 Euro, "
       "1 Stunde 160 Euro.\nRuf mich an, ich freue mich auf dich!"},
      {"de-1", "Hannah", "Mönchengladbach", "+49170000044",
       "Hallo ihr Lieben, ich bin Hannah, 22 Jahre jung und ganz neu hier in Mönchengladbach. Ich bin eine "
       "zierliche, verspielte Studentin mit natürlichen Kurven und einem frechen Lächeln. Bei mir erwartet dich "
       "eine entspannte Atmosphäre ohne Zeitdruck und ohne Stress. Ich empfange dich in meiner gemütlichen und "
       "diskreten Wohnung mit Dusche und frischen Handtüchern. Küssen, Kuscheln und eine lange Massage gehören für "
       "mich einfach dazu.\nRuf mich an oder schreib mir, ich freue mich auf dich!"},

      // --- de-2: the "Haus" text, three copies.
      {"de-2", "Natalia", "Duisburg", "+49170000051",
       "Natalia ist neu in unserem Haus in Duisburg und erst seit ein paar Tagen in Deutschland. Sie ist 24 Jahre "
       "alt, sehr schlank und hat lange schwarze Haare. Sie spricht nur wenig Deutsch, aber etwas Englisch und "
       "versteht dich trotzdem gut. Termine macht unsere Empfangsdame für sie, täglich von zehn bis zwei Uhr "
       "nachts. Parkplätze gibt es direkt vor dem Haus, der Eingang ist diskret."},
      {"de-2", "Ioana", "Essen", "+49170000052",
       "Ioana ist neu in unserem Haus in Essen und erst seit ein paar Tagen in Deutschland. Sie ist 22 Jahre alt, "
       "sehr schlank und hat lange blonde Haare. Sie spricht nur wenig Deutsch, aber etwas Englisch und versteht "
       "dich trotzdem gut. Parkplätze gibt es direkt vor dem Haus, der Eingang ist diskret. Termine macht unsere "
       "Empfangsdame für sie, täglich von zehn bis zwei Uhr nachts."},
      {"de-2", "Daria", "Bochum", "+49170000053",
       "Daria ist neu in unserem Haus in Bochum und erst seit ein paar Tagen in Deutschland. Sie ist 21 Jahre alt, "
       "sehr zierlich und hat lange braune Haare. Sie spricht nur wenig Deutsch, aber etwas Englisch und versteht "
       "dich trotzdem gut. Termine macht unsere Empfangsdame für sie, täglich von zehn bis zwei Uhr nachts. "
       "\xe2\x9c\xa8 Alles ist möglich, frag einfach nach unseren Preisen."},

      // --- fr-1: the "jeune femme" text, four copies.
      {"fr-1", "Chloé", "Liège", "+32470000061",
       "Bonjour messieurs, je suis Chloé, une jeune femme douce et coquine de 22 ans, nouvelle à Liège. J'ai un "
       "corps mince, une peau douce et de longs cheveux bruns. Je vous reçois dans un appartement calme et discret, "
       "avec douche et serviettes propres. J'adore les caresses, les bisous et les massages sensuels qui durent "
       "longtemps. Je parle français, anglais et un peu de néerlandais.\n30 min 100 euros, 1 heure 170 euros.\n"
       "Appelez-moi vite, je ne reste que quelques jours!"},
      {"fr-1", "Manon", "Namur", "+32470000062",
       "Bonjour messieurs, je suis Manon, une jeune femme douce et très coquine de 20 ans, nouvelle à Namur. J'ai "
       "un corps mince, une peau douce et de longs cheveux blonds. J'adore les caresses, les bisous et les massages "
       "sensuels qui durent longtemps. Je vous reçois dans un appartement calme et discret, avec douche et "
       "serviettes propres. Je parle français, anglais et un peu de néerlandais.\n1 heure 200 euros, nuit sur "
       "demande.\nAppelez-moi vite, je ne reste que quelques jours! \xf0\x9f\x92\x95"},
      {"fr-1", "Léa", "Charleroi", "+32470000063",
       "Bonjour messieurs, je suis Léa, une jeune femme douce et coquine de 23 ans, nouvelle à Charleroi. J'ai un "
       "corps mince, une peau douce et de longs cheveux noirs. Je vous reçois dans un appartement calme et discret, "
       "avec douche et serviettes propres. Je me déplace aussi à votre hôtel ou à votre domicile. Je parle "
       "français, anglais et un peu d'espagnol.\n30 min 100 euros, 1 heure 170 euros.\nAppelez-moi vite, je ne "
       "reste que quelques jours!"},
      {"fr-1", "Camille", "Mons", "+32470000064",
       "Bonjour messieurs, je suis Camille, une jeune femme douce et coquine de 21 ans, nouvelle à Mons. J'ai un "
       "corps mince, une peau douce et de longs cheveux bruns. Je vous reçois dans un appartement calme, propre et "
       "discret, avec douche et serviettes propres. J'adore les caresses, les bisous et les massages sensuels qui "
       "durent longtemps. Je parle français, anglais et un peu de néerlandais.\nEnvoyez-moi un SMS, je ne reste "
       "que quelques jours!"},

      // --- fr-2: the "agence" text, three copies.
      {"fr-2", "Bella", "Bruxelles", "+32470000071",
       "Bella vient d'arriver dans notre salon privé à Bruxelles. Elle a 25 ans, elle est grande, élégante et très "
       "attentionnée avec ses clients. Elle ne parle pas français mais un peu d'anglais, notre hôtesse traduit "
       "pour vous. Les rendez-vous se prennent uniquement par téléphone, tous les jours de midi à minuit. Le salon "
       "est discret, climatisé et facile d'accès en voiture."},
      {"fr-2", "Lara", "Anvers", "+32470000072",
       "Lara vient d'arriver dans notre salon privé à Anvers. Elle a 23 ans, elle est grande, élégante et très "
       "attentionnée avec ses clients. Les rendez-vous se prennent uniquement par téléphone, tous les jours de "
       "midi à minuit. Elle ne parle pas français mais un peu d'anglais, notre hôtesse traduit pour vous. Le salon "
       "est discret, climatisé et facile d'accès en voiture."},
      {"fr-2", "Kira", "Louvain", "+32470000073",
       "Kira vient d'arriver dans notre salon privé à Louvain. Elle a 21 ans, elle est petite, élégante et très "
       "attentionnée avec ses clients. Elle ne parle pas français mais un peu d'anglais, notre hôtesse traduit "
       "pour vous. Elle reste seulement dix jours, ne tardez pas. Le salon est discret, climatisé et facile "
       "d'accès en voiture ou en tram."},

      // --- independent ads, each written on its own, with stock phrases.
      {"", "Sanne", "Maastricht", "+31620000001",
       "Ik ben Sanne, een vrolijke vrouw van 34 uit Maastricht. Discreet en hygiënisch. Ik geef een goede "
       "ontspanningsmassage en neem daar rustig de tijd voor. Ik ontvang in een schone privéwoning. Bel of app me!"},
      {"", "Eva", "Heerlen", "+31620000002",
       "Eva hier, 29 jaar, moeder van twee en sinds vorig jaar zelfstandig. Ik werk alleen veilig en altijd met "
       "condoom. Mijn klanten zijn vooral vaste heren die een gezellig gesprek waarderen. Ik ontvang in een schone "
       "privéwoning. Discreet en hygiënisch."},
      {"", "Kim", "Venlo", "+31620000003",
       "Lieve Kim, 41, rijpe vrouw met ervaring en een groot hart. In het weekend werk ik niet, doordeweeks vanaf "
       "tien uur. Alleen op afspraak, geen sms. Ik werk alleen veilig en altijd met condoom. Bel of app me!"},
      {"", "Romy", "Sittard", "+31620000004",
       "Studente Romy (23) zoekt af en toe een leuke date om haar studie te betalen. Ik ben klein, sportief en een "
       "beetje verlegen in het begin. Hygiëne staat bij mij voorop. Ik ontvang in een schone privéwoning. Bel of app "
       "me!"},
      {"", "Noor", "Roermond", "+31620000005",
       "Noor, 27, tantra masseuse met een opleiding in Amsterdam. Mijn massages duren minimaal negentig minuten en "
       "beginnen altijd met een kop thee. Discreet en hygiënisch. Ik werk alleen veilig en altijd met condoom. Alleen "
       "op afspraak, geen sms."},
      {"", "Fleur", "Geleen", "+31620000006",
       "Fleur is een lieve dame van 38 die graag uitgaat en houdt van lekker eten. Je kunt mij meenemen naar een "
       "restaurant of een concert. Ik ontvang in een schone privéwoning. Hygiëne staat bij mij voorop. Discreet en "
       "hygiënisch."},
      {"", "Iris", "Kerkrade", "+31620000007",
       "Hallo, ik ben Iris en ik woon al mijn hele leven in Kerkrade. Ik ben 45 en weet wat ik wil en wat niet. Ik "
       "werk alleen veilig en altijd met condoom. Ik ontvang in een schone privéwoning. Bel of app me!"},
      {"", "Demi", "Weert", "+31620000008",
       "Demi, transgender escort van 26, nieuwsgierig en open-minded. Ook koppels zijn van harte welkom voor een "
       "kennismaking. Alleen op afspraak, geen sms. Discreet en hygiënisch. Ik ontvang in een schone privéwoning."},
      {"", "Amy", "Maastricht", "+31620000009",
       "Hi, I am Amy, a friendly English girl of 30 living in Maastricht for years. Discreet and hygienic. I offer "
       "girlfriend experience and enjoy long conversations over a glass of wine. I only work safe and always with "
       "protection. Call or text me!"},
      {"", "Grace", "Eindhoven", "+31620000010",
       "Grace, 36, tall and curvy lady from Ghana with a warm smile. I love dancing and I am very patient with shy "
       "or first time visitors. Incall and outcall available. I only work safe and always with protection. No "
       "withheld numbers please."},
      {"", "Lily", "Breda", "+31620000011",
       "Lily here, petite Asian masseuse of 28 with strong hands. My body to body massage is the best in Breda, ask "
       "my regulars. Discreet and hygienic. Call or text me! No withheld numbers please."},
      {"", "Ella", "Tilburg", "+31620000012",
       "Ella, 33, independent escort and mother, working only a few days a month. I prefer gentlemen over forty "
       "who know how to treat a woman. I receive you in a clean private apartment. I only work safe and always "
       "with protection. Call or text me!"},
      {"", "Zoe", "Utrecht", "+31620000013",
       "My name is Zoe, I am a 25 year old dancer and model who also offers company. I love travelling and I can "
       "join you on a business trip abroad. I receive you in a clean private apartment. Discreet and hygienic."},
      {"", "Ruby", "Arnhem", "+31620000014",
       "Ruby, 52, mature and experienced, the perfect lady for a relaxed afternoon. My house has a garden, a sauna "
       "and a hot tub for longer visits. I receive you in a clean private apartment. Incall and outcall available. "
       "No withheld numbers please."},
      {"", "Kerstin", "Aachen", "+49170000101",
       "Ich bin Kerstin, 39, eine reife Frau aus Aachen mit viel Humor und Geduld. Diskret und hygienisch. Mein "
       "Lieblingsthema ist Tantra, ich habe dazu mehrere Kurse besucht. Ich empfange dich in einer sauberen "
       "Privatwohnung. Ruf mich an oder schreib mir!"},
      {"", "Jana", "Köln", "+49170000102",
       "Jana aus Köln, 28, Krankenschwester in Teilzeit und nebenbei Escort. Am liebsten treffe ich Männer zum "
       "Essen und danach in ihrem Hotel. Ich arbeite nur safe und immer mit Gummi. Keine unterdrückten Nummern. "
       "Diskret und hygienisch."},
      {"", "Sabine", "Düsseldorf", "+49170000103",
       "Sabine, 47, vollbusig und sinnlich, seit zehn Jahren selbstständig. Ich habe eine eigene kleine Wohnung "
       "nur für meine Gäste, mit Whirlpool. Ich empfange dich in einer sauberen Privatwohnung. Ich arbeite nur "
       "safe und immer mit Gummi. Ruf mich an oder schreib mir!"},
      {"", "Nicole", "Essen", "+49170000104",
       "Hi, Nicole hier, 31 und frisch getrennt, ich suche Abwechslung. Ich bin sportlich, gehe gern wandern und "
       "bin für fast jeden Spaß zu haben. Diskret und hygienisch. Keine unterdrückten Nummern. Ruf mich an oder "
       "schreib mir!"},
      {"", "Tanja", "Bochum", "+49170000105",
       "Tanja, 35, Domina mit eigenem Studio und langjähriger Erfahrung. Anfänger sind willkommen, wir besprechen "
       "vorher in Ruhe deine Grenzen. Ich empfange dich in einer sauberen Privatwohnung. Ich arbeite nur safe und "
       "immer mit Gummi."},
      {"", "Petra", "Duisburg", "+49170000106",
       "Petra, 55, erfahrene Masseurin mit eigener Praxis in Duisburg. Meine Massagen sind ruhig und ohne Eile, "
       "mit warmem Öl und leiser Musik. Diskret und hygienisch. Ruf mich an oder schreib mir! Keine unterdrückten "
       "Nummern."},
      {"", "Julie", "Liège", "+32470000101",
       "Je suis Julie, 30 ans, une femme naturelle et souriante de Liège. Discrète et hygiénique. J'aime prendre "
       "le temps, discuter autour d'un verre avant de commencer. Je reçois dans un appartement privé propre. "
       "Appelle-moi ou envoie un SMS!"},
      {"", "Sarah", "Namur", "+32470000102",
       "Sarah, 37, massage naturiste et relaxant dans un cadre zen à Namur. Je suis diplômée en massage "
       "thaïlandais et en réflexologie. Je travaille uniquement protégée, toujours avec préservatif. Pas de numéros "
       "masqués. Discrète et hygiénique."},
      {"", "Océane", "Charleroi", "+32470000103",
       "Océane, 24 ans, étudiante en droit, pour des rencontres élégantes le soir. Je peux vous accompagner au "
       "restaurant ou à une soirée. Je reçois dans un appartement privé propre. Je travaille uniquement protégée, "
       "toujours avec préservatif. Appelle-moi ou envoie un SMS!"},
      {"", "Nadia", "Mons", "+32470000104",
       "Nadia, 42, belle femme orientale aux formes généreuses, très câline. Je reçois en semaine de dix heures à "
       "dix-neuf heures, le samedi sur rendez-vous. Discrète et hygiénique. Pas de numéros masqués. Je reçois dans "
       "un appartement privé propre."},
      {"", "Inès", "Bruxelles", "+32470000105",
       "Inès, 29, escort de luxe pour hommes exigeants, disponible pour des week-ends à l'étranger. Je parle "
       "couramment quatre langues et je suis toujours élégante. Je travaille uniquement protégée, toujours avec "
       "préservatif. Appelle-moi ou envoie un SMS!"},
      {"", "Margot", "Louvain", "+32470000106",
       "Margot, 50, femme mûre et expérimentée, idéale pour un premier rendez-vous en toute confiance. Chez moi, "
       "café, douche et serviettes sont toujours prêts. Discrète et hygiénique. Je reçois dans un appartement privé "
       "propre. Pas de numéros masqués."},
      {"", "Yara", "Heerlen", "+31620000015",
       "Yara, 31, ik kom uit Brazilië en woon nu in Heerlen. Samba, zon en een goed humeur neem ik altijd mee naar "
       "een afspraak. Ik werk alleen veilig en altijd met condoom. Ik ontvang in een schone privéwoning. Bel of app "
       "me!"},
      {"", "Lotte", "Venlo", "+31620000016",
       "Lotte, 26, ik ben fotomodel en doe dit werk alleen in de avonduren. Een etentje of een avond in de sauna "
       "vind ik een perfecte start. Hygiëne staat bij mij voorop. Alleen op afspraak, geen sms. Discreet en "
       "hygiënisch."},
      {"", "Megan", "Nijmegen", "+31620000017",
       "Megan, 22, bubbly student from Ireland studying in Nijmegen, open for dates in the evening. I love "
       "karaoke, board games and long walks along the river. I only work safe and always with protection. "
       "Discreet and hygienic. Call or text me!"},
      {"", "Vera", "Utrecht", "+31620000018",
       "Vera, 44, elegante zakenvrouw die graag een avond ontsnapt aan de sleur. Ik ben belezen, reis veel en "
       "kan over bijna alles meepraten. Ik werk alleen veilig en altijd met condoom. Ik ontvang in een schone "
       "privéwoning. Discreet en hygiënisch."},
  };
  return k;
}

}  // namespace adwatch::test
