// Cross-ad sentences from the stored counts (alerts/explain.h): singular and
// plural, both languages, and rows stored before the counts (old English
// evidence, or evidence that no longer reads).
#include "alerts/explain.h"

#include <gtest/gtest.h>

namespace adwatch {
namespace {

Contribution SharedPhone(int ads, int names, int days) {
  Contribution c{"shared_phone", "shared_phone", 30, "whatever the matcher logs", {}, {}};
  CrossAdFact f;
  f.phone = "3fa9c2d1e0b4", f.ads = ads, f.names = names, f.days = days;
  c.facts = {f};
  return c;
}

TEST(CrossAdLines, SharedPhoneFromFactsAgreesInNumber) {
  auto many = CrossAdLines(SharedPhone(4, 3, 30), "nl");
  ASSERT_EQ(many.size(), 1u);
  EXPECT_EQ(many[0].sentence, "Hetzelfde telefoonnummer staat in 4 advertenties onder 3 namen binnen 30 dagen.");
  auto one = CrossAdLines(SharedPhone(2, 1, 1), "nl");
  EXPECT_EQ(one[0].sentence, "Hetzelfde telefoonnummer staat in 2 advertenties onder 1 naam binnen 1 dag.");
  auto en = CrossAdLines(SharedPhone(2, 1, 1), "en");
  EXPECT_EQ(en[0].sentence, "The same phone number is in 2 ads under 1 name within 1 day.");
  // The digest names the number as its masked copies do.
  auto ref = CrossAdLines(SharedPhone(4, 3, 30), "nl", {{"612345678", "3fa9c2d1"}});
  EXPECT_EQ(ref[0].sentence,
            "Hetzelfde telefoonnummer [tel 3fa9c2d1] staat in 4 advertenties onder 3 namen binnen 30 dagen.");
}

TEST(CrossAdLines, TemplateAndTouringFromFacts) {
  Contribution t{"template", "template", 20, "", {}, {}};
  CrossAdFact one, two;
  one.ads = 3, one.identities = 2, one.phrase = "Nieuw hier; lief en discreet";
  two.ads = 1, two.identities = 1;  // not found by the matcher, but said right if it were
  t.facts = {one, two};
  auto lines = CrossAdLines(t, "nl");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].sentence,
            "3 advertenties met 2 verschillende telefoonnummers of namen gebruiken (bijna) dezelfde tekst. Gedeelde zin:");
  EXPECT_EQ(lines[0].phrase, "Nieuw hier; lief en discreet");
  EXPECT_EQ(lines[1].sentence, "1 advertentie met 1 telefoonnummer of naam gebruikt (bijna) dezelfde tekst.");
  EXPECT_EQ(lines[1].phrase, "");

  Contribution r{"touring", "touring", 0, "", {}, {}};
  CrossAdFact tour;
  tour.places = 3, tour.days = 1, tour.towns = {"Geleen", "Stein", "Maastricht"}, tour.scored = false;
  r.facts = {tour};
  EXPECT_EQ(CrossAdLines(r, "nl")[0].sentence,
            "De advertenties noemen 3 plaatsen binnen 1 dag: Geleen → Stein → Maastricht. Telt niet mee in de score: "
            "verplaatsing alleen is geen risico, maar koppelt advertenties.");
  r.facts[0].scored = true;
  EXPECT_EQ(CrossAdLines(r, "en")[0].sentence, "The ads name 3 places within 1 day: Geleen → Stein → Maastricht.");
}

// Rows stored before the counts: the old English evidence is read back; what
// does not read becomes the generic sentence, never the English text.
TEST(CrossAdLines, OldRowsFallBackToTheirEvidence) {
  Contribution old{"shared_phone", "shared_phone", 30,
                   "phone 3fa9c2d1e0b4 in 2 ads under 1 names within 30d; phone 77aa in 5 ads under 4 names within 30d",
                   {}, {}};
  auto facts = CrossAdFacts(old);
  ASSERT_EQ(facts.size(), 2u);
  EXPECT_EQ(facts[1].ads, 5);
  auto lines = CrossAdLines(old, "nl");
  EXPECT_EQ(lines[0].sentence, "Hetzelfde telefoonnummer staat in 2 advertenties onder 1 naam binnen 30 dagen.");
  EXPECT_EQ(lines[1].sentence, "Hetzelfde telefoonnummer staat in 5 advertenties onder 4 namen binnen 30 dagen.");

  Contribution tmpl{"template", "template", 20, "2 ads with 2 phones/names share: \"a; b\"; 4 ads with 3 phones/names share: \"c\"", {}, {}};
  auto t = CrossAdLines(tmpl, "nl");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].phrase, "a; b");
  EXPECT_EQ(t[1].phrase, "c");

  Contribution garbled{"touring", "touring", 0, "moved around a lot", {}, {}};
  EXPECT_TRUE(CrossAdFacts(garbled).empty());
  auto g = CrossAdLines(garbled, "nl");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].sentence, "Een signaal over meerdere advertenties samen.");

  Contribution per_ad{"age.just_18", "age", 40, "text[1,2]: net 18", {}, {}};
  EXPECT_FALSE(IsCrossAd(per_ad));
  EXPECT_TRUE(CrossAdFacts(per_ad).empty());
}

// The digest says the stored counts, not the evidence text.
TEST(CrossAdLines, DigestRendersFromFacts) {
  DigestInput in;
  in.digest_id = "d";
  in.generated = FromUnixSeconds(1'796'025'600);
  in.municipalities = {"Heerlen"};
  DigestAlert da;
  da.alert.id = 5;
  da.alert.severity = Severity::kHigh;
  da.alert.score = 50;
  da.alert.municipalities = {"Heerlen"};
  da.alert.contributions = {SharedPhone(2, 1, 1)};
  in.alerts = {da};
  auto r = RenderDigest(in, RenderOptions{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->text.find("Hetzelfde telefoonnummer staat in 2 advertenties onder 1 naam binnen 1 dag."),
            std::string::npos) << r->text;
  EXPECT_EQ(r->text.find("whatever the matcher logs"), std::string::npos);
}

}  // namespace
}  // namespace adwatch
