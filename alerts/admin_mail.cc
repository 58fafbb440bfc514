#include "alerts/admin_mail.h"

#include "alerts/mime.h"
#include "core/hash.h"

namespace adwatch {
namespace {

// "2026-11-30" of `now` in UTC: the day the message is about.
std::string Day(TimePoint now) { return FormatUtc(now).substr(0, 10); }

struct Text {
  std::string subject, body;
};

Text Render(const std::string& language, const BrokenProfile& p, const std::string& day) {
  const std::string fix = "  adwatch site test " + p.site + "\n";
  if (language == "en")
    return {"adwatch: the site profile " + p.site + " is broken",
            "The site profile [[site]] " + p.site + " no longer reads its site (" + day + "):\n\n  " + p.reason +
                "\n\nFor example: " + p.example_url +
                "\n\nUntil it is fixed the site is not (fully) watched. Try the profile with\n\n" + fix +
                "\nand correct [[site]] " + p.site + " in the configuration, then `systemctl reload adwatch`.\n"
                "This message comes once a day while the profile stays broken.\n"};
  return {"adwatch: het siteprofiel " + p.site + " werkt niet meer",
          "Het siteprofiel [[site]] " + p.site + " leest de site niet meer (" + day + "):\n\n  " + p.reason +
              "\n\nVoorbeeld: " + p.example_url +
              "\n\nTot het hersteld is, wordt de site niet (volledig) bewaakt. Probeer het profiel met\n\n" + fix +
              "\nen pas [[site]] " + p.site + " aan in de configuratie; daarna `systemctl reload adwatch`.\n"
              "Dit bericht komt eenmaal per dag zolang het profiel niet werkt.\n"};
}

}  // namespace

Result<OutboxMessage> ComposeBrokenProfileMail(const AlertsConfig& config, const BrokenProfile& p, TimePoint now) {
  MailMessage m;
  if (!ParseMailAddress(config.from, &m.from)) return Status::InvalidArgument("alerts.from: not a mail address");
  for (const std::string& r : config.admin_recipients) {
    MailAddress to;
    if (!ParseMailAddress(r, &to)) return Status::InvalidArgument("alerts.admin_recipients: '" + r + "' is not a mail address");
    m.to.push_back(to);
  }
  const std::string day = Day(now);
  Text t = Render(config.language, p, day);
  m.subject = t.subject;
  m.text = t.body;
  // The site name as given, plus a hash: two names that the Message-ID's
  // character set makes alike ("a_b", "a-b") still get their own message.
  m.message_id = MakeMessageId("admin.profile-broken." + day + "." + p.site + "." + Sha256Hex(p.site).substr(0, 8),
                               m.from.address);
  m.date = now;
  OutboxMessage out;
  out.message_id = m.message_id;
  out.recipients = config.admin_recipients;
  out.subject = m.subject;
  out.body = BuildMessage(m);
  out.created = now;
  return out;
}

Result<bool> QueueBrokenProfileMail(OutboxStore& store, const AlertsConfig& config, const BrokenProfile& p, TimePoint now) {
  if (config.admin_recipients.empty()) return false;
  auto m = ComposeBrokenProfileMail(config, p, now);
  if (!m.ok()) return m.status();
  auto had = store.GetMail(m->message_id);
  if (had.ok()) return false;
  if (had.status().code() != Status::Code::kNotFound) return had.status();
  ADWATCH_RETURN_IF_ERROR(store.EnqueueMail(*m, now));
  return true;
}

}  // namespace adwatch
