// The outbox against a real SMTP server (aiosmtpd on 127.0.0.1) and a real
// SQLite store: outages, temporary failures and a crash between the
// server's 250 and the mark.
#include "alerts/deliver.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include "alerts/mime.h"
#include "tests/alerts/fixture.h"
#include "tests/alerts/parse_mail.h"
#include "tests/support/smtp_sink.h"

namespace adwatch {
namespace {

using std::chrono::minutes;

OutboxMessage Msg(const std::string& key, TimePoint now) {
  MailMessage m;
  m.from = {"adwatch", "adwatch@zuid-limburg.example"};
  m.to = {{"Coördinator", "coord@sittard-geleen.example"}};
  m.subject = "adwatch: 1 signaal — Sittard-Geleen";
  m.text = "Signaal #1\n";
  m.html = "<p>Signaal #1</p>";
  m.message_id = MakeMessageId(key, m.from.address);
  m.date = now;
  OutboxMessage o;
  o.message_id = m.message_id;
  o.recipients = {"Coördinator <coord@sittard-geleen.example>"};
  o.subject = m.subject;
  o.body = BuildMessage(m);
  o.created = now;
  return o;
}

SmtpConfig Plain(int port) {
  SmtpConfig c;
  c.url = "smtp://127.0.0.1:" + std::to_string(port);
  c.require_tls = false;
  return c;
}

class Delivery : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    store_ = testing::OpenTestStore(dir_, clock_);
    opt_.from = "adwatch@zuid-limburg.example";
  }
  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  DeliveryOptions opt_;
};

TEST(Backoff, DoublesAndCaps) {
  DeliveryOptions o;
  EXPECT_EQ(Backoff(1, o), minutes(1));
  EXPECT_EQ(Backoff(2, o), minutes(2));
  EXPECT_EQ(Backoff(4, o), minutes(8));
  EXPECT_EQ(Backoff(30, o), o.max_backoff);
}

TEST_F(Delivery, ServerDownThenBackDeliveredExactlyOnce) {
  ASSERT_TRUE(store_);
  const int port = testing::SmtpSink::FreePort();
  auto t = MakeSmtpTransport(Plain(port), *Env::Default());
  ASSERT_TRUE(t.ok());
  OutboxMessage m = Msg("outage", clock_.Now());
  ASSERT_TRUE(store_->EnqueueMail(m, clock_.Now()).ok());
  ASSERT_TRUE(store_->EnqueueMail(m, clock_.Now()).ok()) << "enqueue is idempotent";

  auto r = DeliverDue(*store_, **t, clock_, opt_);  // nobody listening
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->retry, 1);
  EXPECT_EQ(r->sent, 0);
  EXPECT_EQ(store_->GetMail(m.message_id)->state, MailState::kQueued);

  testing::SmtpSink sink(dir_ + "/sink");
  ASSERT_TRUE(sink.Start(port));
  r = DeliverDue(*store_, **t, clock_, opt_);  // backoff not over yet
  EXPECT_EQ(r->sent, 0);
  clock_.Advance(minutes(2));
  r = DeliverDue(*store_, **t, clock_, opt_);
  EXPECT_EQ(r->sent, 1);
  clock_.Advance(minutes(60));
  r = DeliverDue(*store_, **t, clock_, opt_);
  EXPECT_EQ(r->sent, 0);
  auto got = sink.Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].raw, m.body);
  EXPECT_EQ(store_->GetMail(m.message_id)->state, MailState::kSent);
  auto audit = store_->ListAudit(AuditQuery{{}, {}, "digest-sent", 10});
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 1u);
}

TEST_F(Delivery, TemporaryRejectionIsRetriedPermanentAfterMaxAttempts) {
  ASSERT_TRUE(store_);
  testing::SmtpSink sink(dir_ + "/sink");
  ASSERT_TRUE(sink.Start(0, /*fail_first=*/2));
  auto t = MakeSmtpTransport(Plain(sink.port()), *Env::Default());
  OutboxMessage a = Msg("temp", clock_.Now());
  ASSERT_TRUE(store_->EnqueueMail(a, clock_.Now()).ok());
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(DeliverDue(*store_, **t, clock_, opt_)->retry, 1);
    clock_.Advance(minutes(10));
  }
  EXPECT_EQ(DeliverDue(*store_, **t, clock_, opt_)->sent, 1);
  EXPECT_EQ(sink.Messages().size(), 1u);

  // Server gone for good: given up after max_attempts.
  sink.Stop();
  opt_.max_attempts = 3;
  OutboxMessage b = Msg("gone", clock_.Now());
  ASSERT_TRUE(store_->EnqueueMail(b, clock_.Now()).ok());
  DeliveryReport total;
  for (int i = 0; i < 5; ++i) {
    auto r = DeliverDue(*store_, **t, clock_, opt_);
    total.retry += r->retry;
    total.failed += r->failed;
    clock_.Advance(minutes(30));
  }
  EXPECT_EQ(total.retry, 2);
  EXPECT_EQ(total.failed, 1);
  EXPECT_EQ(store_->GetMail(b.message_id)->state, MailState::kFailed);
}

// adwatch killed after the server's 250 and before the mark: the message is
// not lost; it is sent again after the restart with the same Message-ID and
// the same bytes, and then never again.
TEST_F(Delivery, KilledBetweenSendAndMark) {
  ASSERT_TRUE(store_);
  testing::SmtpSink sink(dir_ + "/sink");
  ASSERT_TRUE(sink.Start());
  OutboxMessage m = Msg("crash", clock_.Now());
  ASSERT_TRUE(store_->EnqueueMail(m, clock_.Now()).ok());
  store_.reset();  // the child opens its own connection

  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto s = testing::OpenTestStore(dir_, clock_);
    auto t = MakeSmtpTransport(Plain(sink.port()), *Env::Default());
    DeliveryOptions o;
    o.from = "adwatch@zuid-limburg.example";
    o.after_send = [](const OutboxMessage&) { _exit(42); };  // the crash window
    if (!s || !t.ok()) _exit(1);
    (void)DeliverDue(*s, **t, clock_, o);
    _exit(2);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 42);
  ASSERT_EQ(sink.Messages().size(), 1u);

  store_ = testing::OpenTestStore(dir_, clock_);  // the restart
  ASSERT_EQ(store_->GetMail(m.message_id)->state, MailState::kQueued) << "not lost";
  auto t = MakeSmtpTransport(Plain(sink.port()), *Env::Default());
  EXPECT_EQ(DeliverDue(*store_, **t, clock_, opt_)->sent, 1);
  EXPECT_EQ(DeliverDue(*store_, **t, clock_, opt_)->sent, 0);
  auto got = sink.Messages();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].raw, got[1].raw);
  auto j0 = testing::ParseWithPython(got[0].raw), j1 = testing::ParseWithPython(got[1].raw);
  EXPECT_EQ(j0["message_id"], m.message_id);
  EXPECT_EQ(j1["message_id"], m.message_id);
  EXPECT_EQ(store_->GetMail(m.message_id)->state, MailState::kSent);
}

}  // namespace
}  // namespace adwatch
