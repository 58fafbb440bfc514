// QueueBrokenProfileMail against an in-memory outbox: the function takes the
// store's OutboxStore interface only, so its fake is five methods (the store
// split of issue #14). The SMTP round trip is in admin_mail_test.cc.
#include <gtest/gtest.h>

#include <map>

#include "alerts/admin_mail.h"

namespace adwatch {
namespace {

class FakeOutbox : public OutboxStore {
 public:
  Status fail_with = Status::Ok();  // returned by every call when not OK
  std::map<std::string, OutboxMessage> mail;

  Status EnqueueMail(const OutboxMessage& m, TimePoint) override {
    if (!fail_with.ok()) return fail_with;
    mail.emplace(m.message_id, m);
    return Status::Ok();
  }
  Result<std::vector<OutboxMessage>> DueMail(TimePoint, int) override { return std::vector<OutboxMessage>{}; }
  Status MarkMailSent(const std::string&, const std::string&, TimePoint) override { return Status::Ok(); }
  Status MarkMailFailed(const std::string&, const std::string&, bool, TimePoint) override { return Status::Ok(); }
  Result<std::vector<OutboxMessage>> MailCreatedSince(const std::string&, TimePoint) override {
    return std::vector<OutboxMessage>{};
  }
  Result<OutboxMessage> GetMail(const std::string& id) override {
    if (!fail_with.ok()) return fail_with;
    auto it = mail.find(id);
    if (it == mail.end()) return Status::NotFound("no message " + id);
    return it->second;
  }
};

AlertsConfig Admin() {
  AlertsConfig c;
  c.from = "adwatch@zuid-limburg.example";
  c.admin_recipients = {"beheer@zuid-limburg.example"};
  return c;
}

const TimePoint kMorning = FromUnixSeconds(1'795'950'000);  // 2026-11-29 11:00 UTC

TEST(AdminMailOutbox, OneMessagePerSiteAndDay) {
  FakeOutbox outbox;
  BrokenProfile p{"demo", "text selector matched nothing", "https://demo.example/1"};
  auto first = QueueBrokenProfileMail(outbox, Admin(), p, kMorning);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(*first);
  auto again = QueueBrokenProfileMail(outbox, Admin(), p, kMorning + std::chrono::hours(5));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(outbox.mail.size(), 1u);
  p.site = "other";
  EXPECT_TRUE(*QueueBrokenProfileMail(outbox, Admin(), p, kMorning));
  p.site = "demo";
  EXPECT_TRUE(*QueueBrokenProfileMail(outbox, Admin(), p, kMorning + std::chrono::hours(24)));
  EXPECT_EQ(outbox.mail.size(), 3u);
}

TEST(AdminMailOutbox, NoRecipientNoMessageAndAStoreErrorIsPassedOn) {
  FakeOutbox outbox;
  BrokenProfile p{"demo", "no ad links", "https://demo.example/"};
  AlertsConfig none = Admin();
  none.admin_recipients.clear();
  auto r = QueueBrokenProfileMail(outbox, none, p, kMorning);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(*r);
  outbox.fail_with = Status::Unavailable("store busy");
  auto failed = QueueBrokenProfileMail(outbox, Admin(), p, kMorning);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Status::Code::kUnavailable);
  EXPECT_TRUE(outbox.mail.empty());
}

}  // namespace
}  // namespace adwatch
