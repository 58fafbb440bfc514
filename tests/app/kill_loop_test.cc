// kill -9 at random moments of a multi-epoch demo crawl, on PostgreSQL (and
// SQLite): `adwatch run --once` is killed with SIGKILL again and again while it
// crawls the demo network, each epoch then finished by one clean pass; the
// store must end with the same ads, live states, versions and alerts as the
// same crawl without kills, with no subject raised or mailed twice (see Compare).
// The same again with the PostgreSQL server itself stopped in immediate mode
// (a crash) and restarted while a pass runs.
//
// Sizes: the demo network at --ads 250 (about 300 ads after three epochs on
// three sites), epochs 0-2, 21 kills; a pass takes a few seconds here.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <csignal>
#include <sstream>
#include <thread>

#include "tests/support/pg_server.h"
#include "tests/support/process.h"

namespace adwatch {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyTime = std::chrono::steady_clock::time_point;

constexpr int kEpochs = 3;
constexpr int kKillsPerEpoch = 7;
const std::string kAdwatch = std::string(ADWATCH_BINARY_DIR) + "/app/adwatch";

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The demo ad network, one server for every scenario of a test.
struct DemoNetwork {
  pid_t pid = -1;
  FILE* out = nullptr;  // its stdout, read to the site lines and kept open while it runs
  std::string control, html, api, next;

  static std::unique_ptr<DemoNetwork> Start(const std::string& dir) {
    auto d = std::make_unique<DemoNetwork>();
    testing::SpawnedChild c = testing::SpawnWithStdoutPipe(
        {std::string(ADWATCH_BINARY_DIR) + "/tests/demo_sites/adwatch-demo-sites", "--listen", "127.0.0.1:0",
         "--seed", "7", "--ads", "250", "--ground-truth", dir + "/ground-truth.json"});
    if (c.pid <= 0) return nullptr;
    d->pid = c.pid;
    d->out = fdopen(c.stdout_fd, "r");
    char line[512];
    int sites = 0;
    while (sites < 3 && std::fgets(line, sizeof line, d->out) != nullptr) {
      std::istringstream in(line);
      std::string a, b, url;
      in >> a >> b >> url;
      if (a == "listening") d->control = url;  // "listening on URL"
      if (a == "site") {
        ++sites;
        (b == "demo-html" ? d->html : b == "demo-api" ? d->api : d->next) = url;
      }
    }
    if (sites < 3 || d->control.empty()) return nullptr;
    return d;
  }
  bool SetEpoch(int n) const {
    std::string cmd = "curl -sf -o /dev/null '" + control + "/control/epoch?n=" + std::to_string(n) + "'";
    return std::system(cmd.c_str()) == 0;
  }
  ~DemoNetwork() {
    if (pid > 0) {
      kill(pid, SIGTERM);
      waitpid(pid, nullptr, 0);
    }
    if (out != nullptr) fclose(out);
  }
};

// One rendered demo configuration (its own mail folder and store).
std::string RenderConfig(const DemoNetwork& demo, const std::string& out, const std::string& key,
                         const std::string& store_lines) {
  fs::create_directories(out);
  fs::copy_file(key, out + "/pseudonym.key", fs::copy_options::overwrite_existing);
  std::string cmd = std::string(ADWATCH_SOURCE_DIR) + "/deploy/demo/render-config.sh " + out + " " + demo.html + " " +
                    demo.api + " " + demo.next + " >/dev/null";
  if (std::system(cmd.c_str()) != 0) return "";
  std::string path = out + "/adwatch.toml";
  std::string text = ReadAll(path);
  text = std::regex_replace(text, std::regex("backend = \"sqlite\"\npath = \"adwatch.db\"[^\n]*"), store_lines);
  std::ofstream(path) << text;
  return path;
}

pid_t StartRun(const std::string& config, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);  // the test blocks SIGCHLD to wait for it
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    dup2(fd, 1);
    dup2(fd, 2);
    execl(kAdwatch.c_str(), kAdwatch.c_str(), "--config", config.c_str(), "run", "--once", nullptr);
    _exit(127);
  }
  return pid;
}

// Waits for the pass up to `limit` (woken by SIGCHLD, which the test keeps
// blocked so it stays pending); kills it if it takes longer. Returns the exit
// code, -1 if it was killed.
int WaitRun(pid_t pid, std::chrono::seconds limit) {
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  SteadyTime deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    auto left = deadline - std::chrono::steady_clock::now();
    if (left <= 0s) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    sigtimedwait(&chld, nullptr, &ts);  // any child's end (or the deadline) wakes us
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A clean pass to its end (a pass of the demo takes seconds; two minutes is a hang).
int CleanPass(const std::string& config, const std::string& log) { return WaitRun(StartRun(config, log), 120s); }

// What the comparison looks at, as sorted lines per kind.
struct Outcome {
  std::multiset<std::string> ads, versions, alerts, immediate;  // a line twice = a row twice
  std::multiset<std::string> alerted;  // every alerted ad: "site/id severity" of its most severe alert
  std::multiset<std::string> entities;  // the cross-ad index's linked ads as last saved: "severity ad,ad,..."
  std::multiset<std::string> digested;  // per digest row and alert in it: "recipients alert-id"
  int64_t live = 0, vanished = 0, mails = 0, digests = 0;
};

std::multiset<std::string> Lines(const std::string& all) {
  std::multiset<std::string> out;
  std::istringstream in(all);
  for (std::string l; std::getline(in, l);)
    if (!l.empty()) out.insert(l);
  return out;
}

// Runs one query and returns its rows as lines, whatever the backend.
using Reader = std::function<Result<std::string>(const std::string& sql)>;

Reader PgReader(const testing::PgServer& pg, const std::string& db) {
  return [&pg, db](const std::string& sql) {
    return pg.QueryValue("SELECT coalesce(string_agg(x, E'\\n' ORDER BY x), '') FROM (" + sql + ") t(x)", db);
  };
}

Reader SqliteReader(const std::string& path, const std::string& dir) {
  return [path, dir](const std::string& sql) -> Result<std::string> {
    std::ofstream(dir + "/query.sql") << sql << ";\n";
    FILE* p = popen(("sqlite3 -readonly -batch " + path + " '.read " + dir + "/query.sql'").c_str(), "r");
    if (p == nullptr) return Status::IoError("cannot run sqlite3");
    std::string out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (pclose(p) != 0) return Status::IoError("sqlite3 failed on: " + sql);
    return out;
  };
}

// The store's content in a form two stores can be compared by: no row ids, no times.
Result<Outcome> ReadOutcome(const Reader& q, bool pg) {
  // An alert's members, sorted: the subject's identity (see alert_members in store/schema.cc).
  // (entity members left out: their ids depend on the order of linking).
  const std::string members =
      pg ? "(SELECT string_agg(member, ',' ORDER BY member) FROM alert_members WHERE alert = al.id "
           "AND member NOT LIKE 'entity:%')"
         : "(SELECT group_concat(member, ',') FROM (SELECT member FROM alert_members WHERE alert = al.id "
           "AND member NOT LIKE 'entity:%' ORDER BY member))";
  const std::string ad_members =
      pg ? "(SELECT string_agg(member, ',' ORDER BY member) FROM alert_members WHERE alert = al.id "
           "AND member LIKE 'ad:%')"
         : "(SELECT group_concat(member, ',') FROM (SELECT member FROM alert_members WHERE alert = al.id "
           "AND member LIKE 'ad:%' ORDER BY member))";
  auto ads = q("SELECT site || '/' || ad_id || ' live=' || live || ' ' || content_hash FROM ads");
  auto versions = q("SELECT a.site || '/' || a.ad_id || ' ' || v.content_hash FROM ad_versions v JOIN ads a ON a.id = v.ad");
  auto alerts = q("SELECT al.severity || ' ' || al.state || ' ' || " + members + " FROM alerts al");
  // Immediate messages: message id <adwatch.immediate-ALERT-SEVERITY-RECIPIENT@...> (the alert's
  // number dropped below: numbering may differ), recipients, the alert's members.
  auto immediate = q("SELECT o.message_id || ' ' || o.recipients || ' ' || " + ad_members +
                     " FROM outbox o JOIN alerts al ON o.alert_ids = '[' || al.id || ']' "
                     "WHERE o.message_id LIKE '<adwatch.immediate-%'");
  for (auto* r : {&ads, &versions, &alerts, &immediate})
    if (!r->ok()) return r->status();
  Outcome o;
  o.ads = Lines(*ads);
  o.versions = Lines(*versions);
  o.alerts = Lines(*alerts);
  auto alerted = q("SELECT substr(m.member, 4) || ' ' || max(al.severity) FROM alert_members m "
                   "JOIN alerts al ON al.id = m.alert WHERE m.member LIKE 'ad:%' GROUP BY m.member");
  if (!alerted.ok()) return alerted.status();
  o.alerted = Lines(*alerted);
  auto entities = q(pg ? "SELECT e.severity || ' ' || (SELECT string_agg(a.site || '/' || a.ad_id, ',' ORDER BY "
                         "a.site, a.ad_id) FROM entity_ads ea JOIN ads a ON a.id = ea.ad WHERE ea.entity = e.id) "
                         "FROM entities e"
                       : "SELECT e.severity || ' ' || (SELECT group_concat(k, ',') FROM (SELECT a.site || '/' || "
                         "a.ad_id k FROM entity_ads ea JOIN ads a ON a.id = ea.ad WHERE ea.entity = e.id ORDER BY k)) "
                         "FROM entities e");
  if (!entities.ok()) return entities.status();
  o.entities = Lines(*entities);
  // Alert numbers are the store's own: compared within one store only (no alert twice to one recipient).
  auto digested = q("SELECT recipients || ' ' || alert_ids FROM outbox WHERE message_id LIKE '<adwatch.digest-%'");
  if (!digested.ok()) return digested.status();
  static const std::regex number("[0-9]+");
  for (const auto& l : Lines(*digested)) {
    size_t ids = l.rfind(' ');
    std::string in = l.substr(ids + 1);
    for (std::sregex_iterator it(in.begin(), in.end(), number), end; it != end; ++it)
      o.digested.insert(l.substr(0, ids) + " " + it->str());
  }
  for (const auto& l : Lines(*immediate)) o.immediate.insert(std::regex_replace(l, std::regex("immediate-[0-9]+-"), "immediate-N-"));
  for (const auto& a : o.ads) (a.find("live=1") != std::string::npos ? o.live : o.vanished)++;
  return o;
}

void CountMail(const std::string& out, Outcome& o) {
  for (const auto& e : fs::directory_iterator(out + "/mail")) {
    if (e.path().extension() != ".eml") continue;
    ++o.mails;
    if (ReadAll(e.path()).find("Message-ID: <adwatch.digest-") != std::string::npos) ++o.digests;
  }
}

void ExpectSame(const std::string& what, const std::multiset<std::string>& want,
                const std::multiset<std::string>& got) {
  std::vector<std::string> missing, extra;
  std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
  std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
  std::string show;
  auto cut = [](const std::string& l) { return l.size() > 160 ? l.substr(0, 160) + "..." : l; };
  for (size_t i = 0; i < missing.size() && i < 5; ++i) show += "\n  missing: " + cut(missing[i]);
  for (size_t i = 0; i < extra.size() && i < 5; ++i) show += "\n  extra:   " + cut(extra[i]);
  EXPECT_TRUE(missing.empty() && extra.empty())
      << what << ": " << missing.size() << " missing, " << extra.size() << " extra against the crawl without kills"
      << show;
}

std::string Figures(const Outcome& o) {
  return std::to_string(o.ads.size()) + " ads (" + std::to_string(o.live) + " live, " + std::to_string(o.vanished) +
         " vanished), " + std::to_string(o.versions.size()) + " versions, " + std::to_string(o.alerts.size()) +
         " alerts, " + std::to_string(o.immediate.size()) + " immediate messages, " + std::to_string(o.mails) +
         " mail files (" + std::to_string(o.digests) + " digests)";
}

class KillLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    pthread_sigmask(SIG_BLOCK, &chld, nullptr);  // see WaitRun
    char tmpl[] = "/tmp/adwatch-killloop-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::ofstream(dir_ + "/pseudonym.key") << "6b696c6c2d6c6f6f702d746573742d6b6579\n";
    demo_ = DemoNetwork::Start(dir_);
    ASSERT_NE(demo_, nullptr) << "demo network did not start";
  }
  void TearDown() override {
    demo_.reset();
    pg_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
    else std::printf("kept %s for the logs\n", dir_.c_str());
  }

  // A scenario's configuration on its own PostgreSQL database.
  std::string PgConfig(const std::string& name) {
    if (!pg_) {
      auto pg = testing::PgServer::Start();
      EXPECT_TRUE(pg.ok()) << pg.status().ToString();
      if (!pg.ok()) return "";
      pg_ = std::move(*pg);
    }
    EXPECT_TRUE(pg_->CreateDatabase(name).ok());
    return RenderConfig(*demo_, dir_ + "/" + name, dir_ + "/pseudonym.key",
                        "backend = \"postgresql\"\nconninfo = \"" + pg_->ConnInfo(name) + "\"");
  }

  // The crawl without kills: one clean pass per epoch; returns each pass's duration.
  std::vector<std::chrono::milliseconds> Baseline(const std::string& config, const std::string& log) {
    std::vector<std::chrono::milliseconds> took;
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
      EXPECT_TRUE(demo_->SetEpoch(epoch));
      SteadyTime t0 = std::chrono::steady_clock::now();
      EXPECT_EQ(CleanPass(config, log), 0) << "baseline pass of epoch " << epoch << ": see " << log;
      took.push_back(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0));
    }
    return took;
  }

  // kill -9 of adwatch at random moments of each epoch's pass (kKillsPerEpoch
  // kills per epoch), then a clean pass that finishes the epoch.
  void KillLoop(const std::string& config, const std::string& log, const std::vector<std::chrono::milliseconds>& took,
                std::mt19937& rng) {
    int kills = 0, finished_before_kill = 0;
    for (int epoch = 0; epoch < kEpochs; ++epoch) {
      ASSERT_TRUE(demo_->SetEpoch(epoch));
      // A resumed pass is shorter than a whole one: a run that ends before its
      // kill is not counted, and the moments are drawn from a shorter span
      // after it (the baseline pass may have been slow on a loaded machine).
      int64_t hi = std::max<int64_t>(100, took[epoch].count() * 9 / 10);
      for (int k = 0, tries = 0; k < kKillsPerEpoch && tries < 6 * kKillsPerEpoch; ++tries) {
        pid_t pid = StartRun(config, log);
        std::uniform_int_distribution<int64_t> at(50, hi);
        std::this_thread::sleep_for(std::chrono::milliseconds(at(rng)));  // the random moment is the point
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status)) {
          ++kills;
          ++k;
        } else {
          ++finished_before_kill;
          hi = std::max<int64_t>(100, hi / 2);
        }
      }
      EXPECT_EQ(CleanPass(config, log), 0) << "clean pass of epoch " << epoch << ": see " << log;
    }
    EXPECT_GE(kills, 20) << finished_before_kill << " passes ended before their kill";
    std::printf("%d kills over %d epochs (%d passes ended before their kill); passes without kills took", kills,
                kEpochs, finished_before_kill);
    for (auto t : took) std::printf(" %lld ms", static_cast<long long>(t.count()));
    std::printf("\n");
  }

  // Ads, live states, versions, the cross-ad index's linked entities, alerts
  // (severity, state, members), alerted ads and immediate messages must be
  // exactly those of the crawl without kills: a restart loads the index the
  // process that never stopped had (LoadIndexFromStore), a pass is evaluated
  // once all its sites' cycles ended, and each pass's digest mails what it
  // raised. No subject may be raised or mailed twice, and no alert be in two
  // digests to one recipient.
  void Compare(const Outcome& base, const Outcome& got, const std::string& label) {
    SCOPED_TRACE(label);
    ExpectSame("ads and live states", base.ads, got.ads);
    ExpectSame("ad versions", base.versions, got.versions);
    ExpectSame("linked entities (severity, ads)", base.entities, got.entities);
    ExpectSame("alerts (severity, state, members)", base.alerts, got.alerts);
    ExpectSame("alerted ads (most severe alert)", base.alerted, got.alerted);
    ExpectSame("immediate messages", base.immediate, got.immediate);
    auto twice = [](const std::multiset<std::string>& lines) {
      return lines.size() - std::set<std::string>(lines.begin(), lines.end()).size();
    };
    EXPECT_EQ(twice(got.alerts), 0u) << "a subject raised twice (same members)";
    EXPECT_EQ(twice(got.immediate), 0u) << "a subject mailed twice (same recipient, severity, ads)";
    EXPECT_EQ(twice(got.digested), 0u) << "an alert in two digests to one recipient";
    auto differ = [](const std::multiset<std::string>& a, const std::multiset<std::string>& b) {
      std::vector<std::string> d;
      std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(d));
      return d.size();
    };
    std::printf("%-13s %s\n", label.c_str(), Figures(got).c_str());
    std::printf("%-13s against no kills: %zu ads, %zu entities, %zu alerts, %zu alerted ads, %zu immediate messages "
                "differ; %zu raised twice, %zu mailed twice\n",
                "", differ(base.ads, got.ads), differ(base.entities, got.entities), differ(base.alerts, got.alerts),
                differ(base.alerted, got.alerted), differ(base.immediate, got.immediate),
                twice(got.alerts), twice(got.immediate) + twice(got.digested));
  }

  std::string dir_;
  std::unique_ptr<DemoNetwork> demo_;
  std::unique_ptr<testing::PgServer> pg_;
};

TEST_F(KillLoopTest, PostgresqlKill9AndServerCrashesEndAsTheCrawlWithoutThem) {
  std::string base_cfg = PgConfig("base"), kill_cfg = PgConfig("kills"), crash_cfg = PgConfig("crashes");
  ASSERT_FALSE(base_cfg.empty() || kill_cfg.empty() || crash_cfg.empty());
  auto took = Baseline(base_cfg, dir_ + "/base/run.log");
  auto base = ReadOutcome(PgReader(*pg_, "base"), true);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  CountMail(dir_ + "/base", *base);
  ASSERT_GT(base->alerts.size(), 0u) << "the demo raised no alert: the comparison would prove little";

  std::mt19937 rng(20261201);
  KillLoop(kill_cfg, dir_ + "/kills/run.log", took, rng);

  // The PostgreSQL server crashes (immediate stop) and comes back during a pass.
  int crashes = 0;
  for (int epoch = 0; epoch < kEpochs; ++epoch) {
    ASSERT_TRUE(demo_->SetEpoch(epoch));
    std::uniform_int_distribution<int64_t> at(100, std::max<int64_t>(200, took[epoch].count() * 3 / 4));
    pid_t pid = StartRun(crash_cfg, dir_ + "/crashes/run.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(at(rng)));  // the random moment is the point
    ASSERT_TRUE(pg_->Restart().ok());
    ++crashes;
    int code = WaitRun(pid, 120s);  // fails or finishes; it must not hang
    EXPECT_NE(code, -1) << "the pass hung after the server restart in epoch " << epoch;
    EXPECT_EQ(CleanPass(crash_cfg, dir_ + "/crashes/run.log"), 0) << "clean pass of epoch " << epoch;
  }
  std::printf("%d server crashes (pg_ctl stop -m immediate, then start) during passes\n", crashes);

  std::printf("%-13s %s\n", "no kills:", Figures(*base).c_str());
  for (const auto& [name, label] : {std::pair{"kills", "kill -9:"}, std::pair{"crashes", "server crash:"}}) {
    auto got = ReadOutcome(PgReader(*pg_, name), true);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    CountMail(dir_ + "/" + name, *got);
    Compare(*base, *got, label);
  }
}

TEST_F(KillLoopTest, SqliteKill9EndsAsTheCrawlWithoutKills) {
  auto sqlite = [&](const std::string& name) {
    return RenderConfig(*demo_, dir_ + "/" + name, dir_ + "/pseudonym.key",
                        "backend = \"sqlite\"\npath = \"adwatch.db\"");
  };
  std::string base_cfg = sqlite("base"), kill_cfg = sqlite("kills");
  ASSERT_FALSE(base_cfg.empty() || kill_cfg.empty());
  auto took = Baseline(base_cfg, dir_ + "/base/run.log");
  auto base = ReadOutcome(SqliteReader(dir_ + "/base/adwatch.db", dir_), false);
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  CountMail(dir_ + "/base", *base);
  ASSERT_GT(base->alerts.size(), 0u) << "the demo raised no alert: the comparison would prove little";

  std::mt19937 rng(20261202);
  KillLoop(kill_cfg, dir_ + "/kills/run.log", took, rng);

  std::printf("%-13s %s\n", "no kills:", Figures(*base).c_str());
  auto got = ReadOutcome(SqliteReader(dir_ + "/kills/adwatch.db", dir_), false);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  CountMail(dir_ + "/kills", *got);
  Compare(*base, *got, "kill -9:");
}

}  // namespace
}  // namespace adwatch
