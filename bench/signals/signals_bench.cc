// signals_bench: the cross-ad index's cost per update as the corpus grows,
// a full rebuild's time and peak RSS, and template clustering beside an
// exact all-pairs baseline. Driven by bench/signals.sh.
//   signals_bench incremental N   build an index of N ads, then time 2000 updates
//   signals_bench rebuild N       time a streaming rebuild (EntityRebuilder) of N ads, peak RSS
//   signals_bench templates N     template links from candidates (LSH bands, rare sentences)
//                                 vs the same test on all pairs, on N synthetic ads
//   signals_bench templates-demo N   the same on the demo network's ads (N = --ads)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_set>
#include <algorithm>

#include "bench/signals/synth.h"
#ifdef ADWATCH_BENCH_DEMO
#include "tests/crossad/demo_facts.h"
#endif
#include "matcher/crossad/internal/state.h"

namespace adwatch::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// CPU seconds of this process (user + system): the machine may be shared,
// so wall time alone overstates the cost.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double PeakRssMb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

int Incremental(uint64_t n) {
  CrossAdIndex idx{MatcherConfig{}};
  auto t0 = Clock::now();
  for (uint64_t i = 0; i < n; ++i) idx.Upsert(SynthAd(i));
  auto t1 = Clock::now();
  // 1000 new ads and 1000 changes to ads spread over the corpus.
  constexpr uint64_t kOps = 2000;
  // The facts are made before the clock starts: only the index is timed.
  std::vector<AdFacts> ops;
  for (uint64_t k = 0; k < kOps / 2; ++k) {
    ops.push_back(SynthAd(n + k));
    ops.push_back(SynthAd(Mix(k) % n, 1));
  }
  double c2 = CpuSeconds();
  auto t2 = Clock::now();
  for (const AdFacts& f : ops) idx.Upsert(f);
  auto t3 = Clock::now();
  double c3 = CpuSeconds();
  std::printf("incremental n=%llu build_s=%.2f build_us_per_ad=%.1f update_us_per_ad=%.1f update_cpu_us_per_ad=%.1f "
              "entities=%zu rss_mb=%.0f\n",
              static_cast<unsigned long long>(n), Seconds(t0, t1), 1e6 * Seconds(t0, t1) / n,
              1e6 * Seconds(t2, t3) / kOps, 1e6 * (c3 - c2) / kOps, idx.Entities().size(), PeakRssMb());
  return 0;
}

// A rebuild as from the store: facts stream in (made in batches outside the
// timed part), only the rebuilder's compact state is held.
int RebuildBench(uint64_t n) {
  EntityRebuilder builder{MatcherConfig{}};
  double cpu = 0, wall = 0;
  std::vector<AdFacts> batch;
  for (uint64_t lo = 0; lo < n; lo += 10000) {
    batch.clear();
    for (uint64_t i = lo; i < std::min(n, lo + 10000); ++i) batch.push_back(SynthAd(i));
    double c0 = CpuSeconds();
    auto t0 = Clock::now();
    for (const AdFacts& f : batch) builder.Add(f);
    wall += Seconds(t0, Clock::now());
    cpu += CpuSeconds() - c0;
  }
  double state_mb = PeakRssMb();
  const double add_cpu = cpu;
  size_t entities = 0, flagged = 0, shared = 0;
  double c0 = CpuSeconds();
  auto t0 = Clock::now();
  builder.Finish([&](Entity&& e) {
    ++entities;
    for (const Contribution& c : e.contributions)
      flagged += c.category == "template", shared += c.category == "shared_phone";
  }, /*reportable_only=*/true);
  wall += Seconds(t0, Clock::now());
  cpu += CpuSeconds() - c0;
  std::printf("rebuild n=%llu seconds=%.2f cpu_seconds=%.2f (fold %.2f, link+entities %.2f) entities=%zu "
              "template_entities=%zu shared_phone_entities=%zu state_rss_mb=%.0f peak_rss_mb=%.0f\n",
              static_cast<unsigned long long>(n), wall, cpu, add_cpu, cpu - add_cpu, entities, flagged, shared,
              state_mb, PeakRssMb());
  return 0;
}

// Band b of two ads is equal (the near-identical test needs one in common).
bool BandShared(const crossad_internal::AdState& a, const crossad_internal::AdState& b) {
  for (size_t i = 0; i < a.bands.size() && i < b.bands.size(); ++i)
    if (a.bands[i] == b.bands[i]) return true;
  return false;
}

// Baseline: TemplateLinked on every pair. adwatch: the same test on the
// candidates only (an LSH band or a rare sentence in common), as the index and
// the rebuild find them.
int Templates(const char* corpus, const std::vector<AdFacts>& ads, const SignalParams& p) {
  namespace ci = crossad_internal;
  const uint32_t n = static_cast<uint32_t>(ads.size());
  ci::Vocabulary vocab;
  std::vector<ci::AdState> st(n);
  std::vector<std::vector<uint64_t>> sh(n);
  for (uint32_t i = 0; i < n; ++i) {
    ci::Fold(&st[i], ads[i], p, true, &vocab);
    sh[i] = ci::Shingles(st[i].words, p.template_shingle, vocab);
  }
  std::vector<std::pair<uint64_t, uint32_t>> by_sentence;
  for (uint32_t i = 0; i < n; ++i)
    for (uint64_t h : ci::UniqueSentences(st[i])) by_sentence.emplace_back(h, i);
  std::sort(by_sentence.begin(), by_sentence.end());
  std::unordered_set<uint64_t> common;
  for (size_t lo = 0, hi; lo < by_sentence.size(); lo = hi) {
    for (hi = lo; hi < by_sentence.size() && by_sentence[hi].first == by_sentence[lo].first; ++hi) {}
    if (hi - lo > static_cast<size_t>(p.template_common_sentence_ads)) common.insert(by_sentence[lo].first);
  }
  const ci::IsCommon is_common = [&](uint64_t h) { return common.count(h) > 0; };

  auto t0 = Clock::now();
  std::vector<std::pair<uint32_t, uint32_t>> exact;
  for (uint32_t a = 0; a < n; ++a)
    for (uint32_t b = a + 1; b < n; ++b)
      if (ci::TemplateLinked(st[a], st[b], BandShared(st[a], st[b]) ? &sh[a] : nullptr,
                             BandShared(st[a], st[b]) ? &sh[b] : nullptr, vocab, p, is_common))
        exact.emplace_back(a, b);
  auto t1 = Clock::now();
  std::vector<std::pair<uint64_t, uint32_t>> keyed;
  for (uint32_t i = 0; i < n; ++i)
    for (uint64_t k : st[i].bands) keyed.emplace_back(k, i);
  for (auto [h, i] : by_sentence)
    if (!common.count(h)) keyed.emplace_back(h ^ 0x5e47e9ce5e47e9ceULL, i);  // own key space
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::pair<uint32_t, uint32_t>> cand, lsh;
  for (size_t lo = 0, hi; lo < keyed.size(); lo = hi) {
    for (hi = lo; hi < keyed.size() && keyed[hi].first == keyed[lo].first; ++hi) {}
    for (size_t a = lo; a < hi; ++a)
      for (size_t b = a + 1; b < hi; ++b) cand.emplace_back(std::minmax(keyed[a].second, keyed[b].second));
  }
  std::sort(cand.begin(), cand.end());
  cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
  for (auto [a, b] : cand) {
    bool band = BandShared(st[a], st[b]);
    std::vector<uint64_t> sa, sb;
    if (band) sa = ci::Shingles(st[a].words, p.template_shingle, vocab), sb = ci::Shingles(st[b].words, p.template_shingle, vocab);
    if (ci::TemplateLinked(st[a], st[b], band ? &sa : nullptr, band ? &sb : nullptr, vocab, p, is_common))
      lsh.emplace_back(a, b);
  }
  auto t2 = Clock::now();
  std::sort(lsh.begin(), lsh.end());
  size_t both = 0;
  for (auto& pr : exact) both += std::binary_search(lsh.begin(), lsh.end(), pr);
  std::printf("templates corpus=%s jaccard=%.2f family=%.2f n=%llu baseline_all_pairs_s=%.3f baseline_pairs=%zu "
              "lsh_s=%.3f lsh_candidates=%zu lsh_pairs=%zu recall=%.4f speedup=%.1f\n",
              corpus, p.template_jaccard, p.template_family_similarity, static_cast<unsigned long long>(n),
              Seconds(t0, t1), exact.size(), Seconds(t1, t2), cand.size(), lsh.size(),
              exact.empty() ? 1.0 : double(both) / exact.size(), Seconds(t0, t1) / Seconds(t1, t2));
  return 0;
}

std::vector<AdFacts> SynthCorpus(uint64_t n) {
  std::vector<AdFacts> ads;
  for (uint64_t i = 0; i < n; ++i) ads.push_back(SynthAd(i));
  return ads;
}

// The demo network's ads: independent ads composed from shared stock
// sentences, as on real sites, so near-threshold pairs are common.
std::vector<AdFacts> DemoCorpus(uint64_t n) {
  std::vector<AdFacts> ads;
#ifdef ADWATCH_BENCH_DEMO
  demo::Network net(1, n);
  for (uint64_t i = 0; i < net.BornCount(0); ++i) ads.push_back(test::DemoFacts(net, i, 0));
#else
  (void)n;
#endif
  return ads;
}

}  // namespace
}  // namespace adwatch::bench

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: signals_bench incremental|rebuild|templates|templates-demo N\n");
    return 2;
  }
  uint64_t n = std::strtoull(argv[2], nullptr, 10);
  if (n < 2) return 2;
  if (!std::strcmp(argv[1], "incremental")) return adwatch::bench::Incremental(n);
  if (!std::strcmp(argv[1], "rebuild")) return adwatch::bench::RebuildBench(n);
  if (!std::strcmp(argv[1], "templates"))
    return adwatch::bench::Templates("synthetic", adwatch::bench::SynthCorpus(n), adwatch::SignalParams());
  if (!std::strcmp(argv[1], "templates-demo")) {
    auto ads = adwatch::bench::DemoCorpus(n);
    if (ads.empty()) {
      std::fprintf(stderr, "templates-demo needs the demo generator (build with tests)\n");
      return 2;
    }
    return adwatch::bench::Templates("demo-network", ads, adwatch::SignalParams());
  }
  std::fprintf(stderr, "unknown mode %s\n", argv[1]);
  return 2;
}
