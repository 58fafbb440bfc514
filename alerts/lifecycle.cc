#include "alerts/lifecycle.h"

#include <algorithm>
#include <map>
#include <set>

namespace adwatch {
namespace {

constexpr char kWho[] = "adwatch";
constexpr char kEscalated[] = "escalated: ";
constexpr char kMerged[] = "merged into alert ";

bool IsOpen(AlertState s) {
  return s == AlertState::kNew || s == AlertState::kSent || s == AlertState::kAcknowledged;
}

}  // namespace

std::string AdSubjectKey(const AdKey& key) { return "ad:" + key.site + "/" + key.id; }

bool ParseAdSubjectKey(const std::string& subject, AdKey* key) {
  if (subject.rfind("ad:", 0) != 0) return false;
  size_t slash = subject.find('/', 3);
  if (slash == std::string::npos || slash == 3 || slash + 1 == subject.size()) return false;
  *key = {subject.substr(3, slash - 3), subject.substr(slash + 1)};
  return true;
}

std::vector<std::string> SubjectMembers(const ScoredSubject& s) {
  std::vector<std::string> out = s.members;
  for (const AdKey& k : s.ads) out.push_back(AdSubjectKey(k));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool IsEscalationNote(const std::string& note) { return note.rfind(kEscalated, 0) == 0; }

namespace {

// Subjects are the index's components now, not as they grew: when two
// subjects became one, each had its alert, and UpsertAlert updated one of them
// (its members are now the subject's). Every other open alert sharing a member
// with a subject updated this round is a duplicate of it and is closed,
// naming the alert it went into; so the open alerts are one per subject,
// whatever the order in which sites finished and subjects grew. Nothing is
// mailed for a merge.
Status CloseMerged(AlertingStore& store, TimePoint now, LifecycleReport& report) {
  std::set<int64_t> touched(report.updated.begin(), report.updated.end());
  touched.insert(report.raised.begin(), report.raised.end());
  if (touched.empty()) return Status::Ok();
  auto open = store.ListAlerts(AlertQuery{{AlertState::kNew, AlertState::kSent, AlertState::kAcknowledged}, "", {}, 100000});
  if (!open.ok()) return open.status().Annotate("alerts");
  // Ads and phones only: an entity id names whatever component holds it now.
  auto identity = [](const std::string& m) { return m.rfind("ad:", 0) == 0 || m.rfind("phone:", 0) == 0; };
  std::map<std::string, int64_t> owner;  // member -> the alert of its subject this round
  for (const Alert& a : *open)
    if (touched.count(a.id))
      for (const std::string& m : a.members)
        if (identity(m)) owner.emplace(m, a.id);
  for (const Alert& a : *open) {
    if (touched.count(a.id)) continue;
    int64_t into = 0;
    for (const std::string& m : a.members)
      if (auto it = identity(m) ? owner.find(m) : owner.end(); it != owner.end() && (into == 0 || it->second < into))
        into = it->second;
    if (into == 0) continue;
    ADWATCH_RETURN_IF_ERROR(store.SetAlertState(a.id, AlertState::kClosed, kWho,
                                                std::string(kMerged) + std::to_string(into), now));
    report.merged.push_back(a.id);
  }
  return Status::Ok();
}

}  // namespace

Result<LifecycleReport> UpdateAlerts(AlertingStore& store, const std::vector<ScoredSubject>& subjects, double threshold,
                                     Duration close_after, TimePoint now) {
  LifecycleReport report;
  std::map<std::string, const ScoredSubject*> by_key, by_member;
  for (const auto& s : subjects) {
    by_key[s.subject_key] = &s;
    for (const std::string& m : SubjectMembers(s)) by_member.emplace(m, &s);
  }
  // The subject an open alert is about now, by key or (after a rebuild
  // renamed it) by a shared member.
  auto scored = [&](const Alert& a) -> const ScoredSubject* {
    if (auto it = by_key.find(a.subject_key); it != by_key.end()) return it->second;
    for (const std::string& m : a.members)
      if (auto it = by_member.find(m); it != by_member.end()) return it->second;
    return nullptr;
  };

  // Closing first: a subject whose ads are gone should not be re-raised by
  // its own stale score in the same round.
  auto open = store.ListAlerts(AlertQuery{{AlertState::kNew, AlertState::kSent, AlertState::kAcknowledged}, "", {}, 100000});
  if (!open.ok()) return open.status().Annotate("alerts");
  std::set<std::string> closed_subjects;
  for (const Alert& a : *open) {
    std::optional<TimePoint> gone;
    const ScoredSubject* now_scored = scored(a);
    AdKey ad;
    if (now_scored != nullptr) {
      gone = now_scored->ads_gone_since;
    } else if (ParseAdSubjectKey(a.subject_key, &ad)) {
      auto rec = store.LoadAd(ad);
      if (!rec.ok() && rec.status().code() != Status::Code::kNotFound) return rec.status().Annotate("alerts");
      gone = !rec.ok() ? std::optional<TimePoint>(a.updated) : rec->vanished_at;
      if (rec.ok() && rec->live) gone.reset();
    } else {
      gone = a.updated;  // an entity no longer scored
    }
    if (gone && now - *gone >= close_after) {
      ADWATCH_RETURN_IF_ERROR(store.SetAlertState(a.id, AlertState::kClosed, kWho, "ads gone", now));
      report.closed.push_back(a.id);
      closed_subjects.insert(now_scored != nullptr ? now_scored->subject_key : a.subject_key);
    }
  }

  // The index lists subjects by entity id, which follows when their ads were
  // first seen: a restart (or another crawl order) changes it. Which subject
  // keeps a split alert, and the numbers of new alerts, must not.
  std::vector<const ScoredSubject*> order;
  for (const ScoredSubject& s : subjects) order.push_back(&s);
  std::stable_sort(order.begin(), order.end(), [](const ScoredSubject* a, const ScoredSubject* b) {
    return a->ads.size() != b->ads.size() ? a->ads.size() > b->ads.size() : a->ads < b->ads;
  });
  for (const ScoredSubject* sp : order) {
    const ScoredSubject& s = *sp;
    if (s.score < threshold || closed_subjects.count(s.subject_key)) continue;
    if (s.ads_gone_since && now - *s.ads_gone_since >= close_after) continue;
    Alert a;
    a.subject_key = s.subject_key;
    a.severity = s.severity == Severity::kNone ? Severity::kLow : s.severity;
    a.score = s.score;
    a.municipalities = s.municipalities;
    a.contributions = s.contributions;
    a.members = SubjectMembers(s);
    auto up = store.UpsertAlert(a, now);
    if (!up.ok()) return up.status().Annotate("alerts: " + s.subject_key);
    if (up->kept_closed) {
      report.kept_closed.push_back(up->id);
      continue;
    }
    if (up->created) {
      report.raised.push_back(up->id);
      if (up->reopened_from != 0) report.reopened.push_back(up->id);
      continue;
    }
    report.updated.push_back(up->id);
    if (a.severity <= up->previous) continue;
    auto cur = store.GetAlert(up->id);
    if (!cur.ok()) return cur.status().Annotate("alerts");
    std::string note = std::string(kEscalated) + ToString(up->previous) + " -> " + ToString(a.severity);
    AlertState to = IsOpen(cur->state) ? AlertState::kNew : cur->state;
    ADWATCH_RETURN_IF_ERROR(store.SetAlertState(up->id, to, kWho, note, now));
    report.escalated.push_back(up->id);
  }
  ADWATCH_RETURN_IF_ERROR(CloseMerged(store, now, report));
  return report;
}

}  // namespace adwatch
