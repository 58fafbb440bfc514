// adwatch purge | export | forget, run as the CLI runs them (config file,
// store from config), checked against the tables themselves.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/commands.h"
#include "store/store.h"

namespace adwatch {
namespace {

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/adwatch-cmd-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    std::ofstream(dir_ + "/key") << "cmd-key\n";
    std::ofstream(dir_ + "/adwatch.toml") << "[store]\nbackend = \"sqlite\"\npath = \"" << dir_
                                          << "/adwatch.db\"\npseudonym_key = \"file:" << dir_ << "/key\"\n";
    StoreConfig c;
    c.path = dir_ + "/adwatch.db";
    c.pseudonym_key = "file:" + dir_ + "/key";
    SystemClock clock;
    auto store = OpenStore(c, *Env::Default(), clock);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    for (const char* id : {"1", "2"}) {
      Ad ad;
      ad.site = "demo";
      ad.id = id;
      ad.url = std::string("https://demo.example/") + id;
      ad.text = std::string("tekst ") + id;
      ASSERT_TRUE((*store)->UpsertAds({ad}, clock.Now()).ok());
      AdSignals s;
      s.phones = {{std::string(id) == "1" ? "+31612345678" : "+31699999999", false, "text", ""}};
      ASSERT_TRUE((*store)->SaveAdSignals(KeyOf(ad), ContentHash(ad), s, "rv", clock.Now()).ok());
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  int Run(int (*fn)(CommandContext&), std::vector<std::string> args, std::string* out = nullptr) {
    CommandContext ctx;
    ctx.config_path = dir_ + "/adwatch.toml";
    ctx.args = std::move(args);
    std::stringstream captured;
    auto* old = std::cout.rdbuf(captured.rdbuf());
    int rc = fn(ctx);
    std::cout.rdbuf(old);
    if (out) *out = captured.str();
    return rc;
  }

  std::string Raw(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open((dir_ + "/adwatch.db").c_str(), &db);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    std::string v;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
      v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
  }

  std::string dir_;
};

TEST_F(CommandsTest, ExportPrintsJsonForANationallyWrittenNumber) {
  std::string out;
  ASSERT_EQ(Run(RunExport, {"--phone", "06 12345678"}, &out), kExitOk);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["phone"], "+31612345678");
  ASSERT_EQ(j["ads"].size(), 1u);
  EXPECT_EQ(j["ads"][0]["versions"][0]["ad"]["text"], "tekst 1");
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM audit_log WHERE action = 'export'"), "1");
  EXPECT_EQ(Run(RunExport, {"--phone", "+31600000001"}), kExitFailure);  // nothing held
  EXPECT_EQ(Run(RunExport, {"--phone", "geen nummer"}), kExitUsage);
  EXPECT_EQ(Run(RunExport, {}), kExitUsage);
  EXPECT_EQ(Run(RunExport, {"--help"}), kExitOk);
}

TEST_F(CommandsTest, ForgetNeedsYesThenErasesOnlyThatNumber) {
  EXPECT_EQ(Run(RunForget, {"--phone", "+31612345678"}), kExitUsage);
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM ads"), "2");
  std::string out;
  ASSERT_EQ(Run(RunForget, {"--phone", "+31612345678", "--yes"}, &out), kExitOk);
  EXPECT_NE(out.find("ads=1"), std::string::npos) << out;
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM ads"), "1");
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM phones WHERE e164 = '+31612345678'"), "0");
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM ad_versions WHERE data LIKE '%tekst 1%'"), "0");
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM audit_log WHERE action = 'forget' AND detail NOT LIKE '%612345678%'"), "1");
}

TEST_F(CommandsTest, PurgePrintsCountsAndFailsClearlyWithoutKey) {
  std::string out;
  ASSERT_EQ(Run(RunPurge, {}, &out), kExitOk);
  EXPECT_NE(out.find("ads=0"), std::string::npos) << out;  // nothing is old yet
  EXPECT_EQ(Raw("SELECT COUNT(*) FROM ads"), "2");
  EXPECT_EQ(Run(RunPurge, {"extra"}), kExitUsage);
  std::filesystem::remove(dir_ + "/key");
  EXPECT_EQ(Run(RunPurge, {}), kExitFailure);
}

TEST_F(CommandsTest, ForgetDeletesTheMailFolderFilesAndNamesTheRecipients) {
  SystemClock clock;
  {
    StoreConfig c;
    c.path = dir_ + "/adwatch.db";
    c.pseudonym_key = "file:" + dir_ + "/key";
    auto store = OpenStore(c, *Env::Default(), clock);
    ASSERT_TRUE(store.ok());
    Alert a;
    a.subject_key = "ad:demo/1";
    auto up = (*store)->UpsertAlert(a, clock.Now());
    ASSERT_TRUE(up.ok());
    OutboxMessage m;
    m.message_id = "<digest-1@adwatch>";
    m.recipients = {"zorg@heerlen.example"};
    m.alert_ids = {up->id};
    m.body = "alert";
    ASSERT_TRUE((*store)->EnqueueMail(m, clock.Now()).ok());
    ASSERT_TRUE((*store)->MarkMailSent(m.message_id, "adwatch", clock.Now()).ok());
  }
  std::filesystem::create_directories(dir_ + "/mail");
  std::ofstream(dir_ + "/mail/digest-1@adwatch.eml") << "Subject: x\r\n\r\nalert\r\n";
  std::ofstream(dir_ + "/mail/other@adwatch.eml") << "Subject: y\r\n\r\nbel 06 1234 5678\r\n";
  std::ofstream(dir_ + "/mail/keep@adwatch.eml") << "Subject: z\r\n\r\nbel 06 9999 9999\r\n";
  std::string out;
  ASSERT_EQ(Run(RunForget, {"--phone", "0612345678", "--reason", "verzoek", "--yes"}, &out), kExitOk);
  EXPECT_NE(out.find("<digest-1@adwatch>"), std::string::npos) << out;
  EXPECT_NE(out.find("zorg@heerlen.example"), std::string::npos) << out;
  EXPECT_NE(out.find("files deleted: 2"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/mail/digest-1@adwatch.eml"));
  EXPECT_FALSE(std::filesystem::exists(dir_ + "/mail/other@adwatch.eml"));
  EXPECT_TRUE(std::filesystem::exists(dir_ + "/mail/keep@adwatch.eml"));
  EXPECT_EQ(Raw("SELECT reason FROM audit_log WHERE action = 'forget'"), "verzoek");
}

TEST_F(CommandsTest, AuditVerifyFailsOnAnEditedRowAndListFilters) {
  ASSERT_EQ(Run(RunExport, {"--phone", "+31612345678", "--reason", "inzage"}), kExitOk);
  std::string out;
  ASSERT_EQ(Run(RunAudit, {"verify"}, &out), kExitOk);
  EXPECT_NE(out.find("intact"), std::string::npos) << out;
  ASSERT_EQ(Run(RunAudit, {"list", "--record", "phone", "--since", "2000-01-01"}, &out), kExitOk);
  EXPECT_NE(out.find("export"), std::string::npos) << out;
  EXPECT_NE(out.find("inzage"), std::string::npos) << out;
  EXPECT_EQ(Run(RunAudit, {"list", "--since", "gisteren"}), kExitUsage);
  EXPECT_EQ(Run(RunAudit, {"nonsense"}), kExitUsage);
  Raw("UPDATE audit_log SET reason = 'niets' WHERE action = 'export'");
  ASSERT_EQ(Run(RunAudit, {"verify"}, &out), kExitFailure);
  EXPECT_NE(out.find("changed"), std::string::npos) << out;
}

TEST_F(CommandsTest, ReportEvaluationNeedsAYearAndPrintsCsv) {
  EXPECT_EQ(Run(RunReport, {"evaluation"}), kExitUsage);
  std::string out;
  ASSERT_EQ(Run(RunReport, {"evaluation", "--year", "2026", "--csv"}, &out), kExitOk);
  EXPECT_EQ(out.rfind("year,quarter,municipality,category,rule,outcome,forwarded_to,alerts\n", 0), 0u) << out;
  ASSERT_EQ(Run(RunReport, {"evaluation", "--year", "2026"}, &out), kExitOk);
  EXPECT_NE(out.find("Evaluation 2026"), std::string::npos) << out;
}

}  // namespace
}  // namespace adwatch
