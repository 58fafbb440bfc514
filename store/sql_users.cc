// The review console's accounts and sessions, and re-routing an alert to
// other municipalities. Sessions are stored by the hash of their id, so a
// copy of the database does not let anyone sign in.
#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

constexpr const char* kUserColumns =
    "SELECT name, role, municipalities, password_hash, totp_secret, disabled, failures, locked_until, created "
    "FROM console_users ";

ConsoleUser ReadUser(const Row& r) {
  ConsoleUser u;
  u.name = r.Str(0), u.role = r.Str(1);
  auto m = ParseJson(r.Str(2));
  if (m.is_array()) u.municipalities = JsonAs<std::vector<std::string>>(m);
  u.password_hash = r.Str(3), u.totp_secret = r.Str(4);
  u.disabled = r.Int(5) != 0, u.failures = static_cast<int>(r.Int(6));
  if (!r.IsNull(7)) u.locked_until = r.Time(7);
  u.created = r.Time(8);
  return u;
}

}  // namespace

Status SqlStore::SetAlertMunicipalities(int64_t id, const std::vector<std::string>& municipalities,
                                        const std::string& who, const std::string& note, TimePoint now) {
  return InTx([&]() -> Status {
    auto cur = db_->Query("SELECT state FROM alerts WHERE id = $1", {I(id)});
    if (!cur.ok()) return cur.status();
    if (cur->empty()) return Status::NotFound("store: no alert " + std::to_string(id));
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE alerts SET municipalities = $2, rerouted = $2, updated = $3 WHERE id = $1",
                                      {I(id), S(DumpJson(municipalities)), T(now)})
                                .status());
    int64_t state = cur->front().Int(0);
    return db_->Exec("INSERT INTO alert_history (alert, from_state, to_state, who, note, at) "
                     "VALUES ($1, $2, $2, $3, $4, $5)",
                     {I(id), I(state), S(who), S(note), T(now)})
        .status();
  });
}

Status SqlStore::SaveUser(const ConsoleUser& u, TimePoint now) {
  if (u.name.empty()) return Status::InvalidArgument("store: a console user needs a name");
  return InTx([&]() -> Status {
    return db_->Exec("INSERT INTO console_users (name, role, municipalities, password_hash, totp_secret, disabled, "
                     "failures, locked_until, created) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                     "ON CONFLICT (name) DO UPDATE SET role = excluded.role, municipalities = excluded.municipalities, "
                     "password_hash = excluded.password_hash, totp_secret = excluded.totp_secret, "
                     "disabled = excluded.disabled, failures = excluded.failures, "
                     "locked_until = excluded.locked_until",
                     {S(u.name), S(u.role), S(DumpJson(u.municipalities)), S(u.password_hash), S(u.totp_secret),
                      I(u.disabled ? 1 : 0), I(u.failures), u.locked_until ? T(*u.locked_until) : Null(), T(now)})
        .status();
  });
}

Result<ConsoleUser> SqlStore::GetUser(const std::string& name) {
  auto rows = db_->Query(std::string(kUserColumns) + "WHERE name = $1", {S(name)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no console user of that name");
  return ReadUser(rows->front());
}

Result<std::vector<ConsoleUser>> SqlStore::ListUsers() {
  auto rows = db_->Query(std::string(kUserColumns) + "ORDER BY name");
  if (!rows.ok()) return rows.status();
  std::vector<ConsoleUser> out;
  for (const Row& r : *rows) out.push_back(ReadUser(r));
  return out;
}

Status SqlStore::SaveSession(const ConsoleSession& s) {
  return InTx([&]() -> Status {
    return db_->Exec("INSERT INTO console_sessions (id_hash, user_name, csrf, created, last_seen) "
                     "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id_hash) DO UPDATE SET last_seen = excluded.last_seen",
                     {S(s.id_hash), S(s.user), S(s.csrf), T(s.created), T(s.last_seen)})
        .status();
  });
}

Result<ConsoleSession> SqlStore::GetSession(const std::string& id_hash) {
  auto rows = db_->Query("SELECT id_hash, user_name, csrf, created, last_seen FROM console_sessions WHERE id_hash = $1",
                         {S(id_hash)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no such session");
  const Row& r = rows->front();
  return ConsoleSession{r.Str(0), r.Str(1), r.Str(2), r.Time(3), r.Time(4)};
}

Status SqlStore::DeleteSessions(const std::string& id_hash, const std::string& user) {
  return InTx([&]() -> Status {
    if (!id_hash.empty()) return db_->Exec("DELETE FROM console_sessions WHERE id_hash = $1", {S(id_hash)}).status();
    return db_->Exec("DELETE FROM console_sessions WHERE user_name = $1", {S(user)}).status();
  });
}

Status SqlStore::DeleteExpiredSessions(TimePoint idle_before, TimePoint created_before) {
  return InTx([&]() -> Status {
    return db_->Exec("DELETE FROM console_sessions WHERE last_seen < $1 OR created < $2", {T(idle_before), T(created_before)})
        .status();
  });
}

}  // namespace adwatch::store_internal
