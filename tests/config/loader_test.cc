// The config loader: every error class is reported with file:line:col, all
// at once; includes and precedence behave as documented.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "config/loader.h"

namespace adwatch {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("adwatch-config-test-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "rules");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& rel, const std::string& text) {
    fs::path p = dir_ / rel;
    std::ofstream(p) << text;
    return p.string();
  }
  LoadResult Load(const std::string& text) { return LoadConfig(Write("adwatch.toml", text)); }

  // All error messages joined, for readable failures.
  static std::string Joined(const LoadResult& r) {
    std::string s;
    for (const auto& e : r.errors) s += e.ToString() + "\n";
    return s;
  }

  fs::path dir_;
};

constexpr const char* kRule = R"(
[[rule]]
id = "age.net18"
category = "age"
patterns = ['(?i)\bnet\s+18\b']
weight = 45
severity = "high"
description = "net 18"
source = "NIJ 2024"
evidence = "V"
examples.match = ["net 18"]
examples.no_match = ["18+"]
)";

// Includes that are not regular files used to hang (a FIFO) or grow without
// bound (/dev/zero); now each is an error naming the file.
TEST_F(LoaderTest, IncludesThatAreNotRegularFilesAreRefused) {
  std::string fifo = (dir_ / "fifo.toml").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  LoadResult r = Load("include = [\"" + fifo + "\", \"/dev/zero\"]\n");
  ASSERT_EQ(r.errors.size(), 2u) << Joined(r);
  EXPECT_THAT(Joined(r), HasSubstr("fifo.toml:1:1: cannot read included file (" + fifo + ": not a regular file)"));
  EXPECT_THAT(Joined(r), HasSubstr("/dev/zero:1:1: cannot read included file (/dev/zero: not a regular file)"));
}

TEST_F(LoaderTest, EmptyFileGivesDefaults) {
  LoadResult r = Load("");
  ASSERT_TRUE(r.ok()) << Joined(r);
  EXPECT_EQ(r.config.store.backend, "sqlite");
  EXPECT_EQ(r.config.matcher.min_age, 18);
  EXPECT_EQ(r.config.retention.unflagged_ads, std::chrono::hours(24 * 90));
  EXPECT_EQ(r.config.alerts.language, "nl");
  // Relative paths are relative to the config file.
  EXPECT_EQ(r.config.store.path, (dir_ / "adwatch.db").string());
}

TEST_F(LoaderTest, UnknownKeySuggestsNearestKnownKey) {
  LoadResult r = Load(std::string(kRule) + "wieght = 3\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("unknown key 'wieght'"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("did you mean 'weight'?"));
  EXPECT_EQ(r.errors[0].pos.line, 13);
  EXPECT_EQ(r.errors[0].pos.column, 1);
}

TEST_F(LoaderTest, UnknownSectionListsExpectedKeys) {
  LoadResult r = Load("[stroe]\npath = \"x\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("did you mean 'store'?"));
}

TEST_F(LoaderTest, WrongTypeNamesExpectedAndActual) {
  LoadResult r = Load("[crawler]\nmax_in_flight = \"many\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("expected an integer, got a string"));
  EXPECT_EQ(r.errors[0].pos.line, 2);
  EXPECT_EQ(r.errors[0].pos.column, 17);
}

TEST_F(LoaderTest, BadDurationShowsTheExpectedForm) {
  LoadResult r = Load("[retention]\nunflagged_ads = \"90 days\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("bad duration '90 days'"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("\"30d\""));
}

TEST_F(LoaderTest, ConsoleBaseUrlAndMeldroute) {
  LoadResult r = Load("[alerts]\nmeldroute = \"Meld bij Veilig Thuis.\"\n[console]\n"
                      "public_base_url = \"https://adwatch.gemeente.example\"\n");
  ASSERT_TRUE(r.ok()) << Joined(r);
  EXPECT_EQ(r.config.console.public_base_url, "https://adwatch.gemeente.example");
  EXPECT_EQ(r.config.alerts.meldroute, "Meld bij Veilig Thuis.");
  EXPECT_EQ(r.config.alerts.detail, "") << "unset: the digest decides (minimal with a console)";
  r = Load("[console]\npublic_base_url = \"http://adwatch.gemeente.example\"\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("public_base_url must be https://"));
}

TEST_F(LoaderTest, DurationsParse) {
  LoadResult r = Load("[retention]\nunflagged_ads = \"30d\"\nflagged_ads = \"36h\"\n[crawler]\ntimeout = \"1m30s\"\n");
  ASSERT_TRUE(r.ok()) << Joined(r);
  EXPECT_EQ(r.config.retention.unflagged_ads, std::chrono::hours(24 * 30));
  EXPECT_EQ(r.config.retention.flagged_ads, std::chrono::hours(36));
  EXPECT_EQ(r.config.crawler.timeout, std::chrono::seconds(90));
}

TEST_F(LoaderTest, OutOfRangeValueShowsRange) {
  LoadResult r = Load("[matcher]\nmin_age = 12\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("out of range (expected 16..30)"));
}

TEST_F(LoaderTest, InvalidRegexPointsAtThePattern) {
  std::string rule = kRule;
  rule.replace(rule.find(R"('(?i)\bnet\s+18\b')"), 18, "'(?i)net (18'");
  LoadResult r = Load(rule);
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("invalid regex"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("missing )"));
  EXPECT_EQ(r.errors[0].pos.line, 5);
  EXPECT_EQ(r.errors[0].pos.column, 13);
}

TEST_F(LoaderTest, MissingRequiredKeysOfASite) {
  LoadResult r = Load("[[site]]\nname = \"s\"\nstart_urls = [\"http://127.0.0.1:1/\"]\nad_links = \"a@href\"\n"
                      "[site.fields]\ntitle = \"h1\"\n");
  EXPECT_THAT(Joined(r), HasSubstr("missing required key 'purpose'"));
  EXPECT_THAT(Joined(r), HasSubstr("missing required key 'legal_basis'"));
  EXPECT_EQ(r.errors.size(), 2u) << Joined(r);
}

TEST_F(LoaderTest, SiteFieldRulesAcceptStringOrTable) {
  LoadResult r = Load(R"(
[[site]]
name = "s"
kind = "html"
purpose = "p"
legal_basis = "b"
start_urls = ["http://127.0.0.1:1/"]
ad_links = "article a@href"
[site.fields]
title = "h1.title"
id = "/data/id"
age = { selector = ".age", regex = '(\d+)' }
phones = { selector = "a[href^='tel:']@href", all = true }
)");
  ASSERT_TRUE(r.ok()) << Joined(r);
  const SiteConfig& s = r.config.sites.at(0);
  EXPECT_EQ(s.fields.at("title").selector, "h1.title");
  EXPECT_EQ(s.fields.at("id").json_pointer, "/data/id");
  EXPECT_EQ(s.fields.at("age").regex, "(\\d+)");
  EXPECT_TRUE(s.fields.at("phones").all);
  EXPECT_EQ(s.ad_links.selector, "article a@href");
}

TEST_F(LoaderTest, FieldRegexNeedsOneCaptureGroup) {
  LoadResult r = Load(R"(
[[site]]
name = "s"
purpose = "p"
legal_basis = "b"
start_urls = ["http://127.0.0.1:1/"]
ad_links = "a@href"
[site.fields]
age = { selector = ".age", regex = '\d+' }
)");
  EXPECT_THAT(Joined(r), HasSubstr("exactly one capture group"));
}

TEST_F(LoaderTest, JsonSiteNeedsAdLinksOrATemplateWithIds) {
  const std::string head = "[[site]]\nname = \"s\"\nkind = \"json\"\npurpose = \"p\"\nlegal_basis = \"b\"\n"
                           "start_urls = [\"http://127.0.0.1:1/\"]\n";
  const std::string fields = "[site.fields]\nid = \"/id\"\n";
  EXPECT_THAT(Joined(Load(head + fields)), HasSubstr("missing required key 'ad_links'"));
  LoadResult ok = Load(head + "listing_ids = { json = \"/items/*/id\", all = true }\n"
                              "detail_url_template = \"/api/ads/{id}\"\n" + fields);
  EXPECT_TRUE(ok.ok()) << Joined(ok);
  LoadResult no_id = Load(head + "listing_ids = \"/items/*/id\"\ndetail_url_template = \"/api/ads/\"\n" + fields);
  EXPECT_THAT(Joined(no_id), HasSubstr(":8:23: detail_url_template"));
  EXPECT_THAT(Joined(no_id), HasSubstr("must contain {id}"));
  EXPECT_THAT(Joined(Load(head + "detail_url_template = \"/api/ads/{id}\"\n" + fields)), HasSubstr("needs listing_ids"));
}

TEST_F(LoaderTest, RobotsOptOutNeedsAReason) {
  LoadResult r = Load(R"(
[[site]]
name = "s"
purpose = "p"
legal_basis = "b"
start_urls = ["http://127.0.0.1:1/"]
respect_robots = false
ad_links = "a@href"
[site.fields]
title = "h1"
)");
  EXPECT_THAT(Joined(r), HasSubstr("robots_opt_out_reason"));
}

TEST_F(LoaderTest, EveryErrorIsReportedAtOnceInFileOrder) {
  LoadResult r = LoadConfig(std::string(ADWATCH_SOURCE_DIR) + "/tests/data/bad-config.toml");
  std::string all = Joined(r);
  EXPECT_THAT(all, HasSubstr("bad-config.toml:6:8: wrong type for 'path'"));
  EXPECT_THAT(all, HasSubstr("bad duration '5 minutes'"));
  EXPECT_THAT(all, HasSubstr("out of range"));
  EXPECT_THAT(all, HasSubstr("missing required key 'purpose'"));
  EXPECT_THAT(all, HasSubstr("unknown key 'wieght'"));
  EXPECT_THAT(all, HasSubstr("invalid regex"));
  EXPECT_EQ(r.errors.size(), 6u) << all;
  for (size_t i = 1; i < r.errors.size(); ++i) EXPECT_LE(r.errors[i - 1].pos.line, r.errors[i].pos.line);
}

TEST_F(LoaderTest, SyntaxErrorHasPosition) {
  LoadResult r = Load("[store]\nbackend = \"sqlite\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("TOML syntax error"));
  EXPECT_EQ(r.errors[0].pos.line, 2);
}

// A table header of 50,000 dotted parts overflowed the stack inside toml++;
// deep nesting and endless lines likewise never reach it now.
TEST_F(LoaderTest, HostileShapesAreErrorsNotCrashes) {
  std::string parts = "a";
  for (int i = 0; i < 50000; ++i) parts += ".a";
  LoadResult r = Load("[store]\nbackend = \"sqlite\"\n[" + parts + "]\nx = 1\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r).substr(0, 300);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("adwatch.toml:3:"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("dotted key parts"));

  Write("rules/deep.toml", "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  r = Load("include = [\"rules/deep.toml\"]\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r).substr(0, 300);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("deep.toml:1:"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("nested more than"));

  r = Load("x = \"" + std::string(200000, 'a') + "\"\n");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].message, HasSubstr("line longer than"));

  // Dots, brackets and braces inside strings and comments do not count.
  r = Load("[store] # " + std::string(100, '.') + std::string(100, '[') + "\n"
           "path = \"" + std::string(100, '.') + "{{{{\"\n"
           "[crawler]\nuser_agent = \"\"\"\n" + std::string(100, '.') + "[[[\n\"\"\"\n");
  EXPECT_THAT(Joined(r), ::testing::Not(HasSubstr("dotted key parts")));
  EXPECT_THAT(Joined(r), ::testing::Not(HasSubstr("nested more than")));
}

TEST_F(LoaderTest, IncludesLoadRulesFromGlobInNameOrder) {
  Write("rules/b.toml", std::string(kRule));
  std::string other = kRule;
  other.replace(other.find("age.net18"), 9, "age.other");
  Write("rules/a.toml", other);
  LoadResult r = Load("include = [\"rules/*.toml\"]\n");
  ASSERT_TRUE(r.ok()) << Joined(r);
  ASSERT_EQ(r.config.matcher.rules.size(), 2u);
  EXPECT_EQ(r.config.matcher.rules[0].id, "age.other");  // a.toml before b.toml
  EXPECT_THAT(r.config.matcher.rules[1].pos.file, HasSubstr("rules/b.toml"));
}

// An empty sites/ or rules.d/ folder is normal: a warning, not an error.
TEST_F(LoaderTest, IncludeThatMatchesNothingIsAWarning) {
  LoadResult r = Load("include = [\"nope/*.toml\"]\n");
  EXPECT_TRUE(r.ok()) << Joined(r);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_THAT(r.warnings[0].ToString(), HasSubstr("adwatch.toml:1:12: include 'nope/*.toml' matches no file"));
}

TEST_F(LoaderTest, IncludedFilesMayOnlyHoldSitesRulesAndSignals) {
  Write("rules/x.toml", "[store]\npath = \"elsewhere.db\"\n");
  LoadResult r = Load("include = [\"rules/x.toml\"]\n");
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("rules/x.toml:1:2: unknown key 'store'"));
  EXPECT_EQ(r.config.store.path, (dir_ / "adwatch.db").string());  // the main file decides
}

TEST_F(LoaderTest, DuplicateRuleIdAcrossFilesNamesBothPlaces) {
  Write("rules/a.toml", kRule);
  LoadResult r = Load(std::string("include = [\"rules/a.toml\"]\n") + kRule);
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("duplicate rule id 'age.net18' (first defined at"));
  EXPECT_THAT(r.errors[0].message, HasSubstr("rules/a.toml:2:1"));
}

TEST_F(LoaderTest, RuleNeedsCounterExamples) {
  std::string rule = kRule;
  rule.replace(rule.find("examples.no_match"), 28, "");
  LoadResult r = Load(rule);
  EXPECT_THAT(Joined(r), HasSubstr("needs examples.no_match"));
}

// only_with must name a category some other rule has: a typo would silence the rule.
TEST_F(LoaderTest, OnlyWithNeedsAnotherRulesCategory) {
  std::string rule = kRule;
  rule.replace(rule.find("weight = 45"), 11, "weight = 45\nonly_with = [\"third_persn\"]");
  LoadResult r = Load(rule);
  EXPECT_THAT(Joined(r), HasSubstr("only_with names category 'third_persn', which no rule has"));
  EXPECT_THAT(Joined(r), HasSubstr(":2:1"));
}

TEST_F(LoaderTest, RulesVersionFollowsRuleLogicNotComments) {
  LoadResult a = Load(kRule);
  LoadResult b = Load(std::string("# a comment\n") + kRule);
  std::string heavier = kRule;
  heavier.replace(heavier.find("weight = 45"), 11, "weight = 46");
  LoadResult c = Load(heavier);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a.config.matcher.rules_version.size(), 64u);
  EXPECT_EQ(a.config.matcher.rules_version, b.config.matcher.rules_version);
  EXPECT_NE(a.config.matcher.rules_version, c.config.matcher.rules_version);
}

TEST_F(LoaderTest, PostgresNeedsConninfoWithoutPassword) {
  LoadResult r = Load("[store]\nbackend = \"postgresql\"\n");
  EXPECT_THAT(Joined(r), HasSubstr("missing required key 'conninfo'"));
  r = Load("[store]\nbackend = \"postgresql\"\nconninfo = \"host=db password=hunter2\"\n");
  EXPECT_THAT(Joined(r), HasSubstr("must not contain a password"));
  EXPECT_THAT(Joined(r), ::testing::Not(HasSubstr("hunter2")));
}

TEST_F(LoaderTest, DigestTimesNeedAKnownZone) {
  LoadResult r = Load("[alerts]\ndigest_times = [\"08:00 Europe/Amsterdam\", \"25:00 UTC\", \"07:30 Mars/Olympus\"]\n");
  ASSERT_EQ(r.errors.size(), 2u) << Joined(r);
  EXPECT_THAT(r.errors[0].message, HasSubstr("bad time '25:00 UTC'"));
  EXPECT_THAT(r.errors[1].message, HasSubstr("unknown time zone 'Mars/Olympus'"));
}

TEST_F(LoaderTest, MunicipalitiesAndSmtp) {
  LoadResult r = Load(R"(
[alerts]
transport = "smtp"
[alerts.smtp]
url = "smtp://127.0.0.1:2525"
password = "file:smtp.secret"
[[alerts.municipality]]
name = "Sittard-Geleen"
recipients = ["cba@sittard-geleen.example"]
min_age = 21
)");
  ASSERT_TRUE(r.ok()) << Joined(r);
  EXPECT_EQ(r.config.alerts.municipalities.at(0).min_age, 21);
  EXPECT_TRUE(r.config.alerts.smtp.require_tls);  // TLS on by default
  EXPECT_EQ(r.config.alerts.smtp.password, "file:" + (dir_ / "smtp.secret").string());
}

TEST_F(LoaderTest, SmtpTransportNeedsAnUrl) {
  LoadResult r = Load("[alerts]\ntransport = \"smtp\"\n");
  EXPECT_THAT(Joined(r), HasSubstr("needs an [alerts.smtp] table"));
}

TEST_F(LoaderTest, UnreadableFileIsAnError) {
  LoadResult r = LoadConfig((dir_ / "missing.toml").string());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("missing.toml"));
}

TEST_F(LoaderTest, DurationsAreBoundedPerKey) {
  LoadResult r = Load("[retention]\nunflagged_ads = \"9000d\"\nflagged_ads = \"1h1h1h\"\naudit_log = \"1825d\"\n"
                      "[crawler]\ntimeout = \"2h\"\n");
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:2:17: duration '9000d' for 'unflagged_ads' in [retention] is too long "
                                   "(maximum 1826d)"));
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:3:15: bad duration '1h1h1h'"));
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:6:11: duration '2h' for 'timeout' in [crawler] is too long"));
  EXPECT_EQ(r.errors.size(), 3u) << Joined(r);
}

TEST_F(LoaderTest, EveryRecipientIsAnRfc5321Address) {
  LoadResult r = Load(R"([alerts]
from = "adwatch at gemeente"
fallback_recipients = ["ok@gemeente.example", "signalen.gemeente.example"]
[[alerts.municipality]]
name = "Maastricht"
recipients = ["cba@maastricht..example"]
)");
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:2:8: invalid e-mail address 'adwatch at gemeente' in 'from'"));
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:3:47: invalid e-mail address 'signalen.gemeente.example' in "
                                   "'fallback_recipients' in [alerts]: no '@'"));
  EXPECT_THAT(Joined(r), HasSubstr("adwatch.toml:6:15: invalid e-mail address 'cba@maastricht..example'"));
  EXPECT_EQ(r.errors.size(), 3u) << Joined(r);
}

// Local rule files (rules_dir, e.g. /etc/adwatch/rules.d) disable and
// override shipped rules by id, and add rules of their own.
TEST_F(LoaderTest, RulesDirDisablesAndOverridesByIdAfterTheShippedRules) {
  std::string second = kRule;
  second.replace(second.find("age.net18"), 9, "age.other");
  Write("rules/shipped.toml", std::string(kRule) + second);
  fs::create_directories(dir_ / "rules.d");
  Write("rules.d/10-local.toml", R"(disable = ["age.other"]
[[override]]
id = "age.net18"
weight = 50
severity = "critical"
patterns = ['(?i)\bnet\s+achttien\b']
)");
  LoadResult r = Load("include = [\"rules/*.toml\"]\nrules_dir = \"rules.d\"\n");
  ASSERT_TRUE(r.ok()) << Joined(r);
  ASSERT_EQ(r.config.matcher.rules.size(), 1u);
  const RuleSpec& rule = r.config.matcher.rules[0];
  EXPECT_EQ(rule.id, "age.net18");
  EXPECT_EQ(rule.weight, 50);
  EXPECT_EQ(rule.severity, Severity::kCritical);
  ASSERT_EQ(rule.patterns.size(), 1u);
  EXPECT_THAT(rule.patterns[0], HasSubstr("achttien"));
  EXPECT_EQ(rule.description, "net 18");  // what was not overridden stays
  // The rules version follows the edit.
  LoadResult plain = Load("include = [\"rules/*.toml\"]\n");
  ASSERT_TRUE(plain.ok()) << Joined(plain);
  EXPECT_NE(plain.config.matcher.rules_version, r.config.matcher.rules_version);
}

TEST_F(LoaderTest, RuleEditsOfUnknownIdsAreErrorsAtTheirPosition) {
  Write("rules/shipped.toml", kRule);
  fs::create_directories(dir_ / "rules.d");
  Write("rules.d/local.toml", "disable = [\"age.nett18\"]\n[[override]]\nid = \"nope\"\nweight = 1\n"
                              "[[override]]\nid = \"age.net18\"\n");
  LoadResult r = Load("include = [\"rules/*.toml\"]\nrules_dir = \"rules.d\"\n");
  std::string all = Joined(r);
  EXPECT_THAT(all, HasSubstr("local.toml:1:12: disable names no rule 'age.nett18'"));
  EXPECT_THAT(all, HasSubstr("local.toml:2:1: [[override]] names no rule 'nope'"));
  EXPECT_THAT(all, HasSubstr("local.toml:5:1: [[override]] 'age.net18' changes nothing"));
  EXPECT_EQ(r.errors.size(), 3u) << all;
}

TEST_F(LoaderTest, MissingRulesDirIsNoError) {
  Write("rules/shipped.toml", kRule);
  LoadResult r = Load("include = [\"rules/*.toml\"]\nrules_dir = \"/nonexistent/rules.d\"\n");
  EXPECT_TRUE(r.ok()) << Joined(r);
  EXPECT_EQ(r.config.matcher.rules.size(), 1u);
}

TEST_F(LoaderTest, CandidateRulesAddToTheActiveSetAndReplaceById) {
  Write("rules/shipped.toml", kRule);
  LoadResult active = Load("include = [\"rules/*.toml\"]\n");
  ASSERT_TRUE(active.ok()) << Joined(active);
  std::string changed = kRule;
  changed.replace(changed.find("weight = 45"), 11, "weight = 50");
  std::string added = kRule;
  added.replace(added.find("age.net18"), 9, "age.added");
  std::string cand = Write("candidate.toml", changed + added);
  LoadResult merged = LoadCandidateRules(active.config.matcher, {cand});
  ASSERT_TRUE(merged.ok()) << Joined(merged);
  ASSERT_EQ(merged.config.matcher.rules.size(), 2u);
  EXPECT_EQ(merged.config.matcher.rules[0].weight, 50);
  EXPECT_EQ(merged.config.matcher.rules[1].id, "age.added");
  std::string disabling = Write("disable.toml", "disable = [\"age.net18\"]\n");
  merged = LoadCandidateRules(active.config.matcher, {disabling});
  ASSERT_TRUE(merged.ok()) << Joined(merged);
  EXPECT_TRUE(merged.config.matcher.rules.empty());
  // --without: the active set loaded without one file.
  LoadResult without = LoadConfigWithout((dir_ / "adwatch.toml").string(), (dir_ / "rules/shipped.toml").string());
  EXPECT_TRUE(without.config.matcher.rules.empty());
}

// [words] in rule files: named word lists expanded into patterns, local to
// their file, with errors at file:line:col.
std::string Rule(const std::string& patterns, const std::string& exclude = "") {
  return "[[rule]]\nid = \"control.office\"\ncategory = \"control\"\npatterns = [" + patterns + "]\n" +
         (exclude.empty() ? "" : "exclude = [" + exclude + "]\n") +
         "weight = 40\nseverity = \"high\"\ndescription = \"d\"\nsource = \"s\"\nevidence = \"P\"\n"
         "examples.match = [\"bookings via the office\"]\nexamples.no_match = [\"office hours\"]\n";
}

TEST_F(LoaderTest, WordsNamesExpandToGroupsAndRepetitionsStay) {
  LoadResult r = LoadRuleFiles({Write("rules/a.toml", 
      "[words]\nbooking = ['book\\w*', 'afspra\\w*']\noffice = ['office', 'bureau']\n" +
      Rule("'\\b{booking}\\b[^.]{0,40}\\bvia\\s+(?:the\\s+)?{office}\\b'", "'{office}\\s+hours'"))});
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  ASSERT_EQ(r.config.matcher.rules.size(), 1u);
  const RuleSpec& rule = r.config.matcher.rules[0];
  EXPECT_EQ(rule.patterns[0], "\\b(?:book\\w*|afspra\\w*)\\b[^.]{0,40}\\bvia\\s+(?:the\\s+)?(?:office|bureau)\\b");
  EXPECT_EQ(rule.exclude[0], "(?:office|bureau)\\s+hours");
}

TEST_F(LoaderTest, WordsEscapedBracesAndNonNamesAreLiteral) {
  LoadResult r = LoadRuleFiles({Write("rules/a.toml", "[words]\nx = ['a']\n" + Rule("'\\{x\\}', '{X}', 'a{2}'"))});
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  EXPECT_EQ(r.config.matcher.rules[0].patterns[0], "\\{x\\}");
  EXPECT_EQ(r.config.matcher.rules[0].patterns[1], "{X}");
  EXPECT_EQ(r.config.matcher.rules[0].patterns[2], "a{2}");
}

TEST_F(LoaderTest, WordsUnknownWordIsAnErrorAtItsPattern) {
  LoadResult r = LoadRuleFiles({Write("rules/a.toml", "[words]\noffice = ['office']\n" + Rule("'ok', '{ofice}'"))});
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("a.toml:6:19:"));  // the second element of `patterns`
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("{ofice} is not defined"));
}

TEST_F(LoaderTest, WordsWordsAreLocalToTheirFile) {
  std::string a = Write("rules/a.toml", "[words]\noffice = ['office']\n" + Rule("'{office}'"));
  std::string b_rule = Rule("'{office}'");
  b_rule.replace(b_rule.find("control.office"), 14, "control.other");
  std::string b = Write("rules/b.toml", b_rule);
  LoadResult r = LoadRuleFiles({a, b});
  ASSERT_EQ(r.errors.size(), 1u) << Joined(r);
  EXPECT_THAT(r.errors[0].ToString(), HasSubstr("b.toml"));
}

TEST_F(LoaderTest, WordsBadWordListsAreReported) {
  LoadResult r = LoadRuleFiles({Write("rules/a.toml", "[words]\nOffice = ['x']\nempty = []\nnested = ['{empty}']\nbad = ['(']\n" +
                           Rule("'plain'"))});
  std::string all = Joined(r);
  EXPECT_THAT(all, HasSubstr("name 'Office'"));
  EXPECT_THAT(all, HasSubstr("'empty' must be a non-empty array"));
  EXPECT_THAT(all, HasSubstr("cannot use another word"));
  EXPECT_THAT(all, HasSubstr("'bad': invalid regex"));
}

TEST_F(LoaderTest, WordsOverridesUseTheirFilesWords) {
  std::string a = Write("rules/a.toml", Rule("'x'"));
  std::string b = Write("rules/b.toml",
                        "[words]\noffice = ['office', 'kantoor']\n[[override]]\nid = \"control.office\"\n"
                        "patterns = ['via {office}']\n");
  LoadResult r = LoadRuleFiles({a, b});
  ASSERT_TRUE(r.errors.empty()) << Joined(r);
  EXPECT_EQ(r.config.matcher.rules[0].patterns[0], "via (?:office|kantoor)");
}

}  // namespace
}  // namespace adwatch
