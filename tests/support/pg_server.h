// PgServer: a throwaway PostgreSQL server for integration tests and
// benchmarks. Start() runs initdb in a fresh temporary directory and pg_ctl
// start on 127.0.0.1 with a free port (fsync off: tests need speed, not
// durability against power loss); the destructor stops it (immediate mode)
// and removes the directory (kept if ADWATCH_TEST_PG_KEEP=1, for its server.log). As root (CI), initdb and postgres run as the
// `postgres` OS user via runuser, since both refuse to run as root.
//
// If the server binaries are missing, Start() fails with a message naming
// the Debian package: tests must FAIL then, never skip.
//
// Link target: adwatch_test_pg (defined in tests/store/CMakeLists.txt).
#pragma once

#include <memory>
#include <string>

#include "core/status.h"

namespace adwatch::testing {

class PgServer {
 public:
  static Result<std::unique_ptr<PgServer>> Start();
  ~PgServer();
  PgServer(const PgServer&) = delete;
  PgServer& operator=(const PgServer&) = delete;

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }
  // libpq connection string for `dbname` as the superuser "postgres" (trust auth).
  std::string ConnInfo(const std::string& dbname = "postgres") const;
  // Stops the server abruptly (as a crash would) and starts it again on the same port.
  Status Restart();
  // CREATE DATABASE (name: letters, digits, underscore).
  Status CreateDatabase(const std::string& name) const;
  // Runs one SQL statement (test setup and checks), returns the first column
  // of the first row ("" if none).
  Result<std::string> QueryValue(const std::string& sql, const std::string& dbname = "postgres") const;

 private:
  PgServer() = default;
  Status Run(const std::string& what, const std::string& command) const;
  std::string bin_;   // /usr/lib/postgresql/15/bin
  std::string dir_;   // temporary directory: data/, log, socket
  std::string as_user_;  // "runuser -u postgres -- " when root, else ""
  std::string opts_;  // server options (port, socket dir, fsync off)
  int port_ = 0;
  bool started_ = false;
};

// The directory holding initdb and pg_ctl, or "" if PostgreSQL is not installed.
std::string FindPgBinDir();

}  // namespace adwatch::testing
