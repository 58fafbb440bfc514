// The coordinator's side of an alert: acknowledge, dismiss (with a note),
// record the assessment in the four classes of the regional reporting route
// (plus where it was passed on to), and the indicator report that shows,
// per rule, how often it contributed to alerts and how those were assessed,
// so weak indicators can be found and retired.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/alert.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

// new/sent -> acknowledged. kFailedPrecondition from any other state.
Status Acknowledge(Store& store, int64_t id, const std::string& who, const std::string& note, TimePoint now);
// new/sent/acknowledged -> dismissed; the note (why) is required.
Status Dismiss(Store& store, int64_t id, const std::string& who, const std::string& note, TimePoint now);

// "veilig-thuis", "avim", "riec" (any case, spaces or dashes) -> the
// organisation's name ("Veilig Thuis", "AVIM", "RIEC"); false otherwise.
bool ParseForwardedTo(const std::string& s, std::string* out);

// Records the assessment (outcome must not be kNone; note required). An open
// alert becomes acknowledged: a decision implies it was read.
Status Decide(Store& store, int64_t id, Outcome outcome, const std::string& forwarded_to, const std::string& who,
              const std::string& note, TimePoint now);

// Dutch label of an outcome ("ernstige vermoedens: vermoedelijk slachtoffer").
const char* OutcomeLabel(Outcome o);

struct IndicatorRow {
  std::string rule;
  std::string category;
  int alerts = 0;                       // alerts the rule contributed to
  int undecided = 0;                    // without a recorded outcome
  std::map<Outcome, int> outcomes;      // latest outcome per alert
  std::map<std::string, int> forwarded; // organisation -> alerts passed on
  int dismissed = 0;
  // Share of decided alerts assessed as at least "risicofactoren"; -1 if none decided.
  double Precision() const;
};

// One row per rule, most alerts first. Reads every alert (any state).
Result<std::vector<IndicatorRow>> IndicatorReport(Store& store);

}  // namespace adwatch
