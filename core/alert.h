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

// One cross-ad finding as counts, so readers can say it in their own
// language with the right singular or plural (alerts/explain.h). Which
// fields are set depends on the contribution's category:
//   shared_phone: phone, ads, names, days    template: ads, identities, phrase
//   touring: places, days, towns, scored
struct CrossAdFact {
  std::string phone;               // shared_phone: the number's pseudonym, first 12 hex digits
  int ads = 0;                     // ads the finding links
  int names = 0;                   // shared_phone: names used with the number
  int identities = 0;              // template: phones and names among the ads
  int places = 0;                  // touring: towns
  int days = 0;                    // the window it was found in
  std::string phrase;              // template: the shared sentence (ad text)
  std::vector<std::string> towns;  // touring: in the order advertised
  bool scored = true;              // touring: false when movement alone counted nothing
};

// One piece of evidence behind an alert's score.
struct Contribution {
  std::string rule;
  std::string category;
  double points = 0;
  std::string evidence;              // snippet, shared phrasing, town sequence … (English, for logs and the CLI)
  std::vector<std::string> ad_urls;  // the ads it rests on
  // Cross-ad contributions: one fact per shared phone, template family or
  // tour. Empty in rows stored before facts existed (readers fall back to
  // `evidence`) and for per-ad categories.
  std::vector<CrossAdFact> facts;
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
