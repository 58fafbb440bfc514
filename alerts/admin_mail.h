// Mail to the administrator about the installation itself, not about ads:
// a site profile that no longer reads its site (crawler/crawl.h,
// SiteSummary::profile_broken) means the site is silently not watched.
//
// The message goes through the same outbox and transport as the digests
// (alerts/deliver.h), to [alerts] admin_recipients. It is sent once per site
// and calendar day (UTC) while the profile stays broken: its Message-ID is
// derived from the site and the day, and the outbox ignores a second enqueue
// of an id it has, so neither the next cycle nor a restart sends it again.
// It carries the site name, the reason (the field and its selector or
// pointer) and one page URL; no ad text, no phone numbers.
#pragma once

#include <string>

#include "config/config.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

struct BrokenProfile {
  std::string site;
  std::string reason;       // "text selector 'div.x' matched nothing on 40 of 42 ads"
  std::string example_url;  // a page the profile failed on
};

// The message about `p` on the day of `now`, to config.admin_recipients, in
// config.language. Fails on a bad from address or recipient (the loader
// refuses those, so only a hand-made config gets here).
Result<OutboxMessage> ComposeBrokenProfileMail(const AlertsConfig& config, const BrokenProfile& p, TimePoint now);

// Queues that message unless today's for the site is already in the outbox
// (queued, sent or failed). True if a new message was queued; false if there
// was one already, or no admin_recipients are configured.
Result<bool> QueueBrokenProfileMail(OutboxStore& store, const AlertsConfig& config, const BrokenProfile& p, TimePoint now);

}  // namespace adwatch
