// Alert lifecycle: raise, update, escalate and close alerts from the scores
// the matcher computed for ads and entities.
//
// - raise: a subject (ad or entity) whose score reaches the threshold gets an
//   alert (state new); there is at most one open alert (new, sent or
//   acknowledged) per subject: new evidence updates it (the store enforces
//   this in UpsertAlert).
// - escalate: when the severity of an open alert rises, the change is written
//   to its history ("escalated: high -> critical") and a sent or acknowledged
//   alert returns to new, so the next digest (or an immediate message, for
//   critical) reports it again, marked as escalated.
// - close: an open alert is closed once all its ads have been gone for
//   alerts.close_after (an entity no longer scored counts as gone since the
//   alert's last update).
// Acknowledge and dismiss are the coordinator's (the `adwatch alerts` CLI).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ad.h"
#include "core/alert.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

// One ad or entity as scored by the matcher.
struct ScoredSubject {
  std::string subject_key;                  // "ad:site/id" or "entity:ID"
  double score = 0;
  Severity severity = Severity::kNone;
  std::vector<Contribution> contributions;
  std::vector<AdKey> ads;
  std::vector<std::string> municipalities;  // of the ads' places (gazetteer)
  std::optional<TimePoint> ads_gone_since;  // set when every ad has vanished
};

struct LifecycleReport {
  std::vector<int64_t> raised;
  std::vector<int64_t> updated;
  std::vector<int64_t> escalated;
  std::vector<int64_t> closed;
};

// "ad:demo-html/123" for an ad.
std::string AdSubjectKey(const AdKey& key);
// Parses "ad:site/id"; false for other subjects.
bool ParseAdSubjectKey(const std::string& subject, AdKey* key);

// Applies one round of scores. Subjects below `threshold` raise nothing (an
// open alert of theirs stays open until closed). Escalation notes and
// closures are recorded as by "adwatch".
Result<LifecycleReport> UpdateAlerts(Store& store, const std::vector<ScoredSubject>& subjects, double threshold,
                                     Duration close_after, TimePoint now);

// The escalation note the lifecycle writes into the state history.
bool IsEscalationNote(const std::string& note);

}  // namespace adwatch
