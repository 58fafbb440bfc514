// Alert lifecycle: raise, update, escalate and close alerts from the scores
// the matcher computed for ads and entities.
//
// - raise: a subject (ad or entity) whose score reaches the threshold gets an
//   alert (state new); there is at most one open alert (new, sent or
//   acknowledged) per subject: new evidence updates it (the store enforces
//   this in UpsertAlert). A subject is known by its key and its members (its
//   ads, its phones' pseudonyms), so it keeps its alert when an entity id
//   changes after a restart, a rebuild or re-linking.
// - keep closed: a dismissed or closed subject stays so until new evidence
//   comes (a new ad, a new rule, a higher severity); then a new alert is
//   raised with reopened_from naming the earlier one.
// - escalate: when the severity of an open alert rises, the change is written
//   to its history ("escalated: high -> critical") and a sent or acknowledged
//   alert returns to new, so the next digest (or an immediate message, for
//   critical) reports it again, marked as escalated.
// - close: an open alert is closed once all its ads have been gone for
//   alerts.close_after (an entity no longer scored counts as gone since the
//   alert's last update).
// - merge: the subjects are re-derived from the whole store at each round (the
//   cross-ad index's components), and an open alert's members are replaced by
//   its subject's. When subjects grew together, the alert UpsertAlert updated
//   carries the subject; every other open alert sharing an ad or phone with it
//   is closed with the note "merged into alert N" (nothing mailed). So the open
//   alerts (members, severity) are one per subject above the threshold,
//   whatever the order in which sites finished.
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
  // What identifies the subject besides its key and ads ("phone:<pseudonym>"):
  // the alert stays the same when the key changes (see Store::UpsertAlert).
  std::vector<std::string> members;
};

struct LifecycleReport {
  std::vector<int64_t> raised;              // new alerts, reopened ones included
  std::vector<int64_t> reopened;            // of those, the ones reopening a dismissed or closed subject
  std::vector<int64_t> kept_closed;         // dismissed or closed subjects that brought nothing new
  std::vector<int64_t> updated;
  std::vector<int64_t> escalated;
  std::vector<int64_t> closed;
  std::vector<int64_t> merged;              // open alerts closed as duplicates of a subject's alert (see below)
};

// The members an alert about `s` is known by: its ads' keys and s.members.
std::vector<std::string> SubjectMembers(const ScoredSubject& s);

// "ad:demo-html/123" for an ad.
std::string AdSubjectKey(const AdKey& key);
// Parses "ad:site/id"; false for other subjects.
bool ParseAdSubjectKey(const std::string& subject, AdKey* key);

// Applies one round of scores. Subjects below `threshold` raise nothing (an
// open alert of theirs stays open until closed). Escalation notes and
// closures are recorded as by "adwatch". Subjects are applied largest first
// (most ads, then by their first ad), whatever their order in `subjects`:
// when an alert's subject split, the larger part keeps the alert, and new
// alerts are numbered in that order.
Result<LifecycleReport> UpdateAlerts(AlertingStore& store, const std::vector<ScoredSubject>& subjects, double threshold,
                                     Duration close_after, TimePoint now);

// The escalation note the lifecycle writes into the state history.
bool IsEscalationNote(const std::string& note);

}  // namespace adwatch
