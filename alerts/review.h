// The coordinator's side of an alert: acknowledge, dismiss (with a note),
// record the assessment in the four classes of the regional reporting route
// (plus where it was passed on to), and the indicator report that shows,
// per rule, how often it contributed to alerts and how those were assessed,
// so weak indicators can be found and retired.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/alert.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace adwatch {

// new/sent -> acknowledged. kFailedPrecondition from any other state.
Status Acknowledge(AlertStore& store, int64_t id, const std::string& who, const std::string& note, TimePoint now);
// new/sent/acknowledged -> dismissed; the note (why) is required.
Status Dismiss(AlertStore& store, int64_t id, const std::string& who, const std::string& note, TimePoint now);

// Where an assessment may be passed on to ("doorgezet naar"), in the order
// the console's form lists them; the last is "geen" (stored as empty).
struct Destination {
  const char* key;    // "veilig-thuis": command-line and form value
  const char* name;   // "Veilig Thuis": stored and shown
};
const std::vector<Destination>& Destinations();

// A destination's key or name (any case, spaces or dashes; "inspectie-szw"
// and "arbeidsinspectie" are one) -> its name; "geen" -> "". False otherwise.
bool ParseForwardedTo(const std::string& s, std::string* out);

// Dutch definition of an outcome class, as the regional route defines it.
const char* OutcomeDefinition(Outcome o);

// One assessment, as the console's form and `adwatch alerts decide` give it.
struct Assessment {
  Outcome outcome = Outcome::kNone;
  std::string forwarded_to;              // a Destination name, or empty (geen)
  std::string registration;              // required for Veilig Thuis
  std::optional<TimePoint> passed_on;    // with forwarded_to; defaults to `now`
  std::optional<TimePoint> look_again;
  std::string note;                      // required: the reasoning
  std::string reason;                    // required when the alert was assessed before
};

// The rules of an assessment, shared by the form and the command line:
// outcome not kNone; a note; a registration number for Veilig Thuis; no date
// passed on without a destination; a reason when it changes an earlier
// assessment (both are kept: outcomes are appended, never replaced). An open
// alert becomes acknowledged: a decision implies it was read.
// kInvalidArgument (a Dutch message for the reader) when a rule is broken.
Status Assess(AlertStore& store, int64_t id, const Assessment& a, const std::string& who, TimePoint now);

// Assess with only outcome, destination and note (the earlier command-line form).
Status Decide(AlertStore& store, int64_t id, Outcome outcome, const std::string& forwarded_to, const std::string& who,
              const std::string& note, TimePoint now);

// "Verkeerde gemeente": gives the alert to other municipalities (at least
// one; a note saying why is required). Recorded in its history.
Status Reroute(AlertStore& store, int64_t id, const std::vector<std::string>& municipalities, const std::string& who,
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
Result<std::vector<IndicatorRow>> IndicatorReport(AlertStore& store);

}  // namespace adwatch
