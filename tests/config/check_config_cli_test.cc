// `adwatch check-config` as an administrator runs it: exit codes and output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

struct CliRun {
  int exit_code;
  std::string output;
};

CliRun Adwatch(const std::string& args) {
  std::string cmd = std::string(ADWATCH_BIN) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WEXITSTATUS(status), out};
}

TEST(CheckConfigCli, BadConfigListsEveryPlantedErrorAndExits2) {
  CliRun r = Adwatch(std::string("--config ") + ADWATCH_SOURCE_DIR + "/tests/data/bad-config.toml check-config");
  EXPECT_EQ(r.exit_code, 2);
  for (const char* want : {"bad-config.toml:6:8:", "bad-config.toml:9:11:", "bad-config.toml:10:17:",
                           "bad-config.toml:12:1: missing required key 'purpose'",
                           "bad-config.toml:26:1: unknown key 'wieght'", "bad-config.toml:35:13: invalid regex"}) {
    EXPECT_THAT(r.output, ::testing::HasSubstr(want));
  }
}

TEST(CheckConfigCli, MissingFileExits2) {
  CliRun r = Adwatch("--config /nonexistent/adwatch.toml check-config");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.output, ::testing::HasSubstr("/nonexistent/adwatch.toml"));
}

TEST(CheckConfigCli, UsageErrorsExit2AndHelpExits0) {
  EXPECT_EQ(Adwatch("no-such-command").exit_code, 2);
  EXPECT_EQ(Adwatch("check-config --bogus").exit_code, 2);
  CliRun ccheck = Adwatch("check-config --help");
  EXPECT_EQ(ccheck.exit_code, 0);
  EXPECT_THAT(ccheck.output, ::testing::HasSubstr("usage: adwatch"));
  CliRun top = Adwatch("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_THAT(top.output, ::testing::HasSubstr("check-config"));
  CliRun help = Adwatch("help");  // the issue: `adwatch help` exited 2
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.output, top.output);
  CliRun cmd_help = Adwatch("help check-config");
  EXPECT_EQ(cmd_help.exit_code, 0);
  EXPECT_THAT(cmd_help.output, ::testing::HasSubstr("usage: adwatch [--config FILE] check-config"));
  EXPECT_EQ(Adwatch("help no-such-command").exit_code, 2);
}

TEST(CheckConfigCli, ExplainPrintsTheReferenceEntry) {
  CliRun r = Adwatch("check-config --explain close_after");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("[alerts] close_after (duration 1h..366d, default 30d)"));
  r = Adwatch("check-config --explain site.recrawl_interval");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("[[site]] recrawl_interval"));
  // An entry of several lines is printed whole, up to the next entry.
  r = Adwatch("check-config --explain alerts.admin_recipients");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("[alerts] admin_recipients (array of addresses, default none)\n"));
  EXPECT_THAT(r.output, ::testing::HasSubstr("one message per site"));
  EXPECT_THAT(r.output, ::testing::HasSubstr("digests.\n    Example: admin_recipients = "));
  // A nested key, printed from the schema the loader reads.
  r = Adwatch("check-config --explain alerts.smtp.require_tls");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("[alerts.smtp] require_tls (bool, default true)\n"));
  EXPECT_THAT(r.output, ::testing::Not(::testing::HasSubstr("municipality")));
  EXPECT_EQ(Adwatch("check-config --explain no_such_key").exit_code, 2);
  r = Adwatch("check-config --explain alerts.clse_after");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.output, ::testing::HasSubstr("no key 'alerts.clse_after' (did you mean 'alerts.close_after'?)"));
}

TEST(CheckConfigCli, ManPrintsTheCommittedReference) {
  CliRun r = Adwatch("check-config --man");
  EXPECT_EQ(r.exit_code, 0);
  std::ifstream in(std::string(ADWATCH_SOURCE_DIR) + "/deploy/adwatch.toml.5");
  std::stringstream page;
  page << in.rdbuf();
  EXPECT_EQ(r.output, page.str());
}

TEST(CheckConfigCli, UsageErrorsAreOneLineWithAHint) {
  for (const char* args : {"check-config --bogus", "check-config extra", "rules --bogus", "rules", "site", "site test"}) {
    CliRun r = Adwatch(args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << args << ": " << r.output;
    EXPECT_THAT(r.output, ::testing::HasSubstr("--help")) << args;
  }
}

TEST(CheckConfigCli, VersionPrintsTheVersion) {
  CliRun r = Adwatch("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.output, ::testing::MatchesRegex("adwatch [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

// A valid configuration with one site; each test plants one mistake in it
// (by replacing one line) and expects it named at file:line:col.
class CheckConfigRunTime : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("adwatch-check-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "pseudonym.key") << "0123456789abcdef0123456789abcdef\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static std::string Base() {
    return std::string("include = [\"") + ADWATCH_SOURCE_DIR + "/deploy/rules/*.toml\"]\n" +  // line 1
           "[store]\n"                                                                        // 2
           "pseudonym_key = \"file:pseudonym.key\"\n"                                         // 3
           "[matcher]\n"                                                                      // 4
           "default_region = \"NL\"\n"                                                        // 5
           "gazetteer = \"" + ADWATCH_SOURCE_DIR + "/deploy/gazetteer.tsv\"\n"                // 6
           "[alerts]\n"                                                                       // 7
           "fallback_recipients = [\"signalen@gemeente.example\"]\n"                          // 8
           "[[alerts.municipality]]\n"                                                        // 9
           "name = \"Maastricht\"\n"                                                          // 10
           "recipients = [\"cba@maastricht.example\"]\n"                                      // 11
           "[[site]]\n"                                                                       // 12
           "name = \"s\"\n"                                                                   // 13
           "purpose = \"p\"\n"                                                                // 14
           "legal_basis = \"b\"\n"                                                            // 15
           "start_urls = [\"http://127.0.0.1:1/\"]\n"                                         // 16
           "ad_links = \"article a@href\"\n"                                                  // 17
           "region = \"NL\"\n"                                                                // 18
           "[site.fields]\n"                                                                  // 19
           "id = \"/data/id\"\n"                                                              // 20
           "text = \"div.text\"\n";                                                           // 21
  }
  // Base() with line `line` (1-based) replaced by `text`.
  CliRun Check(int line, const std::string& text) {
    std::string base = Base(), out;
    int n = 1;
    for (size_t b = 0; b < base.size();) {
      size_t e = base.find('\n', b);
      out += (n == line ? text : base.substr(b, e - b)) + "\n";
      b = e + 1;
      ++n;
    }
    std::ofstream((dir_ / "adwatch.toml").string()) << out;
    return Adwatch("--config " + (dir_ / "adwatch.toml").string() + " check-config");
  }
  std::string At(int line, int col) const {
    return (dir_ / "adwatch.toml").string() + ":" + std::to_string(line) + ":" + std::to_string(col) + ": ";
  }
  std::filesystem::path dir_;
};

TEST_F(CheckConfigRunTime, TheBaseIsValidAndWarnsForMunicipalitiesWithoutRecipient) {
  CliRun r = Check(0, "");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(": ok ("));
  // Maastricht is in Limburg: its neighbours have nobody of their own.
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(9, 1) + "warning: municipality 'Heerlen' (Limburg, NL) has no "
                                             "[[alerts.municipality]] recipient: its signals go to the fallback recipients"));
  EXPECT_THAT(r.output, ::testing::Not(::testing::HasSubstr("'Maastricht' (Limburg")));
}

TEST_F(CheckConfigRunTime, BadSelector) {
  CliRun r = Check(21, "text = \"div.x >> p[\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(21, 8) + "[[site]] 's' fields.text: "));
}

TEST_F(CheckConfigRunTime, BadJsonPointer) {
  CliRun r = Check(20, "id = \"/data/~2id\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(20, 6) + "[[site]] 's' fields.id: invalid JSON pointer"));
}

TEST_F(CheckConfigRunTime, BadAddress) {
  CliRun r = Check(11, "recipients = [\"cba.maastricht.example\"]");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(11, 15) + "invalid e-mail address 'cba.maastricht.example'"));
  // The administrator's address too (mail about broken site profiles).
  r = Check(8, "admin_recipients = [\"beheer@gemeente.example\", \"beheer at gemeente\"]");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(8, 48) + "invalid e-mail address 'beheer at gemeente' in 'admin_recipients'"));
}

TEST_F(CheckConfigRunTime, UnknownMunicipalityWithDidYouMean) {
  CliRun r = Check(10, "name = \"Mastricht\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(10, 8) + "[[alerts.municipality]] 'Mastricht' is not a "
                                             "municipality of the gazetteer (did you mean 'Maastricht'?)"));
}

TEST_F(CheckConfigRunTime, MunicipalityNamesIgnoreCase) {
  CliRun r = Check(10, "name = \"sittard-GELEEN\"");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::Not(::testing::HasSubstr("'Sittard-Geleen' (Limburg")));
}

TEST_F(CheckConfigRunTime, OutOfRangeDuration) {
  CliRun r = Check(21, "text = \"div.text\"\n[retention]\nflagged_ads = \"9000d\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(23, 15) + "duration '9000d' for 'flagged_ads' in [retention] is too long"));
}

TEST_F(CheckConfigRunTime, BadRegion) {
  CliRun r = Check(18, "region = \"XX\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(18, 10) + "[[site]] 's' region 'XX' is not a region"));
  r = Check(5, "default_region = \"nl\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr(At(5, 18) + "[matcher] default_region 'nl'"));
}

TEST_F(CheckConfigRunTime, UnreadableSecretIsAnErrorACredentialOutsideTheServiceAWarning) {
  CliRun r = Check(3, "pseudonym_key = \"file:missing.key\"");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("[store] pseudonym_key cannot be read"));
  r = Check(3, "pseudonym_key = \"credential:pseudonym-key\"");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_THAT(r.output, ::testing::HasSubstr("warning: [store] pseudonym_key 'credential:pseudonym-key' is a systemd credential"));
}

// --as-service re-executes through systemd-run ($ADWATCH_SYSTEMD_RUN here: a
// script that prints its arguments) with the unit's context and an absolute config.
TEST(AsServiceCli, ReexecutesThroughSystemdRunWithTheUnitsContext) {
  std::string dir = std::filesystem::temp_directory_path() / ("adwatch-as-service-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/fake-systemd-run") << "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\n";
  std::filesystem::permissions(dir + "/fake-systemd-run", std::filesystem::perms::owner_all);
  ::setenv("ADWATCH_UNIT", (std::string(ADWATCH_SOURCE_DIR) + "/deploy/adwatch.service").c_str(), 1);
  ::setenv("ADWATCH_SYSTEMD_RUN", (dir + "/fake-systemd-run").c_str(), 1);
  CliRun r = Adwatch("--config /etc/x/adwatch.toml --as-service alerts list --state new");
  ::unsetenv("ADWATCH_UNIT");
  ::unsetenv("ADWATCH_SYSTEMD_RUN");
  std::filesystem::remove_all(dir);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  for (const char* want : {"arg: --pipe\n", "arg: --property=DynamicUser=yes\n",
                           "arg: --property=LoadCredential=pseudonym-key:/etc/adwatch/credentials/pseudonym-key\n",
                           "arg: --config\narg: /etc/x/adwatch.toml\narg: alerts\narg: list\narg: --state\narg: new\n"})
    EXPECT_THAT(r.output, ::testing::HasSubstr(want));
}

}  // namespace
