// Alert: a signal (on one ad or on an entity of linked ads) that crossed the
// alert threshold and goes to a municipality's coordinator for review.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/signal.h"

namespace adwatch {

enum class AlertState { kNew, kSent, kAcknowledged, kDismissed, kClosed };
const char* ToString(AlertState s);
bool ParseAlertState(const std::string& s, AlertState* out);

// The coordinator's assessment, in the classes of the regional reporting route.
enum class Outcome {
  kNone,
  kGeenMensenhandel,        // geen mensenhandel
  kRisicofactoren,          // risicofactoren: potentieel slachtoffer
  kErnstigeVermoedens,      // ernstige vermoedens: vermoedelijk slachtoffer
  kMensenhandel,            // mensenhandel: daadwerkelijk slachtoffer
};
const char* ToString(Outcome o);
bool ParseOutcome(const std::string& s, Outcome* out);

// One piece of evidence behind an alert's score.
struct Contribution {
  std::string rule;
  std::string category;
  double points = 0;
  std::string evidence;              // snippet, shared phrasing, town sequence …
  std::vector<std::string> ad_urls;  // the ads it rests on
};

struct Alert {
  int64_t id = 0;             // stable, shown in digests
  std::string subject_key;    // entity or ad the alert is about ("entity:…", "ad:site/id")
  AlertState state = AlertState::kNew;
  Severity severity = Severity::kNone;
  double score = 0;
  std::vector<std::string> municipalities;
  std::vector<Contribution> contributions;
  TimePoint created{};
  TimePoint updated{};
  // What makes the subject the same across restarts, rebuilds and re-linking:
  // "ad:site/id", "phone:<pseudonym>". An alert sharing any with an earlier
  // one is about the same subject (store UpsertAlert).
  std::vector<std::string> members;
  int64_t reopened_from = 0;  // the earlier (dismissed or closed) alert of the subject, 0 if none
};

}  // namespace adwatch
