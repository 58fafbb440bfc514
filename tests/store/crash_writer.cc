// Child of the crash test: writes numbered crawl batches into a store and
// prints "committed N" after each commit, until killed. Batch N holds 50 new
// ads (N-0 … N-49) and changes 10 ads of batch N-1, plus frontier work, all
// in ONE ApplyCrawlBatch. On start it resumes after the last complete batch.
//
// usage: store_crash_writer sqlite PATH KEYREF | postgresql CONNINFO KEYREF
#include <cstdio>
#include <string>

#include "store/store.h"

using namespace adwatch;

namespace {
constexpr int kPerBatch = 50;

Ad MakeAd(int batch, int i, int revision) {
  Ad ad;
  ad.site = "crash";
  ad.id = std::to_string(batch) + "-" + std::to_string(i);
  ad.url = "https://crash.example/ad/" + ad.id;
  ad.title = "ad " + ad.id;
  ad.text = "revision " + std::to_string(revision) + " of a text long enough to look like an ad " + std::string(300, 'x');
  ad.phones = {"0612345678"};
  return ad;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: %s sqlite|postgresql PATH|CONNINFO KEYREF\n", argv[0]);
    return 2;
  }
  StoreConfig config;
  config.backend = argv[1];
  (config.backend == "sqlite" ? config.path : config.conninfo) = argv[2];
  config.pseudonym_key = argv[3];
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 1;
  }
  Store& s = **store;
  auto counters = s.GetSiteCounters("crash");
  if (!counters.ok()) return 1;
  int batch = static_cast<int>(counters->ads_known / kPerBatch);
  auto cycle = s.BeginCycle("crash", clock.Now());
  if (!cycle.ok()) return 1;
  for (;;) {
    ++batch;
    CrawlBatch b;
    b.site = "crash";
    b.cycle = cycle->cycle;
    for (int i = 0; i < kPerBatch; ++i) {
      b.ads.push_back(MakeAd(batch, i, 0));
      b.listed_ids.push_back(b.ads.back().id);
    }
    if (batch > 1)
      for (int i = 0; i < 10; ++i) b.ads.push_back(MakeAd(batch - 1, i, 1));
    b.discovered.push_back({"crash", "https://crash.example/list/" + std::to_string(batch), UrlKind::kListing, 0,
                            clock.Now()});
    auto r = s.ApplyCrawlBatch(b, clock.Now());
    if (!r.ok()) {
      std::fprintf(stderr, "batch %d: %s\n", batch, r.status().ToString().c_str());
      return 1;
    }
    std::printf("committed %d\n", batch);
    std::fflush(stdout);
  }
}
