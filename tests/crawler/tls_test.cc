// HTTPS for real: python3's ssl module serves on 127.0.0.1 with certificates
// from a CA this test makes with the openssl command. A valid certificate is
// crawled; a wrong host name, an expired certificate and an unknown CA are
// refused with a "tls" error naming the URL.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "crawler/crawl.h"
#include "crawler/fetcher.h"
#include "store/store.h"
#include "tests/support/process.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;

struct TlsServer {
  pid_t pid = -1;
  int port = 0;
};

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/adwatch-tls-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    // CA, then three server certificates signed by it: valid for 127.0.0.1,
    // for another host name only, and expired (-days -1: not after < now).
    std::string d = dir_;
    std::string q = " >/dev/null 2>&1";
    Run("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + d + "/ca.key -out " + d +
        "/ca.pem -days 2 -subj '/CN=adwatch test CA'" + q);
    auto sign = [&](const std::string& name, const std::string& san, int days) {
      Run("openssl req -newkey rsa:2048 -nodes -keyout " + d + "/" + name + ".key -out " + d + "/" + name +
          ".csr -subj '/CN=" + name + "'" + q);
      Run("printf 'subjectAltName=" + san + "\\n' > " + d + "/" + name + ".ext");
      Run("openssl x509 -req -in " + d + "/" + name + ".csr -CA " + d + "/ca.pem -CAkey " + d +
          "/ca.key -CAcreateserial -days " + std::to_string(days) + " -extfile " + d + "/" + name + ".ext -out " + d +
          "/" + name + ".pem" + q);
    };
    sign("good", "IP:127.0.0.1,DNS:localhost", 2);
    sign("wronghost", "DNS:wrong.example", 2);
    sign("expired", "IP:127.0.0.1", -1);
    good_ = Start("good");
    wronghost_ = Start("wronghost");
    expired_ = Start("expired");
  }
  static void TearDownTestSuite() {
    for (TlsServer* s : {&good_, &wronghost_, &expired_}) {
      if (s->pid <= 0) continue;
      kill(s->pid, SIGTERM);
      waitpid(s->pid, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }
  static void Run(const std::string& cmd) { ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd; }
  static TlsServer Start(const std::string& name) {
    TlsServer s;
    auto child = testing::SpawnWithStdoutPipe({"/usr/bin/python3", ADWATCH_SOURCE_DIR "/tests/crawler/tls_server.py",
                                               dir_ + "/" + name + ".pem", dir_ + "/" + name + ".key"});
    EXPECT_GT(child.pid, 0);
    s.pid = child.pid;
    std::string line;
    char c;
    while (read(child.stdout_fd, &c, 1) == 1 && c != '\n') line += c;
    close(child.stdout_fd);
    s.port = std::atoi(line.c_str());
    EXPECT_GT(s.port, 0) << "the TLS server " << name << " did not start";
    return s;
  }

  FetchRequest Req(const TlsServer& s, const std::string& path) {
    FetchRequest r;
    r.url = "https://127.0.0.1:" + std::to_string(s.port) + path;
    r.allow_private = true;
    r.allowed_private = {{"127.0.0.1", s.port}};
    r.ca_file = dir_ + "/ca.pem";
    r.limits.timeout = 5s;
    return r;
  }
  FetchResult FetchOne(const FetchRequest& req) {
    boost::asio::io_context io;
    auto fetcher = MakeCurlFetcher(io);
    std::optional<FetchResult> out;
    fetcher->Fetch(req, [&](FetchResult r) { out = std::move(r); });
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!out && std::chrono::steady_clock::now() < deadline) io.run_one_for(100ms);
    EXPECT_TRUE(out.has_value()) << "fetch did not complete";
    return out ? *out : FetchResult{};
  }

  static std::string dir_;
  static TlsServer good_, wronghost_, expired_;
};
std::string TlsTest::dir_;
TlsServer TlsTest::good_, TlsTest::wronghost_, TlsTest::expired_;

TEST_F(TlsTest, ValidCertificateIsFetched) {
  FetchResult r = FetchOne(Req(good_, "/ad/1"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"id":"tls-1","title":"an ad over https"})");
}

TEST_F(TlsTest, WrongHostExpiredAndUnknownCaAreRefused) {
  FetchRequest req = Req(wronghost_, "/ad/1");
  FetchResult r = FetchOne(req);
  EXPECT_EQ(r.error, FetchError::kTls) << r.message;
  EXPECT_NE(r.message.find(req.url), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("127.0.0.1"), std::string::npos) << r.message;

  req = Req(expired_, "/ad/1");
  r = FetchOne(req);
  EXPECT_EQ(r.error, FetchError::kTls) << r.message;
  EXPECT_NE(r.message.find(req.url), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("expired"), std::string::npos) << r.message;

  req = Req(good_, "/ad/1");
  req.ca_file.clear();  // the system's CAs do not know the test CA
  r = FetchOne(req);
  EXPECT_EQ(r.error, FetchError::kTls) << r.message;
  EXPECT_NE(r.message.find(req.url), std::string::npos) << r.message;
}

TEST_F(TlsTest, HttpsSiteIsCrawledAndBadCertificatesCountAsTls) {
  char tmpl[] = "/tmp/adwatch-tls-store-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string sdir = tmpl;
  Config config;
  config.store.path = sdir + "/a.db";
  config.store.pseudonym_key = "file:" + sdir + "/key";
  config.crawler.min_delay = 0ms;
  config.crawler.max_retries = 0;
  ASSERT_TRUE(EnsurePseudonymKey(config.store.pseudonym_key, *Env::Default()).ok());
  SystemClock clock;
  auto store = OpenStore(config.store, *Env::Default(), clock);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  for (auto [name, server] : {std::pair{"good", &good_}, std::pair{"expired", &expired_}}) {
    SiteConfig s;
    s.name = name;
    s.kind = "json";
    s.purpose = "test";
    s.legal_basis = "test";
    s.start_urls = {"https://127.0.0.1:" + std::to_string(server->port) + "/list"};
    s.allow_private_addresses = true;
    s.allowed_private_addresses = {"127.0.0.1"};
    s.ad_links.json_pointer = "/items/*/u";
    s.fields["id"].json_pointer = "/id";
    s.fields["title"].json_pointer = "/title";
    config.sites.push_back(s);
  }
  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  CrawlOptions o;
  o.worker = "w";
  o.ca_file = dir_ + "/ca.pem";
  auto res = RunCrawlCycle(config, **store, *fetcher, io, clock, o);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ((*res)[0].ads_new, 1) << (*res)[0].ToString();
  EXPECT_TRUE((*res)[0].errors.empty()) << (*res)[0].ToString();
  EXPECT_EQ((*res)[1].ads_new, 0) << (*res)[1].ToString();
  EXPECT_TRUE((*res)[1].CrawledNothing()) << (*res)[1].ToString();
  EXPECT_NE((*res)[1].incomplete.find("expired"), std::string::npos) << (*res)[1].incomplete;
  store->reset();
  std::filesystem::remove_all(sdir);
}

}  // namespace
}  // namespace adwatch
