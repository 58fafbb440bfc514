// Ordinary ad wording, as a new user tried it on the shipped rules: what a
// coordinator must see is seen, and idioms that harm nobody stay quiet. Each
// row was measured wrong once (the issue "Detection that holds on ads nobody
// here wrote"); the table is the contract for the default rules.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/loader.h"
#include "matcher/analyze.h"

namespace adwatch {
namespace {

const Matcher& Shipped() {
  static const Matcher* m = [] {
    const std::string dir = std::string(ADWATCH_SOURCE_DIR) + "/deploy/rules/";
    LoadResult r = LoadRuleFiles({dir + "default.toml", dir + "signals.toml"});
    for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
    MatcherConfig mc = r.config.matcher;
    mc.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
    auto made = MakeMatcher(mc);
    if (!made.ok()) ADD_FAILURE() << made.status().ToString();
    return new Matcher(made.ok() ? std::move(made).value() : Matcher());
  }();
  return *m;
}

AdSignals Analyze(const std::string& text, const std::string& region = "NL") {
  Ad ad;
  ad.text = text;
  ad.region = region;
  return AnalyzeAd(ad, Shipped());
}

bool HasCategory(const AdSignals& s, const std::string& category) {
  return std::any_of(s.hits.begin(), s.hits.end(), [&](const Hit& h) { return h.category == category; });
}

struct Row {
  const char* text;
  Severity at_least;     // kNone: must stay quiet (no hit at all)
  const char* category;  // the category that must fire ("" when quiet)
  std::vector<int> ages;
};

TEST(OrdinaryWording, WhatMustBeSeenAndWhatMustStayQuiet) {
  const std::vector<Row> rows = {
      {"Lieve meid van 17 uit Heerlen.", Severity::kCritical, "age", {17}},
      {"Ik ben zestien en nieuw hier.", Severity::kCritical, "age", {16}},
      {"Barely 18, tight and shy.", Severity::kHigh, "age", {}},
      {"Zit nog op de middelbare school.", Severity::kHigh, "age", {}},
      {"Our new girl Anna is in town this week only, call her manager.", Severity::kHigh, "control", {}},
      {"Diese Dame macht alles, ruf ihren Manager an.", Severity::kHigh, "control", {}},
      {"Ik werk al 16 jaar in Heerlen als masseuse.", Severity::kNone, "", {}},
      {"Al bijna 18 jaar ervaring.", Severity::kNone, "", {}},
      {"Vandaag pas 18.00 uur bereikbaar.", Severity::kNone, "", {}},
      {"Geen tieners, alleen heren vanaf 25.", Severity::kNone, "", {}},
      {"Ik verwen je van top tot teen.", Severity::kNone, "", {}},
      {"Geen extreme dingen.", Severity::kNone, "", {}},
      // Written by people who never read the rules (corpus batch z, dev).
      {"Amber is zeventien en deze week in Tongeren.", Severity::kCritical, "age", {17}},
      {"Betalen doe je niet aan mij maar bij Mihai, hij staat beneden.", Severity::kHigh, "control", {}},
      {"Mein Bekannter fährt mich und wartet unten. Bitte das Geld ihm geben.", Severity::kHigh, "control", {}},
      {"Wat wel en niet kan beslist haar vriend.", Severity::kHigh, "control", {}},
  };
  for (const Row& r : rows) {
    AdSignals s = Analyze(r.text);
    std::vector<int> ages = s.ages;
    EXPECT_EQ(ages, r.ages) << r.text;
    if (r.at_least == Severity::kNone) {
      EXPECT_TRUE(s.hits.empty()) << r.text << ": " << s.hits[0].rule;
      EXPECT_EQ(s.severity, Severity::kNone) << r.text;
    } else {
      EXPECT_GE(s.severity, r.at_least) << r.text << " scored " << s.score;
      EXPECT_TRUE(HasCategory(s, r.category)) << r.text;
    }
  }
}

TEST(OrdinaryWording, PhonesAsPeopleWriteThem) {
  auto phones = [](const AdSignals& s) {
    std::vector<std::string> out;
    for (const PhoneFound& p : s.phones) out.push_back(p.e164 + (p.obfuscated ? " obfuscated" : ""));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(phones(Analyze("Ruf an 00 49 177 99 1234567")), V{"+49177991234567"});
  EXPECT_EQ(phones(Analyze("Call 646-389-3950", "US")), V{"+16463893950"});
  EXPECT_EQ(phones(Analyze("+31 (0)6 26 55 51 71")), V{"+31626555171"});
  EXPECT_EQ(phones(Analyze("06.47.55.54.57")), V{"+31647555457"});
}

}  // namespace
}  // namespace adwatch
