// Crash consistency: a child process writes batches and is killed with
// SIGKILL at random moments (25 times per backend); after each kill the store
// must hold every batch the child reported committed, no partial batch, no
// duplicate ad, and exactly the versions the committed batches imply.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "store/store.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace adwatch {
namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;
};

Child Spawn(const std::vector<std::string>& args) {
  testing::SpawnedChild c = testing::SpawnWithStdoutPipe(args);
  EXPECT_GT(c.pid, 0) << args[0];
  return {c.pid, c.stdout_fd};
}

// Blocks until the child has reported its first commit (or closed its
// output), keeping what it read: a loaded machine may take longer than any
// fixed delay to start the writer, and then the kills prove little.
std::string WaitForFirstCommit(int fd) {
  std::string seen;
  char buf[256];
  ssize_t n;
  while (seen.find('\n') == std::string::npos && (n = read(fd, buf, sizeof buf)) > 0) seen.append(buf, n);
  return seen;
}

// Reads everything the (dead) child wrote after `seen`; returns the last committed batch.
int LastCommitted(int fd, std::string all = {}) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) all.append(buf, n);
  close(fd);
  int last = 0;
  size_t p = all.rfind("committed ");
  // The last line may be cut off mid-write: step back to a complete one.
  while (p != std::string::npos) {
    size_t nl = all.find('\n', p);
    if (nl != std::string::npos) {
      last = std::stoi(all.substr(p + 10, nl - p - 10));
      break;
    }
    p = p == 0 ? std::string::npos : all.rfind("committed ", p - 1);
  }
  return last;
}

void RunCrashLoop(const StoreConfig& config, const std::string& target) {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> delay_ms(30, 250);
  std::uniform_int_distribution<int> after_commit_ms(0, 150);
  int max_seen = 0;
  FakeClock clock;
  const int kKills = 25;
  for (int round = 0; round < kKills; ++round) {
    Child c = Spawn({ADWATCH_CRASH_WRITER, config.backend, target, config.pseudonym_key});
    // Even rounds kill at a random moment after the start (while opening the
    // store, in the first batch); odd rounds once a batch has committed, so the
    // writer makes progress however slow the machine is.
    std::string seen;
    if (round % 2 == 1) seen = WaitForFirstCommit(c.out);
    std::this_thread::sleep_for(std::chrono::milliseconds(round % 2 == 1 ? after_commit_ms(rng) : delay_ms(rng)));
    ASSERT_EQ(kill(c.pid, SIGKILL), 0);
    int status = 0;
    waitpid(c.pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "writer exited by itself (status " << status << ") in round " << round;
    int committed = LastCommitted(c.out, std::move(seen));
    max_seen = std::max(max_seen, committed);

    auto store = OpenStore(config, *Env::Default(), clock);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto counters = (*store)->GetSiteCounters("crash");
    ASSERT_TRUE(counters.ok());
    // All or nothing per batch, and nothing committed lost.
    ASSERT_EQ(counters->ads_known % 50, 0) << "partial batch in round " << round;
    const int batches = static_cast<int>(counters->ads_known / 50);
    ASSERT_GE(batches, max_seen) << "committed batch lost in round " << round;
    // The newest batches are where a torn write would show; older ones were
    // checked in earlier rounds.
    for (int b = std::max(1, batches - 3); b <= batches; ++b) {
      for (int i : {0, 49}) {
        auto ad = (*store)->LoadAd({"crash", std::to_string(b) + "-" + std::to_string(i)});
        ASSERT_TRUE(ad.ok()) << "batch " << b << " ad " << i << " missing in round " << round;
      }
      if (b < batches) {
        auto versions = (*store)->LoadAdVersions({"crash", std::to_string(b) + "-0"});
        ASSERT_TRUE(versions.ok());
        ASSERT_EQ(versions->size(), 2u) << "batch " << b + 1 << " change of ad " << b << "-0 lost or doubled";
      }
    }
    auto frontier = (*store)->CountFrontier("crash", clock.Now());
    ASSERT_TRUE(frontier.ok());
    ASSERT_EQ(frontier->total, batches);
  }
  std::printf("%d kills, %d batches committed\n", kKills, max_seen);
  EXPECT_GE(max_seen, kKills / 2) << "the writer hardly committed anything: the test proved little";
}

StoreConfig BaseConfig(const std::string& dir) {
  std::ofstream(dir + "/key") << "crash-key\n";
  StoreConfig c;
  c.pseudonym_key = "file:" + dir + "/key";
  return c;
}

std::string TempDir() {
  char tmpl[] = "/tmp/adwatch-crash-XXXXXX";
  return mkdtemp(tmpl);
}

TEST(StoreCrashTest, SqliteSurvivesKill9AtRandomMoments) {
  std::string dir = TempDir();
  StoreConfig c = BaseConfig(dir);
  c.backend = "sqlite";
  c.path = dir + "/crash.db";
  RunCrashLoop(c, c.path);
  std::filesystem::remove_all(dir);
}

TEST(StoreCrashTest, PostgresqlSurvivesKill9OfTheWriterAtRandomMoments) {
  auto pg = testing::PgServer::Start();
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  std::string dir = TempDir();
  StoreConfig c = BaseConfig(dir);
  c.backend = "postgresql";
  c.conninfo = (*pg)->ConnInfo();
  RunCrashLoop(c, c.conninfo);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace adwatch
