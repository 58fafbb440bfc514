// Ingest benchmark: ads per second through Store::UpsertAds (batched, one
// transaction per batch) into SQLite and a throwaway PostgreSQL, next to a
// plain bulk load of the same rows (sqlite3 .import, psql \copy = COPY) as
// the physical baseline. Prints a line per round and backend, then the
// medians, and a summary line (medians).
//
// On a shared 2-core machine one run says as much about the neighbours as
// about us (the baseline's rate varied 1.6x between runs minutes apart), so
// each backend runs `--rounds` rounds (fresh database each), the two sides
// alternating which goes first, and the medians are reported. Each line
// also gives the CPU both sides spent per row (SQLite: this process and the
// sqlite3 shell; PostgreSQL: client + every server process), how much of
// adwatch's is this process's (the client's), and the rate ratio that CPU
// implies.
//
// With --store-tables, PostgreSQL is also measured against a COPY of the
// rows the store writes into its own tables (see WriteStoreCsv): the raw
// baseline loads one row and one index entry per ad, the store must write
// two rows, four index entries and a foreign-key check.
//
// With --resight, each store round then sees the same ads again, unchanged
// (the common case of a crawl cycle), and prints that pass's rate and CPU.
//
// With --warm N, the store's connection first writes N other ads, untimed
// (see `warm` below): the rate of a long-lived connection, not a fresh one.
//
// usage: ingest_bench [--ads N] [--batch B] [--rounds R] [--only sqlite|postgresql] [--store-tables] [--resight] [--warm N]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "bench/ingest/cpu.h"
#include "bench/ingest/rows.h"
#include "store/store.h"
#include "tests/support/pg_server.h"

using namespace adwatch;
using namespace adwatch::bench;
using Clock_ = std::chrono::steady_clock;

namespace {

// Each side starts from a quiet machine and server: the previous phase's dirty
// pages written out (OS, and PostgreSQL's buffers by a checkpoint), and no
// autovacuum. Woken by 50,000 inserts, autovacuum ran in whichever phase
// came next and was charged to it: psql \copy's CPU per row spread 17-31 us
// over five runs. SQLite's phases only sync().
// `idle`: how many children the server has with no client connected; a side
// starts once the backends of these statements ended and were reaped, so
// their CPU is not counted in it (one baseline round read 3.3 us CPU/row
// against 25-34 in the others).
Status Quiet(testing::PgServer* pg, int idle = 0) {
  sync();
  if (!pg) return Status::Ok();
  for (const char* sql : {"ALTER SYSTEM SET autovacuum = off", "SELECT pg_reload_conf()", "CHECKPOINT"}) {
    if (auto r = pg->QueryValue(sql); !r.ok()) return r.status();
  }
  sync();
  (void)ServerCpuAfter(pg->dir(), idle);
  return Status::Ok();
}

double Seconds(Clock_::time_point a, Clock_::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// One side of a round: rows per second (-1: failed) and CPU per row in us.
struct Side {
  double rate = -1, cpu_us = 0, client_us = 0;  // client_us: this process's part of cpu_us (adwatch only)
};

// CPU of this process and its reaped children, plus the server's if given.
double CpuNow(testing::PgServer* pg, int* children = nullptr) {
  return CpuSeconds() + ChildCpuSeconds() + (pg ? ServerCpuSeconds(pg->dir(), children) : 0);
}

// --resight: after a store round, the same batches once more, every ad
// unchanged (a crawl cycle that sees what it saw): rate and CPU per ad
// printed on a line of their own, no baseline.
bool resight = false;

// --warm N: before the clock starts, the store's connection writes N ads of
// another site and the server checkpoints. A fresh backend faults in each
// page of shared buffers the first time it touches it, and every 1,000-ad
// COPY takes fresh buffers (README, Benchmarks); after N ads (more than
// shared_buffers holds: 70,000 for the bench server's 128 MB) it has touched
// them all, as a daemon's long-lived connection has, and the timed ads evict
// clean pages. The baseline's backend stays fresh (its one COPY cycles
// through a ring of 16 MB).
int warm = 0;

Side RunStore(const StoreConfig& config, const std::vector<Ad>& ads, int batch, testing::PgServer* pg) {
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return {};
  }
  // The batches are cut before the clock starts: copying 1.7 KB ads into
  // them is the harness's work (1-2 us an ad), not the store's.
  std::vector<std::vector<Ad>> batches;
  for (size_t i = 0; i < ads.size(); i += batch)
    batches.emplace_back(ads.begin() + i, ads.begin() + std::min(ads.size(), i + batch));
  if (warm > 0) {
    std::vector<Ad> w(ads.begin(), ads.begin() + std::min(ads.size(), static_cast<size_t>(batch)));
    for (int done = 0; done < warm; done += static_cast<int>(w.size())) {
      for (size_t k = 0; k < w.size(); ++k) w[k].site = "warm", w[k].id = std::to_string(done + k);
      if (auto r = (*store)->UpsertAds(w, clock.Now()); !r.ok()) {
        std::fprintf(stderr, "warm-up: %s\n", r.status().ToString().c_str());
        return {};
      }
    }
    if (pg) {
      if (auto r = pg->QueryValue("CHECKPOINT"); !r.ok()) return std::fprintf(stderr, "warm-up checkpoint failed\n"), Side{};
    }
    sync();
  }
  const auto t0 = Clock_::now();
  const double cpu0 = CpuNow(pg), self0 = CpuSeconds();
  for (const std::vector<Ad>& b : batches) {
    auto r = (*store)->UpsertAds(b, clock.Now());
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return {};
    }
  }
  const double wall = Seconds(t0, Clock_::now());
  const double self = CpuSeconds() - self0;
  const Side side{ads.size() / wall, (CpuNow(pg) - cpu0) * 1e6 / ads.size(), self * 1e6 / ads.size()};
  if (resight) {
    const auto t1 = Clock_::now();
    const double cpu1 = CpuNow(pg), self1 = CpuSeconds();
    for (const std::vector<Ad>& b : batches) {
      auto r = (*store)->UpsertAds(b, clock.Now());
      if (!r.ok() || (!r->empty() && r->front().event != AdEvent::kUnchanged)) {
        std::fprintf(stderr, "re-sighting: %s\n", r.ok() ? "an ad was not unchanged" : r.status().ToString().c_str());
        return {};
      }
    }
    const double w = Seconds(t1, Clock_::now());
    std::printf("    re-sighting: %.0f ads/s (%.1f us CPU/ad, %.1f of it client)\n", ads.size() / w,
                (CpuNow(pg) - cpu1) * 1e6 / ads.size(), (CpuSeconds() - self1) * 1e6 / ads.size());
  }
  return side;
}

// A shell command (the baseline); its backend's CPU is counted once it ended.
Side RunShell(const std::string& cmd, size_t rows, testing::PgServer* pg) {
  int children = 0;
  const double cpu0 = CpuNow(pg, &children);
  const auto t0 = Clock_::now();
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "baseline failed: %s\n", cmd.c_str());
    return {};
  }
  const double wall = Seconds(t0, Clock_::now());
  const double cpu1 = CpuSeconds() + ChildCpuSeconds() + (pg ? ServerCpuAfter(pg->dir(), children) : 0);
  return {rows / wall, (cpu1 - cpu0) * 1e6 / rows};
}

constexpr const char* kRawTable =
    "CREATE TABLE raw (site TEXT, ad_id TEXT, url TEXT, content_hash TEXT, data TEXT, PRIMARY KEY (site, ad_id));";

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Runs `rounds` rounds of store(r) and base(r), alternating which goes first;
// prints each and the medians; returns {median store rate, median ratio}.
std::pair<double, double> Rounds(const char* name, const char* base_name, int rounds,
                                 const std::function<Side(int)>& store, const std::function<Side(int)>& base) {
  std::vector<double> rates, bases, ratios, cpu_ratios;
  for (int r = 0; r < rounds; ++r) {
    Side s, b;
    if (r % 2) b = base(r), s = store(r);
    else s = store(r), b = base(r);
    if (s.rate <= 0 || b.rate <= 0) return {-1, 0};
    std::printf("  %s round %d: adwatch %.0f ads/s (%.1f us CPU/ad, %.1f of it client), %s %.0f rows/s (%.1f us "
                "CPU/row): ratio %.2f, by CPU %.2f\n", name, r + 1, s.rate, s.cpu_us, s.client_us, base_name, b.rate,
                b.cpu_us, s.rate / b.rate, b.cpu_us / s.cpu_us);
    rates.push_back(s.rate), bases.push_back(b.rate), ratios.push_back(s.rate / b.rate);
    cpu_ratios.push_back(b.cpu_us / s.cpu_us);
  }
  std::printf("%-11s adwatch UpsertAds %9.0f ads/s   %s %9.0f rows/s   ratio %.2f (by CPU %.2f), medians of %d\n",
              name, Median(rates), base_name, Median(bases), Median(ratios), Median(cpu_ratios), rounds);
  return {Median(rates), Median(ratios)};
}

}  // namespace

int main(int argc, char** argv) {
  int n = 50000, batch = 1000, rounds = 3;
  bool sqlite_only = false, pg_only = false, store_tables = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i], next = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--ads" && !next.empty()) n = std::atoi(argv[++i]);
    else if (a == "--batch" && !next.empty()) batch = std::atoi(argv[++i]);
    else if (a == "--rounds" && !next.empty()) rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--sqlite-only" || (a == "--only" && next == "sqlite")) sqlite_only = true, i += a == "--only";
    else if (a == "--only" && next == "postgresql") pg_only = true, ++i;
    else if (a == "--store-tables") store_tables = true;
    else if (a == "--resight") resight = true;
    else if (a == "--warm" && !next.empty()) warm = std::max(0, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: %s [--ads N] [--batch B] [--rounds R] [--only sqlite|postgresql] [--store-tables] [--resight] [--warm N]\n", argv[0]);
      return 2;
    }
  }
  char tmpl[] = "/tmp/adwatch-ingest-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::filesystem::permissions(dir, std::filesystem::perms::all);  // postgres (psql \copy) reads the CSV
  std::ofstream(dir + "/key") << "bench-key\n";
  auto ads = MakeAds(n);
  WriteCsv(ads, dir + "/ads.csv");
  if (store_tables) WriteStoreCsv(ads, dir);
  std::printf("ingest: %d ads of ~1.5 KB (corpus texts), batches of %d (one transaction each), %d rounds%s\n", n, batch,
              rounds, warm > 0 ? (", store connection warmed by " + std::to_string(warm) + " ads").c_str() : "");

  StoreConfig sc;
  sc.backend = "sqlite";
  sc.pseudonym_key = "file:" + dir + "/key";
  std::pair<double, double> sqlite{-1, 0}, pg{-1, 0};
  if (!pg_only) {
    auto round_dir = [&](int r) { return dir + "/sqlite" + std::to_string(r); };
    sqlite = Rounds(
        "sqlite", "sqlite3 .import", rounds,
        [&](int r) {
          std::filesystem::create_directory(round_dir(r));
          StoreConfig c = sc;
          c.path = round_dir(r) + "/adwatch.db";
          (void)Quiet(nullptr);
          return RunStore(c, ads, batch, nullptr);
        },
        [&](int r) {
          std::filesystem::create_directory(round_dir(r));
          (void)Quiet(nullptr);
          return RunShell("sqlite3 " + round_dir(r) + "/raw.db \"PRAGMA journal_mode=WAL;\" \"" + kRawTable +
                              "\" \".mode csv\" \".import " + dir + "/ads.csv raw\" >/dev/null",
                          n, nullptr);
        });
  }
  if (!sqlite_only) {
    auto server = testing::PgServer::Start();
    if (!server.ok()) {
      std::fprintf(stderr, "%s\n", server.status().ToString().c_str());
      return 1;
    }
    testing::PgServer* s = server->get();
    int idle = 0;
    (void)ServerCpuSeconds(s->dir(), &idle);
    // The bench server runs with fsync=off (as the tests' does); so does the baseline.
    auto fresh_db = [&](const std::string& name, const std::string& table) -> Status {
      ADWATCH_RETURN_IF_ERROR(s->CreateDatabase(name));
      if (!table.empty()) ADWATCH_RETURN_IF_ERROR(s->QueryValue(table, name).status());
      return Quiet(s, idle);
    };
    pg = Rounds(
        "postgresql", "psql \\copy (COPY)", rounds,
        [&](int r) {
          const std::string db = "adwatch" + std::to_string(r);
          if (Status st = fresh_db(db, ""); !st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), Side{};
          StoreConfig c = sc;
          c.backend = "postgresql";
          c.conninfo = s->ConnInfo(db);
          return RunStore(c, ads, batch, s);
        },
        [&](int r) {
          const std::string db = "raw" + std::to_string(r);
          if (Status st = fresh_db(db, kRawTable); !st.ok())
            return std::fprintf(stderr, "%s\n", st.ToString().c_str()), Side{};
          return RunShell("psql -q \"" + s->ConnInfo(db) + "\" -c \"\\copy raw FROM '" + dir +
                              "/ads.csv' WITH (FORMAT csv)\" >/dev/null",
                          n, s);
        });
    if (store_tables && pg.first > 0) {
      auto store_run = [&](int r) {
        const std::string db = "adwatch_t" + std::to_string(r);
        if (Status st = fresh_db(db, ""); !st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), Side{};
        StoreConfig c = sc;
        c.backend = "postgresql";
        c.conninfo = s->ConnInfo(db);
        return RunStore(c, ads, batch, s);
      };
      Rounds("pg tables", "COPY ads+versions", rounds, store_run, [&](int r) {
        const std::string db = "tables" + std::to_string(r);
        StoreConfig c = sc;
        c.backend = "postgresql";
        c.conninfo = s->ConnInfo(db);
        SystemClock clock;
        Status st = s->CreateDatabase(db);
        if (st.ok()) st = OpenStore(c, *Env::Default(), clock).status();  // the schema, then closed
        if (st.ok()) st = Quiet(s, idle);
        if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), Side{};
        return RunShell("psql -q \"" + s->ConnInfo(db) + "\" -c \"\\copy ads (id, site, ad_id, url, content_hash, "
                            "first_seen, last_seen, live) FROM '" + dir + "/ads_rows.csv' WITH (FORMAT csv)\" -c " +
                            "\"\\copy ad_versions (ad, content_hash, first_seen, data) FROM '" + dir +
                            "/versions.csv' WITH (FORMAT csv)\" >/dev/null",
                        n, s);
      });
    }
  }
  std::filesystem::remove_all(dir);
  std::printf("summary: sqlite %.0f ads/s (%.2fx of sqlite3 .import, target >= 20000), postgresql %.0f ads/s "
              "(%.2fx of COPY, target >= 5000)\n",
              sqlite.first, sqlite.second, pg.first, pg.second);
  return (pg_only || sqlite.first > 0) && (sqlite_only || pg.first > 0) ? 0 : 1;
}
