// The alerts, digest and report commands, called as the adwatch binary calls
// them, on a config file and a real SQLite store in a temp directory.
#include <gtest/gtest.h>

#include <fstream>

#include <spdlog/spdlog.h>

#include "app/commands.h"
#include "tests/alerts/fixture.h"
#include "tests/alerts/parse_mail.h"

namespace adwatch {
namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir("cli");
    std::ofstream(dir_ + "/adwatch.toml") << R"([store]
backend = "sqlite"
path = "adwatch.db"
pseudonym_key = "file:pseudonym.key"

[matcher]
alert_threshold = 50

[alerts]
transport = "file"
out_dir = "mail"
from = "adwatch <adwatch@zuid-limburg.example>"
digest_times = ["08:00 Europe/Amsterdam"]
fallback_recipients = ["fallback@riec-limburg.example"]

[[alerts.municipality]]
name = "Sittard-Geleen"
recipients = ["Coördinator <coord@sittard-geleen.example>"]

[[alerts.municipality]]
name = "Heerlen"
recipients = ["coord@heerlen.example"]
)";
    SystemClock clock;
    auto store = testing::OpenTestStore(dir_, clock);
    ASSERT_TRUE(store);
    auto s1 = testing::PutAd(*store, "g1", "Geleen", "Sittard-Geleen", 70, Severity::kHigh, clock.Now());
    auto s2 = testing::PutAd(*store, "m1", "Munstergeleen", "Sittard-Geleen", 55, Severity::kMedium, clock.Now(),
                             "+31622223333");
    auto r = UpdateAlerts(*store, {s1, s2}, 50, std::chrono::hours(720), clock.Now());
    ASSERT_TRUE(r.ok());
    ids_ = r->raised;
    ASSERT_EQ(ids_.size(), 2u);
  }

  int Run(int (*cmd)(CommandContext&), std::vector<std::string> args, std::string* out = nullptr) {
    CommandContext ctx;
    ctx.config_path = dir_ + "/adwatch.toml";
    ctx.log_level = "warn";
    ctx.args = std::move(args);
    // Each command sets up logging as in a fresh process.
    spdlog::drop("adwatch");
    ::testing::internal::CaptureStdout();
    int rc = cmd(ctx);
    fflush(stdout);
    std::string o = ::testing::internal::GetCapturedStdout();
    if (out) *out = o;
    return rc;
  }

  std::string dir_;
  std::vector<int64_t> ids_;
};

TEST_F(Cli, ListShowAckDismissDecideReport) {
  std::string out;
  ASSERT_EQ(Run(RunAlerts, {"list"}, &out), kExitOk);
  EXPECT_NE(out.find("#" + std::to_string(ids_[0])), std::string::npos) << out;
  EXPECT_NE(out.find("Sittard-Geleen"), std::string::npos);
  const std::string a = std::to_string(ids_[0]), b = std::to_string(ids_[1]);
  ASSERT_EQ(Run(RunAlerts, {"show", a}, &out), kExitOk);
  EXPECT_NE(out.find("[tel "), std::string::npos) << out;
  EXPECT_EQ(out.find("612345678"), std::string::npos) << "numbers masked";
  EXPECT_EQ(Run(RunAlerts, {"dismiss", b}), kExitUsage) << "note required";
  EXPECT_EQ(Run(RunAlerts, {"ack", a, "--note", "bekeken"}), kExitOk);
  EXPECT_EQ(Run(RunAlerts, {"dismiss", b, "--note", "zelfstandig"}), kExitOk);
  EXPECT_EQ(Run(RunAlerts, {"decide", a, "--outcome", "bogus", "--note", "x"}), kExitUsage);
  EXPECT_EQ(Run(RunAlerts, {"decide", a, "--outcome", "risicofactoren", "--note", "besproken",
                            "--forwarded-to", "veilig-thuis"}),
            kExitFailure)
      << "Veilig Thuis needs its registration number";
  EXPECT_EQ(Run(RunAlerts, {"decide", a, "--outcome", "risicofactoren", "--note", "besproken",
                            "--forwarded-to", "veilig-thuis", "--registration", "VT-2026-001"}),
            kExitOk);
  EXPECT_EQ(Run(RunAlerts, {"decide", a, "--outcome", "geen-mensenhandel", "--note", "opnieuw"}), kExitFailure)
      << "a change needs a reason";
  EXPECT_EQ(Run(RunAlerts, {"ack", "999999"}), kExitFailure);
  ASSERT_EQ(Run(RunAlerts, {"list", "--state", "dismissed", "--json"}, &out), kExitOk);
  auto j = nlohmann::json::parse(out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["id"], ids_[1]);
  ASSERT_EQ(Run(RunReport, {"indicators", "--json"}, &out), kExitOk);
  j = nlohmann::json::parse(out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["rule"], "age.young_wording");
  EXPECT_EQ(j[0]["alerts"], 2);
  EXPECT_EQ(j[0]["dismissed"], 1);
  EXPECT_EQ(j[0]["outcomes"]["risicofactoren"], 1);
  EXPECT_EQ(j[0]["forwarded"]["Veilig Thuis"], 1);
  // The audit log records who looked.
  SystemClock clock;
  auto store = testing::OpenTestStore(dir_, clock);
  auto audit = store->ListAudit(AuditQuery{{}, {}, "alerts-lookup", 100});
  ASSERT_TRUE(audit.ok());
  EXPECT_GE(audit->size(), 3u);
}

TEST_F(Cli, DigestDryRunThenSendToFiles) {
  // As the reader sees it: the subject and the text decoded, no MIME.
  std::string shown;
  ASSERT_EQ(Run(RunDigest, {"--dry-run"}, &shown), kExitOk);
  EXPECT_NE(shown.find("To: Coördinator <coord@sittard-geleen.example>\nSubject: adwatch: 2 signalen — "
                       "Sittard-Geleen\n\n"),
            std::string::npos) << shown;
  EXPECT_NE(shown.find("== Signaal #"), std::string::npos) << shown;
  EXPECT_NE(shown.find("Ernst: hoog, omdat de score 70 de meldingsdrempel (50) bereikt; kritiek vanaf 80."),
            std::string::npos) << shown;
  for (const char* mime : {"Content-Type", "=C3", "MIME-Version", "<html"})
    EXPECT_EQ(shown.find(mime), std::string::npos) << mime;
  std::string raw;
  ASSERT_EQ(Run(RunDigest, {"--dry-run", "--raw"}, &raw), kExitOk);
  EXPECT_NE(raw.find("MIME-Version: 1.0"), std::string::npos);
  EXPECT_EQ(Run(RunDigest, {"--raw"}), kExitUsage);
  EXPECT_EQ(Run(RunDigest, {"--dry-run", "--raw", "--out", dir_ + "/x.eml"}), kExitUsage);

  const std::string eml = dir_ + "/next.eml";
  ASSERT_EQ(Run(RunDigest, {"--dry-run", "--out", eml}), kExitOk);
  auto j = testing::ParseFileWithPython(eml);
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["defects"].empty());
  EXPECT_EQ(j["to_names"][0], "Coördinator");
  EXPECT_NE(std::string(j["parts"]["text/plain"]).find("Munstergeleen"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/mail")) << "dry run sends nothing";

  ASSERT_EQ(Run(RunDigest, {}), kExitOk);
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir_ + "/mail")) files.push_back(e.path().string());
  ASSERT_EQ(files.size(), 1u) << "only Sittard-Geleen has alerts; no quiet digests";
  j = testing::ParseFileWithPython(files[0]);
  EXPECT_EQ(j["to"][0], "Coördinator <coord@sittard-geleen.example>");
  EXPECT_NE(std::string(j["subject"]).find("2 signalen"), std::string::npos) << j["subject"];
  std::string out;
  ASSERT_EQ(Run(RunAlerts, {"list", "--state", "sent", "--json"}, &out), kExitOk);
  EXPECT_EQ(nlohmann::json::parse(out).size(), 2u);
}

}  // namespace
}  // namespace adwatch
