// kill -9 loses nothing: a multi-epoch crawl of the demo network in which
// `adwatch crawl --once` and `adwatch run --once` are killed with SIGKILL at
// random moments (after a random number of requests to the network), each
// epoch then finished by one clean `run --once`, ends with exactly the ads,
// live states and versions of the same crawl without kills (SQLite).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "tests/crawler/demo_fixture.h"

namespace adwatch::testing {
namespace {

using Rows = std::set<std::vector<std::string>>;

Rows Query(const std::string& db_path, const std::string& sql) {
  Rows out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (st && sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      row.push_back(t ? reinterpret_cast<const char*>(t) : "NULL");
    }
    out.insert(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

size_t Missing(const Rows& want, const Rows& got) {
  size_t n = 0;
  for (const auto& r : want) n += got.count(r) ? 0 : 1;
  return n;
}

class CrawlKillTest : public DemoCrawlTest {
 protected:
  std::string Render(const std::string& name) {
    std::string out = dir_ + "/" + name;
    std::string cmd = std::string(ADWATCH_SOURCE_DIR) + "/deploy/demo/render-config.sh " + out + " " +
                      demo_->origins[0] + " " + demo_->origins[1] + " " + demo_->origins[2] + " > /dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    return out;
  }
  pid_t Spawn(const std::string& cfg_dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {ADWATCH_BIN, "--config", cfg_dir + "/adwatch.toml"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_t pid = fork();
    if (pid == 0) {
      int null = open("/dev/null", O_WRONLY);
      int log = open((cfg_dir + "/log").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
      dup2(null, 1);
      dup2(log, 2);
      std::vector<char*> cargv;
      for (auto& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      execv(cargv[0], cargv.data());
      _exit(127);
    }
    return pid;
  }
  int Wait(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  int64_t Requests() {
    int64_t n = 0;
    for (const char* site : {"demo-html", "demo-api", "demo-next"}) n += SiteRequests(site);
    return n;
  }
};

TEST_F(CrawlKillTest, SigkillAtRandomMomentsLosesNothing) {
  constexpr int kEpochs = 4;
  constexpr int kKillsPerEpoch = 6;
  StartNetwork(1000);
  std::string ref = Render("ref"), killed = Render("killed");
  std::mt19937 rng(20240611);
  int kills = 0, finished_before_kill = 0;
  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    SetEpoch(epoch);
    int64_t before = Requests();
    ASSERT_EQ(Wait(Spawn(ref, {"run", "--once"})), 0) << "reference, epoch " << epoch;
    const int64_t pass = Requests() - before;  // the requests of one full pass
    for (int k = 0; k < kKillsPerEpoch;) {
      bool crawl = rng() % 2 == 0;
      pid_t pid = Spawn(killed, crawl ? std::vector<std::string>{"crawl", "--once", "--no-politeness"}
                                      : std::vector<std::string>{"run", "--once"});
      const int64_t target = Requests() + std::uniform_int_distribution<int64_t>(0, pass)(rng);
      bool exited = false;
      int status = 0;
      while (!exited && Requests() < target) {
        exited = waitpid(pid, &status, WNOHANG) == pid;
        std::this_thread::yield();
      }
      if (exited) {
        ++finished_before_kill;
        continue;
      }
      ASSERT_EQ(kill(pid, SIGKILL), 0);
      waitpid(pid, &status, 0);
      if (WIFSIGNALED(status)) ++kills, ++k;
      else ++finished_before_kill;
    }
    ASSERT_EQ(Wait(Spawn(killed, {"run", "--once"})), 0) << "clean pass, epoch " << epoch;
  }
  EXPECT_GE(kills, 20);

  const std::string ref_db = ref + "/adwatch.db", killed_db = killed + "/adwatch.db";
  const std::string ads = "SELECT site, ad_id FROM ads";
  const std::string live = "SELECT site, ad_id, live FROM ads";
  const std::string versions =
      "SELECT a.site, a.ad_id, v.content_hash FROM ad_versions v JOIN ads a ON a.id = v.ad";
  const std::string alerts = "SELECT subject_key FROM alerts";
  Rows want_ads = Query(ref_db, ads), got_ads = Query(killed_db, ads);
  Rows want_live = Query(ref_db, live), got_live = Query(killed_db, live);
  Rows want_versions = Query(ref_db, versions), got_versions = Query(killed_db, versions);
  Rows want_alerts = Query(ref_db, alerts), got_alerts = Query(killed_db, alerts);
  size_t vanished = 0;
  for (const auto& r : want_live) vanished += r[2] == "0" ? 1 : 0;
  std::printf("kill -9 loop: %d kills (%d runs finished first), %zu ads (%zu vanished), %zu versions, %zu alerts; "
              "missing after kills: %zu ads, %zu live states, %zu versions, %zu alerts; extra: %zu ads, %zu "
              "versions, %zu alerts\n",
              kills, finished_before_kill, want_ads.size(), vanished, want_versions.size(), want_alerts.size(),
              Missing(want_ads, got_ads), Missing(want_live, got_live), Missing(want_versions, got_versions),
              Missing(want_alerts, got_alerts), Missing(got_ads, want_ads), Missing(got_versions, want_versions),
              Missing(got_alerts, want_alerts));
  EXPECT_GT(vanished, 0u) << "the epochs made no ad vanish: the test proves little";
  EXPECT_EQ(got_ads, want_ads);
  EXPECT_EQ(got_live, want_live);
  EXPECT_EQ(got_versions, want_versions);
}

}  // namespace
}  // namespace adwatch::testing
