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
  da.alert.contributions = {
      {"age.young_wording", "age", 20, "nieuw meisje, net 18, bel 06-12 34 56 78 <nu>", {"https://a/1"}},
      {"phone.shared", "movement", 30, "zelfde nummer +31 6 98765432 in 4 advertenties", {}},
      {"price.low", "services", 14, "alles 50 euro, postcode 6161", {}}};
  da.phones = {{"612345678", "3fa9c2d1"}};
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
  auto r = RenderDigest(Sample(), RenderOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->subject, "adwatch: 1 signaal — Sittard-Geleen");
  const std::string& t = r->text;
  // Summary first, then the alert.
  EXPECT_LT(t.find("Samenvatting"), t.find("Signaal #17"));
  EXPECT_NE(t.find("4 open signalen"), std::string::npos);
  EXPECT_NE(t.find("ernst: hoog, score 64"), std::string::npos);
  EXPECT_NE(t.find("[tel 3fa9c2d1]"), std::string::npos);
  EXPECT_NE(t.find("zelfde nummer [tel] in"), std::string::npos) << "unknown numbers are masked too";
  EXPECT_EQ(t.find("98765432"), std::string::npos);
  EXPECT_EQ(t.find("12 34 56 78"), std::string::npos);
  EXPECT_NE(t.find("postcode 6161"), std::string::npos);
  EXPECT_NE(t.find("https://demo.example/ad/1"), std::string::npos);
  EXPECT_NE(t.find("Geleen (28-11-2026) → Maastricht (30-11-2026)"), std::string::npos) << t;
  EXPECT_NE(t.find("Gemaakt: 30-11-2026 09:00 (Europe/Amsterdam)"), std::string::npos) << t;
  EXPECT_NE(t.find("Wat nu: "), std::string::npos);
  EXPECT_NE(t.find("Een signaal is geen bewijs"), std::string::npos);
  EXPECT_NE(t.find("Zoë"), std::string::npos);
  // HTML: evidence highlighted and escaped, link present, no images.
  const std::string& h = r->html;
  EXPECT_NE(h.find("<mark>nieuw meisje, net 18, bel [tel 3fa9c2d1] &lt;nu&gt;</mark>"), std::string::npos) << h;
  EXPECT_NE(h.find("<a href=\"https://demo.example/ad/1\">"), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_NE(h.find("Een signaal is geen bewijs"), std::string::npos);
}

TEST(Render, MinimalDetailHasNoEvidenceOrAds) {
  RenderOptions opt;
  opt.detail = "minimal";
  auto r = RenderDigest(Sample(), opt);
  ASSERT_TRUE(r.ok());
  for (const std::string* body : {&r->text, &r->html}) {
    EXPECT_EQ(body->find("meisje"), std::string::npos);
    EXPECT_EQ(body->find("demo.example"), std::string::npos);
    EXPECT_EQ(body->find("Zoë"), std::string::npos);
    EXPECT_EQ(body->find("tel"), std::string::npos);
    EXPECT_NE(body->find("#17"), std::string::npos);
    EXPECT_NE(body->find("Sittard-Geleen"), std::string::npos);
    EXPECT_NE(body->find("age (1), movement (1), services (1)"), std::string::npos);
    EXPECT_NE(body->find("Een signaal is geen bewijs"), std::string::npos);
  }
}

TEST(Render, EnglishQuietAndImmediate) {
  RenderOptions opt;
  opt.language = "en";
  DigestInput quiet;
  quiet.generated = FromUnixSeconds(1'796'025'600);
  auto q = RenderDigest(quiet, opt);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->subject, "adwatch: no new signals — whole region");
  EXPECT_NE(q->text.find("A signal is not proof"), std::string::npos);
  DigestInput in = Sample();
  in.immediate = true;
  in.alerts[0].alert.severity = Severity::kCritical;
  auto r = RenderDigest(in, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->subject, "adwatch: critical signal #17 — Sittard-Geleen");
  opt.meldroute["Sittard-Geleen"] = "Call the Sittard-Geleen coordinator.";
  r = RenderDigest(in, opt);
  EXPECT_NE(r->text.find("What next: Call the Sittard-Geleen coordinator."), std::string::npos);
}

TEST(Render, AdKnownOnlyByUrl) {
  DigestInput in = Sample();
  DigestAd bare;
  bare.url = "https://demo.example/ad/2";
  in.alerts[0].ads.push_back(bare);
  auto r = RenderDigest(in, RenderOptions{});
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
