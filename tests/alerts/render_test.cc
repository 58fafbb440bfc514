#include "alerts/render.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

DigestInput Sample() {
  DigestInput in;
  in.digest_id = "digest-1";
  in.generated = FromUnixSeconds(1'796'025'600);  // Mon 30 Nov 2026 08:00 UTC = 09:00 CET
  in.municipalities = {"Sittard-Geleen"};
  in.open_alerts = 4;
  DigestAlert da;
  da.alert.id = 17;
  da.alert.severity = Severity::kHigh;
  da.alert.score = 64;
  da.alert.municipalities = {"Sittard-Geleen"};
  // As matcher/crossad/scoring.cc records them.
  da.alert.contributions = {
      {"age.just_18", "age", 40, "text[12,18]: nieuw meisje, net 18, bel 06-12 34 56 78 <nu>", {"https://a/1"}},
      {"contact.phone_multiple,contact.text_only", "contact", 15, "phones[0,0]: 2 nummers | text[30,43]: alleen app", {}},
      {"shared_phone", "shared_phone", 30, "phone 3fa9c2d1e0b4 in 4 ads under 4 names within 30d", {}},
      {"touring", "touring", 0, "3 towns within 14d: Geleen -> Stein -> Maastricht (not scored: movement links ads but is no risk on its own)", {}}};
  da.phones = {{"612345678", "3fa9c2d1"}};
  DigestHit hit;
  hit.rule = "age.just_18";
  hit.description = "Spreekt van 'net 18' (opgeslagen)";
  hit.severity = Severity::kHigh;
  hit.before = "…nieuw meisje, ";
  hit.match = "net 18";
  hit.after = ", bel 06-12 34 56 78 <nu>";
  da.hits = {hit};
  DigestAd ad;
  ad.site = "demo-html";
  ad.title = "Nieuw in Geleen — Zoë";
  ad.url = "https://demo.example/ad/1";
  ad.first_seen = FromUnixSeconds(1'795'852'800);
  ad.last_seen = in.generated;
  ad.towns = {{FromUnixSeconds(1'795'852'800), "Geleen"}, {in.generated, "Maastricht"}};
  da.ads = {ad};
  in.alerts = {da};
  return in;
}

RenderOptions Options() {
  RenderOptions opt;
  opt.rules["age.just_18"] = {"Spreekt van 'net 18' of 'barely legal': taal die op een zeer jonge leeftijd wijst",
                              Severity::kHigh, "V"};
  opt.rules["contact.phone_multiple"] = {"Twee of meer telefoonnummers in één advertentie", Severity::kLow, "C"};
  opt.rules["age.stated_minor"] = {"De advertentie noemt een leeftijd onder de 18 jaar", Severity::kCritical, "V"};
  return opt;
}

TEST(MaskPhones, MasksNumbersKeepsShortDigits) {
  std::vector<PhoneRef> refs = {{"612345678", "3fa9c2d1"}};
  EXPECT_EQ(MaskPhones("bel 06-12 34 56 78 nu", refs), "bel [tel 3fa9c2d1] nu");
  EXPECT_EQ(MaskPhones("bel +31612345678.", refs), "bel [tel 3fa9c2d1].");
  EXPECT_EQ(MaskPhones("app 0031 6 12345678", refs), "app [tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("ander 0687654321", refs), "ander [tel]");
  EXPECT_EQ(MaskPhones("19 jaar, 150 euro, 6161 AB, 2026", refs), "19 jaar, 150 euro, 6161 AB, 2026");
  EXPECT_EQ(MaskPhones("", refs), "");
  // Obfuscated forms.
  EXPECT_EQ(MaskPhones("📱 06*12*34*56*78 ok", refs), "📱 [tel 3fa9c2d1] ok");
  EXPECT_EQ(MaskPhones("bel O6-12 34 56 78", refs), "bel [tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("Olga 06", refs), "Olga 06");
  EXPECT_EQ(MaskPhones("\uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", refs), "[tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("0\ufe0f\u20e36\ufe0f\u20e312345678!", refs), "[tel 3fa9c2d1]!");
  EXPECT_EQ(MaskPhones("06 _ 48 _ 58 _ 34 _ 86", refs), "[tel]");
  EXPECT_EQ(MaskPhones("bel 24/7 0612345678", refs), "bel 24/7 [tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("bel 24/7 0687654321", refs), "bel 24/7 [tel]");
  EXPECT_EQ(MaskPhones("0612345678 2026", refs), "[tel 3fa9c2d1] 2026");
  EXPECT_EQ(MaskPhones("📱 061234 vijf zes zeven acht", refs), "📱 [tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("nul zes een twee drie vier vijf zes zeven acht.", refs), "[tel 3fa9c2d1].");
  EXPECT_EQ(MaskPhones("\uff0b31 6 12345678", refs), "[tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("een kamer met twee bedden, zes nachten", refs), "een kamer met twee bedden, zes nachten");
  EXPECT_EQ(MaskPhones("zeventien jaar, eenzaam", refs), "zeventien jaar, eenzaam");
  // German and French number words, as the obscured numbers of the demo write them.
  EXPECT_EQ(MaskPhones("Nummer: 061234 f\u00fcnf sechs sieben acht!", refs), "Nummer: [tel 3fa9c2d1]!");
  EXPECT_EQ(MaskPhones("z\u00e9ro six un deux trois quatre cinq six sept huit", refs), "[tel 3fa9c2d1]");
  EXPECT_EQ(MaskPhones("plus quatre neuf un sept cinq trois cinq cinq trois un neuf cinq", refs), "[tel]");
  EXPECT_EQ(MaskPhones("un deux, une nuit", refs), "un deux, une nuit");
  // Not phone numbers: dates, sizes, hex pseudonyms, ids glued to letters.
  EXPECT_EQ(MaskPhones("29-11-2026, maten 91-61-87, 1.72 m", refs), "29-11-2026, maten 91-61-87, 1.72 m");
  EXPECT_EQ(MaskPhones("phone 83749201b1c0 in 3 ads", refs), "phone 83749201b1c0 in 3 ads");
}

// Arbitrary bytes never crash the masker, and no plain 10-digit mobile
// number survives it.
TEST(MaskPhones, RandomInputIsSafe) {
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  const std::string alphabet = "0123456789 -*.O+abc\xEF\xBC\x90\xE2\x83\xA3";
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    for (int k = next() % 40; k > 0; --k) s += (next() % 4 == 0) ? static_cast<char>(next() >> 8) : alphabet[(next() >> 8) % alphabet.size()];
    std::string masked = MaskPhones(s + " 0612345678 " + s, {});
    ASSERT_EQ(masked.find("0612345678"), std::string::npos) << ::testing::PrintToString(masked);
  }
}

TEST(Render, DutchFullDigest) {
  auto r = RenderDigest(Sample(), Options());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "adwatch: 1 signaal — Sittard-Geleen");
  const std::string& t = r->text;
  // Summary first, then the alert.
  EXPECT_LT(t.find("Samenvatting: 1 signaal in dit bericht: 1 nieuw. In totaal 4 open signalen."),
            t.find("Signaal #17")) << t;
  EXPECT_EQ(t.find("Per gemeente"), std::string::npos) << "one signal: its own lines say where";
  EXPECT_NE(t.find("Ernst: hoog, omdat de score 64 de meldingsdrempel (40) bereikt; kritiek vanaf 80."),
            std::string::npos) << t;
  // Indicators as the rules' descriptions, the matched words marked, numbers masked.
  EXPECT_NE(t.find("  - Leeftijd (40 punten): Spreekt van 'net 18' of 'barely legal': taal die op een zeer jonge "
                   "leeftijd wijst. Onderbouwing: getoetst aan afgeronde zaken.\n"
                   "      „…nieuw meisje, *net 18*, bel [tel 3fa9c2d1] <nu>”"),
            std::string::npos) << t;
  EXPECT_NE(t.find("      · Twee of meer telefoonnummers in één advertentie. Onderbouwing: berekend kenmerk."),
            std::string::npos) << t;
  // No description configured or stored: a generic line with the matcher's excerpt, without offsets.
  EXPECT_NE(t.find("      · Een indicator in deze categorie.\n        „alleen app”"), std::string::npos) << t;
  EXPECT_NE(t.find("Gedeeld telefoonnummer (30 punten): Hetzelfde telefoonnummer [tel 3fa9c2d1] staat in 4 "
                   "advertenties onder 4 namen binnen 30 dagen."),
            std::string::npos) << t;
  EXPECT_NE(t.find("Reisroute (0 punten): De advertenties noemen 3 plaatsen binnen 14 dagen: Geleen → Stein → "
                   "Maastricht. Telt niet mee in de score"),
            std::string::npos) << t;
  for (const char* never : {"age.just_18", "contact.", "shared_phone", "[12,18]", "phones[", "within", "towns",
                            "12 34 56 78", "(+", "Europe/Amsterdam"})
    EXPECT_EQ(t.find(never), std::string::npos) << never;
  EXPECT_NE(t.find("  - demo-html: „Nieuw in Geleen — Zoë”\n    https://demo.example/ad/1"), std::string::npos);
  EXPECT_NE(t.find("Geleen (28-11-2026) → Maastricht (30-11-2026)"), std::string::npos) << t;
  EXPECT_NE(t.find("Gemaakt: 30-11-2026 09:00\n"), std::string::npos) << t;
  // The Zuid-Limburg route: Veilig Thuis as meldpunt, the screeningstafel, 112 only when acute.
  const size_t next = t.find("Wat nu: Bespreek het signaal met de aandachtsfunctionaris mensenhandel");
  ASSERT_NE(next, std::string::npos) << t;
  for (const char* s : {"Veilig Thuis, het centrale meldpunt mensenhandel", "screeningstafel", "Alleen bij acuut gevaar: bel 112",
                        "Vraag de beheerder van adwatch"})
    EXPECT_NE(t.find(s, next), std::string::npos) << s;
  EXPECT_EQ(t.find("RIEC"), std::string::npos);
  EXPECT_NE(t.find("Een signaal is geen bewijs"), std::string::npos);
  // HTML: the match marked and escaped, the link present, no images.
  const std::string& h = r->html;
  EXPECT_NE(h.find("<q>…nieuw meisje, <mark>net 18</mark>, bel [tel 3fa9c2d1] &lt;nu&gt;</q>"), std::string::npos) << h;
  EXPECT_NE(h.find("<a href=\"https://demo.example/ad/1\">"), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("age.just_18"), std::string::npos);
}

TEST(Render, PluralForms) {
  DigestInput in = Sample();
  in.open_alerts = 1;
  in.alerts[0].alert.contributions = {
      {"shared_phone", "shared_phone", 1, "phone 99 in 2 ads under 1 names within 1d", {}},
      {"template", "template", 30, "2 ads with 2 phones/names share: \"kom maar langs\"", {}}};
  auto r = RenderDigest(in, Options());
  ASSERT_TRUE(r.ok());
  const std::string& t = r->text;
  EXPECT_NE(t.find("1 signaal in dit bericht"), std::string::npos) << t;
  EXPECT_NE(t.find("In totaal 1 open signaal."), std::string::npos) << t;
  EXPECT_NE(t.find("(1 punt)"), std::string::npos) << t;
  EXPECT_NE(t.find("staat in 2 advertenties onder 1 naam binnen 1 dag."), std::string::npos) << t;
  EXPECT_NE(t.find("2 advertenties met 2 verschillende telefoonnummers of namen gebruiken (bijna) dezelfde tekst. "
                   "Gedeelde zin:\n      „kom maar langs”"),
            std::string::npos) << t;
  in.alerts.push_back(in.alerts[0]);
  in.alerts[1].alert.id = 18;
  in.open_alerts = 2;
  r = RenderDigest(in, Options());
  EXPECT_EQ(r->subject, "adwatch: 2 signalen — Sittard-Geleen");
  EXPECT_NE(r->text.find("  - Sittard-Geleen: 2 signalen (2 hoog)"), std::string::npos) << r->text;
  for (const char* wrong : {"1 signalen", "1 advertenties", "1 namen", "1 dagen", "1 punten", " 2 signaal "})
    EXPECT_EQ(r->text.find(wrong), std::string::npos) << wrong;
}

// The severity shown follows the thresholds and the rules, whatever was stored.
TEST(Render, SeverityAgreesWithThresholds) {
  DigestInput in = Sample();
  in.alerts[0].alert.score = 35;  // stored as high, e.g. before alert_threshold was raised
  auto r = RenderDigest(in, Options());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("== Signaal #17 — middel =="), std::string::npos) << r->text;
  EXPECT_NE(r->text.find("Ernst: middel, omdat de score 35 onder de meldingsdrempel (40) ligt."), std::string::npos);
  EXPECT_EQ(r->text.find("Ernst: hoog"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("(1 hoog)"), std::string::npos) << r->text;

  RenderOptions opt = Options();
  opt.alert_threshold = 50;
  opt.critical_threshold = 60;
  in.alerts[0].alert.score = 64;
  r = RenderDigest(in, opt);
  EXPECT_NE(r->text.find("Ernst: kritiek, omdat de score 64 de grens voor kritiek (60) bereikt."), std::string::npos);
  EXPECT_NE(r->text.find("kritiek = een indicator die altijd kritiek is (zoals een leeftijd onder de 18) of een "
                         "score van 60 of meer; hoog = een score van 50 tot 60"),
            std::string::npos) << r->text;

  // A critical rule: critical at any score, and the line says which rule.
  in.alerts[0].alert.score = 60;
  in.alerts[0].alert.contributions.insert(in.alerts[0].alert.contributions.begin(),
                                          {"age.stated_minor", "age", 60, "age[0,2]: 16", {}});
  r = RenderDigest(in, Options());
  EXPECT_EQ(r->subject, "adwatch: 1 signaal (1 kritiek) — Sittard-Geleen");
  EXPECT_NE(r->text.find("Ernst: kritiek, omdat deze indicator altijd kritiek is: De advertentie noemt een leeftijd "
                         "onder de 18 jaar (score 60; kritiek vanaf 80)."),
            std::string::npos) << r->text;
}

TEST(Render, MinimalDetailHasNoPersonalData) {
  RenderOptions opt = Options();
  opt.detail = "minimal";
  opt.console_url = "https://adwatch.gemeente.example/";
  DigestInput in = Sample();
  in.alerts.push_back(in.alerts[0]);
  in.alerts[1].alert.id = 18;
  in.alerts[1].alert.score = 90;
  auto r = RenderDigest(in, opt);
  ASSERT_TRUE(r.ok());
  for (const std::string* body : {&r->text, &r->html}) {
    for (const char* never : {"meisje", "net 18", "demo.example", "Zoë", "[tel", "Geleen (", "Stein", "„", "<q>",
                              "persoonsgegevens: niet doorsturen"})
      EXPECT_EQ(body->find(never), std::string::npos) << never << " in " << *body;
    EXPECT_NE(body->find("#17"), std::string::npos);
    EXPECT_NE(body->find("https://adwatch.gemeente.example/signals/17"), std::string::npos) << *body;
    EXPECT_NE(body->find("Sittard-Geleen: 2 signalen (1 kritiek, 1 hoog)"), std::string::npos) << *body;
    EXPECT_NE(body->find("Leeftijd, Contactgegevens, Gedeeld telefoonnummer, Reisroute (4 categorieën)"),
              std::string::npos) << *body;
    EXPECT_NE(body->find("Leg uw beoordeling vast in de console"), std::string::npos);
    EXPECT_NE(body->find("Dit bericht bevat geen persoonsgegevens"), std::string::npos);
  }
}

TEST(Render, EnglishQuietAndImmediate) {
  RenderOptions opt = Options();
  opt.language = "en";
  DigestInput quiet;
  quiet.generated = FromUnixSeconds(1'796'025'600);
  auto q = RenderDigest(quiet, opt);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->subject, "adwatch: no new signals — whole region");
  EXPECT_NE(q->text.find("A signal is not proof"), std::string::npos);
  EXPECT_EQ(q->text.find("What next"), std::string::npos);
  DigestInput in = Sample();
  in.immediate = true;
  in.alerts[0].alert.score = 90;
  auto r = RenderDigest(in, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->subject, "adwatch: critical signal #17 — Sittard-Geleen");
  EXPECT_NE(r->text.find("The same phone number [tel 3fa9c2d1] is in 4 ads under 4 names within 30 days."),
            std::string::npos) << r->text;
  opt.meldroute["Sittard-Geleen"] = "Call the Sittard-Geleen coordinator.";
  r = RenderDigest(in, opt);
  EXPECT_NE(r->text.find("What next: Call the Sittard-Geleen coordinator. Ask the adwatch administrator"),
            std::string::npos) << r->text;
}

TEST(Render, MeldrouteForTheRegionAndPerMunicipality) {
  RenderOptions opt = Options();
  opt.meldroute_default = "Meld bij het zorg- en veiligheidshuis";
  opt.console_url = "https://c.example";
  DigestInput in = Sample();
  in.municipalities.clear();
  in.alerts.push_back(in.alerts[0]);
  in.alerts[1].alert.id = 18;
  in.alerts[1].alert.municipalities = {"Heerlen"};
  auto r = RenderDigest(in, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("Wat nu: Meld bij het zorg- en veiligheidshuis. Leg uw beoordeling vast in de console"),
            std::string::npos) << r->text;
  opt.meldroute["Heerlen"] = "Bel de aandachtsfunctionaris van Heerlen.";
  r = RenderDigest(in, opt);
  EXPECT_NE(r->text.find("Wat nu voor Sittard-Geleen: Meld bij het zorg- en veiligheidshuis."), std::string::npos)
      << r->text;
  EXPECT_NE(r->text.find("Wat nu voor Heerlen: Bel de aandachtsfunctionaris van Heerlen."), std::string::npos);
  EXPECT_NE(r->text.find("Bekijken en beoordelen: https://c.example/signals/18"), std::string::npos);
}

TEST(Render, UnreadableCrossAdEvidenceBecomesAGenericLine) {
  DigestInput in = Sample();
  in.alerts[0].alert.contributions = {{"template", "template", 30, "something new the matcher says", {}}};
  auto r = RenderDigest(in, Options());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("Dezelfde tekst in meerdere advertenties (30 punten): Een signaal over meerdere advertenties "
                         "samen."),
            std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("something"), std::string::npos);
}

TEST(Render, AdKnownOnlyByUrl) {
  DigestInput in = Sample();
  DigestAd bare;
  bare.url = "https://demo.example/ad/2";
  in.alerts[0].ads.push_back(bare);
  auto r = RenderDigest(in, Options());
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("  - https://demo.example/ad/2\n"), std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("01-01-1970"), std::string::npos);
  EXPECT_NE(r->html.find("<a href=\"https://demo.example/ad/2\">https://demo.example/ad/2</a>"), std::string::npos);
}

TEST(Render, RejectsUnknownLanguageAndDetail) {
  RenderOptions opt;
  opt.language = "de";
  EXPECT_FALSE(RenderDigest(Sample(), opt).ok());
  opt.language = "nl";
  opt.detail = "everything";
  EXPECT_FALSE(RenderDigest(Sample(), opt).ok());
}

}  // namespace
}  // namespace adwatch
