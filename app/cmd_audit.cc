// adwatch audit verify | list: the data protection officer's view of the
// audit log. `verify` checks the hash chain and names the first broken link
// (exit 1); `list` prints who did what to which record, when and why.
// Listing the log is itself audited ("audit-list").
#include <time.h>

#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] audit verify\n"
    "       adwatch [--config FILE] audit list [--since DATE] [--user NAME] [--record REC]\n"
    "                                          [--action ACTION] [--limit N] [--json]\n\n"
    "verify: checks the audit log's hash chain (each row holds the keyed hash of the\n"
    "row before it) and reports the first row that was changed, deleted or inserted\n"
    "behind adwatch's back, or a deleted tail. Exit 0 intact, 1 broken or store failure.\n"
    "list: the entries, oldest first: time (UTC), Unix user, signed-in user, action,\n"
    "record (alert:ID, ad:SITE/ID, message:ID, phone), reason and detail. DATE is\n"
    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ; --user matches the Unix or the signed-in user.\n"
    "Exit 0 ok, 1 store failure, 2 usage or configuration error.\n";

// "2026-01-31" or "2026-01-31T12:00:00Z" (UTC).
std::optional<TimePoint> ParseSince(const std::string& s) {
  struct tm tm {};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  char tail = 0;
  if (sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &y, &mo, &d, &h, &mi, &se, &tail) != 6 &&
      (sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &mo, &d, &tail) != 3 || s.size() != 10))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = se;
  return FromUnixSeconds(timegm(&tm));
}

int Verify(Store& store) {
  auto v = store.VerifyAudit();
  if (!v.ok()) {
    std::cerr << "adwatch audit: " << v.status().message() << "\n";
    return kExitFailure;
  }
  if (!v->ok) {
    std::cout << "audit log BROKEN after " << v->rows - (v->first_bad_id ? 1 : 0) << " intact rows: " << v->problem
              << "\n";
    return kExitFailure;
  }
  std::cout << "audit log intact: " << v->rows << " rows chained\n";
  return kExitOk;
}

int List(Store& store, const Args& args, const SystemClock& clock) {
  AuditQuery q;
  q.limit = 1000000;
  if (auto s = args.Value("since")) {
    q.since = ParseSince(*s);
    if (!q.since) {
      std::cerr << "adwatch audit: --since " << *s << ": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ\n";
      return kExitUsage;
    }
  }
  q.user = args.ValueOr("user", "");
  q.record = args.ValueOr("record", "");
  q.action = args.ValueOr("action", "");
  if (auto l = args.Value("limit")) {
    try {
      q.limit = std::stoi(*l);
    } catch (const std::exception&) {
      std::cerr << "adwatch audit: --limit " << *l << ": expected a number\n";
      return kExitUsage;
    }
  }
  auto rows = store.ListAudit(q);
  if (!rows.ok()) {
    std::cerr << "adwatch audit: " << rows.status().message() << "\n";
    return kExitFailure;
  }
  // Who read the log, and with which filter, is itself accountable.
  AuditEntry self{0, clock.Now(), Env::Default()->UserName(), "audit-list",
                  "listed " + std::to_string(rows->size()) + " entries" + (q.user.empty() ? "" : "; user " + q.user) +
                      (q.record.empty() ? "" : "; record " + q.record)};
  if (!store.AppendAudit(self).ok()) {
    std::cerr << "adwatch audit: cannot record the listing in the audit log\n";
    return kExitFailure;
  }
  if (args.Has("json")) {
    nlohmann::json out = nlohmann::json::array();
    for (const AuditEntry& e : *rows)
      out.push_back({{"id", e.id}, {"at", FormatUtc(e.time)}, {"os_user", e.os_user}, {"user", e.user},
                     {"action", e.action}, {"record", e.record}, {"reason", e.reason}, {"detail", e.detail}});
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  for (const AuditEntry& e : *rows) {
    std::cout << e.id << "\t" << FormatUtc(e.time) << "\t" << e.os_user << "\t" << (e.user.empty() ? "-" : e.user)
              << "\t" << e.action << "\t" << (e.record.empty() ? "-" : e.record) << "\t"
              << (e.reason.empty() ? "-" : e.reason) << "\t" << e.detail << "\n";
  }
  return kExitOk;
}

}  // namespace

int RunAudit(CommandContext& ctx) {
  Args args(ctx.args, {"since", "user", "record", "action", "limit"}, {"json", "help"});
  if (args.Has("help") && args.ok()) {
    std::cout << kUsage;
    return kExitOk;
  }
  const auto& pos = args.positional();
  if (!args.ok() || pos.size() != 1 || (pos[0] != "verify" && pos[0] != "list")) {
    std::cerr << "adwatch audit: " << (args.ok() ? "expected: audit verify | audit list" : args.error()) << "\n"
              << kUsage;
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "audit");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "audit");
  if (!store) return kExitFailure;
  return pos[0] == "verify" ? Verify(*store) : List(*store, args, clock);
}

}  // namespace adwatch
