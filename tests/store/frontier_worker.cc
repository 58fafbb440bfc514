// Child of the frontier test: a crawler worker leasing from a shared
// PostgreSQL frontier. Prints "done URL" after each completed URL. With
// "hang" it leases one batch, prints "leased URL" for each, then sleeps
// until killed (a worker dying mid-lease).
//
// usage: store_frontier_worker CONNINFO KEYREF WORKER_ID [hang]
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "store/store.h"

using namespace adwatch;

int main(int argc, char** argv) {
  if (argc < 4) return 2;
  StoreConfig config;
  config.backend = "postgresql";
  config.conninfo = argv[1];
  config.pseudonym_key = argv[2];
  const std::string worker = argv[3];
  const bool hang = argc > 4 && std::string(argv[4]) == "hang";
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  Store& s = **store;
  const auto deadline = clock.Now() + std::chrono::seconds(30);
  while (clock.Now() < deadline) {
    auto leased = s.Lease("fw", worker, 5, std::chrono::seconds(2), clock.Now());
    if (!leased.ok()) {
      std::fprintf(stderr, "%s\n", leased.status().ToString().c_str());
      return 1;
    }
    if (hang) {
      for (const auto& u : *leased) std::printf("leased %s\n", u.url.c_str());
      std::fflush(stdout);
      std::this_thread::sleep_for(std::chrono::seconds(60));
      return 3;
    }
    if (leased->empty()) {
      auto counts = s.CountFrontier("fw", clock.Now());
      if (!counts.ok()) return 1;
      if (counts->due == 0 && counts->leased == 0) return 0;  // cycle done
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    for (const auto& u : *leased) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // the "fetch"
      Status st = s.Complete("fw", u.url, worker, 1, clock.Now() + std::chrono::hours(1), {}, clock.Now());
      std::printf("%s %s\n", st.ok() ? "done" : "lost", u.url.c_str());
    }
    std::fflush(stdout);
  }
  return 4;  // did not finish in time
}
