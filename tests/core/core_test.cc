// core: statuses, hashes, the content hash of an ad, clocks and enum names.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "core/text.h"
#include "core/ad.h"
#include "core/alert.h"
#include "core/clock.h"
#include "core/hash.h"
#include "core/status.h"

namespace adwatch {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument(std::to_string(n) + " is odd");
  return n / 2;
}

Status Chain(int n, int* out) {
  auto r = Half(n);
  if (!r.ok()) return r.status().Annotate("halving");
  *out = *r;
  return Status::Ok();
}

TEST(StatusTest, ResultCarriesValueOrError) {
  EXPECT_EQ(*Half(8), 4);
  auto bad = Half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Status::Code::kInvalidArgument);
  int v = 0;
  Status st = Chain(5, &v);
  EXPECT_EQ(st.message(), "halving: 5 is odd");
  EXPECT_EQ(st.ToString(), "invalid argument: halving: 5 is odd");
  EXPECT_TRUE(Chain(6, &v).ok());
  EXPECT_EQ(v, 3);
}

TEST(HashTest, KnownVectors) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(ContentHashTest, ChangesWithAnyFieldAndRespectsFieldBoundaries) {
  Ad a;
  a.site = "demo-html";
  a.id = "1";
  a.title = "ab";
  a.text = "c";
  Ad b = a;
  b.title = "a";
  b.text = "bc";
  EXPECT_NE(ContentHash(a), ContentHash(b));
  Ad c = a;
  EXPECT_EQ(ContentHash(a), ContentHash(c));
  c.photos.push_back("http://127.0.0.1/p.jpg");
  EXPECT_NE(ContentHash(a), ContentHash(c));
  EXPECT_EQ(ContentHash(a).size(), 64u);
}

TEST(ClockTest, FakeClockMovesOnlyWhenTold) {
  FakeClock clock;
  TimePoint t0 = clock.Now();
  EXPECT_EQ(clock.Now(), t0);
  clock.Advance(std::chrono::hours(25));
  EXPECT_EQ(clock.Now() - t0, std::chrono::hours(25));
  EXPECT_EQ(FormatUtc(FromUnixSeconds(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(ToUnixSeconds(FromUnixSeconds(1767225600)), 1767225600);
}

TEST(ClockTest, FakeTimersFireInOrderOfTimeWithNowAtTheirTime) {
  using namespace std::chrono_literals;
  boost::asio::io_context io;
  FakeClock clock;
  const TimePoint t0 = clock.Now();
  std::vector<std::string> ran;
  auto a = clock.NewTimer(io), b = clock.NewTimer(io), c = clock.NewTimer(io), gone = clock.NewTimer(io);
  auto note = [&](std::string name) { return [&, name] { ran.push_back(name + "@" + std::to_string((clock.Now() - t0) / 1ms)); }; };
  clock.After(*b, 20ms, note("b"));
  clock.After(*a, 10ms, note("a"));
  clock.After(*c, 10ms, note("c"));   // same time as a, armed later: after a
  clock.After(*gone, 5ms, note("x"));
  gone->Cancel();
  EXPECT_EQ(clock.armed(), 3u);
  EXPECT_EQ(clock.NextTimer(), t0 + 10ms);
  EXPECT_EQ(clock.Advance(9ms), 0u);
  EXPECT_TRUE(ran.empty());
  // A callback re-arming within the span runs again inside the same Advance.
  clock.After(*a, 10ms, [&] {
    ran.push_back("a@" + std::to_string((clock.Now() - t0) / 1ms));
    clock.After(*a, 5ms, note("a2"));
  });
  EXPECT_EQ(clock.Advance(20ms), 4u);
  EXPECT_EQ(ran, (std::vector<std::string>{"c@10", "a@19", "b@20", "a2@24"}));
  EXPECT_EQ(clock.Now() - t0, 29ms);
  // Armed at the present: runs at the next Advance, even by zero.
  clock.After(*b, 0ms, note("now"));
  EXPECT_EQ(ran.size(), 4u);
  EXPECT_EQ(clock.Advance(0ms), 1u);
  EXPECT_EQ(ran.back(), "now@29");
  // Re-arming replaces; destroying cancels; a clock set back runs nothing.
  clock.After(*b, 1ms, note("old"));
  clock.After(*b, 2ms, note("new"));
  clock.After(*c, 1ms, note("dead"));
  c.reset();
  clock.Set(t0);
  EXPECT_EQ(clock.Now(), t0);
  EXPECT_EQ(clock.Advance(1h), 1u);
  EXPECT_EQ(ran.back(), "new@31");
}

TEST(ClockTest, SystemTimersRunOnTheIoContext) {
  boost::asio::io_context io;
  SystemClock clock;
  int ran = 0;
  auto t = clock.NewTimer(io), cancelled = clock.NewTimer(io), destroyed = clock.NewTimer(io);
  clock.After(*t, Duration::zero(), [&] { ran += 1; });
  clock.After(*cancelled, Duration::zero(), [&] { ran += 10; });
  clock.After(*destroyed, Duration::zero(), [&] { ran += 100; });
  cancelled->Cancel();
  destroyed.reset();
  EXPECT_EQ(ran, 0);  // only from the loop
  io.run();
  EXPECT_EQ(ran, 1);
}

TEST(EnumNamesTest, RoundTrip) {
  for (Severity s : {Severity::kNone, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    Severity back{};
    ASSERT_TRUE(ParseSeverity(ToString(s), &back));
    EXPECT_EQ(back, s);
  }
  AlertState st{};
  EXPECT_TRUE(ParseAlertState("dismissed", &st));
  EXPECT_EQ(st, AlertState::kDismissed);
  EXPECT_FALSE(ParseAlertState("verdacht", &st));
  Outcome o{};
  EXPECT_TRUE(ParseOutcome("ernstige-vermoedens", &o));
  EXPECT_EQ(o, Outcome::kErnstigeVermoedens);
  EXPECT_STREQ(ToString(AdEvent::kVanished), "vanished");
}

}  // namespace
}  // namespace adwatch

namespace adwatch {
namespace {

TEST(Text, HtmlEscapeCoversTextAndAttributes) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & Lisa's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Lisa&#39;s&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("gewoon"), "gewoon");
}

TEST(Text, EditDistance) {
  EXPECT_EQ(EditDistance("Maastricht", "Maastricht"), 0u);
  EXPECT_EQ(EditDistance("Mastricht", "Maastricht"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("heerlen", "kerkrade"), 6u);
}

}  // namespace
}  // namespace adwatch
