// The metrics server against real clients on 127.0.0.1: it answers while the
// daemon loop is stuck, caps and times out idle connections, and /healthz
// judges from the metrics.
#include "app/metrics.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <thread>

namespace adwatch {
namespace {

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// One request, the whole answer (the server closes after it); "" on failure.
std::string Get(int port, const std::string& path) {
  int fd = Connect(port);
  if (fd < 0) return "";
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  if (write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) {
    close(fd);
    return "";
  }
  std::string out;
  char buf[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 10000) != 1) break;  // an answer within 10 s or not at all
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

// True when the server closed `fd` within `ms` (EOF or reset).
bool ClosedWithin(int fd, int ms) {
  pollfd p{fd, POLLIN, 0};
  if (poll(&p, 1, ms) != 1) return false;
  char c;
  return read(fd, &c, 1) <= 0;
}

TEST(MetricsServer, AnswersWhileTheLoopIsStuck) {
  boost::asio::io_context loop;  // never run: the daemon loop is blocked
  Metrics m;
  m.mail_sent = 7;
  FakeClock clock;
  MetricsServerOptions opt;
  opt.health.loop_stalled_after = Duration::zero();
  auto server = StartMetricsServer(loop, "127.0.0.1:0", m, clock, opt);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  int port = (*server)->port();
  std::string metrics = Get(port, "/metrics");
  EXPECT_NE(metrics.find("200 OK"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("adwatch_mail_sent_total 7"), std::string::npos);
  EXPECT_NE(metrics.find("adwatch_metrics_snapshot_age_seconds"), std::string::npos);
  EXPECT_NE(metrics.find("adwatch_mail_no_starttls_total"), std::string::npos);
  std::string health = Get(port, "/healthz");
  EXPECT_NE(health.find("503"), std::string::npos) << health;
  EXPECT_NE(health.find("failing: the daemon loop has not answered"), std::string::npos) << health;
  EXPECT_NE(Get(port, "/other").find("404"), std::string::npos);
}

TEST(MetricsServer, IdleConnectionsAreCappedAndClosed) {
  rlimit r{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
  if (r.rlim_max < 2000) GTEST_SKIP() << "hard RLIMIT_NOFILE " << r.rlim_max << " < 2000";
  RaiseFileLimit();
  boost::asio::io_context loop;
  Metrics m;
  FakeClock clock;
  MetricsServerOptions opt;
  opt.max_connections = 32;
  opt.request_timeout = std::chrono::milliseconds(500);
  auto server = StartMetricsServer(loop, "127.0.0.1:0", m, clock, opt);
  ASSERT_TRUE(server.ok());
  int port = (*server)->port();
  std::vector<int> idle;
  for (int i = 0; i < 1500; ++i) {
    int fd = Connect(port);
    ASSERT_GE(fd, 0) << "connection " << i;
    idle.push_back(fd);
  }
  // Still answering, with 1,500 clients that say nothing.
  std::string metrics = Get(port, "/metrics");
  EXPECT_NE(metrics.find("200 OK"), std::string::npos) << metrics.substr(0, 200);
  EXPECT_LE((*server)->open_connections(), opt.max_connections);
  // Every idle connection is closed: over the cap at once, the rest after the request time-out.
  int closed = 0;
  for (int fd : idle) {
    closed += ClosedWithin(fd, 5000) ? 1 : 0;
    close(fd);
  }
  EXPECT_EQ(closed, 1500);
}

TEST(MetricsServer, HalfARequestIsCutOff) {
  boost::asio::io_context loop;
  Metrics m;
  FakeClock clock;
  MetricsServerOptions opt;
  opt.request_timeout = std::chrono::milliseconds(300);
  auto server = StartMetricsServer(loop, "127.0.0.1:0", m, clock, opt);
  ASSERT_TRUE(server.ok());
  int fd = Connect((*server)->port());
  ASSERT_GE(fd, 0);
  std::string part = "GET /metrics HTTP/1.1\r\nHost: 127";
  ASSERT_EQ(write(fd, part.data(), part.size()), static_cast<ssize_t>(part.size()));
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(ClosedWithin(fd, 5000));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  close(fd);
}

TEST(MetricsServer, HealthFollowsTheLoop) {
  boost::asio::io_context loop;
  auto work = boost::asio::make_work_guard(loop);
  std::thread runner([&] { loop.run(); });
  Metrics m;  // written only on the loop, as in the daemon
  FakeClock clock;
  auto server = StartMetricsServer(loop, "127.0.0.1:0", m, clock);
  ASSERT_TRUE(server.ok());
  int port = (*server)->port();
  EXPECT_NE(Get(port, "/healthz").find("\r\n\r\nok\n"), std::string::npos);
  work.reset();
  boost::asio::post(loop, [&] { server->reset(); });  // destroyed on the loop's thread
  runner.join();
}

TEST(Health, JudgesFromTheMetrics) {
  FakeClock clock;
  HealthMemory mem;
  mem.started = clock.Now();
  HealthOptions opt;
  Metrics m;
  m.sites["a"].cycles = 0;
  m.sites["b"].cycles = 0;
  EXPECT_EQ(JudgeHealth(m, mem, clock.Now(), Duration::zero(), opt).text, "ok\n");
  clock.Advance(std::chrono::hours(1));
  m.sites["a"].cycles = 1;
  EXPECT_EQ(JudgeHealth(m, mem, clock.Now(), Duration::zero(), opt).text, "ok\n");
  clock.Advance(std::chrono::hours(6));
  m.sites["a"].cycles = 2;
  m.mail_queued = 3;
  m.config_reload_failures = 1;
  Health h = JudgeHealth(m, mem, clock.Now(), Duration::zero(), opt);
  EXPECT_EQ(h.http_status, 200);
  EXPECT_EQ(h.text.rfind("degraded: site b: no finished crawl cycle for 25200 s", 0), 0u) << h.text;
  EXPECT_NE(h.text.find("3 messages deferred in the outbox"), std::string::npos) << h.text;
  EXPECT_NE(h.text.find("reload was rejected"), std::string::npos) << h.text;
  m.config_reloads = 1;
  m.mail_queued = 0;
  m.sites.erase("b");
  EXPECT_EQ(JudgeHealth(m, mem, clock.Now(), Duration::zero(), opt).text, "ok\n");
  clock.Advance(std::chrono::hours(7));
  h = JudgeHealth(m, mem, clock.Now(), Duration::zero(), opt);
  EXPECT_EQ(h.http_status, 503);
  EXPECT_EQ(h.text.rfind("failing: no site finished", 0), 0u) << h.text;
  h = JudgeHealth(m, mem, clock.Now(), std::chrono::minutes(5), opt);
  EXPECT_EQ(h.text.rfind("failing: the daemon loop", 0), 0u) << h.text;
}

TEST(RaiseFileLimit, SoftUpToHard) {
  rlimit r{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &r), 0);
  rlimit low = r;
  low.rlim_cur = std::min<rlim_t>(1024, r.rlim_max);
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &low), 0);
  EXPECT_EQ(RaiseFileLimit(), static_cast<int64_t>(r.rlim_max));
}

}  // namespace
}  // namespace adwatch
