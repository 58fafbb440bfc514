// Integration tests: epochs change the sites as the ground truth declares,
// every fault behaves as documented, and SIGTERM ends the server with 0.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>

#include <gtest/gtest.h>

#include "tests/demo_sites/test_support.h"

namespace adwatch::demo::testing {
namespace {

using Json = nlohmann::json;

std::string Hex16(uint64_t v) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = kDigits[v & 15];
  return s;
}

std::string Fnv(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return Hex16(h);
}

class DemoServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = StartDemo({"--seed", "11", "--ads", "400"});
    ASSERT_NE(server_, nullptr);
  }
  Fetched SetFaults(const std::string& spec) {
    std::string esc;
    for (char c : spec) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_') {
        esc += c;
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
        esc += buf;
      }
    }
    return Fetch(server_->control + "/control/faults?spec=" + esc);
  }
  std::string Html() const { return server_->origins[0]; }
  std::string Api() const { return server_->origins[1]; }
  std::string Next() const { return server_->origins[2]; }
  std::unique_ptr<DemoServer> server_;
};

TEST_F(DemoServerTest, EpochsChangeContentAsDeclared) {
  const int epoch = 3;
  ASSERT_EQ(Fetch(server_->control + "/control/epoch?n=3").status, 200);
  EXPECT_EQ(Json::parse(Fetch(server_->control + "/control/state").body)["epoch"], 3);
  EXPECT_EQ(Fetch(server_->control + "/control/epoch?n=99").status, 400);
  int vanished = 0, born = 0, moved = 0, changed = 0;
  for (const auto& ad : server_->gt["ads"]) {
    const std::string url = ad["url"];
    const std::string site = ad["site"];
    bool live = false;
    for (const auto& e : ad["epochs"]) live |= e.get<int>() == epoch;
    bool gone = ad.contains("vanished_epoch") && ad["vanished_epoch"].get<int>() <= epoch;
    if (site == "demo-api") {
      std::string api = Api() + "/api/v1/ads/" + ad["id"].get<std::string>();
      Fetched f = Fetch(api);
      if (!live) {
        EXPECT_EQ(f.status, gone ? 410 : 404) << api;
        vanished += gone;
        continue;
      }
      ASSERT_EQ(f.status, 200) << api;
      // The latest version at or before the epoch says what the ad shows now.
      Json version;
      for (const auto& v : ad["versions"]) {
        if (v["epoch"].get<int>() <= epoch) version = v;
      }
      Json d = Json::parse(f.body);
      EXPECT_EQ(d["location"]["city"], version["place"]) << api;
      EXPECT_EQ(Fnv(d["description"].get<std::string>()), version["text_hash"]) << api;
      born += ad["epochs"][0].get<int>() > 0;
      moved += version["place"] != ad["place"];
      changed += version["text_version"].get<int>() > 0;
    } else if (site == "demo-html" && gone) {
      EXPECT_EQ(Fetch(url).status, 410) << url;
      ++vanished;
    } else if (site == "demo-next" && live) {
      int latest = 0;
      for (const auto& v : ad["versions"]) {
        if (v["epoch"].get<int>() <= epoch) latest = v["epoch"].get<int>();
      }
      Fetched f = Fetch(url);
      ASSERT_EQ(f.status, 200) << url;
      // Last-Modified follows the ad's latest change.
      EXPECT_EQ(f.headers["last-modified"] == "Sun, 01 Nov 2026 12:00:00 GMT", latest == 0) << url;
    }
  }
  EXPECT_GT(vanished, 5);
  EXPECT_GT(born, 5);
  EXPECT_GT(moved, 0);
  EXPECT_GT(changed, 5);
  // Back in epoch 0 the new ads are gone again.
  ASSERT_EQ(Fetch(server_->control + "/control/epoch?n=0").status, 200);
  EXPECT_EQ(Fetch(Api() + "/api/v1/ads/2000" + std::to_string(400 / 3 + 5)).status, 404);
}

TEST_F(DemoServerTest, StatusFaultsCarryRetryAfter) {
  ASSERT_EQ(SetFaults("demo-api:*=status:503:retry-after=2,demo-html:/regio/=status:429:retry-after=7,"
                      "demo-next:/ads=status:500").status, 200);
  Fetched a = Fetch(Api() + "/api/v1/ads");
  EXPECT_EQ(a.status, 503);
  EXPECT_EQ(a.headers["retry-after"], "2");
  Fetched h = Fetch(Html() + "/regio/zuid-limburg");
  EXPECT_EQ(h.status, 429);
  EXPECT_EQ(h.headers["retry-after"], "7");
  EXPECT_EQ(Fetch(Html() + "/robots.txt").status, 200);  // other paths unaffected
  EXPECT_EQ(Fetch(Next() + "/ads?page=1").status, 500);
  ASSERT_EQ(SetFaults("").status, 200);
  EXPECT_EQ(Fetch(Api() + "/api/v1/ads").status, 200);
  EXPECT_EQ(SetFaults("demo-api:*=explode").status, 400);
}

TEST_F(DemoServerTest, SlowTimeoutAndRedirectFaults) {
  ASSERT_EQ(SetFaults("demo-html:/advertentie/=slow:1200,demo-next:/ads=timeout,"
                      "demo-api:/api/=redirect-loop,demo-api:/profiel/=redirect:http://10.0.0.1/latest").status, 200);
  std::string html_ad;
  for (const auto& a : server_->gt["ads"]) {
    if (a["site"] == "demo-html" && a["epochs"][0] == 0) {
      html_ad = a["url"];
      break;
    }
  }
  Fetched slow = Fetch(html_ad);
  EXPECT_EQ(slow.status, 200);
  EXPECT_GE(slow.seconds, 1.0);
  EXPECT_NE(slow.body.find("</html>"), std::string::npos);

  FetchOptions quick;
  quick.timeout_ms = 500;
  Fetched hang = Fetch(Next() + "/ads", quick);
  EXPECT_EQ(hang.code, CURLE_OPERATION_TIMEDOUT);

  FetchOptions follow;
  follow.follow = true;
  Fetched loop = Fetch(Api() + "/api/v1/ads", follow);
  EXPECT_EQ(loop.code, CURLE_TOO_MANY_REDIRECTS);

  // Not followed: the test only checks where the server points.
  Fetched ssrf = Fetch(Api() + "/profiel/2000001");
  EXPECT_EQ(ssrf.status, 302);
  EXPECT_EQ(ssrf.headers["location"], "http://10.0.0.1/latest");
}

TEST_F(DemoServerTest, BodyFaults) {
  ASSERT_EQ(SetFaults("demo-html:/regio/=truncate,demo-html:/advertentie/=huge:3000000,"
                      "demo-api:/api/=gzip-bomb:50000000,demo-next:/ads=malformed-html,"
                      "demo-next:/plaats/=invalid-utf8,demo-api:/profiel/=wrong-content-type,"
                      "demo-next:/robots.txt=disallow").status, 200);
  Fetched cut = Fetch(Html() + "/regio/zuid-limburg");
  EXPECT_EQ(cut.code, CURLE_PARTIAL_FILE);

  Fetched huge = Fetch(Html() + "/advertentie/1000001");
  EXPECT_EQ(huge.code, CURLE_OK);
  EXPECT_EQ(huge.body.size(), 3000000u);

  FetchOptions capped;
  capped.decode = true;
  capped.max_body = 10u << 20;
  Fetched bomb = Fetch(Api() + "/api/v1/ads", capped);
  EXPECT_EQ(bomb.code, CURLE_WRITE_ERROR);  // inflated past the cap
  EXPECT_EQ(bomb.headers["content-encoding"], "gzip");
  EXPECT_LT(std::stoul(bomb.headers["content-length"]), 200000u);

  Fetched bad = Fetch(Next() + "/ads");
  EXPECT_EQ(bad.status, 200);
  EXPECT_EQ(bad.body.find("</p>"), std::string::npos);
  EXPECT_NE(bad.body.find("<!-- unterminated"), std::string::npos);
  EXPECT_NE(bad.body.find("__NEXT_DATA__"), std::string::npos);

  Fetched bytes = Fetch(Next() + "/plaats/maastricht");
  EXPECT_EQ(bytes.status, 200);
  EXPECT_FALSE(ValidUtf8(bytes.body));
  EXPECT_TRUE(ValidUtf8(Fetch(Next() + "/ad/x-3000001").body));

  Fetched type = Fetch(Api() + "/profiel/2000001");
  EXPECT_EQ(type.headers["content-type"], "image/jpeg");

  Fetched robots = Fetch(Next() + "/robots.txt");
  EXPECT_EQ(robots.body, "User-agent: *\nDisallow: /\n");
  EXPECT_NE(Fetch(Html() + "/robots.txt").body.find("Disallow: /zoeken"), std::string::npos);
}

TEST(DemoServerProcess, FaultsFlagAndSigtermExitZero) {
  auto server = StartDemo({"--ads", "300", "--epoch", "2", "--faults", "*:/robots.txt=status:503"});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Fetch(server->origins[0] + "/robots.txt").status, 503);
  EXPECT_EQ(Fetch(server->origins[2] + "/robots.txt").status, 503);
  Json state = Json::parse(Fetch(server->control + "/control/state").body);
  EXPECT_EQ(state["epoch"], 2);
  EXPECT_EQ(state["faults"], "*:/robots.txt=status:503");
  EXPECT_GE(state["requests"]["demo-html"].get<int>(), 1);
  EXPECT_EQ(server->Stop(), 0);
}

TEST(DemoServerProcess, FixedSitePorts) {
  // Free ports from the OS, released just before the server binds them.
  std::vector<std::string> ports;
  for (int i = 0; i < 3; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ports.push_back(std::to_string(ntohs(addr.sin_port)));
    close(fd);
  }
  auto server = StartDemo({"--ads", "300", "--site-ports", ports[0] + "," + ports[1] + "," + ports[2]});
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(server->lines[1], "site demo-html http://127.0.0.1:" + ports[0]);
  EXPECT_EQ(server->lines[3], "site demo-next http://127.0.0.1:" + ports[2]);
  EXPECT_EQ(Fetch("http://127.0.0.1:" + ports[1] + "/robots.txt").status, 200);
}

TEST(DemoServerProcess, RejectsBadArguments) {
  EXPECT_EQ(StartDemo({"--ads", "12"}), nullptr);
  EXPECT_EQ(StartDemo({"--faults", "nonsense"}), nullptr);
  EXPECT_EQ(StartDemo({"--bogus", "1"}), nullptr);
}

}  // namespace
}  // namespace adwatch::demo::testing
