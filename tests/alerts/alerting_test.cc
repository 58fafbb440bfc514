// A whole alerting round: scored ads in a real SQLite store become alerts,
// routed per municipality, rendered, queued and delivered to a real SMTP
// server on 127.0.0.1; what arrives is read with Python's email package.
#include "alerts/alerting.h"

#include "alerts/digest.h"

#include <gtest/gtest.h>

#include "tests/alerts/fixture.h"
#include "tests/alerts/parse_mail.h"
#include "tests/support/smtp_sink.h"

namespace adwatch {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

AlertsConfig Config(int port) {
  AlertsConfig c;
  c.transport = "smtp";
  c.from = "adwatch signalen <adwatch@zuid-limburg.example>";
  c.smtp.url = "smtp://127.0.0.1:" + std::to_string(port);
  c.smtp.require_tls = false;
  c.digest_times = {"08:00 Europe/Amsterdam"};
  c.municipalities = {
      {"Sittard-Geleen", {"Coördinator Bestuurlijke Aanpak <coord@sittard-geleen.example>"}, 0, {}, {}},
      {"Heerlen", {"coord@heerlen.example"}, 0, {}, {}},
      {"Eijsden-Margraten", {"coord@eijsden-margraten.example"}, 0, {}, {}}};
  c.municipalities[0].meldroute = "Meld bij de aandachtsfunctionaris van Sittard-Geleen.";
  c.region_recipients = {"ketenregisseur@riec-limburg.example"};
  c.fallback_recipients = {"fallback@riec-limburg.example"};
  return c;
}

class Alerting : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    // Monday 30 Nov 2026 06:00 UTC = 07:00 in Amsterdam, before the 08:00 digest.
    clock_.Set(FromUnixSeconds(1'796'018'400));
    store_ = testing::OpenTestStore(dir_, clock_);
    ASSERT_TRUE(sink_.Start());
  }
  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  testing::SmtpSink sink_{testing::FreshDir("sink-" + std::to_string(getpid()))};
};

const testing::ReceivedMail* To(const std::vector<testing::ReceivedMail>& got, const std::string& rcpt) {
  for (const auto& m : got)
    for (const auto& r : m.recipients)
      if (r == rcpt) return &m;
  return nullptr;
}

TEST_F(Alerting, DigestRoutedPerMunicipalityAndParsable) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  auto transport = MakeTransport(config, *Env::Default());
  ASSERT_TRUE(transport.ok());
  std::vector<ScoredSubject> subjects = {
      testing::PutAd(*store_, "g1", "Geleen", "Sittard-Geleen", 60, Severity::kHigh, clock_.Now(), "+31612345678"),
      testing::PutAd(*store_, "h1", "Heerlen", "Heerlen", 20, Severity::kLow, clock_.Now(), "+31687654321"),
      testing::PutAd(*store_, "x1", "Ergens", "", 55, Severity::kMedium, clock_.Now(), "+31611112222")};
  AlertingState state(config.max_immediate_per_hour);
  AlertingOptions opt;
  opt.threshold = 50;

  // 07:00 on a new store: alerts raised, no digest before 08:00 (Friday's
  // slot predates the store and is not caught up on).
  auto r = RunAlerting(*store_, config, opt, subjects, clock_, **transport, state);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->lifecycle.raised.size(), 2u);
  EXPECT_EQ(r->digests_enqueued, 0);
  EXPECT_TRUE(sink_.Messages().empty());

  clock_.Advance(minutes(61));  // 08:01
  r = RunAlerting(*store_, config, opt, subjects, clock_, **transport, state);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->digests_enqueued, 3);
  EXPECT_EQ(r->delivery.sent, 3);
  auto got = sink_.Messages();
  ASSERT_EQ(got.size(), 3u);
  // The slot is handled once.
  r = RunAlerting(*store_, config, opt, subjects, clock_, **transport, state);
  EXPECT_EQ(r->digests_enqueued, 0);
  EXPECT_EQ(sink_.Messages().size(), got.size());

  const auto* sg = To(got, "coord@sittard-geleen.example");
  ASSERT_NE(sg, nullptr) << "Geleen reaches Sittard-Geleen's coordinator";
  EXPECT_EQ(To(got, "coord@heerlen.example"), nullptr) << "and not Heerlen's (score below threshold there)";
  EXPECT_EQ(To(got, "coord@eijsden-margraten.example"), nullptr);
  ASSERT_NE(To(got, "fallback@riec-limburg.example"), nullptr) << "no known place: fallback";
  ASSERT_NE(To(got, "ketenregisseur@riec-limburg.example"), nullptr);

  auto j = testing::ParseWithPython(sg->raw);
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["defects"].empty()) << j["defects"].dump();
  EXPECT_EQ(j["to_names"][0], "Coördinator Bestuurlijke Aanpak");
  EXPECT_EQ(j["content_type"], "multipart/alternative");
  EXPECT_TRUE(j["date_ok"].get<bool>());
  EXPECT_EQ(j["mime_version"], "1.0");
  std::string text = j["parts"]["text/plain"], html = j["parts"]["text/html"];
  EXPECT_NE(text.find("Nieuw in Geleen — Zoë"), std::string::npos) << text;
  EXPECT_NE(html.find("Nieuw in Geleen — Zoë"), std::string::npos);
  EXPECT_NE(text.find("Sittard-Geleen"), std::string::npos);
  EXPECT_EQ(text.find("Heerlen"), std::string::npos);
  EXPECT_EQ(text.find("612345678"), std::string::npos) << "phone masked";
  EXPECT_NE(text.find("[tel "), std::string::npos);
  EXPECT_EQ(text.find("full ad text"), std::string::npos) << "no full ad text";
  EXPECT_NE(text.find("Een signaal is geen bewijs"), std::string::npos);
  EXPECT_NE(text.find("Wat nu: Meld bij de aandachtsfunctionaris van Sittard-Geleen."), std::string::npos);
  EXPECT_NE(html.find("<q>"), std::string::npos) << "the evidence, quoted";

  // Mailed alerts are in state sent now.
  auto sent = store_->ListAlerts(AlertQuery{{AlertState::kSent}, "", {}, 100});
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->size(), 2u);
}

TEST_F(Alerting, CriticalGoesOutAtOnceRateLimited) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  config.max_immediate_per_hour = 1;
  auto transport = MakeTransport(config, *Env::Default());
  AlertingState state(config.max_immediate_per_hour);
  AlertingOptions opt;
  clock_.Set(FromUnixSeconds(1'796'018'400 - 5 * 3600));  // 02:00 local: no digest slot within the test
  ASSERT_TRUE(RunAlerting(*store_, config, opt, {}, clock_, **transport, state).ok());
  const size_t base = sink_.Messages().size();
  EXPECT_EQ(base, 0u);
  auto a = testing::PutAd(*store_, "c1", "Geleen", "Sittard-Geleen", 90, Severity::kCritical, clock_.Now());
  auto b = testing::PutAd(*store_, "c2", "Heerlen", "Heerlen", 95, Severity::kCritical, clock_.Now());
  auto r = RunAlerting(*store_, config, opt, {a, b}, clock_, **transport, state);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Each coordinator gets their municipality's alert whatever the limit; the
  // region-wide recipient gets one, the other is left for the digest.
  EXPECT_EQ(r->immediate_enqueued, 3);
  EXPECT_EQ(r->immediate_deferred, 1);
  auto got = sink_.Messages();
  ASSERT_EQ(got.size(), base + 3);
  EXPECT_NE(To(got, "coord@sittard-geleen.example"), nullptr);
  EXPECT_NE(To(got, "coord@heerlen.example"), nullptr);
  EXPECT_NE(To(got, "ketenregisseur@riec-limburg.example"), nullptr);
  auto j = testing::ParseWithPython(got.back().raw);
  EXPECT_NE(std::string(j["subject"]).find("kritiek signaal #"), std::string::npos) << j["subject"];
  // Nothing is mailed twice; the deferred one waits for the digest.
  clock_.Advance(minutes(61));
  r = RunAlerting(*store_, config, opt, {a, b}, clock_, **transport, state);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->immediate_enqueued, 0);
  EXPECT_EQ(sink_.Messages().size(), base + 3);
}

// The hour a limit counts is the outbox's, not the process's: after a
// restart (a new AlertingState) a region-wide recipient that had its one
// immediate message this hour waits for the digest, as without the restart.
TEST_F(Alerting, TheHourOfImmediateMailOutlivesARestart) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  config.max_immediate_per_hour = 1;
  auto transport = MakeTransport(config, *Env::Default());
  AlertingOptions opt;
  clock_.Set(FromUnixSeconds(1'796'018'400 - 5 * 3600));  // 02:00 local: no digest slot within the test
  AlertingState before(config.max_immediate_per_hour);
  ASSERT_TRUE(RunAlerting(*store_, config, opt, {}, clock_, **transport, before).ok());
  auto a = testing::PutAd(*store_, "c1", "Venlo", "", 90, Severity::kCritical, clock_.Now(), "+31611110001");
  auto r = RunAlerting(*store_, config, opt, {a}, clock_, **transport, before);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->immediate_deferred, 0);

  clock_.Advance(minutes(20));
  AlertingState restarted(config.max_immediate_per_hour);
  auto b = testing::PutAd(*store_, "c2", "Venlo", "", 95, Severity::kCritical, clock_.Now(), "+31611110002");
  r = RunAlerting(*store_, config, opt, {a, b}, clock_, **transport, restarted);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->immediate_enqueued, 0);
  EXPECT_GE(r->immediate_deferred, 1) << "the restart gave the region-wide recipient a fresh hour";

  clock_.Advance(minutes(41));  // the first message is more than an hour old
  auto c = testing::PutAd(*store_, "c3", "Venlo", "", 95, Severity::kCritical, clock_.Now(), "+31611110003");
  r = RunAlerting(*store_, config, opt, {a, b, c}, clock_, **transport, restarted);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->immediate_enqueued, 1);
}

TEST_F(Alerting, FourStatedMinorsInOneHourAllGoToTheirCoordinatorAtOnce) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  config.max_immediate_per_hour = 1;  // Heerlen gets two within the hour
  auto transport = MakeTransport(config, *Env::Default());
  AlertingState state(config.max_immediate_per_hour);
  AlertingOptions opt;
  clock_.Set(FromUnixSeconds(1'796'018'400 - 5 * 3600));  // 02:00 local: no digest slot within the test
  ASSERT_TRUE(RunAlerting(*store_, config, opt, {}, clock_, **transport, state).ok());
  // Out-of-region critical alerts first, as in the demo: they must not take the minors' slots.
  std::vector<ScoredSubject> subjects;
  for (int i = 0; i < 3; ++i)
    subjects.push_back(testing::PutAd(*store_, "x" + std::to_string(i), "Venlo", "", 95, Severity::kCritical,
                                      clock_.Now(), "+3161111000" + std::to_string(i)));
  ASSERT_TRUE(RunAlerting(*store_, config, opt, subjects, clock_, **transport, state).ok());
  const size_t base = sink_.Messages().size();
  const char* towns[][2] = {{"Heerlen", "Heerlen"}, {"Geleen", "Sittard-Geleen"}, {"Heerlen", "Heerlen"},
                            {"Eijsden", "Eijsden-Margraten"}};
  for (int i = 0; i < 4; ++i) {
    clock_.Advance(minutes(10));
    auto s = testing::PutAd(*store_, "m" + std::to_string(i), towns[i][0], towns[i][1], 70, Severity::kHigh,
                            clock_.Now(), "+3162222000" + std::to_string(i));
    s.contributions[0].rule = "age.stated_minor";  // high after a cap, but a stated minor
    subjects.push_back(s);
    auto r = RunAlerting(*store_, config, opt, subjects, clock_, **transport, state);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  auto got = sink_.Messages();
  int to_coordinators = 0;
  for (size_t i = base; i < got.size(); ++i)
    for (const auto& rcpt : got[i].recipients)
      if (rcpt.rfind("coord@", 0) == 0) ++to_coordinators;
  EXPECT_EQ(to_coordinators, 4);
}

TEST_F(Alerting, CriticalGoesOutOnASaturdayEvenWithWorkdaysOnly) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  config.workdays_only = true;
  auto transport = MakeTransport(config, *Env::Default());
  AlertingState state(config.max_immediate_per_hour);
  AlertingOptions opt;
  clock_.Set(FromUnixSeconds(1'796'018'400 - 2 * 24 * 3600 + 12 * 3600));  // Saturday 28 Nov 2026, 19:00 local
  ASSERT_TRUE(RunAlerting(*store_, config, opt, {}, clock_, **transport, state).ok());
  auto a = testing::PutAd(*store_, "c1", "Geleen", "Sittard-Geleen", 90, Severity::kCritical, clock_.Now());
  auto r = RunAlerting(*store_, config, opt, {a}, clock_, **transport, state);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->immediate_enqueued, 2);
  EXPECT_NE(To(sink_.Messages(), "coord@sittard-geleen.example"), nullptr);
}

// An entity that only the in-memory cross-ad index knows (not in the store):
// the digest still lists its ads by the links its evidence names.
TEST_F(Alerting, EntityNotInStoreShowsEvidenceLinks) {
  ASSERT_TRUE(store_);
  ScoredSubject e;
  e.subject_key = "entity:shared-1";
  e.score = 75;
  e.severity = Severity::kHigh;
  e.municipalities = {"Heerlen"};
  e.contributions = {{"phone.shared", "movement", 30, "zelfde nummer in 3 advertenties",
                      {"http://127.0.0.1:1/advertentie/7", "http://127.0.0.1:1/advertentie/8"}}};
  ASSERT_TRUE(UpdateAlerts(*store_, {e}, 50, hours(720), clock_.Now()).ok());
  ComposeOptions co;
  co.now = co.slot = clock_.Now();
  auto msgs = ComposeDigests(*store_, Config(sink_.port()), co);
  ASSERT_TRUE(msgs.ok()) << msgs.status().ToString();
  ASSERT_FALSE(msgs->empty());
  auto j = testing::ParseWithPython(msgs->front().body);
  std::string text = j["parts"]["text/plain"];
  EXPECT_NE(text.find("http://127.0.0.1:1/advertentie/7"), std::string::npos) << text;
  EXPECT_NE(text.find("http://127.0.0.1:1/advertentie/8"), std::string::npos);
}

TEST_F(Alerting, QuietDigestOnlyIfConfiguredAndEscalationShown) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  ComposeOptions co;
  co.now = co.slot = clock_.Now();
  auto none = ComposeDigests(*store_, config, co);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty()) << "no signals, quiet_digest off: no mail";
  config.quiet_digest = true;
  auto quiet = ComposeDigests(*store_, config, co);
  ASSERT_TRUE(quiet.ok());
  ASSERT_EQ(quiet->size(), 5u);  // 3 municipalities + region + fallback
  EXPECT_NE(quiet->front().subject.find("geen nieuwe signalen"), std::string::npos) << quiet->front().subject;

  // Mailed at high, then critical: the next digest marks it escalated.
  config.quiet_digest = false;
  auto s = testing::PutAd(*store_, "e1", "Geleen", "Sittard-Geleen", 60, Severity::kHigh, clock_.Now());
  auto r = UpdateAlerts(*store_, {s}, 50, hours(720), clock_.Now());
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(store_->SetAlertState(r->raised[0], AlertState::kSent, "adwatch", "mailed", clock_.Now()).ok());
  s.severity = Severity::kCritical;
  s.score = 85;
  ASSERT_TRUE(UpdateAlerts(*store_, {s}, 50, hours(720), clock_.Now()).ok());
  config.language = "en";
  auto msgs = ComposeDigests(*store_, config, co);
  ASSERT_TRUE(msgs.ok());
  ASSERT_FALSE(msgs->empty());
  auto j = testing::ParseWithPython(msgs->front().body);
  std::string text = j["parts"]["text/plain"];
  EXPECT_NE(text.find("Severity: critical, because the score 85 reaches the critical threshold (80). The severity "
                      "rose since the last message."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("A signal is not proof"), std::string::npos);
}

// `run --once` and `adwatch digest` compose a digest on demand: a second one
// within the same minute must still mail what its pass raised (a Message-ID
// by the minute made the outbox drop it: the alert stayed new), and an alert
// in a digest still queued (its pass was killed before delivery) goes out
// with that one only.
TEST_F(Alerting, OnDemandDigestsWithinOneMinuteMailEachAlertOnce) {
  ASSERT_TRUE(store_);
  AlertsConfig config = Config(sink_.port());
  auto transport = MakeTransport(config, *Env::Default());
  ASSERT_TRUE(transport.ok());
  AlertingState state(config.max_immediate_per_hour);
  AlertingOptions opt;
  opt.threshold = 50;
  opt.force_digest = true;
  std::vector<ScoredSubject> subjects;
  auto pass = [&](const std::string& id, bool deliver) {
    subjects.push_back(testing::PutAd(*store_, id, "Geleen", "Sittard-Geleen", 60, Severity::kHigh, clock_.Now(),
                                      "+3161234000" + std::to_string(subjects.size())));
    opt.deliver = deliver;
    auto r = RunAlerting(*store_, config, opt, subjects, clock_, **transport, state);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    clock_.Advance(std::chrono::seconds(10));
    return r.ok() && r->lifecycle.raised.size() == 1 ? r->lifecycle.raised[0] : int64_t{0};
  };
  auto state_of = [&](int64_t id) { return store_->GetAlert(id)->state; };

  int64_t first = pass("g1", true);
  int64_t second = pass("g2", true);  // 10 s later, the same minute
  EXPECT_EQ(state_of(first), AlertState::kSent);
  EXPECT_EQ(state_of(second), AlertState::kSent) << "the second digest of the minute was dropped";

  int64_t queued = pass("g3", false);  // queued, never delivered: the pass was killed
  int64_t later = pass("g4", false);
  auto outbox = store_->DueMail(clock_.Now() + hours(1), 100);
  ASSERT_TRUE(outbox.ok());
  std::map<std::string, std::multiset<int64_t>> mailed;  // recipient -> alerts in its queued digests
  for (const OutboxMessage& m : *outbox)
    for (const std::string& r : m.recipients) mailed[r].insert(m.alert_ids.begin(), m.alert_ids.end());
  const std::string coord = "Coördinator Bestuurlijke Aanpak <coord@sittard-geleen.example>";
  EXPECT_EQ(mailed[coord].count(queued), 1u) << "in the queued digest only";
  EXPECT_EQ(mailed[coord].count(later), 1u);
  for (const auto& [recipient, ids] : mailed)
    for (int64_t id : ids) EXPECT_EQ(ids.count(id), 1u) << "alert " << id << " twice to " << recipient;
}

}  // namespace
}  // namespace adwatch
