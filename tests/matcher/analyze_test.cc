// AnalyzeAd with the shipped default rules and gazetteer: facts, hits with
// evidence, builtins, per-municipality minimum age, score caps, severity.
#include "matcher/analyze.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "config/loader.h"

namespace adwatch {
namespace {

MatcherConfig DefaultConfig() {
  LoadResult r = LoadRuleFiles({std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/default.toml"});
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  MatcherConfig mc = r.config.matcher;
  mc.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  return mc;
}

const Matcher& M() {
  static const Matcher* m = [] {
    MunicipalityConfig heerlen;
    heerlen.name = "Heerlen";
    heerlen.min_age = 21;  // a local rule above the national 18
    auto r = MakeMatcher(DefaultConfig(), {heerlen});
    if (!r.ok()) { ADD_FAILURE() << r.status().ToString(); return new Matcher(); }
    return new Matcher(std::move(r).value());
  }();
  return *m;
}

const Hit* Find(const AdSignals& s, const std::string& rule) {
  for (const auto& h : s.hits) if (h.rule == rule) return &h;
  return nullptr;
}

// Text as people write it: number words, durations, negation, entities
// (the acceptance sentences of the normalisation work).
TEST(Analyze, ReadsTextAsWritten) {
  auto run = [](const std::string& text) {
    Ad ad;
    ad.text = text;
    return AnalyzeAd(ad, M());
  };
  AdSignals meid = run("Lieve meid van 17 uit Heerlen.");
  EXPECT_EQ(meid.ages, std::vector<int>{17});
  const Hit* minor = Find(meid, "age.stated_minor");
  ASSERT_NE(minor, nullptr);
  EXPECT_EQ(meid.hits.size(), 1u);
  std::string t1 = "Lieve meid van 17 uit Heerlen.";
  EXPECT_EQ(t1.substr(minor->begin, minor->end - minor->begin), "meid van 17");

  std::string t2 = "Ik ben zestien en nieuw hier.";
  AdSignals zestien = run(t2);
  EXPECT_EQ(zestien.ages, std::vector<int>{16});
  const Hit* m2 = Find(zestien, "age.stated_minor");
  ASSERT_NE(m2, nullptr);
  EXPECT_EQ(t2.substr(m2->begin, m2->end - m2->begin), "Ik ben zestien");

  EXPECT_TRUE(run("Ik werk al 16 jaar in Heerlen als masseuse.").ages.empty());
  EXPECT_TRUE(run("Al bijna 18 jaar ervaring.").ages.empty());
  EXPECT_TRUE(run("Vandaag pas 18.00 uur bereikbaar.").ages.empty());
  EXPECT_EQ(Find(run("Geen extreme dingen."), "services.extreme"), nullptr);
  EXPECT_NE(Find(run("Extreme dingen mogelijk."), "services.extreme"), nullptr);
  AdSignals tieners = run("Geen tieners, alleen heren vanaf 25.");
  EXPECT_EQ(Find(tieners, "age.teen"), nullptr);
  EXPECT_TRUE(tieners.ages.empty());
  AdSignals entity = run("Ik ben &#49;&#54; &amp; nieuw");
  EXPECT_EQ(entity.ages, std::vector<int>{16});
  AdSignals leet = run("hot t33n");
  EXPECT_NE(Find(leet, "age.teen"), nullptr);
}

// Character references are decoded for phones and places too, not only for
// the rules: a JSON site or a saved page may hide a number behind "&#48;".
TEST(Analyze, PhonesAndPlacesReadDecodedText) {
  Ad ad;
  ad.region = "NL";
  ad.text = "Bel &#48;6&#45;12345678, ik woon in Sittard&#x2D;Geleen";
  ad.phones = {"&#43;31 6 23456789"};
  AdSignals s = AnalyzeAd(ad, M());
  std::vector<std::string> e164;
  for (const auto& p : s.phones) e164.push_back(p.e164);
  EXPECT_NE(std::find(e164.begin(), e164.end(), "+31612345678"), e164.end());
  EXPECT_NE(std::find(e164.begin(), e164.end(), "+31623456789"), e164.end());
  ASSERT_FALSE(s.places.empty());
  EXPECT_EQ(s.places[0].municipality, "Sittard-Geleen");
}

// Sites without a phone field: the number in the name ("Bea 0152 8417 0593").
TEST(Analyze, PhoneInTheNameField) {
  Ad ad;
  ad.region = "DE";
  ad.name = "Bea 0152 8417 0593";
  ad.text = "Hausbesuche in Aachen.";
  AdSignals s = AnalyzeAd(ad, M());
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_EQ(s.phones[0].e164, "+4915284170593");
  EXPECT_EQ(s.phones[0].field, "name");
}

TEST(Analyze, OrdinaryAdIsQuiet) {
  Ad ad;
  ad.title = "Sanne, discreet in Maastricht";
  ad.text = "Hoi, ik ben Sanne (34). Ontvangst in mijn eigen appartement, altijd met condoom. Bel 0612345678.";
  ad.city = "Maastricht";
  AdSignals s = AnalyzeAd(ad, M());
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_EQ(s.phones[0].e164, "+31612345678");
  EXPECT_FALSE(s.phones[0].obfuscated);
  EXPECT_EQ(s.ages, std::vector<int>{34});
  ASSERT_FALSE(s.places.empty());
  EXPECT_EQ(s.places[0].municipality, "Maastricht");
  EXPECT_TRUE(s.hits.empty()) << s.hits[0].rule;
  EXPECT_EQ(s.score, 0);
  EXPECT_EQ(s.severity, Severity::kNone);
}

TEST(Analyze, RiskyAdCollectsEvidence) {
  Ad ad;
  ad.title = "Net 18 en nieuw in de stad";
  ad.text = "Onze meiden zijn 24/7 beschikbaar in een hotel bij Geleen. Alles mogelijk, ook zonder condoom. "
            "Bel nul zes een twee drie vier vijf zes zeven acht.";
  ad.city = "Geleen";
  ad.price = "€ 30";
  AdSignals s = AnalyzeAd(ad, M());
  for (const char* r : {"age.just_18", "movement.new_in_town", "control.many_women", "availability.always",
                        "location.hotel", "services.no_limits", "services.unprotected", "price.low",
                        "contact.phone_obfuscated"})
    EXPECT_NE(Find(s, r), nullptr) << r;
  const Hit* net18 = Find(s, "age.just_18");
  ASSERT_NE(net18, nullptr);
  EXPECT_EQ(net18->field, "title");
  EXPECT_EQ(ad.title.substr(net18->begin, net18->end - net18->begin), "Net 18");
  EXPECT_FALSE(net18->description.empty());
  EXPECT_EQ(s.age_hints, std::vector<std::string>{"age.just_18"});
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_TRUE(s.phones[0].obfuscated);
  const Hit* obf = Find(s, "contact.phone_obfuscated");
  ASSERT_NE(obf, nullptr);
  EXPECT_EQ(obf->field, "text");
  EXPECT_EQ(ad.text.substr(obf->begin, obf->end - obf->begin), "nul zes een twee drie vier vijf zes zeven acht");
  EXPECT_EQ(s.places[0].name, "Geleen");
  EXPECT_GE(s.score, 80);
  EXPECT_EQ(s.severity, Severity::kCritical);
}

TEST(Analyze, StatedMinorIsCritical) {
  Ad ad;
  ad.text = "Hoi ik ben Mila, 16 jaar";
  AdSignals s = AnalyzeAd(ad, M());
  const Hit* h = Find(s, "age.stated_minor");
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->severity, Severity::kCritical);
  EXPECT_EQ(s.severity, Severity::kCritical);
  EXPECT_NE(h->evidence.find("16 jaar"), std::string::npos);
  // The age field counts too.
  Ad f;
  f.stated_age = "17";
  EXPECT_NE(Find(AnalyzeAd(f, M()), "age.stated_minor"), nullptr);
}

TEST(Analyze, AStayGivesWayToAHigherStatedAge) {
  Ad ad;
  ad.title = "Olga - 16 years in Krefeld";
  ad.text = "I am Olga, 47, from Riga.";
  AdSignals s = AnalyzeAd(ad, M());
  EXPECT_EQ(s.ages, std::vector<int>{47});
  EXPECT_EQ(Find(s, "age.stated_minor"), nullptr);
  // Alone, or beside a higher age only in the age field, the number still counts.
  Ad alone;
  alone.title = "Anna 16 jaar in Heerlen";
  alone.stated_age = "19";
  EXPECT_NE(Find(AnalyzeAd(alone, M()), "age.stated_minor"), nullptr);
}

TEST(Analyze, MunicipalMinimumAge) {
  Ad ad;
  ad.text = "Ik ben 19 jaar";
  ad.city = "Heerlen";  // local rule: 21
  AdSignals s = AnalyzeAd(ad, M());
  const Hit* h = Find(s, "age.stated_below_min");
  ASSERT_NE(h, nullptr);
  EXPECT_NE(h->description.find("21"), std::string::npos);
  EXPECT_EQ(Find(s, "age.stated_minor"), nullptr);
  ad.city = "Maastricht";  // national 18
  EXPECT_EQ(Find(AnalyzeAd(ad, M()), "age.stated_below_min"), nullptr);
}

TEST(Analyze, ACategoryCountsOnceAndARuleOnce) {
  Ad ad;  // many service hits, in two fields: one category, three rules
  ad.title = "alles mogelijk zonder condoom";
  ad.text = "alles mogelijk, AO, extreem, gangbang";
  AdSignals s = AnalyzeAd(ad, M());
  int alles = 0;
  double services = 0;
  for (const auto& h : s.hits) {
    alles += h.rule == "services.no_limits";
    if (h.category == "services") services += h.weight;
  }
  EXPECT_EQ(alles, 1);
  EXPECT_EQ(services, 45);  // three services rules fired, 15 each
  EXPECT_EQ(s.score, 15);   // the category adds its strongest hit: one kind of signal, not three
  EXPECT_LT(s.severity, Severity::kHigh);
}

TEST(Analyze, RegionOverridesDefault) {
  Ad ad;
  ad.text = "Bel 0470 12 34 56";
  ad.region = "BE";
  AdSignals s = AnalyzeAd(ad, M());
  ASSERT_EQ(s.phones.size(), 1u);
  EXPECT_EQ(s.phones[0].e164, "+32470123456");
  Ad two;
  two.text = "Bel 0612345678";
  two.phones = {"tel:+31687654321"};
  AdSignals t = AnalyzeAd(two, M());
  EXPECT_EQ(t.phones.size(), 2u);
  EXPECT_NE(Find(t, "contact.phone_multiple"), nullptr);
}

// A builtin rule's `exclude` reads the whole ad: a licensed club's receptionist
// named in the text is no intermediary, the same wording without the licence is.
TEST(Analyze, BuiltinExcludeReadsTheWholeAd) {
  Ad ad;
  ad.text = "Onze receptioniste Marian neemt de telefoon op en vertelt je welke dames er zijn.";
  EXPECT_NE(Find(AnalyzeAd(ad, M()), "control.named_intermediary"), nullptr);
  ad.title = "Club Amber, exploitatievergunning gemeente Sittard-Geleen nr. 2024/0117";
  EXPECT_EQ(Find(AnalyzeAd(ad, M()), "control.named_intermediary"), nullptr);
}

TEST(Analyze, MovementAloneWeighsLittle) {
  Ad ad;
  ad.text = "Nieuw in de stad, alleen deze week!";
  AdSignals s = AnalyzeAd(ad, M());
  EXPECT_NE(Find(s, "movement.new_in_town"), nullptr);
  EXPECT_LE(s.score, 5);
  EXPECT_EQ(s.severity, Severity::kLow);
}

// Writers put an age where the site leaves room: the name or the price field.
TEST(Analyze, AgesInTheNameAndPriceFields) {
  Ad named;
  named.name = "Cindy (16)";
  named.text = "Petite brune souriante, je reçois à Herstal.";
  AdSignals s = AnalyzeAd(named, M());
  EXPECT_EQ(s.ages, std::vector<int>{16});
  EXPECT_NE(Find(s, "age.stated_minor"), nullptr);
  Ad priced;
  priced.price = "50 (ben 17 dus ff discreet)";
  priced.text = "Hoi ik ben Lynn uit Emmen.";
  EXPECT_EQ(AnalyzeAd(priced, M()).ages, std::vector<int>{17});
  Ad plain;
  plain.price = "€ 100 (30 min)";
  plain.text = "Hoi ik ben Lynn uit Emmen.";
  EXPECT_TRUE(AnalyzeAd(plain, M()).ages.empty());
}

// A contact named in the name field's aside or beside the number in the phone
// field is someone between the client and her; her own name there is not.
// The field of the named-intermediary hit, "" when there is none.
std::string IntermediaryField(const std::string& name, const std::string& text, std::vector<std::string> phones = {}) {
  Ad ad;
  ad.name = name;
  ad.text = text;
  ad.phones = std::move(phones);
  const AdSignals s = AnalyzeAd(ad, M());
  const Hit* h = Find(s, "control.named_intermediary");
  return h ? h->field : "";
}

TEST(Analyze, NamedContactInNameAsideAndPhoneField) {
  EXPECT_EQ(IntermediaryField("Mira (ask for Sergiu)", "Hi sweeties, Mira, 25, slim. Private flat near the station."),
            "name");
  const std::string daria = "Bonsoir, je suis Daria, 24 ans. Appelez le numéro ci-dessous.";
  EXPECT_EQ(IntermediaryField("Daria", daria, {"0476 90 28 35 (Marius)"}), "phones");
  EXPECT_EQ(IntermediaryField("Daria", daria, {"Daria 0476 90 28 35"}), "");
  // A slash starts an aside only before a label's colon; "Anna / Eva" is a duo.
  EXPECT_EQ(IntermediaryField("Alina / boekingen: Marco", "Hi schat, ik ben Alina. Afspraak maken via WhatsApp."),
            "name");
  EXPECT_EQ(IntermediaryField("Anna / Eva", "Duo Anna en Eva. Ook alleen met Eva mogelijk."), "");
}

// `only_with_age_at_most`: a recent birthday is youth wording beside a stated
// 18 (in any field), nothing beside a stated 35 or no age at all.
TEST(Analyze, OnlyWithAgeAtMostNeedsAYoungStatedAge) {
  Ad young;
  young.text = "Vor drei Wochen war mein Geburtstag, du wärst einer der ersten.";
  young.stated_age = "18";
  AdSignals s = AnalyzeAd(young, M());
  EXPECT_NE(Find(s, "age.recent_birthday"), nullptr);
  EXPECT_GE(s.score, 40);
  Ad older = young;
  older.stated_age = "35";
  EXPECT_EQ(Find(AnalyzeAd(older, M()), "age.recent_birthday"), nullptr);
  Ad none = young;
  none.stated_age = "";
  EXPECT_EQ(Find(AnalyzeAd(none, M()), "age.recent_birthday"), nullptr);
}

// `only_with`: "afspraken via mij" is control in an ad about her, and her own
// phone when she writes it herself.
TEST(Analyze, OnlyWithNeedsTheOtherCategory) {
  Ad self;
  self.text = "Ik ben Mara, 30. Afspraken via mij, ik ontvang in Heerlen.";
  EXPECT_EQ(Find(AnalyzeAd(self, M()), "control.via_me"), nullptr);
  Ad about;
  about.text = "Zij is Mara, 20, nieuw in Heerlen. Afspraken via mij.";
  AdSignals s = AnalyzeAd(about, M());
  EXPECT_NE(Find(s, "control.via_me"), nullptr);
  EXPECT_GE(s.score, 40);
}

}  // namespace
}  // namespace adwatch
