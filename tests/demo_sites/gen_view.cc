// One ad as shown at one epoch: everything derived from (seed, index, epoch)
// and, for planted ads, from their role in the plan.
#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {
namespace {

int CountryRoll(const std::string& country, Rng& rng) {
  // Most numbers are Dutch; ads in Belgian and German towns often use local ones.
  int r = rng.Range(0, 99);
  if (country == "BE") return r < 60 ? 90 : 0;
  if (country == "DE") return r < 60 ? 99 : 0;
  return r < 4 ? 90 : r < 7 ? 99 : 0;
}

// Ads near Maastricht: mostly Dutch, then English; French in Wallonia and
// now and then elsewhere; German in German towns.
std::string LangOf(const Place& home, int roll) {
  if (home.country == "BE" && (home.name == "Luik" || home.name == "Visé")) {
    return roll < 65 ? "fr" : roll < 80 ? "nl" : "en";
  }
  if (home.country == "BE") return roll < 70 ? "nl" : roll < 85 ? "fr" : "en";
  if (home.country == "DE") return roll < 60 ? "de" : roll < 80 ? "nl" : roll < 92 ? "en" : "fr";
  return roll < 72 ? "nl" : roll < 88 ? "en" : roll < 94 ? "fr" : "de";
}

int RegularAge(Rng& rng) {
  int r = rng.Range(0, 99);
  return r < 50 ? rng.Range(21, 29) : r < 85 ? rng.Range(30, 39) : rng.Range(40, 52);
}

}  // namespace

AdView Network::View(uint64_t index, int epoch, bool with_text) const {
  const Role* role = RoleOf(index);
  Rng rng(Hash(seed_, index, 1));
  AdView ad;
  ad.index = index;
  ad.site = static_cast<int>(index % 3);
  ad.seq = index / 3;
  ad.id = IdOf(index);
  ad.place = PlaceAt(index, epoch);
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  const Place& home = Places()[static_cast<size_t>(PlaceAt(index, 0))];

  ad.lang = LangOf(home, rng.Range(0, 99));
  if (role && !role->lang.empty()) ad.lang = role->lang;
  ad.name = MakeName(rng, ad.lang);
  if (role && !role->name.empty()) ad.name = role->name;

  // Age: in the age field, in the text, or both.
  int age = RegularAge(rng);
  bool field = rng.Chance(85);
  bool in_text = field ? rng.Chance(35) : rng.Chance(60);
  int age_style = rng.Range(0, 6);
  if (role && role->age >= 0) {
    age = role->age;
    field = !role->hide_age_field && age > 0;
    in_text = (role->age_in_text || role->hide_age_field) && age > 0;
  }
  if (field) {
    ad.age = age;
    static const char* kForms[] = {" jaar", "", " jr"};
    ad.age_field = std::to_string(age) + (ad.lang == "en" ? std::string("") : ad.lang == "de" ? std::string(" Jahre")
                                         : ad.lang == "fr" ? std::string(" ans") : kForms[rng.Below(3)]);
  }
  if (in_text) ad.text_age = age;

  // Phones and how the ad shows them.
  std::string phone = role && !role->phone.empty() ? role->phone : MakePhone(index, CountryRoll(home.country, rng));
  ad.phones.push_back(phone);
  int mode = rng.Range(0, 99);
  if (role && role->phone_text_only) mode = 70;
  int style = rng.Range(0, 6);
  int obf_kind = rng.Range(0, kObfuscationKinds - 1);
  TextSpec spec;
  if (mode < 68 || mode >= 93) {
    ad.phone_field = FormatPhone(phone, style);
    ad.phone_display.push_back("field");
  }
  if (mode < 30 || (mode >= 45 && mode < 58)) {
    ad.tel_link = "tel:" + phone;
    ad.phone_display.push_back("tel");
  }
  if (mode >= 58 && mode < 68) {
    ad.wa_link = WaLink(phone);
    ad.phone_display.push_back("wa");
  }
  if ((mode >= 68 && mode < 83) || mode >= 93) {
    ad.obfuscations.push_back(ObfuscatePhone(phone, obf_kind, ad.lang, &spec.phone_text));
    ad.phone_display.push_back("text_obfuscated");
  } else if ((mode >= 83 && mode < 93) || rng.Chance(20)) {
    spec.phone_text = FormatPhone(phone, style + 1);
    ad.phone_display.push_back("text_plain");
  }
  if (rng.Chance(8) && !(role && role->phone_text_only)) {
    std::string second = MakePhone(UniverseSize() + index, CountryRoll(home.country, rng));
    ad.phones.push_back(second);
    spec.phone2_text = FormatPhone(second, style + 2);
  }

  ad.rates = MakeRates(rng, ad.lang);
  ad.photo_count = rng.Range(1, 5);
  int64_t posted_ago = rng.Range(0, 25) * 86'400LL + rng.Range(0, 23) * 3'600LL;
  ad.posted = EpochTime(BirthEpoch(index)) - posted_ago;
  if (role && role->posted_days_ago >= 0) {
    int moved = role->move_period ? epoch / role->move_period * role->move_period : 0;
    ad.posted = EpochTime(moved) - role->posted_days_ago * 86'400LL - rng.Range(1, 12) * 3'600LL;
  }
  ad.updated = EpochTime(LastChangeEpoch(index, epoch));

  spec.lang = ad.lang;
  spec.name = ad.name;
  spec.age = age;
  spec.age_style = ad.text_age ? age_style : -1;
  spec.seed = seed_;
  spec.ordinary = role == nullptr;
  spec.place = &place;
  spec.ad_ref = index % 3 == 0 ? 1'000'000 + ad.seq : 90'000 + ad.seq % 9000;
  if (role) {
    ad.kinds.push_back(role->kind);
    spec.template_id = role->template_id;
    spec.template_member = role->member;
    if (role->minor_form >= 0) {
      spec.minor_form = role->minor_form;
      spec.age_style = -1;
    }
    spec.age_hint = role->age_hint;
    spec.third_party = role->third_party;
    spec.benign_vocab = role->benign_vocab;
    spec.club = role->club;
    spec.third_person = role->third_person;
    spec.new_girls = role->new_girls;
    spec.control_services = role->control_services;
    spec.touring_words = role->touring_words;
  }
  spec.title_only = !with_text;
  Rng text_rng(Hash(seed_, index, 100));
  ComposeText(text_rng, spec, &ad.title, &ad.paragraphs, &ad.planted);
  // Later versions are edits of the first, as advertisers make them: an
  // update line on top, sometimes new prices.
  if (int version = TextVersion(index, epoch); version > 0) {
    Rng edit(Hash(seed_, index, 200 + static_cast<uint64_t>(version)));
    static const std::vector<std::string> kNl = {
        "Update: vanaf nu ook op zaterdag bereikbaar.", "Update: nieuwe foto's toegevoegd.",
        "Update: mijn prijzen zijn aangepast.", "Update: tijdelijk alleen 's avonds bereikbaar.",
        "Update: ik ben terug van vakantie!"};
    static const std::vector<std::string> kEn = {"Update: new photos added.", "Update: prices changed.",
                                                 "Update: now also available on Saturdays."};
    static const std::vector<std::string> kDe = {"Update: neue Fotos.", "Update: neue Preise.",
                                                 "Update: jetzt auch samstags erreichbar."};
    static const std::vector<std::string> kFr = {"Mise à jour : nouvelles photos.", "Mise à jour : nouveaux tarifs.",
                                                 "Mise à jour : aussi disponible le samedi."};
    const auto& pool = ad.lang == "en" ? kEn : ad.lang == "de" ? kDe : ad.lang == "fr" ? kFr : kNl;
    const std::string& line = edit.Pick(pool);  // drawn even without text, so prices agree
    if (with_text) ad.paragraphs.insert(ad.paragraphs.begin(), line + " (" + std::to_string(version) + ")");
    if (edit.Chance(50)) {
      for (Rate& r : ad.rates) r.eur += 10 * version;
    }
  }

  const std::string slug = Slugify(ad.name);
  ad.slug = (slug.empty() ? std::string("ad") : slug) + "-" + ad.id;
  switch (ad.site) {
    case kHtml: ad.path = "/advertentie/" + ad.id; break;
    case kApi: ad.path = "/profiel/" + ad.id; break;
    default: ad.path = "/ad/" + ad.slug; break;
  }
  return ad;
}

uint64_t Network::TextHash(uint64_t index, int epoch) const { return Fnv1a(View(index, epoch).Text()); }

}  // namespace adwatch::demo
