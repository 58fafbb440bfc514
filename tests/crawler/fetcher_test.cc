// CurlFetcher against a real HTTP server on 127.0.0.1: limits, redirects,
// the SSRF guard, decoding and concurrency on one thread.
#include <gtest/gtest.h>

#include <chrono>

#include "crawler/fetcher.h"
#include "crawler/url.h"
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
    r.allowed_private = {{"127.0.0.1", UrlPort(url)}};  // this server's port only
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
  // An allowed target (address and port) goes through the proxy.
  FetchRequest req = Req("http://127.0.0.1:8123/list?page=2");
  req.proxy = proxy.base();
  FetchResult r = FetchOne(req);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.body, "via proxy: http://127.0.0.1:8123/list?page=2");
  // The same address on another port is not.
  req.url = "http://127.0.0.1:8124/x";
  EXPECT_EQ(FetchOne(req).error, FetchError::kBlockedAddress);
  req.allow_private = false;  // the proxy is the administrator's choice, not the site's
  // An IP-literal target is still checked when a proxy connects for us...
  req.url = "http://10.1.2.3/x";
  EXPECT_EQ(FetchOne(req).error, FetchError::kBlockedAddress);
  // ... and so is a host name: resolved here and checked before the request
  // (the proxy would otherwise connect to loopback for us).
  req.url = "http://localhost:" + std::to_string(proxy.port()) + "/admin";
  r = FetchOne(req);
  EXPECT_EQ(r.error, FetchError::kBlockedAddress) << r.message;
  EXPECT_NE(r.message.find("resolved before the proxy"), std::string::npos) << r.message;
  // A name that does not resolve is not handed to the proxy either.
  req.url = "http://ads.example.invalid/list";
  EXPECT_EQ(FetchOne(req).error, FetchError::kDns);
  EXPECT_EQ(proxy.requests(), 1);
}

TEST_F(FetcherTest, AllowanceNamesAddressAndPort) {
  TestServer other([](const TestRequest&) {
    TestReply r;
    r.body = "internal service";
    return r;
  });
  TestServer s([&](const TestRequest& q) {
    TestReply r;
    if (q.target == "/hop") {
      r.status = 302;
      r.headers = {{"Location", other.base() + "/secret"}};
    } else {
      r.body = "ad";
    }
    return r;
  });
  // Allowed: 127.0.0.1 on s's port. The redirect to the same address on
  // another port is refused (the issue: it was fetched and stored as an ad).
  EXPECT_TRUE(FetchOne(Req(s.base() + "/ad")).ok());
  FetchResult r = FetchOne(Req(s.base() + "/hop"));
  EXPECT_EQ(r.error, FetchError::kBlockedAddress) << r.message;
  EXPECT_NE(r.message.find("port " + std::to_string(other.port())), std::string::npos) << r.message;
  EXPECT_EQ(other.requests(), 0);
}

TEST(AddressTest, AllowedEndpointsParseAndBareAddressesTakeStartPorts) {
  auto e = ParseAllowedEndpoints({"127.0.0.1:8080", "[::1]:9000", "10.0.0.5", "0:0:0:0:0:ffff:7f00:2:81"},
                                 {"http://127.0.0.1:8080/list", "https://10.0.0.5/x", "http://10.0.0.5/y"});
  // The last entry is not an address:port (an IPv6 port needs brackets).
  EXPECT_FALSE(e.ok());
  e = ParseAllowedEndpoints({"127.0.0.1:8080", "[::1]:9000", "10.0.0.5"},
                            {"http://127.0.0.1:8080/list", "https://10.0.0.5/x", "http://10.0.0.5/y"});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::vector<AllowedEndpoint> want = {{"127.0.0.1", 8080}, {"::1", 9000}, {"10.0.0.5", 8080},
                                       {"10.0.0.5", 443}, {"10.0.0.5", 80}};
  EXPECT_EQ(*e, want);
  EXPECT_TRUE(AddressAllowed("10.0.0.5", 443, true, *e));
  EXPECT_FALSE(AddressAllowed("10.0.0.5", 22, true, *e));
  EXPECT_FALSE(AddressAllowed("10.0.0.5", 443, false, *e));
  EXPECT_TRUE(AddressAllowed("::ffff:127.0.0.1", 8080, true, {{"::ffff:127.0.0.1", 8080}}));
  EXPECT_TRUE(AddressAllowed("8.8.8.8", 22, false, {}));
  for (const char* bad : {"localhost:80", "127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:", "[::1]:", "[::1]:x", "1.2.3"})
    EXPECT_FALSE(ParseAllowedEndpoints({bad}, {}).ok()) << bad;
}

TEST(AddressTest, EverySpecialPurposeRangeIsRefused) {
  // IANA IPv4 special-purpose registry, multicast, reserved, broadcast.
  for (const char* ip : {"0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1",
                         "127.255.255.255", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1",
                         "192.0.0.170", "192.0.2.2", "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255",
                         "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1",
                         "255.255.255.255"})
    EXPECT_TRUE(IsNonPublicAddress(ip)) << ip;
  // IPv6: loopback, unspecified, IPv4-compatible and -mapped forms of private
  // addresses, NAT64 of private, local-use NAT64, discard, IETF (Teredo,
  // benchmarking, ORCHID), documentation (both), 6to4 of private, SRv6, ULA,
  // link-local, site-local, multicast.
  for (const char* ip : {"::1", "::", "::127.0.0.1", "::8.8.8.8", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
                         "::ffff:192.0.2.1", "::ffff:0:8.8.8.8", "64:ff9b::10.0.0.1", "64:ff9b::7f00:1",
                         "64:ff9b:1::8.8.8.8", "100::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                         "2001:2::1", "2001:10::1", "2001:20::1", "2001:db8::1", "2002:7f00:1::1", "2002:a00:1::1",
                         "2002:c000:201::1", "3fff::1", "3fff:fff::1", "5f00::1", "fc00::1", "fd12:3456::1",
                         "fe80::1", "fec0::1", "ff02::1", "ff0e::1", "4000::1", "not-an-ip", ""})
    EXPECT_TRUE(IsNonPublicAddress(ip)) << ip;
  for (const char* ip : {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.0.3.1",
                         "198.17.255.255", "198.20.0.1", "203.0.114.1", "223.255.255.255", "93.184.216.34",
                         "2a00:1450:4001::1", "2001:200::1", "2001:4860:4860::8888", "::ffff:8.8.8.8",
                         "64:ff9b::8.8.8.8", "2002:808:808::1", "2600::1", "3ffe::1"})
    EXPECT_FALSE(IsNonPublicAddress(ip)) << ip;
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
