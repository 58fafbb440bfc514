// CPU time of this process, its reaped children and a PostgreSQL server, for
// bench/ingest: on a shared, loaded machine the wall-clock rate says more
// about the neighbours than about us.
#pragma once

#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace adwatch::bench {

// CPU seconds (user + system) this process has used: on a shared, loaded
// machine the wall-clock rate says more about the neighbours than about us.
inline double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of reaped child processes (psql, sh).
inline double ChildCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// utime + stime + cutime + cstime of a process, in seconds; 0 if gone.
// *ppid and *state (R, S, Z, ...) if asked for.
inline double ProcCpuSeconds(const std::string& pid, std::string* ppid = nullptr, std::string* state = nullptr) {
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
// The postmaster is read before and after the walk over /proc, and the walk
// is repeated until both reads agree: a child reaped between the first read
// and the walk was counted in neither (its CPU moved into the postmaster's
// after it was read), so a baseline round whose backend was reaped just then
// read 3-4 us CPU a row instead of 20-35.
inline double ServerCpuSeconds(const std::string& pg_dir, int* children = nullptr, int* zombies = nullptr) {
  std::ifstream pidfile(pg_dir + "/data/postmaster.pid");
  std::string postmaster;
  if (!std::getline(pidfile, postmaster)) return 0;
  double sum = 0;
  int n = 0, z = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    const double before = ProcCpuSeconds(postmaster);
    sum = before, n = 0, z = 0;
    if (DIR* d = opendir("/proc")) {
      while (dirent* e = readdir(d)) {
        std::string name = e->d_name, ppid, state;
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        double cpu = ProcCpuSeconds(name, &ppid, &state);
        if (ppid == postmaster) sum += cpu, ++n, z += state == "Z";
      }
      closedir(d);
    }
    if (ProcCpuSeconds(postmaster) == before) break;
  }
  if (children) *children = n;
  if (zombies) *zombies = z;
  return sum;
}

// The server's CPU once a client's backend has ended and was reaped (its CPU
// then moved into the postmaster's), i.e. once no more children live than
// `children` (counted before the client connected) and none is a zombie;
// waits at most 5 s.
inline double ServerCpuAfter(const std::string& pg_dir, int children) {
  int now = 0, zombies = 0;
  double cpu = ServerCpuSeconds(pg_dir, &now, &zombies);
  for (int i = 0; i < 500 && (now > children || zombies > 0); ++i) {
    usleep(10000);
    cpu = ServerCpuSeconds(pg_dir, &now, &zombies);
  }
  return cpu;
}

}  // namespace adwatch::bench
