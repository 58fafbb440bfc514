// robots.txt rules and the politeness scheduler, on a FakeClock.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include "crawler/politeness.h"
#include "crawler/robots.h"

namespace adwatch {
namespace {

using namespace std::chrono_literals;

TEST(RobotsTest, StarGroupLongestMatchAllowWinsTie) {
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: /zoeken\nDisallow: /account/\nAllow: /account/open\n"
                              "Disallow: /*.pdf$\n# comment\nSitemap: http://x/sitemap.xml\n",
                              "adwatch/0.1 (+contact)");
  EXPECT_TRUE(r.Allowed("/"));
  EXPECT_TRUE(r.Allowed("/regio/limburg?page=2"));
  EXPECT_FALSE(r.Allowed("/zoeken"));
  EXPECT_FALSE(r.Allowed("/zoeken?q=x"));
  EXPECT_FALSE(r.Allowed("/account/settings"));
  EXPECT_TRUE(r.Allowed("/account/open"));
  EXPECT_FALSE(r.Allowed("/a/b.pdf"));
  EXPECT_TRUE(r.Allowed("/a/b.pdf?x=1"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
}

// The reference: robots.txt patterns as RE2 regexes ('*' any run, a final '$'
// the end, otherwise a prefix match), checked against the matcher on random
// patterns and paths.
bool ReferenceAllowed(const std::string& disallow, const std::string& path) {
  std::string re = "^";
  for (size_t i = 0; i < disallow.size(); ++i) {
    char c = disallow[i];
    if (c == '*') re += ".*";
    else if (c == '$' && i + 1 == disallow.size()) re += "$";
    else re += RE2::QuoteMeta(std::string(1, c));
  }
  return !RE2::PartialMatch(path, re);
}

TEST(RobotsTest, WildcardsAgreeWithRegexReference) {
  uint32_t x = 7;
  auto next = [&] { return (x = x * 1103515245 + 12345) >> 16; };
  const char alphabet[] = {'a', 'b', '/', '*'};
  for (int round = 0; round < 3000; ++round) {
    std::string pat = "/", path = "/";
    for (unsigned n = next() % 7; n > 0; --n) pat += alphabet[next() % 4];
    if (next() % 4 == 0) pat += "$";
    for (unsigned n = next() % 9; n > 0; --n) path += alphabet[next() % 3];
    auto r = RobotsRules::Parse("User-agent: *\nDisallow: " + pat + "\n", "adwatch");
    ASSERT_EQ(r.Allowed(path), ReferenceAllowed(pat, path)) << "pattern " << pat << " path " << path;
  }
}

// A 46-byte robots.txt used to take longer than 90 s: backtracking over 22 stars.
TEST(RobotsTest, ManyStarsStayLinear) {
  std::string pat = "/";
  for (int i = 0; i < 22; ++i) pat += "*a";
  pat += "*b";
  auto r = RobotsRules::Parse("User-agent: *\nDisallow: " + pat + "\n", "adwatch");
  std::string path = "/" + std::string(5000, 'a');
  EXPECT_TRUE(r.Allowed(path));         // no 'b': allowed, and it returns
  EXPECT_FALSE(r.Allowed(path + "b"));  // the same path ending in 'b' is disallowed
}

TEST(RobotsTest, SpecificGroupOverridesStar) {
  const char* txt = "User-agent: *\nDisallow: /\n\nUser-agent: Other\nUser-agent: ADWATCH\nDisallow: /private\n"
                    "Crawl-delay: 2.5\n";
  auto mine = RobotsRules::Parse(txt, "adwatch/0.1");
  EXPECT_TRUE(mine.Allowed("/ads"));
  EXPECT_FALSE(mine.Allowed("/private/x"));
  ASSERT_TRUE(mine.crawl_delay());
  EXPECT_EQ(*mine.crawl_delay(), 2500ms);
  auto other = RobotsRules::Parse(txt, "somebot");
  EXPECT_FALSE(other.Allowed("/ads"));
  EXPECT_FALSE(other.crawl_delay());
}

TEST(RobotsTest, EmptyDisallowAndFallbacks) {
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "a").Allowed("/x"));
  EXPECT_TRUE(RobotsRules::Parse("garbage\n\x01\xff", "a").Allowed("/x"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/x"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/x"));
}

class PolitenessTest : public ::testing::Test {
 protected:
  FakeClock clock_;
};

TEST_F(PolitenessTest, PerHostDelayAndInFlightCap) {
  PolitenessParams p;
  p.per_host_in_flight = 1;
  p.min_delay = 1s;
  p.global_rate = 0;
  Politeness pol(clock_, p);
  EXPECT_FALSE(pol.TryStart("a:80"));
  auto wait = pol.TryStart("a:80");  // one in flight
  ASSERT_TRUE(wait);
  EXPECT_FALSE(pol.TryStart("b:80"));  // other host unaffected
  pol.Finish("a:80");
  wait = pol.TryStart("a:80");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, clock_.Now() + 1s);  // min delay between starts
  clock_.Advance(999ms);
  EXPECT_TRUE(pol.TryStart("a:80"));
  clock_.Advance(1ms);
  EXPECT_FALSE(pol.TryStart("a:80"));
  pol.SetHostDelay("a:80", 3s);  // robots Crawl-delay
  pol.Finish("a:80");
  clock_.Advance(2s);
  wait = pol.TryStart("a:80");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, clock_.Now() + 1s);
}

TEST_F(PolitenessTest, GlobalRateAndMaxInFlight) {
  PolitenessParams p;
  p.min_delay = 0s;
  p.per_host_in_flight = 100;
  p.global_rate = 4;
  p.max_in_flight = 6;
  Politeness pol(clock_, p);
  int started = 0;
  for (int i = 0; i < 10; ++i) started += !pol.TryStart("h" + std::to_string(i)).has_value();
  EXPECT_EQ(started, 4);  // bucket of 4
  clock_.Advance(500ms);
  for (int i = 0; i < 10; ++i) started += !pol.TryStart("x" + std::to_string(i)).has_value();
  EXPECT_EQ(started, 6);  // 2 more tokens; 6 in flight is also the cap
  clock_.Advance(10s);
  EXPECT_TRUE(pol.TryStart("y"));  // max_in_flight
  pol.Finish("h0");
  EXPECT_FALSE(pol.TryStart("y"));
}

TEST_F(PolitenessTest, RetryAfterPausesHost) {
  PolitenessParams p;
  p.min_delay = 0s;
  p.global_rate = 0;
  Politeness pol(clock_, p);
  auto until = ParseRetryAfter("5", clock_.Now());
  ASSERT_TRUE(until);
  pol.PauseHost("a", *until);
  auto wait = pol.TryStart("a");
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, clock_.Now() + 5s);
  clock_.Advance(5s);
  EXPECT_FALSE(pol.TryStart("a"));
  // HTTP-date form, and junk.
  auto date = ParseRetryAfter("Fri, 01 Jan 2027 00:00:10 GMT", FromUnixSeconds(1798761600));
  ASSERT_TRUE(date);
  EXPECT_EQ(ToUnixSeconds(*date), 1798761610);
  EXPECT_FALSE(ParseRetryAfter("soon", clock_.Now()));
  EXPECT_FALSE(ParseRetryAfter("", clock_.Now()));
}

TEST_F(PolitenessTest, ExponentialBackoffWithJitter) {
  PolitenessParams p;
  p.backoff_base = 2s;
  p.backoff_max = 60s;
  Politeness pol(clock_, p, 7);
  for (int attempt = 1; attempt <= 8; ++attempt) {
    double full = std::min(60.0, 2.0 * (1 << (attempt - 1)));
    double d = std::chrono::duration<double>(pol.Backoff(attempt)).count();
    EXPECT_GE(d, full / 2) << attempt;
    EXPECT_LE(d, full) << attempt;
  }
  // Jitter: repeated back-offs for the same attempt differ.
  EXPECT_NE(pol.Backoff(3), pol.Backoff(3));
}

TEST_F(PolitenessTest, DisabledOnlyCapsInFlight) {
  PolitenessParams p;
  p.enabled = false;
  p.max_in_flight = 3;
  Politeness pol(clock_, p);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(pol.TryStart("a"));
  EXPECT_TRUE(pol.TryStart("a"));
}

}  // namespace
}  // namespace adwatch
