// Statistics that outlive the data: when an alert is deleted (retention
// purge, erasure) its anonymous counts are added to evaluation_counts in the
// same transaction, so each alert is counted exactly once and no count
// depends on data that retention has removed. Nothing in the table names a
// person, an ad or an alert.
#include <time.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

using Key = std::tuple<int, int, std::string, std::string, std::string, std::string, std::string>;

// The rows one alert contributes (see EvaluationRow).
std::vector<Key> AlertKeys(const Alert& a, const std::vector<AlertOutcome>& outcomes) {
  const time_t t = static_cast<time_t>(ToUnixSeconds(a.created));
  struct tm tm {};
  gmtime_r(&t, &tm);
  const int year = tm.tm_year + 1900, quarter = tm.tm_mon / 3 + 1;
  std::string outcome = a.state == AlertState::kDismissed ? "dismissed" : "undecided", forwarded;
  if (!outcomes.empty() && outcomes.back().outcome != Outcome::kNone) {
    outcome = ToString(outcomes.back().outcome);
    forwarded = outcomes.back().forwarded_to;
  }
  std::set<std::pair<std::string, std::string>> rules = {{"", ""}};
  for (const Contribution& c : a.contributions) rules.insert({c.category, c.rule});
  std::vector<std::string> munis = a.municipalities;
  if (munis.empty()) munis.push_back("");
  std::sort(munis.begin(), munis.end());
  munis.erase(std::unique(munis.begin(), munis.end()), munis.end());
  std::vector<Key> out;
  for (const auto& m : munis)
    for (const auto& [cat, rule] : rules) out.emplace_back(year, quarter, m, cat, rule, outcome, forwarded);
  return out;
}

}  // namespace

Status SqlStore::CountAlertTx(int64_t id) {
  auto a = GetAlert(id);
  if (!a.ok()) return a.status().code() == Status::Code::kNotFound ? Status::Ok() : a.status();
  auto outcomes = AlertOutcomes(id);
  if (!outcomes.ok()) return outcomes.status();
  for (const Key& k : AlertKeys(*a, *outcomes)) {
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("INSERT INTO evaluation_counts (year, quarter, municipality, category, rule, outcome, forwarded_to, "
                  "alerts) VALUES ($1, $2, $3, $4, $5, $6, $7, 1) "
                  "ON CONFLICT (year, quarter, municipality, category, rule, outcome, forwarded_to) "
                  "DO UPDATE SET alerts = evaluation_counts.alerts + 1",
                  {I(std::get<0>(k)), I(std::get<1>(k)), S(std::get<2>(k)), S(std::get<3>(k)), S(std::get<4>(k)),
                   S(std::get<5>(k)), S(std::get<6>(k))})
            .status());
  }
  return Status::Ok();
}

Status SqlStore::DeleteAlertTx(int64_t id) {
  ADWATCH_RETURN_IF_ERROR(CountAlertTx(id));
  for (const char* t : {"alert_history", "alert_outcomes"})
    ADWATCH_RETURN_IF_ERROR(db_->Exec(std::string("DELETE FROM ") + t + " WHERE alert = $1", {I(id)}).status());
  return db_->Exec("DELETE FROM alerts WHERE id = $1", {I(id)}).status();
}

Result<std::vector<EvaluationRow>> SqlStore::EvaluationCounts(int year) {
  std::map<Key, int64_t> counts;
  auto stored = db_->Query(
      "SELECT year, quarter, municipality, category, rule, outcome, forwarded_to, alerts FROM evaluation_counts "
      "WHERE year = $1",
      {I(year)});
  if (!stored.ok()) return stored.status();
  for (const Row& r : *stored)
    counts[{static_cast<int>(r.Int(0)), static_cast<int>(r.Int(1)), r.Str(2), r.Str(3), r.Str(4), r.Str(5),
            r.Str(6)}] += r.Int(7);
  AlertQuery q;
  q.limit = std::numeric_limits<int>::max();
  auto live = ListAlerts(q);
  if (!live.ok()) return live.status();
  for (const Alert& a : *live) {
    auto outcomes = AlertOutcomes(a.id);
    if (!outcomes.ok()) return outcomes.status();
    for (const Key& k : AlertKeys(a, *outcomes))
      if (std::get<0>(k) == year) ++counts[k];
  }
  std::vector<EvaluationRow> out;
  for (const auto& [k, n] : counts)
    out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), std::get<4>(k), std::get<5>(k),
                   std::get<6>(k), n});
  return out;
}

}  // namespace adwatch::store_internal
