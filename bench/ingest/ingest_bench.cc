// Ingest benchmark: ads per second through Store::UpsertAds (batched, one
// transaction per batch) into SQLite and a throwaway PostgreSQL, next to a
// plain bulk load of the same rows (sqlite3 .import, psql \copy = COPY) as
// the physical baseline. Prints one line per backend and a summary line.
//
// On a loaded machine wall-clock rates say as much about the neighbours as
// about us, so the PostgreSQL line also gives the CPU both sides spent per
// row (client + every server process) and the rate ratio that CPU implies.
//
// The SQLite line gives the CPU per row of both sides as well (this process;
// the sqlite3 shell as a reaped child).
//
// usage: ingest_bench [--ads N] [--batch B] [--only sqlite|postgresql] [--sqlite-only]
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "core/hash.h"
#include "store/store.h"
#include "tests/support/pg_server.h"

using namespace adwatch;
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

// CPU seconds (user + system) this process has used: on a shared, loaded
// machine the wall-clock rate says more about the neighbours than about us.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of reaped child processes (psql, sh).
double ChildCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime + cutime + cstime of a process, in seconds; 0 if gone.
// *ppid and *state (R, S, Z, ...) if asked for.
double ProcCpuSeconds(const std::string& pid, std::string* ppid = nullptr, std::string* state = nullptr) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string line;
  if (!std::getline(in, line)) return 0;
  auto close = line.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) return 0;
  std::istringstream fields(line.substr(close + 2));
  std::vector<std::string> f{std::istream_iterator<std::string>(fields), {}};
  if (f.size() < 15) return 0;  // f[0] is field 3 (state)
  if (ppid) *ppid = f[1];
  if (state) *state = f[0];
  double ticks = 0;
  for (int i : {11, 12, 13, 14}) ticks += std::atof(f[i].c_str());
  return ticks / sysconf(_SC_CLK_TCK);
}

// CPU of the whole server: the postmaster with its reaped children (ended
// backends) and every live child (backends, WAL writer, checkpointer, ...).
// *children: how many children there are; *zombies: how many of them ended
// and are not reaped yet (their CPU may read as 0 until the postmaster reaps them).
double ServerCpuSeconds(const std::string& pg_dir, int* children = nullptr, int* zombies = nullptr) {
  std::ifstream pidfile(pg_dir + "/data/postmaster.pid");
  std::string postmaster;
  if (!std::getline(pidfile, postmaster)) return 0;
  double sum = ProcCpuSeconds(postmaster);
  int n = 0, z = 0;
  if (DIR* d = opendir("/proc")) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name, ppid, state;
      if (name.find_first_not_of("0123456789") != std::string::npos) continue;
      double cpu = ProcCpuSeconds(name, &ppid, &state);
      if (ppid == postmaster) sum += cpu, ++n, z += state == "Z";
    }
    closedir(d);
  }
  if (children) *children = n;
  if (zombies) *zombies = z;
  return sum;
}

// The server's CPU once a client's backend has ended and was reaped (its CPU
// then moved into the postmaster's), i.e. once no more children live than
// `children` (counted before the client connected) and none is a zombie;
// waits at most 5 s.
double ServerCpuAfter(const std::string& pg_dir, int children) {
  int now = 0, zombies = 0;
  double cpu = ServerCpuSeconds(pg_dir, &now, &zombies);
  for (int i = 0; i < 500 && (now > children || zombies > 0); ++i) {
    usleep(10000);
    cpu = ServerCpuSeconds(pg_dir, &now, &zombies);
  }
  return cpu;
}

double Seconds(Clock_::time_point a, Clock_::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// Returns ads/s, or -1 on error.
// *cpu: the CPU of the batches, this process's plus the server's (pg_dir) if given.
double RunStore(const StoreConfig& config, const std::vector<Ad>& ads, int batch, const std::string& pg_dir = "",
                double* cpu = nullptr) {
  SystemClock clock;
  auto store = OpenStore(config, *Env::Default(), clock);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return -1;
  }
  auto t0 = Clock_::now();
  const double cpu0 = CpuSeconds(), server0 = pg_dir.empty() ? 0 : ServerCpuSeconds(pg_dir);
  for (size_t i = 0; i < ads.size(); i += batch) {
    std::vector<Ad> b(ads.begin() + i, ads.begin() + std::min(ads.size(), i + batch));
    auto r = (*store)->UpsertAds(b, clock.Now());
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      return -1;
    }
  }
  const double wall = Seconds(t0, Clock_::now());
  if (cpu) *cpu = CpuSeconds() - cpu0 + (pg_dir.empty() ? 0 : ServerCpuSeconds(pg_dir) - server0);
  std::printf("  %s: %zu ads in %.2f s wall, adwatch process CPU %.1f us/ad\n", config.backend.c_str(), ads.size(),
              wall, (CpuSeconds() - cpu0) * 1e6 / ads.size());
  return ads.size() / wall;
}

double RunShell(const std::string& cmd, size_t rows) {
  auto t0 = Clock_::now();
  if (std::system(cmd.c_str()) != 0) {
    std::fprintf(stderr, "baseline failed: %s\n", cmd.c_str());
    return -1;
  }
  return rows / Seconds(t0, Clock_::now());
}

constexpr const char* kRawTable =
    "CREATE TABLE raw (site TEXT, ad_id TEXT, url TEXT, content_hash TEXT, data TEXT, PRIMARY KEY (site, ad_id));";

}  // namespace

int main(int argc, char** argv) {
  int n = 50000, batch = 1000;
  bool sqlite_only = false, pg_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i], next = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--ads" && !next.empty()) n = std::atoi(argv[++i]);
    else if (a == "--batch" && !next.empty()) batch = std::atoi(argv[++i]);
    else if (a == "--sqlite-only" || (a == "--only" && next == "sqlite")) sqlite_only = true, i += a == "--only";
    else if (a == "--only" && next == "postgresql") pg_only = true, ++i;
    else {
      std::fprintf(stderr, "usage: %s [--ads N] [--batch B] [--only sqlite|postgresql] [--sqlite-only]\n", argv[0]);
      return 2;
    }
  }
  char tmpl[] = "/tmp/adwatch-ingest-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::filesystem::permissions(dir, std::filesystem::perms::all);  // postgres (psql \copy) reads the CSV
  std::ofstream(dir + "/key") << "bench-key\n";
  auto ads = MakeAds(n);
  WriteCsv(ads, dir + "/ads.csv");
  std::printf("ingest: %d ads of ~1.5 KB, batches of %d (one transaction each)\n", n, batch);

  StoreConfig sc;
  sc.backend = "sqlite";
  sc.path = dir + "/adwatch.db";
  sc.pseudonym_key = "file:" + dir + "/key";
  double sqlite_store = -1, sqlite_base = -1;
  if (!pg_only) {
    double store_cpu = 0;
    sqlite_store = RunStore(sc, ads, batch, "", &store_cpu);
    const double client0 = ChildCpuSeconds();
    sqlite_base = RunShell("sqlite3 " + dir + "/raw.db \"PRAGMA journal_mode=WAL;\" \"" + kRawTable +
                               "\" \".mode csv\" \".import " + dir + "/ads.csv raw\" >/dev/null",
                           n);
    const double base_cpu = ChildCpuSeconds() - client0;
    std::printf("  CPU per row: adwatch %.1f us, sqlite3 .import %.1f us: ratio by CPU %.2f\n", store_cpu * 1e6 / n,
                base_cpu * 1e6 / n, base_cpu / store_cpu);
    std::printf("sqlite      adwatch UpsertAds %9.0f ads/s   sqlite3 .import %9.0f rows/s   ratio %.2f\n", sqlite_store,
                sqlite_base, sqlite_store / sqlite_base);
  }

  double pg_store = -1, pg_base = -1;
  if (!sqlite_only) {
    auto pg = testing::PgServer::Start();
    if (!pg.ok()) {
      std::fprintf(stderr, "%s\n", pg.status().ToString().c_str());
      return 1;
    }
    // The bench server runs with fsync=off (as the tests' does); so does the baseline.
    for (const char* db : {"adwatch", "raw"}) {
      if (Status st = (*pg)->CreateDatabase(db); !st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
    }
    StoreConfig pc = sc;
    pc.backend = "postgresql";
    pc.conninfo = (*pg)->ConnInfo("adwatch");
    double store_cpu = 0;
    pg_store = RunStore(pc, ads, batch, (*pg)->dir(), &store_cpu);
    if (auto made = (*pg)->QueryValue(kRawTable, "raw"); !made.ok()) {
      std::fprintf(stderr, "%s\n", made.status().ToString().c_str());
      return 1;
    }
    int children = 0;
    const double server0 = ServerCpuSeconds((*pg)->dir(), &children), client0 = ChildCpuSeconds();
    pg_base = RunShell("psql -q \"" + (*pg)->ConnInfo("raw") + "\" -c \"\\copy raw FROM '" + dir +
                           "/ads.csv' WITH (FORMAT csv)\" >/dev/null",
                       n);
    const double base_cpu = ServerCpuAfter((*pg)->dir(), children) - server0 + ChildCpuSeconds() - client0;
    std::printf("  CPU per row, client + server: adwatch %.1f us, psql \\copy %.1f us: ratio by CPU %.2f\n",
                store_cpu * 1e6 / n, base_cpu * 1e6 / n, base_cpu / store_cpu);
    std::printf("postgresql  adwatch UpsertAds %9.0f ads/s   psql \\copy (COPY) %9.0f rows/s   ratio %.2f\n", pg_store,
                pg_base, pg_store / pg_base);
  }
  std::filesystem::remove_all(dir);
  std::printf("summary: sqlite %.0f ads/s (%.2fx of sqlite3 .import, target >= 20000), postgresql %.0f ads/s "
              "(%.2fx of COPY, target >= 5000)\n",
              sqlite_store, sqlite_base > 0 ? sqlite_store / sqlite_base : 0.0, pg_store,
              pg_base > 0 ? pg_store / pg_base : 0.0);
  return (pg_only || sqlite_store > 0) && (sqlite_only || pg_store > 0) ? 0 : 1;
}
