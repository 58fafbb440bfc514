#include "alerts/schedule.h"

#include <gtest/gtest.h>

#include "alerts/routing.h"
#include "alerts/tz.h"

namespace adwatch {
namespace {

TimePoint Utc(int y, int mo, int d, int h, int mi) {
  return FromUnixSeconds(DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60);
}

TEST(TimeZone, AmsterdamOffsetsAndDst) {
  auto z = TimeZone::Load("Europe/Amsterdam");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_EQ(z->OffsetAt(Utc(2026, 1, 15, 12, 0)), 3600);
  EXPECT_EQ(z->OffsetAt(Utc(2026, 7, 15, 12, 0)), 7200);
  // 2026-03-29 01:00 UTC clocks jump 02:00 -> 03:00 local.
  EXPECT_EQ(z->OffsetAt(Utc(2026, 3, 29, 0, 59)), 3600);
  EXPECT_EQ(z->OffsetAt(Utc(2026, 3, 29, 1, 0)), 7200);
  CivilTime gap{2026, 3, 29, 2, 30, 0, 0};
  EXPECT_EQ(z->FromLocal(gap), Utc(2026, 3, 29, 1, 30));  // 03:30 CEST
  CivilTime overlap{2026, 10, 25, 2, 30, 0, 0};            // happens twice: first wins
  EXPECT_EQ(z->FromLocal(overlap), Utc(2026, 10, 25, 0, 30));
  CivilTime c = z->ToLocal(Utc(2026, 11, 30, 7, 0));
  EXPECT_EQ(c.hour, 8);
  EXPECT_EQ(c.weekday, 1);  // Monday
  EXPECT_FALSE(TimeZone::Load("Mars/Olympus").ok());
  EXPECT_FALSE(TimeZone::Load("../../etc/passwd").ok());
}

AlertsConfig Cfg(std::vector<std::string> times, bool workdays = true) {
  AlertsConfig c;
  c.digest_times = std::move(times);
  c.workdays_only = workdays;
  return c;
}

TEST(Schedule, NextSkipsWeekendAndFollowsDst) {
  auto s = DigestSchedule::FromConfig(Cfg({"08:00 Europe/Amsterdam"}));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  // Friday 2026-03-27 09:00 local -> Monday 2026-03-30 08:00 CEST = 06:00 UTC (after DST).
  EXPECT_EQ(s->Next(Utc(2026, 3, 27, 8, 0)), Utc(2026, 3, 30, 6, 0));
  // Thursday before: 08:00 CET = 07:00 UTC next morning.
  EXPECT_EQ(s->Next(Utc(2026, 3, 26, 7, 0)), Utc(2026, 3, 27, 7, 0));
  // Exactly at a slot: the next one.
  EXPECT_EQ(s->Next(Utc(2026, 3, 27, 7, 0)), Utc(2026, 3, 30, 6, 0));
  EXPECT_EQ(s->Previous(Utc(2026, 3, 29, 12, 0)), Utc(2026, 3, 27, 7, 0));  // Sunday: Friday's
  EXPECT_EQ(s->Previous(Utc(2026, 3, 27, 7, 0)), Utc(2026, 3, 27, 7, 0));
  // Autumn: Monday 2026-10-26 08:00 CET = 07:00 UTC.
  EXPECT_EQ(s->Next(Utc(2026, 10, 23, 12, 0)), Utc(2026, 10, 26, 7, 0));
  EXPECT_EQ(DigestSchedule::SlotName(Utc(2026, 10, 26, 7, 0)), "20261026T0700Z");
}

TEST(Schedule, SeveralTimesAndEveryDay) {
  auto s = DigestSchedule::FromConfig(Cfg({"16:00 Europe/Amsterdam", "08:00 Europe/Amsterdam"}, false));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->Next(Utc(2026, 11, 28, 8, 0)), Utc(2026, 11, 28, 15, 0));  // Saturday counts
  EXPECT_EQ(s->Next(Utc(2026, 11, 28, 15, 0)), Utc(2026, 11, 29, 7, 0));
  EXPECT_FALSE(DigestSchedule::FromConfig(Cfg({"25:00 Europe/Amsterdam"})).ok());
  EXPECT_FALSE(DigestSchedule::FromConfig(Cfg({"08:00 Nowhere/Land"})).ok());
}

TEST(ImmediateLimiter, SlidingHour) {
  ImmediateLimiter l(2);
  FakeClock clock;
  EXPECT_TRUE(l.TryAcquire(clock.Now()));
  clock.Advance(std::chrono::minutes(10));
  EXPECT_TRUE(l.TryAcquire(clock.Now()));
  EXPECT_FALSE(l.TryAcquire(clock.Now()));
  clock.Advance(std::chrono::minutes(50));  // first one is an hour old
  EXPECT_TRUE(l.TryAcquire(clock.Now()));
  EXPECT_FALSE(l.TryAcquire(clock.Now()));
}

AlertsConfig Zl() {
  AlertsConfig c;
  c.municipalities = {{"Sittard-Geleen", {"Coördinator <coord@sittard-geleen.example>", "af@sittard-geleen.example"}, 0, {}, {}},
                      {"Heerlen", {"coord@heerlen.example"}, 0, {}, {}},
                      {"Maastricht", {"coord@maastricht.example", "COORD@sittard-geleen.example"}, 0, {}, {}}};
  c.region_recipients = {"ketenregisseur@riec-limburg.example"};
  c.fallback_recipients = {"fallback@riec-limburg.example"};
  return c;
}

Alert A(int64_t id, std::vector<std::string> m) {
  Alert a;
  a.id = id;
  a.municipalities = std::move(m);
  return a;
}

const Route* Find(const std::vector<Route>& r, const std::string& needle) {
  for (const auto& x : r)
    if (x.recipient.find(needle) != std::string::npos) return &x;
  return nullptr;
}

TEST(Routing, GeleenGoesToSittardGeleenNotHeerlen) {
  auto routes = RouteAlerts({A(1, {"Sittard-Geleen"})}, Zl());
  ASSERT_NE(Find(routes, "coord@sittard-geleen"), nullptr);
  EXPECT_EQ(Find(routes, "coord@sittard-geleen")->alert_ids, std::vector<int64_t>{1});
  ASSERT_NE(Find(routes, "af@sittard-geleen"), nullptr);
  EXPECT_EQ(Find(routes, "heerlen"), nullptr);
  EXPECT_EQ(Find(routes, "fallback"), nullptr);
  ASSERT_NE(Find(routes, "ketenregisseur"), nullptr);
  EXPECT_TRUE(Find(routes, "ketenregisseur")->region_wide);
}

TEST(Routing, UnknownPlaceGoesToFallbackAndSharedRecipientIsMerged) {
  auto routes = RouteAlerts({A(1, {}), A(2, {"Vaals"}), A(3, {"maastricht", "Heerlen"})}, Zl());
  ASSERT_NE(Find(routes, "fallback"), nullptr);
  EXPECT_EQ(Find(routes, "fallback")->alert_ids, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Find(routes, "heerlen")->alert_ids, std::vector<int64_t>{3});
  // coord@sittard-geleen also covers Maastricht (listed in another case): one route.
  const Route* sg = Find(routes, "oord@sittard-geleen");
  ASSERT_NE(sg, nullptr);
  EXPECT_EQ(sg->alert_ids, std::vector<int64_t>{3});
  EXPECT_EQ(sg->municipalities, (std::vector<std::string>{"Sittard-Geleen", "Maastricht"}));
  EXPECT_EQ(Find(routes, "ketenregisseur")->alert_ids, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(RouteAlerts({}, Zl()).size(), 0u);
  EXPECT_EQ(RouteAlerts({}, Zl(), true).size(), 6u);
}

}  // namespace
}  // namespace adwatch
