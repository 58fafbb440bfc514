// `adwatch --as-service`: the systemd-run command line carries the unit's
// execution context (dynamic user, state directory, credentials) and nothing
// of its hardening or restart policy. systemd is not PID 1 in the test
// sandbox, so the command line is what is tested (and, in
// tests/config/check_config_cli_test.cc, that adwatch really executes it).
#include "app/service_exec.h"

#include "app/setup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace adwatch {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Not;

std::string ShippedUnit() {
  std::ifstream in(std::string(ADWATCH_SOURCE_DIR) + "/deploy/adwatch.service");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ServiceRunArgv, CarriesTheShippedUnitsContext) {
  auto argv = ServiceRunArgv(ShippedUnit(), "/usr/bin/adwatch", "/etc/adwatch/adwatch.toml", {"alerts", "list"});
  ASSERT_TRUE(argv.ok()) << argv.status().ToString();
  const auto& a = *argv;
  ASSERT_GE(a.size(), 8u);
  EXPECT_THAT(std::vector<std::string>(a.begin(), a.begin() + 6),
              ElementsAre("systemd-run", "--pipe", "--wait", "--quiet", "--collect", "--service-type=exec"));
  for (const char* p : {"--property=User=adwatch", "--property=DynamicUser=yes", "--property=StateDirectory=adwatch",
                        "--property=WorkingDirectory=/var/lib/adwatch",
                        "--property=LoadCredential=pseudonym-key:/etc/adwatch/credentials/pseudonym-key",
                        "--property=LoadCredential=smtp-password:/etc/adwatch/credentials/smtp-password",
                        "--property=UMask=0077"})
    EXPECT_THAT(a, Contains(p));
  for (const char* p : {"--property=Type=notify", "--property=WatchdogSec=60s", "--property=Restart=on-failure"})
    EXPECT_THAT(a, Not(Contains(p)));
  EXPECT_THAT(std::vector<std::string>(a.end() - 5, a.end()),
              ElementsAre("/usr/bin/adwatch", "--config", "/etc/adwatch/adwatch.toml", "alerts", "list"));
}

TEST(ServiceRunArgv, AnExplicitUserIsKeptAndOtherSectionsIgnored) {
  auto argv = ServiceRunArgv("[Unit]\nUser=wrong\n[Service]\n# User=commented\nUser=svc\nDynamicUser=no\n", "/a",
                             "/c.toml", {"status"});
  ASSERT_TRUE(argv.ok());
  EXPECT_THAT(*argv, Contains("--property=User=svc"));
  EXPECT_THAT(*argv, Not(Contains("--property=User=adwatch")));
  EXPECT_THAT(*argv, Not(Contains("--property=User=wrong")));
}

TEST(ServiceRunArgv, RefusesARelativeConfigAndAUnitWithoutService) {
  EXPECT_FALSE(ServiceRunArgv(ShippedUnit(), "/a", "adwatch.toml", {"status"}).ok());
  EXPECT_FALSE(ServiceRunArgv("[Unit]\nDescription=x\n", "/a", "/c.toml", {"status"}).ok());
}

// `alerts list --municipality maastricht` finds Maastricht's alerts: the
// name is put in the gazetteer's spelling first.
TEST(CanonicalMunicipality, AnyCaseBecomesTheGazetteersSpelling) {
  Config c;
  c.matcher.gazetteer = std::string(ADWATCH_SOURCE_DIR) + "/deploy/gazetteer.tsv";
  EXPECT_EQ(CanonicalMunicipality(c, "maastricht"), "Maastricht");
  EXPECT_EQ(CanonicalMunicipality(c, "sittard-geleen"), "Sittard-Geleen");
  EXPECT_EQ(CanonicalMunicipality(c, "Nowhere"), "Nowhere");
  EXPECT_EQ(CanonicalMunicipality(c, ""), "");
}

}  // namespace
}  // namespace adwatch
