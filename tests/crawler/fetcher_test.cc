// CurlFetcher against a real HTTP server on 127.0.0.1: limits, redirects,
// the SSRF guard, decoding and concurrency on one thread.
#include <gtest/gtest.h>

#include <chrono>

#include "crawler/fetcher.h"
#include "tests/crawler/test_server.h"

namespace adwatch {
namespace {

using testing::TestReply;
using testing::TestRequest;
using testing::TestServer;
using namespace std::chrono_literals;

class FetcherTest : public ::testing::Test {
 protected:
  FetchRequest Req(const std::string& url) {
    FetchRequest r;
    r.url = url;
    r.user_agent = "adwatch-test";
    r.allow_private = true;
    r.allowed_private_ips = {"127.0.0.1"};
    r.limits.connect_timeout = 2s;
    r.limits.timeout = 3s;
    return r;
  }

  std::vector<FetchResult> FetchAll(const std::vector<FetchRequest>& reqs) {
    std::vector<FetchResult> out(reqs.size());
    size_t done = 0;
    for (size_t i = 0; i < reqs.size(); ++i) {
      fetcher_->Fetch(reqs[i], [&, i](FetchResult r) {
        out[i] = std::move(r);
        ++done;
      });
    }
    io_.restart();  // run_one_for() stops the context when it runs out of work
    auto deadline = std::chrono::steady_clock::now() + 20s;
    while (done < reqs.size() && std::chrono::steady_clock::now() < deadline) io_.run_one_for(100ms);
    EXPECT_EQ(done, reqs.size()) << "fetches did not complete";
    return out;
  }
  FetchResult FetchOne(const FetchRequest& r) { return FetchAll({r})[0]; }

  boost::asio::io_context io_;
  std::unique_ptr<HttpFetcher> fetcher_ = MakeCurlFetcher(io_);
};

TEST_F(FetcherTest, GetsBodyStatusAndValidators) {
  TestServer s([](const TestRequest&) {
    TestReply r;
    r.body = "<html>hallo</html>";
    r.headers = {{"ETag", "\"abc\""}, {"Last-Modified", "Sun, 01 Nov 2026 12:00:00 GMT"},
                 {"Content-Type", "text/html; charset=utf-8"}};
    return r;
  });
  FetchResult r = FetchOne(Req(s.base() + "/x"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<html>hallo</html>");
  EXPECT_EQ(r.etag, "\"abc\"");
  EXPECT_EQ(r.last_modified, "Sun, 01 Nov 2026 12:00:00 GMT");
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.primary_ip, "127.0.0.1");
  EXPECT_EQ(s.log()[0].headers["user-agent"], "adwatch-test");
}

TEST_F(FetcherTest, SendsValidatorsAndReports304) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    if (q.headers.count("if-none-match") && q.headers.at("if-none-match") == "\"v1\"") r.status = 304;
    else r.body = "full";
    return r;
  });
  FetchRequest req = Req(s.base() + "/x");
  req.if_none_match = "\"v1\"";
  req.if_modified_since = "Sun, 01 Nov 2026 12:00:00 GMT";
  FetchResult r = FetchOne(req);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.status, 304);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(s.log()[0].headers["if-modified-since"], "Sun, 01 Nov 2026 12:00:00 GMT");
}

TEST_F(FetcherTest, DecodesGzip) {
  std::string text(10000, 'a');
  TestServer s([&](const TestRequest& q) {
    TestReply r;
    EXPECT_NE(q.headers.at("accept-encoding").find("gzip"), std::string::npos);
    r.headers = {{"Content-Encoding", "gzip"}};
    r.body = testing::Gzip(text);
    return r;
  });
  FetchResult r = FetchOne(Req(s.base() + "/"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.body, text);
  EXPECT_LT(r.wire_bytes, 1000);
}

TEST_F(FetcherTest, DecodedSizeCapStopsGzipBomb) {
  TestServer s([](const TestRequest&) {
    TestReply r;
    r.headers = {{"Content-Encoding", "gzip"}};
    r.body = testing::Gzip(std::string(4 << 20, '\0'));  // 4 MB of zeros, ~4 KB on the wire
    return r;
  });
  FetchRequest req = Req(s.base() + "/bomb");
  req.limits.max_decoded_bytes = 256 << 10;
  FetchResult r = FetchOne(req);
  EXPECT_EQ(r.error, FetchError::kTooLarge) << r.message;
  EXPECT_LE(r.body.size(), size_t{256 << 10});
}

TEST_F(FetcherTest, BodyCapWithAndWithoutContentLength) {
  for (bool chunked : {false, true}) {
    TestServer s([chunked](const TestRequest&) {
      TestReply r;
      r.chunked = chunked;
      r.body = std::string(2 << 20, 'x');
      return r;
    });
    FetchRequest req = Req(s.base() + "/big");
    req.limits.max_body_bytes = 100 << 10;
    FetchResult r = FetchOne(req);
    EXPECT_EQ(r.error, FetchError::kTooLarge) << "chunked=" << chunked << " " << r.message;
  }
}

TEST_F(FetcherTest, FollowsRedirectsHopByHop) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    if (q.target == "/a") { r.status = 301; r.headers = {{"Location", "/b"}}; }
    else if (q.target == "/b") { r.status = 302; r.headers = {{"Location", "/c"}}; }
    else if (q.target == "/loop") { r.status = 302; r.headers = {{"Location", "/loop"}}; }
    else r.body = "end";
    return r;
  });
  FetchResult r = FetchOne(Req(s.base() + "/a"));
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.body, "end");
  EXPECT_EQ(r.redirects, 2);
  EXPECT_EQ(r.url, s.base() + "/c");

  FetchRequest loop = Req(s.base() + "/loop");
  loop.limits.max_redirects = 3;
  r = FetchOne(loop);
  EXPECT_EQ(r.error, FetchError::kTooManyRedirects);
  EXPECT_EQ(s.requests(), 3 + 4);
}

TEST_F(FetcherTest, RedirectScopeAndSchemeChecked) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    r.status = 302;
    if (q.target == "/other-host") r.headers = {{"Location", "http://localhost:1/x"}};
    else r.headers = {{"Location", "ftp://127.0.0.1/x"}};
    return r;
  });
  FetchRequest req = Req(s.base() + "/other-host");
  req.allowed_hosts = {"127.0.0.1"};
  EXPECT_EQ(FetchOne(req).error, FetchError::kOutOfScope);
  EXPECT_EQ(FetchOne(Req(s.base() + "/ftp")).error, FetchError::kBadUrl);
  EXPECT_EQ(FetchOne(Req("file:///etc/passwd")).error, FetchError::kBadUrl);
}

TEST_F(FetcherTest, SsrfGuardRefusesPrivateAddresses) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    r.status = 302;
    if (q.target == "/meta") r.headers = {{"Location", "http://169.254.169.254/latest/meta-data/"}};
    else r.headers = {{"Location", "http://127.0.0.2:" + std::string("9/")}};
    return r;
  });
  // Allowed for 127.0.0.1 only: the redirect to link-local is refused
  // before connecting (a connect there would time out, not fail fast).
  auto t0 = std::chrono::steady_clock::now();
  FetchResult r = FetchOne(Req(s.base() + "/meta"));
  EXPECT_EQ(r.error, FetchError::kBlockedAddress) << r.message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 1s);
  r = FetchOne(Req(s.base() + "/loopback2"));
  EXPECT_EQ(r.error, FetchError::kBlockedAddress) << r.message;
  EXPECT_EQ(s.requests(), 2);

  // Without the opt-out even the first hop to 127.0.0.1 is refused.
  FetchRequest strict = Req(s.base() + "/meta");
  strict.allow_private = false;
  EXPECT_EQ(FetchOne(strict).error, FetchError::kBlockedAddress);
  // A name resolving to loopback is caught after DNS, not by its spelling.
  strict.url = "http://localhost:" + std::to_string(s.port()) + "/meta";
  EXPECT_EQ(FetchOne(strict).error, FetchError::kBlockedAddress);
  EXPECT_EQ(s.requests(), 2);
}

TEST_F(FetcherTest, TimeoutsAndBrokenBodiesAreClassified) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    r.body = std::string(1000, 'x');
    if (q.target == "/slow") r.delay_ms = 3000;
    if (q.target == "/trickle") r.trickle_ms = 200;
    if (q.target == "/cut") r.close_mid_body = true;
    if (q.target == "/retry") { r.status = 429; r.headers = {{"Retry-After", "7"}}; }
    return r;
  });
  FetchRequest slow = Req(s.base() + "/slow");
  slow.limits.timeout = 400ms;
  FetchRequest trickle = Req(s.base() + "/trickle");
  trickle.limits.low_speed_bytes = 100;
  trickle.limits.low_speed_time = 1s;
  auto t0 = std::chrono::steady_clock::now();
  auto rs = FetchAll({slow, trickle, Req(s.base() + "/cut"), Req(s.base() + "/retry"),
                      Req("http://127.0.0.1:1/closed")});
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2900ms);
  EXPECT_EQ(rs[0].error, FetchError::kTimeout) << rs[0].message;
  EXPECT_EQ(rs[1].error, FetchError::kTimeout) << rs[1].message;
  EXPECT_EQ(rs[2].error, FetchError::kProtocol) << rs[2].message;
  EXPECT_TRUE(rs[3].ok());
  EXPECT_EQ(rs[3].status, 429);
  EXPECT_EQ(rs[3].retry_after, "7");
  EXPECT_EQ(rs[4].error, FetchError::kConnect) << rs[4].message;
}

TEST_F(FetcherTest, HundredsOfConcurrentTransfersOnOneThread) {
  TestServer s([](const TestRequest& q) {
    TestReply r;
    r.delay_ms = 300;
    r.body = q.target;
    return r;
  });
  std::vector<FetchRequest> reqs;
  for (int i = 0; i < 200; ++i) reqs.push_back(Req(s.base() + "/p" + std::to_string(i)));
  auto t0 = std::chrono::steady_clock::now();
  auto rs = FetchAll(reqs);
  auto took = std::chrono::steady_clock::now() - t0;
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(rs[i].ok()) << rs[i].message;
    EXPECT_EQ(rs[i].body, "/p" + std::to_string(i));
  }
  // Sequential would take 60 s; concurrent takes about one delay.
  EXPECT_LT(took, 5s);
  EXPECT_EQ(fetcher_->InFlight(), 0);
}

TEST_F(FetcherTest, UsesTheConfiguredProxy) {
  // The test server plays an HTTP forward proxy: it sees absolute targets.
  TestServer proxy([](const TestRequest& q) {
    TestReply r;
    r.body = "via proxy: " + q.target;
    return r;
  });
  FetchRequest req = Req("http://ads.example.invalid/list?page=2");
  req.proxy = proxy.base();
  req.allow_private = false;  // the proxy is the administrator's choice, not the site's
  FetchResult r = FetchOne(req);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.body, "via proxy: http://ads.example.invalid/list?page=2");
  // An IP-literal target is still checked when a proxy connects for us.
  req.url = "http://10.1.2.3/x";
  EXPECT_EQ(FetchOne(req).error, FetchError::kBlockedAddress);
  EXPECT_EQ(proxy.requests(), 1);
}

TEST(AddressTest, ClassifiesNonPublic) {
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                         "169.254.169.254", "224.0.0.1", "0.0.0.0", "100.64.0.1", "::1", "::",
                         "fe80::1", "fd00::1", "ff02::1", "::ffff:127.0.0.1", "not-an-ip"})
    EXPECT_TRUE(IsNonPublicAddress(ip)) << ip;
  for (const char* ip : {"8.8.8.8", "172.32.0.1", "93.184.216.34", "2a00:1450:4001::1", "::ffff:8.8.8.8"})
    EXPECT_FALSE(IsNonPublicAddress(ip)) << ip;
}

}  // namespace
}  // namespace adwatch
