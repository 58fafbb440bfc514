// `adwatch analyze` and `adwatch rules test`, called through their command
// functions (as main would) on real files.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/commands.h"

namespace adwatch {
namespace {

using nlohmann::json;

std::string TempFile(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/matcher_cli_" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

int RunCmd(int (*cmd)(CommandContext&), std::vector<std::string> args, std::string* out) {
  CommandContext ctx;
  ctx.args = std::move(args);
  ::testing::internal::CaptureStdout();
  int rc = cmd(ctx);
  std::cout.flush();
  *out = ::testing::internal::GetCapturedStdout();
  return rc;
}

TEST(Cli, AnalyzeJson) {
  std::string f = TempFile("ad.txt", "Net 18 en nieuw! Alles mogelijk, ook zonder condoom. Ik ben Lisa (19) uit Geleen. "
                                     "Bel nul zes een twee drie vier vijf zes zeven acht");
  std::string out;
  ASSERT_EQ(RunCmd(RunAnalyze, {"--json", "--file", f}, &out), kExitOk);
  json j = json::parse(out);
  EXPECT_EQ(j["phones"], json::array({"+31612345678"}));
  EXPECT_EQ(j["obfuscated_phones"], json::array({"+31612345678"}));
  EXPECT_EQ(j["ages"], json::array({19}));
  EXPECT_EQ(j["age_hints"], json::array({"age.just_18"}));
  ASSERT_FALSE(j["places"].empty());
  EXPECT_EQ(j["places"][0]["municipality"], "Sittard-Geleen");
  EXPECT_EQ(j["places"][0]["country"], "NL");
  bool no_condom = false;
  for (const auto& h : j["hits"]) {
    EXPECT_TRUE(h.contains("evidence") && h.contains("weight") && h.contains("severity") && h.contains("field"));
    no_condom |= h["rule"] == "services.unprotected";
  }
  EXPECT_TRUE(no_condom);
  EXPECT_GT(j["score"].get<double>(), 50);
  EXPECT_EQ(j["severity"], "high");  // alerts; critical is for a stated minor or a score of 80
}

TEST(Cli, AnalyzeJsonLinesInOrderWithRegion) {
  std::string f = TempFile("ads.jsonl",
                           "{\"id\":\"a\",\"title\":\"Hoi\",\"text\":\"bel 0470 12 34 56\",\"city\":\"Lanaken\",\"region\":\"BE\"}\n"
                           "not json\n"
                           "{\"id\":\"b\",\"text\":\"ik ben 16 jaar\",\"city\":\"Heerlen\"}\n"
                           "{\"id\":\"c\",\"text\":\"Rustige dame, bel 0612345678\",\"phones\":[\"tel:+31687654321\"]}\n");
  std::string out;
  EXPECT_EQ(RunCmd(RunAnalyze, {"--jsonl", "--file", f}, &out), kExitFailure);  // one bad line
  std::istringstream lines(out);
  std::vector<json> rows;
  for (std::string l; std::getline(lines, l);) rows.push_back(json::parse(l));
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["id"], "a");
  EXPECT_EQ(rows[0]["phones"], json::array({"+32470123456"}));
  EXPECT_EQ(rows[0]["places"][0]["country"], "BE");
  EXPECT_EQ(rows[1]["line"], 2);
  EXPECT_EQ(rows[2]["id"], "b");
  EXPECT_EQ(rows[2]["severity"], "critical");
  EXPECT_EQ(rows[3]["phones"].size(), 2u);
}

TEST(Cli, AnalyzeHtml) {
  std::string f = TempFile("ad.html",
                           "<html><body><h1>Sanne in Maastricht</h1><p>24/7 beschikbaar</p>"
                           "<a href=\"tel:+31612345678\">bel</a></body></html>");
  std::string out;
  ASSERT_EQ(RunCmd(RunAnalyze, {"--json", "--file", f}, &out), kExitOk);
  json j = json::parse(out);
  EXPECT_EQ(j["phones"], json::array({"+31612345678"}));
  EXPECT_EQ(j["places"][0]["name"], "Maastricht");
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["rule"], "availability.always");
}

TEST(Cli, RulesTestDefaultPasses) {
  std::string out;
  EXPECT_EQ(RunCmd(RunRules, {"test"}, &out), kExitOk) << out;
  EXPECT_NE(out.find(" 0 failures"), std::string::npos) << out;
}

TEST(Cli, RulesTestReportsFailuresByIdAndLine) {
  std::string f = TempFile("bad.toml",
                           "[[rule]]\nid = \"x.one\"\ncategory = \"services\"\npatterns = ['(?i)\\bfoo\\b']\n"
                           "weight = 1\nseverity = \"low\"\ndescription = \"d\"\nsource = \"s\"\nevidence = \"C\"\n"
                           "examples.match = [\"foo\", \"bar\"]\nexamples.no_match = [\"food\"]\n");
  std::string out;
  EXPECT_EQ(RunCmd(RunRules, {"test", f}, &out), kExitFailure);
  EXPECT_NE(out.find(f + ":1: rule 'x.one': should match: \"bar\""), std::string::npos) << out;
  EXPECT_EQ(RunCmd(RunRules, {"test", TempFile("broken.toml", "[[rule]]\nid = 3\n")}, &out), kExitUsage);
}

TEST(Cli, BacktestNeedsRulesAndHelp) {
  std::string out;
  EXPECT_EQ(RunCmd(RunRules, {"backtest"}, &out), kExitUsage);
  EXPECT_EQ(RunCmd(RunRules, {"backtest", "--rules", "x.toml", "--since", "soon"}, &out), kExitUsage);
  EXPECT_EQ(RunCmd(RunRules, {"--help"}, &out), kExitOk);
  EXPECT_NE(out.find("rules test"), std::string::npos);
  EXPECT_EQ(RunCmd(RunAnalyze, {"--help"}, &out), kExitOk);
  EXPECT_NE(out.find("--jsonl"), std::string::npos);
  EXPECT_EQ(RunCmd(RunAnalyze, {"--bogus"}, &out), kExitUsage);
}

}  // namespace
}  // namespace adwatch
