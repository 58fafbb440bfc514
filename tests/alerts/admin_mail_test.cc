// Mail to the administrator about a broken site profile (alerts/admin_mail.h):
// through the outbox and a real SMTP server on 127.0.0.1, with the fake
// clock: once per site and day while the profile stays broken, also across a
// restart (a second store handle), and again the next day.
#include "alerts/admin_mail.h"

#include <gtest/gtest.h>

#include "alerts/deliver.h"
#include "alerts/mime.h"
#include "tests/alerts/fixture.h"
#include "tests/alerts/parse_mail.h"
#include "tests/support/smtp_sink.h"

namespace adwatch {
namespace {

using std::chrono::hours;

class AdminMail : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = testing::OpenTestStore(dir_, clock_);
    config_.from = "adwatch@zuid-limburg.example";
    config_.admin_recipients = {"Beheer <beheer@zuid-limburg.example>"};
    delivery_.from = config_.from;
    clock_.Set(FromUnixSeconds(1'795'950'000));  // 2026-11-29 11:00 UTC
  }

  // Delivers the outbox to `sink`; returns how many messages went out.
  int Deliver(const testing::SmtpSink& sink) {
    SmtpConfig smtp;
    smtp.url = sink.Url();
    smtp.require_tls = false;
    auto t = MakeSmtpTransport(smtp, *Env::Default());
    EXPECT_TRUE(t.ok());
    auto r = DeliverDue(*store_, **t, clock_, delivery_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->sent : -1;
  }

  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  AlertsConfig config_;
  DeliveryOptions delivery_;
  BrokenProfile broken_{"demo-html", "text selector 'article.ad-detail div.description' matched nothing on 40 of 42 ads",
                        "http://127.0.0.1:8081/ad/17"};
};

TEST_F(AdminMail, OncePerDayWhileBrokenAndAgainTheNextDay) {
  ASSERT_TRUE(store_);
  testing::SmtpSink sink(dir_ + "/sink");
  ASSERT_TRUE(sink.Start());

  auto queued = QueueBrokenProfileMail(*store_, config_, broken_, clock_.Now());
  ASSERT_TRUE(queued.ok()) << queued.status().ToString();
  EXPECT_TRUE(*queued);
  EXPECT_EQ(Deliver(sink), 1);
  auto got = sink.Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].recipients, std::vector<std::string>{"beheer@zuid-limburg.example"});
  auto mail = testing::ParseWithPython(got[0].raw);
  EXPECT_TRUE(mail["defects"].empty()) << mail.dump();
  EXPECT_EQ(mail["subject"], "adwatch: het siteprofiel demo-html werkt niet meer");
  std::string text = mail["parts"]["text/plain"];
  EXPECT_NE(text.find("article.ad-detail div.description"), std::string::npos) << text;
  EXPECT_NE(text.find("adwatch site test demo-html"), std::string::npos) << text;
  EXPECT_NE(text.find("http://127.0.0.1:8081/ad/17"), std::string::npos) << text;

  // The next cycles of the day, and a restarted daemon (its own store handle): nothing new.
  for (int i = 0; i < 3; ++i) {
    clock_.Advance(hours(4));
    auto again = QueueBrokenProfileMail(*store_, config_, broken_, clock_.Now());
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again) << "cycle " << i;
  }
  auto restarted = testing::OpenTestStore(dir_, clock_);
  ASSERT_TRUE(restarted);
  auto after_restart = QueueBrokenProfileMail(*restarted, config_, broken_, clock_.Now());
  ASSERT_TRUE(after_restart.ok());
  EXPECT_FALSE(*after_restart);
  EXPECT_EQ(Deliver(sink), 0);
  EXPECT_EQ(sink.Messages().size(), 1u);

  // Still broken the next day (2026-11-30 11:00): one more message.
  clock_.Advance(hours(12));
  auto next_day = QueueBrokenProfileMail(*store_, config_, broken_, clock_.Now());
  ASSERT_TRUE(next_day.ok());
  EXPECT_TRUE(*next_day);
  EXPECT_EQ(Deliver(sink), 1);
  ASSERT_EQ(sink.Messages().size(), 2u);
  auto second = testing::ParseWithPython(sink.Messages()[1].raw);
  EXPECT_NE(second["message_id"], mail["message_id"]);
  EXPECT_NE(std::string(second["parts"]["text/plain"]).find("2026-11-30"), std::string::npos);
}

TEST_F(AdminMail, EachSiteHasItsOwnMessageAndNoneWithoutARecipient) {
  ASSERT_TRUE(store_);
  BrokenProfile other = broken_;
  other.site = "demo_html";  // alike once the Message-ID's characters are applied
  auto a = QueueBrokenProfileMail(*store_, config_, broken_, clock_.Now());
  auto b = QueueBrokenProfileMail(*store_, config_, other, clock_.Now());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a);
  EXPECT_TRUE(*b);

  AlertsConfig none = config_;
  none.admin_recipients.clear();
  clock_.Advance(hours(24));
  auto c = QueueBrokenProfileMail(*store_, none, broken_, clock_.Now());
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(*c);
  auto due = store_->DueMail(clock_.Now(), 100);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 2u);
}

TEST(AdminMailText, EnglishWhenTheMailIsInEnglish) {
  AlertsConfig c;
  c.from = "adwatch@example.org";
  c.language = "en";
  c.admin_recipients = {"admin@example.org"};
  auto m = ComposeBrokenProfileMail(c, {"s", "ad_links selector 'a.x' matched nothing on 3 listing pages", "http://h/"},
                                    FromUnixSeconds(1'795'950'000));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->subject, "adwatch: the site profile s is broken");
  EXPECT_NE(DecodedTextPart(m->body).find("ad_links selector 'a.x'"), std::string::npos);
  c.admin_recipients = {"not an address"};
  EXPECT_FALSE(ComposeBrokenProfileMail(c, {"s", "r", "u"}, FromUnixSeconds(0)).ok());
}

}  // namespace
}  // namespace adwatch
