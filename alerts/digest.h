// Composing digests and immediate messages from the store: route the alerts,
// gather what the reader needs about their ads (title, link, first/last
// seen, towns over time, phone pseudonyms for masking), render and build the
// MIME message. Nothing here sends; see deliver.h.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "alerts/render.h"
#include "config/config.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

struct ComposeOptions {
  TimePoint slot{};              // the digest slot (names the Message-ID)
  std::string slot_name;         // if set, names the Message-ID instead of SlotName(slot)
  // Per recipient, the alerts already in a digest queued for them (composed
  // by a pass that ended before delivering it): they go out with that one,
  // not twice; a recipient left with nothing new gets no second message.
  std::map<std::string, std::set<int64_t>> queued;
  TimePoint now{};               // the Date header and "generated"
  std::string time_zone = "Europe/Amsterdam";
  std::map<std::string, std::string> meldroute;  // municipality -> text (default text otherwise)
  // The rules' descriptions and the thresholds the severity is explained
  // with; null = descriptions stored with the hits and thresholds 40/80.
  const MatcherConfig* matcher = nullptr;
  // console.public_base_url: each alert links to <url>/signals/<id>, and an
  // unset alerts.detail means "minimal".
  std::string console_url;
};

// alerts.detail as configured, else "minimal" with a console, else "full".
std::string EffectiveDetail(const AlertsConfig& config, const std::string& console_url);

// The render options of a message: language, detail, meldroute texts,
// thresholds, rule texts and the console link from the configuration.
RenderOptions MakeRenderOptions(const AlertsConfig& config, const ComposeOptions& opt);

// One message per recipient holding that recipient's alerts in state new
// (new and escalated ones) but those in a digest still queued for them.
// Message-IDs are "digest-<slot>-<recipient hash>" (slot_name, else the
// slot's minute), so composing the same slot twice yields the same ids
// (EnqueueMail ignores the second). With alerts.quiet_digest, recipients
// without alerts get a "no new signals" message; otherwise they get none.
Result<std::vector<OutboxMessage>> ComposeDigests(AlertingStore& store, const AlertsConfig& config,
                                                  const ComposeOptions& opt);

// One message per recipient of `alert` (a critical one), outside the
// schedule; Message-ID "immediate-<alert id>-<severity>-<recipient hash>".
Result<std::vector<OutboxMessage>> ComposeImmediate(AlertingStore& store, const AlertsConfig& config, const Alert& alert,
                                                    const ComposeOptions& opt);

// What the digest shows about one alert (ads, towns, phone references, the
// strongest hit per rule with a short snippet around the matched words).
Result<DigestAlert> LoadDigestAlert(AlertingStore& store, const Alert& alert);

}  // namespace adwatch
