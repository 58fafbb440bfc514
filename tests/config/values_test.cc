// Value forms: durations, times of day, secrets, and where the config is looked for.
#include <gtest/gtest.h>

#include <map>

#include "config/loader.h"

namespace adwatch {
namespace {

TEST(DurationTest, ParsesUnitsAndSums) {
  Duration d{};
  ASSERT_TRUE(ParseDuration("90s", &d));
  EXPECT_EQ(d, std::chrono::seconds(90));
  ASSERT_TRUE(ParseDuration("15m", &d));
  EXPECT_EQ(d, std::chrono::minutes(15));
  ASSERT_TRUE(ParseDuration("24h", &d));
  EXPECT_EQ(d, std::chrono::hours(24));
  ASSERT_TRUE(ParseDuration("30d", &d));
  EXPECT_EQ(d, std::chrono::hours(720));
  ASSERT_TRUE(ParseDuration("500ms", &d));
  EXPECT_EQ(d, std::chrono::milliseconds(500));
  ASSERT_TRUE(ParseDuration("1h30m", &d));
  EXPECT_EQ(d, std::chrono::minutes(90));
}

TEST(DurationTest, RejectsOtherForms) {
  Duration d{};
  for (const char* bad : {"", "90", "s", "1.5h", "-5m", "5 m", "5min", "10y", "m5"}) {
    EXPECT_FALSE(ParseDuration(bad, &d)) << bad;
  }
}

TEST(DurationTest, UnitsFallAndAppearOnce) {
  Duration d{};
  ASSERT_TRUE(ParseDuration("1d2h3m4s5ms", &d));
  EXPECT_EQ(d, std::chrono::hours(26) + std::chrono::minutes(3) + std::chrono::seconds(4) +
                   std::chrono::milliseconds(5));
  for (const char* bad : {"1h1h1h", "30m1h", "1s1d", "5ms5s", "1h1h", "99999999999d"}) {
    EXPECT_FALSE(ParseDuration(bad, &d)) << bad;
  }
}

TEST(MailAddressTest, AcceptsRfc5321Mailboxes) {
  for (const char* ok : {"cba@gemeente.example", "a.b+tag@sub.example.nl", "adwatch@localhost",
                         "Coordinator <cba@maastricht.example>", "\"odd name\"@example.org", "x@[192.0.2.1]",
                         "x@[IPv6:2001:db8::1]", "o'brien@x-y.example"}) {
    EXPECT_EQ(MailAddressError(ok), "") << ok;
  }
}

TEST(MailAddressTest, RejectsWhatSmtpWouldRefuse) {
  for (const char* bad : {"cba.gemeente.example", "@example.org", "cba@", "a..b@example.org", ".a@example.org",
                         "a.@example.org", "a b@example.org", "a@-example.org", "a@example-.org", "a@exa_mple.org",
                         "a@example..org", "a@[300.1.1.1]", "Name <a@b", "a@b@c.example"}) {
    EXPECT_NE(MailAddressError(bad), "") << bad;
  }
  EXPECT_NE(MailAddressError(std::string(65, 'a') + "@example.org"), "");
}

TEST(DurationTest, FormatsInTheLargestWholeUnit) {
  EXPECT_EQ(FormatDuration(std::chrono::hours(48)), "2d");
  EXPECT_EQ(FormatDuration(std::chrono::minutes(90)), "90m");
  EXPECT_EQ(FormatDuration(std::chrono::seconds(45)), "45s");
  EXPECT_EQ(FormatDuration(std::chrono::milliseconds(1500)), "1500ms");
}

TEST(TimeOfDayTest, ParsesTimeAndZone) {
  TimeOfDay t;
  ASSERT_TRUE(ParseTimeOfDay("08:00 Europe/Amsterdam", &t));
  EXPECT_EQ(t.minutes, 8 * 60);
  EXPECT_EQ(t.zone, "Europe/Amsterdam");
  ASSERT_TRUE(ParseTimeOfDay("23:59", &t));
  EXPECT_EQ(t.zone, "UTC");
  EXPECT_FALSE(ParseTimeOfDay("8:00 Europe/Amsterdam", &t));
  EXPECT_FALSE(ParseTimeOfDay("24:00", &t));
  EXPECT_FALSE(ParseTimeOfDay("08:60", &t));
  EXPECT_FALSE(ParseTimeOfDay("08:00Europe/Amsterdam", &t));
}

// An Env whose environment and files the test sets.
class FakeEnv : public Env {
 public:
  std::map<std::string, std::string> files, vars;
  Result<std::string> ReadFile(const std::string& p) const override {
    auto it = files.find(p);
    if (it == files.end()) return Status::IoError(p + ": missing");
    return it->second;
  }
  Status WriteFileAtomic(const std::string& p, const std::string& d) override {
    files[p] = d;
    return Status::Ok();
  }
  Status CreateDirs(const std::string&) override { return Status::Ok(); }
  bool FileExists(const std::string& p) const override { return files.count(p) > 0; }
  std::vector<std::string> ListDir(const std::string&) const override { return {}; }
  std::optional<std::string> GetEnv(const std::string& n) const override {
    auto it = vars.find(n);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  }
  std::string UserName() const override { return "tester"; }
};

TEST(DefaultConfigPathTest, EnvironmentThenWorkingDirThenEtc) {
  FakeEnv env;
  EXPECT_EQ(DefaultConfigPath(env), "/etc/adwatch/adwatch.toml");
  env.files["adwatch.toml"] = "";
  EXPECT_EQ(DefaultConfigPath(env), "adwatch.toml");
  env.vars["ADWATCH_CONFIG"] = "/srv/adwatch.toml";
  EXPECT_EQ(DefaultConfigPath(env), "/srv/adwatch.toml");
}

TEST(SecretTest, ReadsEnvFileAndCredentialWithoutLeakingTheSecret) {
  FakeEnv env;
  env.vars["PGPASS"] = "s3cret";
  env.files["/run/keys/smtp"] = "mailpass\n";
  env.vars["CREDENTIALS_DIRECTORY"] = "/run/credentials/adwatch.service";
  env.files["/run/credentials/adwatch.service/pseudonym-key"] = "k3y";
  EXPECT_EQ(*ReadSecret(env, "env:PGPASS"), "s3cret");
  EXPECT_EQ(*ReadSecret(env, "file:/run/keys/smtp"), "mailpass");
  EXPECT_EQ(*ReadSecret(env, "/run/keys/smtp"), "mailpass");
  EXPECT_EQ(*ReadSecret(env, "credential:pseudonym-key"), "k3y");
  auto missing = ReadSecret(env, "env:NOPE");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("NOPE"), std::string::npos);
  env.files["/empty"] = "\n";
  EXPECT_FALSE(ReadSecret(env, "file:/empty").ok());
}

}  // namespace
}  // namespace adwatch
