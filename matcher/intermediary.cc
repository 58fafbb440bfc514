#include "matcher/intermediary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <iterator>

#include "matcher/internal/word_set.h"
#include "matcher/normalize.h"


namespace adwatch {
namespace {

// Before a name: whom to call, pay or book through. Lower case, normalised.
// Not German "mit", "bei", "über", "an": German capitalises every noun
// ("mit Termin", "bei Buchungen", "über Nacht").
constexpr std::string_view kCueBefore[] = {
    "bel", "belt", "bellen", "app", "appen", "sms", "contact", "contacteer", "vraag", "betaal", "betalen", "aan",
    "via", "met", "call", "text", "message", "ask", "pay", "to", "with", "through", "contact", "ruf", "anrufen",
    "schreib", "frag", "bezahl", "bezahle", "bezahlen", "appelle", "appelez", "appeler", "ecris",
    "ecrivez", "demande", "demandez", "paye", "payez", "paies", "paie", "payes", "betaalt", "chez", "avec", "par",
    "whatsapp", "telegram", "groetjes",
    // "100€, à remettre à Marco à l'entrée"
    "remettre", "remettez", "remis", "regler", "reglez",
    "groeten", "greetings", "regards", "grusse", "gruss", "lg", "bisous", "cordialement", "namens"};
// What comes before "to" when a person is paid or reached through it: "pay to
// Marco", "send the deposit to Mihai", "talk to Tom", "Payment goes to Vlad".
constexpr std::string_view kToVerbs[] = {"pay", "paid", "payment", "payments", "send", "sent", "give", "given", "hand",
    "handed", "talk", "speak", "write", "text", "message", "reach", "cash", "money", "deposit", "fee", "goes", "go",
    "transfer", "transferred", "directly", "only", "it", "all", "questions", "messages", "bookings", "requests", "ask",
    "asks", "whatsapp", "app", "sms", "telegram", "signal", "line", "call", "book", "booking", "price", "address", "time"};
// Between the cue and the name: "bel je Tom", "ask for Mr. Long", "frag bitte nach".
// French "à" reads "a" after normalisation: "vous payez à Mihai".
constexpr std::string_view kSkippable[] = {"je", "u", "mal", "bitte", "maar", "dan", "a", "mr", "mrs", "ms", "mevrouw", "meneer",
                                   "herr", "herrn", "frau", "madame", "monsieur", "mama", "papa", "mister", "miss", "dhr",
                                   "mw", "tante", "oom", "onkel", "oncle", "aunt", "uncle"};
// Prepositions that name a person only after a contact word: "anrufen bei
// Cristi", "Termine über Marco", "frag nach Dragan", "ask for Tom",
// "vraag naar Mario", "rendez-vous auprès de Tom", "afspraken bij Ivo".
constexpr std::string_view kPrepositions[] = {"for", "naar", "bij", "de", "aupres"};
constexpr std::string_view kGermanPrepositions[] = {"bei", "uber", "nach", "an", "mit"};
constexpr std::string_view kGermanContactVerbs[] = {
    "anrufen", "rufen", "ruf", "melden", "melde", "frag", "fragen", "zahlen", "bezahlen", "buchen", "schreib",
    "schreiben", "zahlst", "bezahlst", "zahlt", "bezahlt", "rufst", "fragst", "meldest", "buchst", "schreibst",
    // "Kontakt: über Andrei", "läuft alles über Andrei", "nur WhatsApp an Costel"
    "kontakt", "lauft", "laufen", "whatsapp", "sms"};
// Money or requests sent to a person, before "an" only: "Anzahlung 50€ per
// PayPal an Tomi", "Geld an Dragan", "Anfragen an Dennis"; with "bei", "über"
// or "nach" a noun follows ("Überweisung bei Übernachtungen", "kein Geld über
// Dritte", "keine Anfragen nach Extras").
constexpr std::string_view kGermanMoneyWords[] = {"anzahlung", "paypal", "uberweisung", "uberweisen", "geld",
                                                  "bargeld", "vorkasse", "zahlung", "anfragen", "anfrage",
                                                  "anrufe", "nachrichten"};
// "boekingen: Marco", "Termine: Sascha" (often a name field's aside): a booking
// label and a colon before a name.
constexpr std::string_view kBookingLabels[] = {"boekingen", "boeking", "bookings", "booking", "afspraken", "termine", "agenda",
                                               "buchungen", "buchung", "reservations", "reserveringen", "rdv",
                                               "reservaties"};
// "Termine über Marco": booking nouns, only before "über" ("Termine nach Vereinbarung").
constexpr std::string_view kGermanBookingNouns[] = {"termine", "termin", "buchung", "buchungen", "reservierung"};
// A subject pronoun between the verb and its preposition: "bezahlst du bei
// Marius", "zahlt man bei Dragan".
// "läuft alles über Adrian": "alles" or "es" as the subject.
// "Bezahlt wird bei Mihai": the passive's "wird" in the same place.
constexpr std::string_view kSubjectPronouns[] = {"du", "man", "ihr", "sie", "je", "you", "tu", "u", "jij", "vous", "alles", "es",
                                                 "wird", "werden"};
constexpr std::string_view kContactWords[] = {
    "anrufen", "rufen", "ruf", "melden", "melde", "buchen", "zahlen", "bezahlen", "bezahlung", "termine", "termin",
    "kontakt", "frag", "fragen", "bel", "bellen", "betalen", "betaal", "afspraken", "afspraak", "vraag", "vragen",
    "call", "ask", "pay", "payment", "book", "booking", "bookings", "appointments", "contact", "write", "talk", "belt",
    "appelez", "payez", "paiement", "rendez-vous", "rdv", "ecrivez", "parlez", "renseignements", "demandez",
    "aupres", "groetjes", "groeten", "greetings", "regards", "grusse", "gruss", "bisous", "cordialement",
    "prijs", "prijzen", "price", "prices", "prix", "tarif", "tarifs", "tarief", "tarieven",
    // "afrekenen bij Mario" (often the price field)
    "afrekenen", "afgerekend", "afrekening"};

// After a name: a verb that is control on its own ("Tom regelt alles")...
constexpr std::string_view kVerbAfter[] = {
    "regelt", "boekt", "beantwoordt", "antwoordt", "vertaalt", "int", "beslist", "bepaalt", "bewaart", "books",
    "handles", "arranges", "answers", "replies", "translates", "collects", "decides", "manages", "bucht",
    "organisiert", "vereinbart", "beantwortet", "antwortet", "ubersetzt", "kassiert", "entscheidet", "bestimmt",
    "verwaltet", "gere", "repond", "traduit", "encaisse", "decide", "organise", "s'occupe", "rekent", "decroche"};
// ... or a common verb with an object of booking, money or transport within
// three words ("Ivo maakt de afspraken", "Mihai takes the money").
constexpr std::string_view kVerbWithObject[] = {
    "maakt", "neemt", "geeft", "stuurt", "brengt", "haalt", "rijdt", "houdt", "makes", "takes", "gives", "sends",
    "brings", "picks", "drives", "keeps", "holds", "macht", "nimmt", "gibt", "schickt", "bringt", "holt", "fahrt",
    "behalt", "prend", "donne", "envoie", "amene", "conduit", "garde", "fixe", "will", "zal", "wird", "va", "take"};
constexpr std::string_view kObjects[] = {
    "afspraken", "afspraak", "boekingen", "appointments", "appointment", "bookings", "booking", "termine", "termin",
    "rendez-vous", "rdv", "geld", "money", "cash", "argent", "betaling", "payment", "adres", "address", "adresse",
    "prijs", "prijzen", "price", "prices", "preis", "preise", "prix", "tarif", "tarifs", "kamer", "kamernummer",
    "room", "zimmer", "zimmernummer", "chambre", "telefoon", "phone", "calls", "telefon", "anrufe", "appels",
    "berichten", "messages", "nachrichten", "papieren", "papers", "papiere", "papiers", "paspoort", "passport",
    // Not French "la": after the verb it is an article ("garde la patience"); the pronoun stands before it.
    "pass", "passeport", "haar", "her", "sie", "hen", "them"};
// What may follow a name after a contact cue: the end of the clause, a
// number, or a small word ("bel Tom op 06...", "pay Mihai at the door").
// Not a noun: "with Latin temperament", "met Aziatische roots".
constexpr std::string_view kAfterName[] = {
    "at", "aan", "bij", "for", "voor", "op", "on", "in", "or", "of", "en", "and", "und", "oder", "ou", "et", "he",
    "hij", "er", "il", "zal", "will", "wird", "va", "die", "who", "wer", "qui", "an", "om", "um", "pour", "sur",
    "via", "tel", "je", "you", "dir", "te", "u", "vous", "direct", "directly", "direkt", "directement", "au",
    // "tu paies Mihai à l'entrée", "pay to Marco before you go up"
    "a", "before", "vor", "avant", "after", "nach", "apres", "first", "eerst", "zuerst", "vorab", "vooraf",
    "upfront", "d'avance",
    // "Whatsapp to Tony only"
    "only", "alleen", "nur", "seulement", "uniquement"};
// Between a name and its verb: "Marek, der macht meine Termine", "Ilir qui encaisse".
constexpr std::string_view kRelatives[] = {"der", "who", "qui", "die", "that"};
// Capitalised words that are not people: greetings, apps, days, units, the
// words a sentence or a list item starts with after a comma.
constexpr std::string_view kCommon[] = {
    "whatsapp", "telegram", "signal", "viber", "snapchat", "instagram", "skype", "line", "wechat", "sms", "tel",
    "telefoon", "phone", "ok", "oke", "hi", "hallo", "hello", "hoi", "hey", "bonjour", "salut", "ciao", "mr", "mrs",
    "ms", "mevrouw", "meneer", "herr", "frau", "madame", "monsieur", "mama", "papa", "mister", "miss", "de", "het",
    "the", "der", "die", "das", "le", "la", "les", "een", "a", "ein", "eine", "un", "une", "ik", "i", "ich", "je",
    "we", "wij", "wir", "nous", "zij", "ze", "she", "sie", "elle", "hij", "he", "er", "il", "you", "jij", "u", "du",
    "vous", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    // contact media, capitalised as German nouns ("Termine nur über Telefon")
    "telefon", "handy", "mail", "email", "e-mail", "anruf", "nachricht", "nachrichten", "festnetz", "threema",
    "website", "webseite", "homepage", "internet", "chat", "kontaktformular", "formular",
    // German nouns before a verb at the clause's end ("mit sichtbarer Nummer anrufen", "vor 18 Uhr anrufen")
    "nummer", "rufnummer", "handynummer", "telefonnummer", "uhr", "vorwahl",
    // days abbreviated in opening hours ("Tue to Sat", "Mo bis Fr", "ma t/m vr")
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mo", "di", "mi", "fr", "sa", "so",
    "ma", "wo", "vr", "za", "zo", "lu", "ve", "jeu", "ven", "mer", "dim",
    // German nouns of time after "über" ("Termine über Nacht", "über Ostern")
    "nacht", "mittag", "mittagszeit", "wochenende", "feiertage", "ostern", "weihnachten", "silvester", "pfingsten",
    "gfe", "pse", "ao", "fo", "bdsm", "sm", "vip", "new", "nieuw", "neu", "nouveau", "nouvelle", "cash", "paypal",
    "tikkie", "bitcoin", "paysafe", "paysafecard", "bancontact", "payconiq", "iban", "euro", "eur", "escort",
    "massage", "club", "privehuis", "salon", "studio", "hotel", "sauna", "bar", "mij", "me", "mich", "moi", "mir",
    "her", "haar", "ihr", "hem", "him", "ihn", "lui", "ons", "us", "uns", "dutch", "english", "deutsch", "francais",
    "nederlands", "engels", "duits", "frans", "dan", "daarna", "hier", "daar", "ook", "nu", "alles", "wat", "wie", "dit", "dat", "then", "there", "this", "that", "what", "who", "everything", "niemand", "nobody", "iemand", "someone", "jemand", "personne", "quelqu'un", "dann", "da", "was", "wer", "dies", "puis", "ici", "tout", "ce", "qui", "google", "maps", "booking", "airbnb", "uber", "taxi", "ns", "tinder",
    // pronouns and determiners that start a sentence ("Chacune gère ses rendez-vous")
    "chacune", "chacun", "jede", "jeder", "jedes", "elke", "ieder", "iedereen", "each", "everyone", "everybody", "on",
    "alle", "all", "toutes", "tous", "beide", "both", "wij", "nous", "ils", "elles", "they", "zij", "wir", "ihr",
    "i'm", "i'll", "i've", "i'd", "im",
    // person nouns, capitalised in German ("Jede Dame bestimmt ihre Preise")
    "dame", "damen", "frau", "frauen", "madchen", "madels", "lady", "ladies", "girl", "girls", "gast", "gaste",
    "kunde", "kunden", "herr", "herren", "mann", "manner",
    // countries ("near the ferry to Belgium", "WhatsApp Brésil"): places the gazetteer of towns does not hold
    "belgium", "belgie", "belgien", "belgique", "nederland", "netherlands", "holland", "niederlande", "pays-bas",
    "germany", "duitsland", "deutschland", "allemagne", "france", "frankrijk", "frankreich", "luxembourg", "luxemburg",
    "poland", "polen", "pologne", "romania", "roemenie", "rumanien", "roumanie", "bulgaria", "bulgarije", "bulgarien",
    "bulgarie", "hungary", "hongarije", "ungarn", "hongrie", "spain", "spanje", "spanien", "espagne", "italy", "italie",
    "italien", "brazil", "brazilie", "brasilien", "bresil", "brasil", "ukraine", "oekraine", "czechia", "tsjechie",
    "tschechien", "slovakia", "slowakije", "slowakei", "europe", "europa",
    // provinces and regions ("on tour through Limburg"): the gazetteer holds towns
    "limburg", "brabant", "gelderland", "zeeland", "twente", "randstad", "eifel", "ardennen", "ardennes", "wallonie",
    "wallonia", "wallonien", "vlaanderen", "flanders", "flandern", "nrw", "ruhrgebiet", "rheinland", "euregio",
    // "Kein Kontakt über Dritte": third parties, not a person
    "dritte", "dritten", "dritter",
    // payment apps and banks ("Payment in advance via Revolut")
    "revolut", "wise", "bunq", "n26", "ing", "rabobank", "abn", "kbc", "belfius", "bnp", "argenta", "sparkasse",
    "twint", "lydia", "skrill", "neteller", "crypto", "btc", "usdt", "eth", "applepay", "googlepay", "klarna",
    "digicash", "payconiq", "paylib", "wero", "ideal", "sofort", "vipps", "mobilepay"};
// A determiner that denies the noun after it.
constexpr std::string_view kDenials[] = {"kein", "keine", "keinen", "keiner", "geen", "no", "aucun", "aucune"};
// Dutch and German put the verb last: "Eerst Remy bellen", "Bitte Cristi anrufen".
constexpr std::string_view kContactVerbAfter[] = {"bellen", "appen", "smsen", "contacteren", "anrufen", "kontaktieren",
                                                  "anschreiben", "schreiben", "fragen", "vragen", "betalen", "bezahlen"};

constexpr std::string_view kTitles[] = {"mr", "mrs", "ms", "dr", "dhr", "mw", "hr", "fr", "mme", "mlle", "st"};

// The lists as word sets: a capitalised word is looked up in several of
// them, and a linear scan over 200 common words was a quarter of the cost of
// the whole finder (bench/analyze.sh).
using matcher_internal::WordSet;
const WordSet kCueBeforeSet(kCueBefore), kSkippableSet(kSkippable), kPrepositionsSet(kPrepositions),
    kGermanPrepositionsSet(kGermanPrepositions), kGermanContactVerbsSet(kGermanContactVerbs),
    kGermanMoneyWordsSet(kGermanMoneyWords), kBookingLabelsSet(kBookingLabels),
    kContactWordsSet(kContactWords), kVerbAfterSet(kVerbAfter), kVerbWithObjectSet(kVerbWithObject),
    kObjectsSet(kObjects), kAfterNameSet(kAfterName), kCommonSet(kCommon), kTitlesSet(kTitles),
    kContactVerbAfterSet(kContactVerbAfter), kSubjectPronounsSet(kSubjectPronouns), kToVerbsSet(kToVerbs),
    kRelativesSet(kRelatives), kDenialsSet(kDenials);
bool In(std::string_view w, const WordSet& set) { return set.Has(w); }

bool IsUpperStart(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= 'A' && c <= 'Z') return true;
  // Latin-1 capitals in UTF-8: "Émile", "Öz", "Łucja" start with C3 80-9E or C5 81.
  return c == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) >= 0x80 &&
         static_cast<unsigned char>(w[1]) <= 0x9E;
}
constexpr bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool IsWordByte(unsigned char c) { return IsAsciiLetter(c) || c >= 0x80 || c == '\''; }

// Lower case without diacritics. The word lists are ASCII, so Latin-1 letters
// ("über", "gère", "fährt") are folded by table; anything else (emoji, other
// scripts) is kept as it is and matches no list. Per word, so no ICU here.
// Writes at most w.size() bytes to `out` (never longer than the word) and
// returns how many.
size_t FoldInto(std::string_view w, char* out) {
  // UTF-8 C3 80..BF -> base letter (U+00C0..U+00FF), 0 = keep.
  static constexpr char kLatin1[64] = {
      'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
      0,   'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0,   0,
      'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
      0,   'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0,   'y'};
  size_t n = 0;
  for (size_t i = 0; i < w.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(w[i]);
    if (c < 0x80) {
      out[n++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    } else if (c == 0xC3 && i + 1 < w.size() && static_cast<unsigned char>(w[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(w[i + 1]) <= 0xBF && kLatin1[static_cast<unsigned char>(w[i + 1]) - 0x80]) {
      out[n++] = kLatin1[static_cast<unsigned char>(w[i + 1]) - 0x80];
      ++i;
    } else {
      out[n++] = static_cast<char>(c);
    }
  }
  return n;
}

std::string Fold(std::string_view w) {
  std::string out(w.size(), '\0');
  out.resize(FoldInto(w, out.data()));
  return out;
}

// A word of the text. Its folded form is made only when a check asks for it
// (most words are never looked at: only capitalised ones and their
// neighbours), into the buffer of the Words it belongs to.
class Words;
struct Word {
  uint32_t b, e;  // bytes of the word in the text
  bool sentence_start;
  const Words* owner;
  std::string_view folded() const;
  mutable uint32_t fb = ~uint32_t{0};  // the folded form: owner's buffer [fb, fb + fn)
  mutable uint32_t fn = 0;
};

// The words of a text, with one buffer for their folded forms. Folding
// never lengthens a word, so the buffer, the text's size from the start,
// never moves and the views it hands out stay valid.
class Words {
 public:
  explicit Words(std::string_view t);
  Words(const Words&) = delete;  // words point at their owner
  Words& operator=(const Words&) = delete;
  size_t size() const { return words_.size(); }
  const Word& operator[](size_t i) const { return words_[i]; }

 private:
  friend struct Word;
  std::string_view Folded(const Word& w) const {
    if (w.fb == ~uint32_t{0}) {
      w.fb = static_cast<uint32_t>(used_);
      w.fn = static_cast<uint32_t>(FoldInto(text_.substr(w.b, w.e - w.b), arena_.data() + used_));
      used_ += w.fn;
    }
    return std::string_view(arena_.data() + w.fb, w.fn);
  }

  std::string_view text_;
  std::vector<Word> words_;
  mutable std::string arena_;
  mutable size_t used_ = 0;
};

std::string_view Word::folded() const { return owner->Folded(*this); }

// IsWordByte as a table (Words reads every byte of the text).
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = IsWordByte(static_cast<unsigned char>(c));
  return t;
}();

// Bytes that start a new sentence when they stand between words: lines,
// sentence ends, colons and the like (digits and commas do not).
constexpr std::array<bool, 256> kSentenceBreaks = [] {
  std::array<bool, 256> t{};
  for (unsigned char c : std::string_view(".!?\n:;|-(\"")) t[c] = true;
  return t;
}();

Words::Words(std::string_view t) : text_(t), arena_(t.size(), '\0') {
  words_.reserve(t.size() / 5 + 1);
  bool start = true;
  const auto* bytes = reinterpret_cast<const unsigned char*>(t.data());
  for (size_t i = 0; i < t.size();) {
    unsigned char c = bytes[i];
    if (!kWordBytes[c] || c == '\'') {
      // Lines, sentence ends, colons and emoji separators start a new sentence;
      // digits and commas do not.
      // "Mr. Long": the dot after a title ends no sentence. (A title folds to
      // at most 4 bytes, so from at most 8: longer words are not folded.)
      if (kSentenceBreaks[c]) {
        const bool title_dot = c == '.' && !words_.empty() && words_.back().e == i &&
                               words_.back().e - words_.back().b <= 8 && In(words_.back().folded(), kTitlesSet);
        if (!title_dot) start = true;
      }
      ++i;
      continue;
    }
    size_t e = i;
    while (e < t.size() && kWordBytes[bytes[e]]) ++e;
    if (static_cast<unsigned char>(t[i]) >= 0x80 && !IsUpperStart(t.substr(i, e - i))) {
      // An emoji or other symbol run: a separator, not a word.
      // Folded, so that an accented word ("à", "über") is a word, not a separator.
      bool letters = false;
      for (char k : Fold(t.substr(i, e - i))) letters |= IsAsciiLetter(static_cast<unsigned char>(k));
      if (!letters) {
        start = true;
        i = e;
        continue;
      }
    }
    words_.push_back(Word{static_cast<uint32_t>(i), static_cast<uint32_t>(e), start, this});
    start = false;
    i = e;
  }
}

// After the name at words[i]: the end of the text or clause, a digit, or one of kAfterName.
bool EndsNamePhrase(std::string_view t, const Words& words, size_t i) {
  size_t pos = words[i].e;
  while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\t')) ++pos;
  if (pos >= t.size()) return true;
  unsigned char c = static_cast<unsigned char>(t[pos]);
  // "samen met Rob (52)": a partner's age after the name, not an aside ("pay to Viktor (bank transfer)").
  if (c == '(' && pos + 3 < t.size() && std::isdigit(static_cast<unsigned char>(t[pos + 1])) &&
      (t[pos + 2] == ')' || (std::isdigit(static_cast<unsigned char>(t[pos + 2])) && t[pos + 3] == ')')))
    return false;
  if (std::isdigit(c) || c == '+' || std::string_view(".,!?;:()\n\r-/").find(static_cast<char>(c)) != std::string_view::npos)
    return true;
  if (i + 1 < words.size() && words[i + 1].b == pos) return In(words[i + 1].folded(), kAfterNameSet);
  return c >= 0x80;  // an emoji after the name
}

}  // namespace

std::string FoldName(std::string_view word) { return Fold(word); }

std::optional<std::pair<size_t, size_t>> FindNamedIntermediary(
    std::string_view text, const std::vector<std::string>& own_names,
    const std::function<bool(std::string_view)>& is_place) {
  const Words words(text);
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    std::string_view raw = text.substr(w.b, w.e - w.b);
    if (!IsUpperStart(raw) || w.folded().size() < 2) continue;
    // ALL CAPS words are shouting, not names.
    if (raw.size() > 1 && std::all_of(raw.begin(), raw.end(), [](char c) { return !(c >= 'a' && c <= 'z'); }))
      continue;
    if (In(w.folded(), kCommonSet)) continue;
    if (std::find(own_names.begin(), own_names.end(), w.folded()) != own_names.end()) continue;
    // "kein Fahrer, kein 'Freund', der kassiert", "no Manager who calls": denied, not named.
    if (i > 0 && In(words[i - 1].folded(), kDenialsSet)) continue;
    // A place is checked last, for a candidate only: the gazetteer look-up is the dear part.
    auto not_place = [&] { return !(is_place && is_place(raw)); };
    // A cue right before ("bel Tom", "bel je Tom", "pay Mihai", "ask for Mr. Long",
    // "anrufen bei Cristi", "frag nach Dragan"), skipping "je/u/mal" and titles.
    // (Only where the name starts no sentence: the skipped words are read for the cue alone.)
    size_t j = i;
    while (!w.sentence_start && j > 0 && j + 2 > i && In(words[j - 1].folded(), kSkippableSet)) --j;
    bool cue = false;
    if (!w.sentence_start && j > 0 && words[j - 1].e + 3 >= words[j].b && EndsNamePhrase(text, words, i)) {
      const std::string_view before = words[j - 1].folded();
      // German capitalises nouns ("Termine nach Vereinbarung"): its prepositions
      // count only after a verb ("anrufen bei Cristi", "frag nach Dragan").
      const bool german = In(before, kGermanPrepositionsSet);
      // "Chez Diane" opening a title or line is a salon's name, not a person to go through.
      const bool salon_name = before == "chez" && words[j - 1].sentence_start;
      // "Duo avec Clara", "duo met Lisa": the name is her partner in a duo.
      const bool duo = j >= 2 && words[j - 2].folded() == "duo";
      // "to" names a person only after paying, sending or talking ("pay to Marco",
      // "send the deposit to Mihai"), not after a tram or a day ("tram 18 to Kalk", "Tue to Sat").
      bool bare_to = before == "to";
      for (size_t b = j - 1; bare_to && b > 0 && b + 3 >= j && !words[b].sentence_start; --b)
        bare_to = !In(words[b - 1].folded(), kToVerbsSet);
      cue = (In(before, kCueBeforeSet) && !salon_name && !duo && !bare_to) ||
            (j > 1 && (german ? (In(words[j - 2].folded(), kGermanContactVerbsSet) &&
                                 // "per Mail oder WhatsApp, mit Hotelnamen": a comma ends the contact phrase
                                 text.substr(words[j - 2].e, words[j - 1].b - words[j - 2].e).find(',') ==
                                     std::string_view::npos) ||
                                    (before == "an" && In(words[j - 2].folded(), kGermanMoneyWordsSet)) ||
                                    // "Anrufe bitte an Lukas"
                                    (before == "an" && j > 2 && words[j - 2].folded() == "bitte" &&
                                     In(words[j - 3].folded(), kGermanMoneyWordsSet)) ||
                                    // "Anfragen nur an Dennis": "only" between the verb and its preposition.
                                    (j > 2 && words[j - 2].folded() == "nur" && !words[j - 2].sentence_start &&
                                     !In(w.folded(), kContactWordsSet) &&  // "anrufen, nur mit Termin"
                                     (In(words[j - 3].folded(), kGermanContactVerbsSet) ||
                                      (before == "an" && In(words[j - 3].folded(), kGermanMoneyWordsSet)))) ||
                                    (j > 2 && In(words[j - 2].folded(), kSubjectPronounsSet) &&
                                     In(words[j - 3].folded(), kGermanContactVerbsSet))
                              : In(before, kPrepositionsSet) && In(words[j - 2].folded(), kContactWordsSet)) ||
             // "Termine NUR über Sascha": "only" between the contact word and "über".
             (before == "uber" && j > 1 &&
              std::ranges::find(kGermanBookingNouns, std::string_view(words[j - 2].folded())) !=
                  std::end(kGermanBookingNouns)) ||
             (before == "uber" && j > 2 &&
              (words[j - 2].folded() == "nur" || words[j - 2].folded() == "ausschliesslich") &&
              (In(words[j - 3].folded(), kContactWordsSet) || In(words[j - 3].folded(), kGermanContactVerbsSet))));
    }
    if (cue && not_place()) return std::make_pair(words[j - 1].b, w.e);
    // After a colon the name starts a "sentence": "Alina / boekingen: Marco".
    if (w.sentence_start && i > 0 && In(words[i - 1].folded(), kBookingLabelsSet)) {
      const std::string_view between = text.substr(words[i - 1].e, w.b - words[i - 1].e);  // only ":" and spaces
      if (between.find(':') != std::string_view::npos && between.find_first_not_of(" :") == std::string_view::npos &&
          EndsNamePhrase(text, words, i) && not_place())
        return std::make_pair(words[i - 1].b, w.e);
    }
    // "Eerst Remy bellen", "Bitte Cristi anrufen": the verb at the clause's end.
    if (!w.sentence_start && i + 1 < words.size() && w.e + 2 >= words[i + 1].b &&
        In(words[i + 1].folded(), kContactVerbAfterSet) && EndsNamePhrase(text, words, i + 1) && not_place())
      return std::make_pair(w.b, words[i + 1].e);
    // German capitalises nouns: "Termine vereinbart sie selbst" has no name in it.
    // The verb may follow a relative pronoun: "das ist Marek, der macht meine Termine",
    // "c'est Ilir qui encaisse", "Tom, who books for her".
    size_t v = i + 1;
    if (v + 1 < words.size() && words[i].e + 2 >= words[v].b && In(words[v].folded(), kRelativesSet) &&
        !words[v + 1].sentence_start)
      ++v;
    if (v < words.size() && words[v - 1].e + 2 >= words[v].b && !In(w.folded(), kObjectsSet)) {
      if (In(words[v].folded(), kVerbAfterSet) && not_place()) return std::make_pair(w.b, words[v].e);
      if (In(words[v].folded(), kVerbWithObjectSet))
        for (size_t k = v + 1; k < words.size() && k <= v + 3 && !words[k].sentence_start; ++k)
          if (In(words[k].folded(), kObjectsSet) && not_place()) return std::make_pair(w.b, words[k].e);
    }
  }
  return std::nullopt;
}

std::optional<std::pair<size_t, size_t>> FindNameInPhoneField(
    std::string_view field, const std::vector<std::string>& own_names,
    const std::function<bool(std::string_view)>& is_place) {
  // Labels people put beside a number ("Tel", "WhatsApp" are common words).
  static constexpr std::string_view kLabels[] = {"mobile", "mobil", "mobiel", "privat", "prive", "private",
      "business", "zakelijk", "gsm", "portable", "fixe", "festnetz", "werk", "work", "home", "thuis", "only",
      "alleen", "nur", "seulement", "uniquement", "appel", "call", "text", "bellen", "anrufen", "appeler",
      "zero", "nul", "null"};  // 0 is no number word of Normalize (1-99)
  const Words words(field);
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    const std::string_view raw = field.substr(w.b, w.e - w.b);
    if (!IsUpperStart(raw) || w.folded().size() < 3) continue;
    if (std::all_of(raw.begin(), raw.end(), [](char c) { return !(c >= 'a' && c <= 'z'); })) continue;
    if (In(w.folded(), kCommonSet) || std::find(std::begin(kLabels), std::end(kLabels), w.folded()) != std::end(kLabels))
      continue;
    if (std::find(own_names.begin(), own_names.end(), w.folded()) != own_names.end()) continue;
    // "Zero six ...": a number written in words.
    const std::string digits = Normalize(raw).text;
    if (std::any_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    if (is_place && is_place(raw)) continue;
    return std::make_pair(static_cast<size_t>(w.b), static_cast<size_t>(w.e));
  }
  return std::nullopt;
}

}  // namespace adwatch
