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
// sqlite3 shell; PostgreSQL: client + every server process) and the rate
// ratio that CPU implies.
//
// usage: ingest_bench [--ads N] [--batch B] [--rounds R] [--only sqlite|postgresql] [--sqlite-only]
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
#include "core/hash.h"
#include "store/store.h"
#include "tests/support/pg_server.h"

using namespace adwatch;
using namespace adwatch::bench;
using Clock_ = std::chrono::steady_clock;

namespace {

std::vector<Ad> MakeAds(int n) {
  std::vector<Ad> ads;
  ads.reserve(n);
  static const char* towns[] = {"Heerlen", "Maastricht", "Sittard", "Geleen", "Kerkrade", "Brunssum"};
  for (int i = 0; i < n; ++i) {
    Ad ad;
    ad.site = "bench";
    ad.id = std::to_string(1000000 + i);
    ad.url = "https://bench.example/advertentie/" + ad.id;
    ad.title = "Nieuw in " + std::string(towns[i % 6]) + ", lieve meid " + std::to_string(i % 97);
    ad.text.reserve(1500);
    while (ad.text.size() < 1400)
      ad.text += "Hoi, ik ben nieuw hier en ontvang je graag in een discrete privé-omgeving. Bel of app me. ";
    ad.text += std::to_string(i);
    ad.name = "Naam" + std::to_string(i % 500);
    ad.stated_age = std::to_string(19 + i % 20);
    ad.city = towns[i % 6];
    ad.region = "NL";
    ad.phones = {"06" + std::to_string(10000000 + i % 50000)};
    ad.price = "100";
    ad.posted = "2026-11-28";
    ad.photos = {ad.url + "/1.jpg", ad.url + "/2.jpg"};
    ads.push_back(std::move(ad));
  }
  return ads;
}

std::string CsvField(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The same rows the store writes (key, url, hash, the ad as JSON-ish text).
void WriteCsv(const std::vector<Ad>& ads, const std::string& path) {
  std::ofstream out(path);
  for (const Ad& ad : ads) {
    std::string data = ad.title + "\t" + ad.text + "\t" + ad.name + "\t" + ad.city + "\t" + ad.phones[0] + "\t" +
                       ad.photos[0] + "\t" + ad.photos[1];
    out << CsvField(ad.site) << "," << CsvField(ad.id) << "," << CsvField(ad.url) << "," << ContentHash(ad) << ","
        << CsvField(data) << "\n";
  }
}

// Each side starts from a quiet machine and server: the previous phase's dirty
// pages written out (OS, and PostgreSQL's buffers by a checkpoint), and no
// autovacuum. Woken by 50,000 inserts, autovacuum ran in whichever phase
// came next and was charged to it: psql \copy's CPU per row spread 17-31 us
// over five runs. SQLite's phases only sync().
Status Quiet(testing::PgServer* pg) {
  sync();
  if (!pg) return Status::Ok();
  for (const char* sql : {"ALTER SYSTEM SET autovacuum = off", "SELECT pg_reload_conf()", "CHECKPOINT"}) {
    if (auto r = pg->QueryValue(sql); !r.ok()) return r.status();
  }
  sync();
  return Status::Ok();
}

double Seconds(Clock_::time_point a, Clock_::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// One side of a round: rows per second (-1: failed) and CPU per row in us.
struct Side {
  double rate = -1, cpu_us = 0;
};

// CPU of this process and its reaped children, plus the server's if given.
double CpuNow(testing::PgServer* pg, int* children = nullptr) {
  return CpuSeconds() + ChildCpuSeconds() + (pg ? ServerCpuSeconds(pg->dir(), children) : 0);
}

Side RunStore(const StoreConfig& config, const std::vector<Ad>& ads, int batch, testing::PgServer* pg) {
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return {};
  }
  const auto t0 = Clock_::now();
  const double cpu0 = CpuNow(pg);
  for (size_t i = 0; i < ads.size(); i += batch) {
    std::vector<Ad> b(ads.begin() + i, ads.begin() + std::min(ads.size(), i + batch));
    auto r = (*store)->UpsertAds(b, clock.Now());
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return {};
    }
  }
  const double wall = Seconds(t0, Clock_::now());
  return {ads.size() / wall, (CpuNow(pg) - cpu0) * 1e6 / ads.size()};
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
    std::printf("  %s round %d: adwatch %.0f ads/s (%.1f us CPU/ad), %s %.0f rows/s (%.1f us CPU/row): ratio %.2f, "
                "by CPU %.2f\n", name, r + 1, s.rate, s.cpu_us, base_name, b.rate, b.cpu_us, s.rate / b.rate,
                b.cpu_us / s.cpu_us);
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
  bool sqlite_only = false, pg_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i], next = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--ads" && !next.empty()) n = std::atoi(argv[++i]);
    else if (a == "--batch" && !next.empty()) batch = std::atoi(argv[++i]);
    else if (a == "--rounds" && !next.empty()) rounds = std::max(1, std::atoi(argv[++i]));
    else if (a == "--sqlite-only" || (a == "--only" && next == "sqlite")) sqlite_only = true, i += a == "--only";
    else if (a == "--only" && next == "postgresql") pg_only = true, ++i;
    else {
      std::fprintf(stderr, "usage: %s [--ads N] [--batch B] [--rounds R] [--only sqlite|postgresql]\n", argv[0]);
      return 2;
    }
  }
  char tmpl[] = "/tmp/adwatch-ingest-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::filesystem::permissions(dir, std::filesystem::perms::all);  // postgres (psql \copy) reads the CSV
  std::ofstream(dir + "/key") << "bench-key\n";
  auto ads = MakeAds(n);
  WriteCsv(ads, dir + "/ads.csv");
  std::printf("ingest: %d ads of ~1.5 KB, batches of %d (one transaction each), %d rounds\n", n, batch, rounds);

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
    // The bench server runs with fsync=off (as the tests' does); so does the baseline.
    auto fresh_db = [&](const std::string& name, const std::string& table) -> Status {
      ADWATCH_RETURN_IF_ERROR(s->CreateDatabase(name));
      if (!table.empty()) ADWATCH_RETURN_IF_ERROR(s->QueryValue(table, name).status());
      return Quiet(s);
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
  }
  std::filesystem::remove_all(dir);
  std::printf("summary: sqlite %.0f ads/s (%.2fx of sqlite3 .import, target >= 20000), postgresql %.0f ads/s "
              "(%.2fx of COPY, target >= 5000)\n",
              sqlite.first, sqlite.second, pg.first, pg.second);
  return (pg_only || sqlite.first > 0) && (sqlite_only || pg.first > 0) ? 0 : 1;
}
