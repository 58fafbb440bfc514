// Scale-out: three worker processes share one PostgreSQL frontier. One dies
// (SIGKILL) holding leases; after the lease expires the others take its URLs.
// Every URL must be completed exactly once in the cycle, none lost.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "store/store.h"
#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace adwatch {
namespace {

struct Child {
  pid_t pid;
  FILE* out;
};

Child Spawn(std::vector<std::string> args) {
  testing::SpawnedChild c = testing::SpawnWithStdoutPipe(args);
  EXPECT_GT(c.pid, 0) << args[0];
  return {c.pid, fdopen(c.stdout_fd, "r")};
}

std::vector<std::string> Lines(FILE* f) {
  std::vector<std::string> out;
  char buf[1024];
  while (fgets(buf, sizeof buf, f)) {
    std::string l(buf);
    if (!l.empty() && l.back() == '\n') l.pop_back();
    out.push_back(l);
  }
  fclose(f);
  return out;
}

TEST(StoreFrontierTest, ThreeWorkersNoUrlTwiceNoneLostWhenOneDiesMidLease) {
  auto pg = testing::PgServer::Start();
  ASSERT_TRUE(pg.ok()) << pg.status().ToString();
  char tmpl[] = "/tmp/adwatch-frontier-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::ofstream(dir + "/key") << "k\n";
  StoreConfig config;
  config.backend = "postgresql";
  config.conninfo = (*pg)->ConnInfo();
  config.pseudonym_key = "file:" + dir + "/key";
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::vector<FrontierEntry> urls;
  const int kUrls = 400;
  for (int i = 0; i < kUrls; ++i)
    urls.push_back({"fw", "https://fw.example/" + std::to_string(i), UrlKind::kDetail, i % 3, clock.Now()});
  ASSERT_TRUE((*store)->Enqueue(urls, 1, clock.Now()).ok());

  // The doomed worker leases first, then dies holding its lease.
  Child doomed = Spawn({ADWATCH_FRONTIER_WORKER, config.conninfo, config.pseudonym_key, "w3", "hang"});
  char line[1024];
  std::vector<std::string> leased;
  while (leased.size() < 5 && fgets(line, sizeof line, doomed.out)) leased.push_back(line);
  ASSERT_EQ(leased.size(), 5u);
  Child w1 = Spawn({ADWATCH_FRONTIER_WORKER, config.conninfo, config.pseudonym_key, "w1"});
  Child w2 = Spawn({ADWATCH_FRONTIER_WORKER, config.conninfo, config.pseudonym_key, "w2"});
  usleep(100 * 1000);  // mid-cycle
  ASSERT_EQ(kill(doomed.pid, SIGKILL), 0);
  waitpid(doomed.pid, nullptr, 0);
  fclose(doomed.out);

  std::map<std::string, int> done;
  std::map<std::string, int> per_worker;
  for (auto [c, name] : {std::pair{w1, "w1"}, std::pair{w2, "w2"}}) {
    for (const auto& l : Lines(c.out)) {
      ASSERT_EQ(l.rfind("done ", 0), 0u) << name << ": " << l;
      ++done[l.substr(5)];
      ++per_worker[name];
    }
    int status = 0;
    waitpid(c.pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << name << " status " << status;
  }
  EXPECT_EQ(done.size(), static_cast<size_t>(kUrls)) << "URLs lost";
  for (const auto& [url, n] : done) EXPECT_EQ(n, 1) << url << " fetched " << n << " times";
  for (const auto& l : leased) {
    std::string url = l.substr(7, l.size() - 8);
    EXPECT_EQ(done[url], 1) << "leased by the dead worker, never taken over: " << url;
  }
  EXPECT_GT(per_worker["w1"], 0);
  EXPECT_GT(per_worker["w2"], 0);
  EXPECT_EQ((*pg)->QueryValue("SELECT COUNT(*) FROM frontier WHERE done_cycle = 1 AND lease_owner IS NULL").value(),
            std::to_string(kUrls));
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace adwatch
