// Alerts with their state history and outcomes, the mail outbox, and the
// append-only audit log. Every decision records who and when.
#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

constexpr const char* kAlertColumns =
    "SELECT id, subject_key, state, severity, score, municipalities, contributions, created, updated, reopened_from "
    "FROM alerts ";

Alert ReadAlert(const Row& r) {
  Alert a;
  a.id = r.Int(0), a.subject_key = r.Str(1), a.state = static_cast<AlertState>(r.Int(2));
  a.severity = static_cast<Severity>(r.Int(3)), a.score = r.Real(4);
  auto m = ParseJson(r.Str(5));
  if (m.is_array()) a.municipalities = JsonAs<std::vector<std::string>>(m);
  a.contributions = ContributionsFromJson(ParseJson(r.Str(6)));
  a.created = r.Time(7), a.updated = r.Time(8);
  a.reopened_from = r.Int(9);
  return a;
}

bool IsOpenState(int64_t state) { return state >= 0 && state <= 2; }

// Why `a` reopens a closed subject whose latest alert had `members`,
// `severity` and `contributions`; empty if it brings nothing new.
std::string NewEvidence(const Alert& a, const std::vector<std::string>& members, const std::set<std::string>& stored,
                        Severity severity, const std::vector<Contribution>& contributions) {
  for (const std::string& m : members)
    if (m.rfind("ad:", 0) == 0 && !stored.count(m)) return "a new ad";
  std::set<std::string> rules;
  for (const Contribution& c : contributions) rules.insert(c.rule);
  for (const Contribution& c : a.contributions)
    if (!rules.count(c.rule)) return "a new signal (" + c.rule + ")";
  if (a.severity > severity) return std::string("a higher severity (") + ToString(a.severity) + ")";
  return "";
}

constexpr const char* kMailColumns =
    "SELECT message_id, recipients, subject, body, alert_ids, state, attempts, next_attempt, last_error, created "
    "FROM outbox ";

OutboxMessage ReadMail(const Row& r) {
  OutboxMessage m;
  m.message_id = r.Str(0);
  auto rc = ParseJson(r.Str(1));
  if (rc.is_array()) m.recipients = JsonAs<std::vector<std::string>>(rc);
  m.subject = r.Str(2), m.body = r.Str(3);
  auto ids = ParseJson(r.Str(4));
  if (ids.is_array()) m.alert_ids = JsonAs<std::vector<int64_t>>(ids);
  m.state = static_cast<MailState>(r.Int(5)), m.attempts = static_cast<int>(r.Int(6));
  m.next_attempt = r.Time(7), m.last_error = r.Str(8), m.created = r.Time(9);
  return m;
}

}  // namespace

Status SqlStore::AddAlertMembers(int64_t id, const std::vector<std::string>& members) {
  for (const std::string& m : members)
    ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO alert_members (alert, member) VALUES ($1, $2) "
                                      "ON CONFLICT (member, alert) DO NOTHING",
                                      {I(id), S(m)})
                                .status());
  return Status::Ok();
}

Result<std::vector<std::string>> SqlStore::AlertMembersTx(int64_t id) {
  auto rows = db_->Query("SELECT member FROM alert_members WHERE alert = $1 ORDER BY member", {I(id)});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(r.Str(0));
  return out;
}

Result<AlertUpsert> SqlStore::UpsertAlert(const Alert& a, TimePoint now) {
  std::vector<std::string> members = a.members;
  members.push_back(a.subject_key);
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  AlertUpsert out;
  Status st = InTx([&]() -> Status {
    out = AlertUpsert{};
    // Every earlier alert of the subject: by its key or by any member.
    std::string sql = "SELECT id, state, severity, contributions, rerouted FROM alerts WHERE subject_key = $1 OR id IN "
                      "(SELECT alert FROM alert_members WHERE member IN (";
    Params q = {S(a.subject_key)};
    for (size_t i = 0; i < members.size(); ++i) {
      sql += (i ? ", $" : "$") + std::to_string(i + 2);
      q.push_back(S(members[i]));
    }
    auto earlier = db_->Query(sql + ")) ORDER BY id DESC", q);
    if (!earlier.ok()) return earlier.status();
    const Row* open = nullptr;
    for (const Row& r : *earlier)
      if (IsOpenState(r.Int(1))) {
        open = &r;
        break;
      }
    Params p = {S(a.subject_key), I(static_cast<int>(a.severity)), D(a.score), S(DumpJson(a.municipalities)),
                S(DumpJson(ContributionsToJson(a.contributions))), T(now), I(0)};
    if (open != nullptr) {
      out.id = open->Int(0);
      out.previous = static_cast<Severity>(open->Int(2));
      p[6] = I(out.id);
      // A person's re-route stands over the municipalities the matcher finds.
      ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE alerts SET subject_key = $1, severity = $2, score = $3, "
                                        "municipalities = CASE WHEN rerouted = '' THEN $4 ELSE rerouted END, "
                                        "contributions = $5, updated = $6 WHERE id = $7",
                                        p)
                                  .status());
      // The members are the subject's now (a subject that split or merged
      // does not keep what it no longer holds), so the open alerts converge
      // on the current subjects whatever the order they grew in.
      ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM alert_members WHERE alert = $1", {I(out.id)}).status());
      return AddAlertMembers(out.id, members);
    }
    std::string note;
    std::string rerouted;
    if (!earlier->empty()) {
      // The latest alert of the subject was dismissed or closed. Closed by
      // adwatch because its ads were gone: scored again, they are back.
      // Dismissed, or assessed (an outcome recorded): it stays so unless new
      // evidence came.
      const Row& last = earlier->front();
      auto outcomes = db_->Query("SELECT COUNT(*) FROM alert_outcomes WHERE alert = $1", {I(last.Int(0))});
      if (!outcomes.ok()) return outcomes.status();
      bool assessed = static_cast<AlertState>(last.Int(1)) == AlertState::kDismissed || outcomes->front().Int(0) > 0;
      auto stored = AlertMembersTx(last.Int(0));
      if (!stored.ok()) return stored.status();
      std::set<std::string> have(stored->begin(), stored->end());
      std::string why = NewEvidence(a, members, have, static_cast<Severity>(last.Int(2)),
                                    ContributionsFromJson(ParseJson(last.Str(3))));
      if (why.empty() && !assessed) why = "its ads are back";
      if (why.empty()) {
        out.id = last.Int(0);
        out.kept_closed = true;
        return Status::Ok();
      }
      out.reopened_from = last.Int(0);
      rerouted = last.Str(4);  // the same subject: a re-route of its earlier alert still holds
      note = "reopened: " + why + " since alert " + std::to_string(out.reopened_from) + " (" +
             ToString(static_cast<AlertState>(last.Int(1))) + ")";
    }
    p[6] = I(out.reopened_from);
    if (!rerouted.empty()) p[3] = S(rerouted);
    p.push_back(S(rerouted));
    auto ins = db_->Query(
        "INSERT INTO alerts (subject_key, state, severity, score, municipalities, contributions, created, updated, "
        "reopened_from, rerouted) VALUES ($1, 0, $2, $3, $4, $5, $6, $6, $7, $8) RETURNING id",
        p);
    if (!ins.ok()) return ins.status();
    out.id = ins->front().Int(0);
    out.created = true;
    ADWATCH_RETURN_IF_ERROR(AddAlertMembers(out.id, members));
    return db_->Exec("INSERT INTO alert_history (alert, from_state, to_state, who, note, at) "
                     "VALUES ($1, NULL, 0, 'adwatch', $2, $3)",
                     {I(out.id), S(note), T(now)})
        .status();
  });
  if (!st.ok()) return st;
  return out;
}

Result<Alert> SqlStore::GetAlert(int64_t id) {
  auto rows = db_->Query(std::string(kAlertColumns) + "WHERE id = $1", {I(id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no alert " + std::to_string(id));
  Alert a = ReadAlert(rows->front());
  auto members = AlertMembersTx(id);
  if (!members.ok()) return members.status();
  a.members = std::move(*members);
  return a;
}

Result<std::vector<Alert>> SqlStore::ListAlerts(const AlertQuery& q) {
  std::string sql = std::string(kAlertColumns) + "WHERE updated >= $1";
  if (!q.states.empty()) {
    sql += " AND state IN (";
    for (size_t i = 0; i < q.states.size(); ++i) sql += (i ? ", " : "") + std::to_string(static_cast<int>(q.states[i]));
    sql += ")";
  }
  Params since = {I(q.updated_since ? ToUnixSeconds(*q.updated_since) : 0)};
  auto rows = db_->Query(sql + " ORDER BY id DESC", since);
  if (!rows.ok()) return rows.status();
  std::vector<Alert> out;
  for (const Row& r : *rows) {
    if (static_cast<int>(out.size()) >= q.limit) break;
    Alert a = ReadAlert(r);
    if (!q.municipality.empty() &&
        std::find(a.municipalities.begin(), a.municipalities.end(), q.municipality) == a.municipalities.end())
      continue;
    out.push_back(std::move(a));
  }
  // The members of the same alerts, in one query.
  auto members = db_->Query("SELECT alert, member FROM alert_members WHERE alert IN (SELECT id FROM alerts " +
                                sql.substr(sql.find("WHERE")) + ") ORDER BY alert, member",
                            since);
  if (!members.ok()) return members.status();
  std::map<int64_t, std::vector<std::string>> by_alert;
  for (const Row& r : *members) by_alert[r.Int(0)].push_back(r.Str(1));
  for (Alert& a : out)
    if (auto it = by_alert.find(a.id); it != by_alert.end()) a.members = std::move(it->second);
  return out;
}

Status SqlStore::SetAlertState(int64_t id, AlertState to, const std::string& who, const std::string& note,
                               TimePoint now) {
  return InTx([&]() -> Status {
    auto cur = db_->Query("SELECT state FROM alerts WHERE id = $1", {I(id)});
    if (!cur.ok()) return cur.status();
    if (cur->empty()) return Status::NotFound("store: no alert " + std::to_string(id));
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("UPDATE alerts SET state = $2, updated = $3 WHERE id = $1", {I(id), I(static_cast<int>(to)), T(now)})
            .status());
    ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO alert_history (alert, from_state, to_state, who, note, at) "
                                      "VALUES ($1, $2, $3, $4, $5, $6)",
                                      {I(id), I(cur->front().Int(0)), I(static_cast<int>(to)), S(who), S(note), T(now)})
                                .status());
    // A person's review action is audited here, whoever calls (CLI or
    // console); adwatch's own transitions are in the alert history only. The
    // note stays with the alert (it may name someone; the audit log outlives it).
    if (who == "adwatch") return Status::Ok();
    AuditEntry e{0, now, env_.UserName(), "alert-state",
                 std::string("from ") + ToString(static_cast<AlertState>(cur->front().Int(0))) + " to " + ToString(to)};
    e.user = who;
    e.record = "alert:" + std::to_string(id);
    return AuditTx(e);
  });
}

Result<std::vector<AlertStateChange>> SqlStore::AlertHistory(int64_t id) {
  auto rows = db_->Query("SELECT from_state, to_state, who, note, at FROM alert_history WHERE alert = $1 ORDER BY id",
                         {I(id)});
  if (!rows.ok()) return rows.status();
  std::vector<AlertStateChange> out;
  for (const Row& r : *rows)
    out.push_back({static_cast<AlertState>(r.Int(0)), static_cast<AlertState>(r.Int(1)), r.Str(2), r.Str(3), r.Time(4)});
  return out;
}

Status SqlStore::RecordOutcome(int64_t id, const AlertOutcome& o) {
  return InTx([&]() -> Status {
    auto cur = db_->Query("SELECT id FROM alerts WHERE id = $1", {I(id)});
    if (!cur.ok()) return cur.status();
    if (cur->empty()) return Status::NotFound("store: no alert " + std::to_string(id));
    auto opt_time = [](const std::optional<TimePoint>& t) { return t ? T(*t) : Null(); };
    ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO alert_outcomes (alert, outcome, who, note, forwarded_to, at, "
                                      "registration, passed_on, look_again, reason) VALUES ($1, $2, $3, $4, $5, $6, "
                                      "$7, $8, $9, $10)",
                                      {I(id), S(ToString(o.outcome)), S(o.who), S(o.note), S(o.forwarded_to), T(o.at),
                                       S(o.registration), opt_time(o.passed_on), opt_time(o.look_again), S(o.reason)})
                                .status());
    AuditEntry e{0, o.at, env_.UserName(), "alert-outcome",
                 std::string("outcome ") + ToString(o.outcome) +
                     (o.forwarded_to.empty() ? "" : "; passed on to " + o.forwarded_to)};
    e.user = o.who;
    e.record = "alert:" + std::to_string(id);
    return AuditTx(e);
  });
}

Result<std::vector<AlertOutcome>> SqlStore::AlertOutcomes(int64_t id) {
  auto rows = db_->Query(
      "SELECT outcome, who, note, forwarded_to, at, registration, passed_on, look_again, reason "
      "FROM alert_outcomes WHERE alert = $1 ORDER BY id",
      {I(id)});
  if (!rows.ok()) return rows.status();
  std::vector<AlertOutcome> out;
  for (const Row& r : *rows) {
    AlertOutcome o;
    o.who = r.Str(1), o.note = r.Str(2), o.forwarded_to = r.Str(3), o.at = r.Time(4);
    ParseOutcome(r.Str(0), &o.outcome);
    o.registration = r.Str(5);
    if (!r.IsNull(6)) o.passed_on = r.Time(6);
    if (!r.IsNull(7)) o.look_again = r.Time(7);
    o.reason = r.Str(8);
    out.push_back(std::move(o));
  }
  return out;
}

Status SqlStore::EnqueueMail(const OutboxMessage& m, TimePoint now) {
  if (m.message_id.empty()) return Status::InvalidArgument("store: mail without a message id");
  TimePoint due = m.next_attempt == TimePoint{} ? now : m.next_attempt;
  return InTx([&] {
    return db_->Exec("INSERT INTO outbox (message_id, recipients, subject, body, alert_ids, state, attempts, "
                     "next_attempt, created) VALUES ($1, $2, $3, $4, $5, 0, 0, $6, $7) "
                     "ON CONFLICT (message_id) DO NOTHING",
                     {S(m.message_id), S(DumpJson(m.recipients)), S(m.subject), S(m.body), S(DumpJson(m.alert_ids)),
                      T(due), T(now)})
        .status();
  });
}

Result<std::vector<OutboxMessage>> SqlStore::DueMail(TimePoint now, int limit) {
  auto rows = db_->Query(std::string(kMailColumns) +
                             "WHERE state = 0 AND next_attempt <= $1 ORDER BY created, message_id LIMIT $2",
                         {T(now), I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<OutboxMessage> out;
  for (const Row& r : *rows) out.push_back(ReadMail(r));
  return out;
}

Status SqlStore::MarkMailSent(const std::string& message_id, const std::string& os_user, TimePoint now) {
  return InTx([&]() -> Status {
    auto rows = db_->Query(std::string(kMailColumns) + "WHERE message_id = $1", {S(message_id)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::NotFound("store: no mail " + message_id);
    OutboxMessage m = ReadMail(rows->front());
    if (m.state == MailState::kSent) return Status::Ok();  // idempotent: audited once
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE outbox SET state = 1, attempts = attempts + 1, finished = $2, "
                                      "last_error = '' WHERE message_id = $1",
                                      {S(message_id), T(now)})
                                .status());
    std::string detail = "message " + message_id + " to ";
    for (size_t i = 0; i < m.recipients.size(); ++i) detail += (i ? ", " : "") + m.recipients[i];
    detail += "; alerts";
    for (int64_t id : m.alert_ids) detail += " " + std::to_string(id);
    return AuditTx(os_user, "digest-sent", detail, now);
  });
}

Status SqlStore::MarkMailFailed(const std::string& message_id, const std::string& error, bool permanent,
                                TimePoint retry_at) {
  return InTx([&]() -> Status {
    auto n = db_->Exec("UPDATE outbox SET attempts = attempts + 1, last_error = $2, state = $3, next_attempt = $4 "
                       "WHERE message_id = $1 AND state = 0",
                       {S(message_id), S(error), I(permanent ? 2 : 0), T(retry_at)});
    if (!n.ok()) return n.status();
    if (*n == 0) return Status::NotFound("store: no queued mail " + message_id);
    return Status::Ok();
  });
}

Result<OutboxMessage> SqlStore::GetMail(const std::string& message_id) {
  auto rows = db_->Query(std::string(kMailColumns) + "WHERE message_id = $1", {S(message_id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no mail " + message_id);
  return ReadMail(rows->front());
}

Result<std::vector<OutboxMessage>> SqlStore::MailCreatedSince(const std::string& id_prefix, TimePoint since) {
  // The prefix compared as text (substr), so '%' and '_' in it match themselves.
  auto rows = db_->Query(std::string(kMailColumns) +
                             "WHERE created >= $1 AND substr(message_id, 1, $2) = $3 ORDER BY created, message_id",
                         {T(since), I(static_cast<int64_t>(id_prefix.size())), S(id_prefix)});
  if (!rows.ok()) return rows.status();
  std::vector<OutboxMessage> out;
  for (const Row& r : *rows) out.push_back(ReadMail(r));
  return out;
}

}  // namespace adwatch::store_internal
