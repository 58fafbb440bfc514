#include "tests/support/pg_server.h"
#include "tests/support/process.h"

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <pqxx/pqxx>
#include <sstream>

namespace adwatch::testing {
namespace fs = std::filesystem;

std::string FindPgBinDir() {
  for (const char* v : {"15", "16", "17", "14", "13"}) {
    std::string dir = std::string("/usr/lib/postgresql/") + v + "/bin";
    if (fs::exists(dir + "/initdb") && fs::exists(dir + "/pg_ctl")) return dir;
  }
  return "";
}

namespace {
std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  return s.size() > 1500 ? s.substr(s.size() - 1500) : s;
}
}  // namespace

Status PgServer::Run(const std::string& what, const std::string& command) const {
  std::string cmd = command + " >>" + dir_ + "/setup.log 2>&1";
  int rc = std::system(cmd.c_str());
  if (rc != 0) {
    return Status::Unavailable("test PostgreSQL: " + what + " failed (" + cmd + "):\n" + Tail(dir_ + "/setup.log") +
                               "\n" + Tail(dir_ + "/server.log"));
  }
  return Status::Ok();
}

Result<std::unique_ptr<PgServer>> PgServer::Start() {
  std::unique_ptr<PgServer> s(new PgServer());
  s->bin_ = FindPgBinDir();
  if (s->bin_.empty())
    return Status::FailedPrecondition(
        "test PostgreSQL: initdb/pg_ctl not found under /usr/lib/postgresql/*/bin: apt-get install postgresql");
  char tmpl[] = "/tmp/adwatch-pg-XXXXXX";
  if (!mkdtemp(tmpl)) return Status::IoError("test PostgreSQL: mkdtemp failed");
  s->dir_ = tmpl;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (!pw) return Status::FailedPrecondition("test PostgreSQL: running as root but no `postgres` user exists");
    if (chown(s->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      return Status::IoError("test PostgreSQL: cannot chown " + s->dir_);
    s->as_user_ = "runuser -u postgres -- ";
  }
  s->port_ = FreeLoopbackPort();
  ADWATCH_RETURN_IF_ERROR(s->Run("initdb", s->as_user_ + s->bin_ + "/initdb -D " + s->dir_ +
                                               "/data -U postgres -A trust -E UTF8 --locale=C --no-sync"));
  s->opts_ = "-c listen_addresses=127.0.0.1 -p " + std::to_string(s->port_) +
                           " -c unix_socket_directories=" + s->dir_ +
                           " -c fsync=off -c full_page_writes=off -c max_connections=60";
  ADWATCH_RETURN_IF_ERROR(s->Run("pg_ctl start", s->as_user_ + s->bin_ + "/pg_ctl -D " + s->dir_ + "/data -l " +
                                                     s->dir_ + "/server.log -w -t 60 -o '" + s->opts_ + "' start"));
  s->started_ = true;
  return s;
}

Status PgServer::Restart() {
  ADWATCH_RETURN_IF_ERROR(Run("pg_ctl stop", as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w -t 30 stop"));
  return Run("pg_ctl start", as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -t 60 -o '" + opts_ + "' start");
}

PgServer::~PgServer() {
  if (started_) {
    std::string cmd = as_user_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate -w -t 30 stop >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) { /* best effort; the directory goes anyway */ }
  }
  // ADWATCH_TEST_PG_KEEP=1 keeps the directory (server.log) for debugging.
  const char* keep = std::getenv("ADWATCH_TEST_PG_KEEP");
  std::error_code ec;
  if (keep && *keep == '1') std::fprintf(stderr, "test PostgreSQL: kept %s\n", dir_.c_str());
  else if (!dir_.empty()) fs::remove_all(dir_, ec);
}

std::string PgServer::ConnInfo(const std::string& dbname) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " dbname=" + dbname + " user=postgres";
}

Status PgServer::CreateDatabase(const std::string& name) const {
  for (char c : name)
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_') return Status::InvalidArgument("bad database name " + name);
  try {
    pqxx::connection c(ConnInfo());
    pqxx::nontransaction t(c);
    t.exec("CREATE DATABASE " + name);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::IoError(std::string("test PostgreSQL: CREATE DATABASE: ") + e.what());
  }
}

Result<std::string> PgServer::QueryValue(const std::string& sql, const std::string& dbname) const {
  try {
    pqxx::connection c(ConnInfo(dbname));
    pqxx::nontransaction t(c);
    pqxx::result r = t.exec(sql);
    if (r.empty() || r[0].empty() || r[0][0].is_null()) return std::string();
    return std::string(r[0][0].c_str());
  } catch (const std::exception& e) {
    return Status::IoError(std::string("test PostgreSQL: ") + e.what());
  }
}

}  // namespace adwatch::testing
