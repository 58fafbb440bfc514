// `adwatch check-config` as an administrator runs it: exit codes and output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
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
  CliRun help = Adwatch("check-config --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.output, ::testing::HasSubstr("usage: adwatch"));
  CliRun top = Adwatch("--help");
  EXPECT_EQ(top.exit_code, 0);
  EXPECT_THAT(top.output, ::testing::HasSubstr("check-config"));
}

TEST(CheckConfigCli, VersionPrintsTheVersion) {
  CliRun r = Adwatch("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.output, ::testing::MatchesRegex("adwatch [0-9]+\\.[0-9]+\\.[0-9]+\n"));
}

}  // namespace
