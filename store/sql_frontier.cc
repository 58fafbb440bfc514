// The crawl frontier, cycles and per-site counters. Leasing is atomic: on
// PostgreSQL the candidate rows are locked with FOR UPDATE SKIP LOCKED so
// concurrent workers on several hosts never get the same URL; on SQLite the
// single writer (BEGIN IMMEDIATE) gives the same guarantee.
#include <algorithm>
#include <map>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {

Status SqlStore::EnsureSiteTx(const std::string& site) {
  return db_->Exec("INSERT INTO sites (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", {S(site)}).status();
}

Status SqlStore::EnqueueTx(const std::vector<FrontierEntry>& entries, int64_t cycle, TimePoint now) {
  // Sites holding URLs of ads outside the scope (hashed, store/sql_scope.cc):
  // only there is each URL checked against them.
  std::map<std::string, bool> has_hashed;
  for (const auto& e : entries) {
    auto known = has_hashed.find(e.site);
    if (known == has_hashed.end()) {
      auto rows = db_->Query("SELECT 1 FROM frontier WHERE site = $1 AND url LIKE 'hmac:%' LIMIT 1", {S(e.site)});
      if (!rows.ok()) return rows.status();
      known = has_hashed.emplace(e.site, !rows->empty()).first;
    }
    if (known->second) {
      auto restored = RestoreHashedUrlTx(e.site, e.url, now);
      if (!restored.ok()) return restored.status();
      if (!*restored) continue;  // outside the scope and not due yet
    }
    // A URL completed in this cycle already keeps its place (fetched once per
    // cycle); every URL enqueued counts as planned in the cycle.
    const char* sql = pg() ? "INSERT INTO frontier (site, url, kind, priority, next_due, planned_cycle, seen_at) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (site, url) DO UPDATE SET "
                             "seen_at = excluded.seen_at, "
                             "priority = CASE WHEN frontier.done_cycle < $6 "
                             "THEN GREATEST(frontier.priority, excluded.priority) ELSE frontier.priority END, "
                             "next_due = CASE WHEN frontier.done_cycle < $6 "
                             "THEN LEAST(frontier.next_due, excluded.next_due) ELSE frontier.next_due END, "
                             "planned_cycle = GREATEST(frontier.planned_cycle, excluded.planned_cycle)"
                           : "INSERT INTO frontier (site, url, kind, priority, next_due, planned_cycle, seen_at) "
                             "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (site, url) DO UPDATE SET "
                             "seen_at = excluded.seen_at, "
                             "priority = CASE WHEN frontier.done_cycle < $6 "
                             "THEN MAX(frontier.priority, excluded.priority) ELSE frontier.priority END, "
                             "next_due = CASE WHEN frontier.done_cycle < $6 "
                             "THEN MIN(frontier.next_due, excluded.next_due) ELSE frontier.next_due END, "
                             "planned_cycle = MAX(frontier.planned_cycle, excluded.planned_cycle)";
    ADWATCH_RETURN_IF_ERROR(db_->Exec(sql, {S(e.site), S(e.url), I(static_cast<int>(e.kind)), I(e.priority),
                                            T(e.next_due), I(cycle), T(now)})
                                .status());
  }
  return Status::Ok();
}

Status SqlStore::Enqueue(const std::vector<FrontierEntry>& entries, int64_t cycle, TimePoint now) {
  return InTx([&] { return EnqueueTx(entries, cycle, now); });
}

Result<std::vector<LeasedUrl>> SqlStore::Lease(const std::string& site, const std::string& worker, int n,
                                               Duration lease_for, TimePoint now) {
  static const std::string kCandidates =
      "SELECT {KEY} FROM frontier WHERE (CAST($1 AS TEXT) = '' OR site = $1) AND next_due <= $4 "
      "AND (lease_owner IS NULL OR lease_expiry <= $4) AND url NOT LIKE 'hmac:%' "
      "ORDER BY priority DESC, next_due ASC LIMIT $5";
  auto returning = [](const std::string& p) {
    std::string r = " RETURNING ";
    const char* cols[] = {"site", "url", "kind", "priority", "attempts", "last_error", "lease_expiry", "etag",
                          "last_modified", "content_hash"};
    for (const char* c : cols) r += (r.size() > 11 ? ", " : "") + p + c;
    return r;
  };
  std::string sql;
  if (pg()) {
    std::string cand = kCandidates;
    cand.replace(cand.find("{KEY}"), 5, "site, url");
    sql = "UPDATE frontier f SET lease_owner = $2, lease_expiry = $3 FROM (" + cand +
          " FOR UPDATE SKIP LOCKED) c WHERE f.site = c.site AND f.url = c.url" + returning("f.");
  } else {
    std::string cand = kCandidates;
    cand.replace(cand.find("{KEY}"), 5, "rowid");
    sql = "UPDATE frontier SET lease_owner = $2, lease_expiry = $3 WHERE rowid IN (" + cand + ")" + returning("");
  }
  std::vector<LeasedUrl> out;
  const TimePoint expiry = now + lease_for;
  Status st = InTx([&]() -> Status {
    out.clear();
    auto rows = db_->Query(sql, {S(site), S(worker), T(expiry), T(now), I(n)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      LeasedUrl u;
      u.site = r.Str(0), u.url = r.Str(1), u.kind = static_cast<UrlKind>(r.Int(2)), u.priority = static_cast<int>(r.Int(3));
      u.attempts = static_cast<int>(r.Int(4)), u.last_error = r.Str(5), u.lease_expiry = r.Time(6);
      u.validators = {r.Str(7), r.Str(8), r.Str(9)};
      out.push_back(std::move(u));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::stable_sort(out.begin(), out.end(), [](const LeasedUrl& a, const LeasedUrl& b) { return a.priority > b.priority; });
  return out;
}

Status SqlStore::CompleteTx(const std::string& site, const CrawlBatch::Done& d, int64_t cycle, TimePoint now) {
  auto n = db_->Exec(
      "UPDATE frontier SET lease_owner = NULL, lease_expiry = NULL, done_cycle = $4, next_due = $5, attempts = 0, "
      "last_error = '', etag = $6, last_modified = $7, content_hash = $8, "
      "fetched_cycle = CASE WHEN $9 = 1 THEN $4 ELSE fetched_cycle END, "
      "ad_id = CASE WHEN $10 = '' THEN ad_id ELSE $10 END "
      "WHERE site = $1 AND url = $2 AND lease_owner = $3",
      {S(site), S(d.url), S(d.worker), I(cycle), T(d.next_due), S(d.validators.etag), S(d.validators.last_modified),
       S(d.validators.content_hash), I(d.fetched ? 1 : 0), S(d.ad_id)});
  if (!n.ok()) return n.status();
  if (*n == 0) return Status::FailedPrecondition("store: lease on " + d.url + " is no longer held by " + d.worker);
  if (!d.not_modified) return Status::Ok();
  // A 304 is a sighting of the ad this URL yielded: it is live (again).
  auto id = db_->Query("SELECT ad_id, kind FROM frontier WHERE site = $1 AND url = $2", {S(site), S(d.url)});
  if (!id.ok()) return id.status();
  std::string ad_id = id->empty() ? "" : id->front().Str(0);
  Result<int64_t> revived = 0;
  if (!ad_id.empty()) {
    revived = db_->Exec("UPDATE ads SET live = 1, vanished_at = NULL, last_seen = $3 WHERE site = $1 AND ad_id = $2",
                        {S(site), S(ad_id), T(now)});
  } else {
    // URLs completed before the ad id was remembered: the ad whose URL it is.
    revived = db_->Exec("UPDATE ads SET live = 1, vanished_at = NULL, last_seen = $3 WHERE site = $1 AND url = $2",
                        {S(site), S(d.url), T(now)});
  }
  if (!revived.ok()) return revived.status();
  // Unchanged, and yielding no ad the store holds (outside the scope): the
  // crawl needs the URL in clear no longer.
  const bool detail = !id->empty() && id->front().Int(1) != static_cast<int>(UrlKind::kListing);
  if (*revived == 0 && detail) return HashFrontierUrlTx(site, d.url);
  return Status::Ok();
}

Status SqlStore::Complete(const std::string& site, const std::string& url, const std::string& worker, int64_t cycle,
                          TimePoint next_due, const Validators& v, TimePoint now) {
  CrawlBatch::Done d;
  d.url = url, d.worker = worker, d.next_due = next_due, d.validators = v;
  return InTx([&] { return CompleteTx(site, d, cycle, now); });
}

Status SqlStore::Fail(const std::string& site, const std::string& url, const std::string& worker,
                      const std::string& error_class, const std::string& error, TimePoint retry_at) {
  return InTx([&]() -> Status {
    auto n = db_->Exec(
        "UPDATE frontier SET lease_owner = NULL, lease_expiry = NULL, attempts = attempts + 1, last_error = $4, "
        "next_due = $5 WHERE site = $1 AND url = $2 AND lease_owner = $3",
        {S(site), S(url), S(worker), S(error), T(retry_at)});
    if (!n.ok()) return n.status();
    if (*n == 0) return Status::FailedPrecondition("store: lease on " + url + " is no longer held by " + worker);
    ADWATCH_RETURN_IF_ERROR(EnsureSiteTx(site));
    return db_->Exec("INSERT INTO site_errors (site, error_class, count) VALUES ($1, $2, 1) "
                     "ON CONFLICT (site, error_class) DO UPDATE SET count = site_errors.count + 1",
                     {S(site), S(error_class)})
        .status();
  });
}

Status SqlStore::ReleaseLeases(const std::string& worker) {
  return InTx([&] {
    return db_->Exec("UPDATE frontier SET lease_owner = NULL, lease_expiry = NULL WHERE lease_owner = $1", {S(worker)})
        .status();
  });
}

Result<Validators> SqlStore::GetValidators(const std::string& site, const std::string& url) {
  auto rows = db_->Query("SELECT etag, last_modified, content_hash FROM frontier WHERE site = $1 AND url = $2",
                         {S(site), S(url)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: " + url + " is not in the frontier");
  const Row& r = rows->front();
  return Validators{r.Str(0), r.Str(1), r.Str(2)};
}

Result<FrontierCounts> SqlStore::CountFrontier(const std::string& site, TimePoint now) {
  auto rows = db_->Query(
      "SELECT COUNT(*), "
      "SUM(CASE WHEN next_due <= $2 AND (lease_owner IS NULL OR lease_expiry <= $2) THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN lease_owner IS NOT NULL AND lease_expiry > $2 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) "
      "FROM frontier WHERE (CAST($1 AS TEXT) = '' OR site = $1) AND url NOT LIKE 'hmac:%'",
      {S(site), T(now)});
  if (!rows.ok()) return rows.status();
  const Row& r = rows->front();
  return FrontierCounts{r.Int(0), r.Int(1), r.Int(2), r.Int(3)};
}

Result<CycleState> SqlStore::BeginCycle(const std::string& site, TimePoint now) {
  CycleState c;
  Status st = InTx([&]() -> Status {
    ADWATCH_RETURN_IF_ERROR(EnsureSiteTx(site));
    auto rows = db_->Query("SELECT cycle, started, finished FROM cycles WHERE site = $1 ORDER BY cycle DESC LIMIT 1",
                           {S(site)});
    if (!rows.ok()) return rows.status();
    if (!rows->empty() && rows->front().IsNull(2)) {
      c = CycleState{rows->front().Int(0), rows->front().Time(1), std::nullopt, {}};
      return Status::Ok();
    }
    c = CycleState{rows->empty() ? 1 : rows->front().Int(0) + 1, now, std::nullopt, {}};
    // Crawlers on several hosts may begin the same cycle at once: the first
    // insert wins and everyone works in that cycle.
    ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO cycles (site, cycle, started) VALUES ($1, $2, $3) "
                                      "ON CONFLICT (site, cycle) DO NOTHING",
                                      {S(site), I(c.cycle), T(now)})
                                .status());
    auto won = db_->Query("SELECT started FROM cycles WHERE site = $1 AND cycle = $2", {S(site), I(c.cycle)});
    if (!won.ok()) return won.status();
    c.started = won->front().Time(0);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  c.started = FromUnixSeconds(ToUnixSeconds(c.started));
  return c;
}

Result<CycleCoverage> SqlStore::CoverageTx(const std::string& site, int64_t cycle, TimePoint now) {
  auto rows = db_->Query(
      "SELECT SUM(CASE WHEN kind = 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN kind = 0 AND fetched_cycle = $2 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN kind = 0 AND fetched_cycle <> $2 AND lease_owner IS NOT NULL AND lease_expiry > $3 "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN kind <> 0 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN kind <> 0 AND fetched_cycle = $2 THEN 1 ELSE 0 END) "
      "FROM frontier WHERE site = $1 AND planned_cycle = $2",
      {S(site), I(cycle), T(now)});
  if (!rows.ok()) return rows.status();
  const Row& r = rows->front();
  CycleCoverage c;
  c.listing_planned = r.Int(0), c.listing_fetched = r.Int(1), c.listing_leased = r.Int(2);
  c.detail_planned = r.Int(3), c.detail_fetched = r.Int(4);
  auto swept = db_->Query("SELECT swept FROM cycles WHERE site = $1 AND cycle = $2", {S(site), I(cycle)});
  if (!swept.ok()) return swept.status();
  c.swept = !swept->empty() && swept->front().Int(0) != 0;
  return c;
}

Result<CycleCoverage> SqlStore::GetCycleCoverage(const std::string& site, int64_t cycle, TimePoint now) {
  return CoverageTx(site, cycle, now);
}

Status SqlStore::FinishCycle(const std::string& site, int64_t cycle, TimePoint now) {
  return InTx([&]() -> Status {
    auto c = CoverageTx(site, cycle, now);
    if (!c.ok()) return c.status();
    auto n = db_->Exec(
        "UPDATE cycles SET finished = $3, listing_planned = $4, listing_fetched = $5, listing_leased = $6, "
        "detail_planned = $7, detail_fetched = $8 WHERE site = $1 AND cycle = $2 AND finished IS NULL",
        {S(site), I(cycle), T(now), I(c->listing_planned), I(c->listing_fetched), I(c->listing_leased),
         I(c->detail_planned), I(c->detail_fetched)});
    if (!n.ok()) return n.status();
    return Status::Ok();
  });
}

Result<std::optional<CycleState>> SqlStore::LastCycle(const std::string& site) {
  auto rows = db_->Query(
      "SELECT cycle, started, finished, listing_planned, listing_fetched, listing_leased, detail_planned, "
      "detail_fetched, swept FROM cycles WHERE site = $1 ORDER BY cycle DESC LIMIT 1",
      {S(site)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CycleState>();
  const Row& r = rows->front();
  CycleState c{r.Int(0), r.Time(1), std::nullopt, {}};
  if (!r.IsNull(2)) c.finished = r.Time(2);
  c.coverage = {r.Int(3), r.Int(4), r.Int(5), r.Int(6), r.Int(7), r.Int(8) != 0};
  return std::optional<CycleState>(c);
}

Status SqlStore::AddPagesFetched(const std::string& site, int64_t n) {
  return InTx([&] {
    return db_->Exec("INSERT INTO sites (name, pages_fetched) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE "
                     "SET pages_fetched = sites.pages_fetched + excluded.pages_fetched",
                     {S(site), I(n)})
        .status();
  });
}

Result<SiteCounters> SqlStore::GetSiteCounters(const std::string& site) {
  SiteCounters c;
  auto ads = db_->Query("SELECT COUNT(*), SUM(live) FROM ads WHERE site = $1", {S(site)});
  if (!ads.ok()) return ads.status();
  c.ads_known = ads->front().Int(0);
  c.ads_live = ads->front().Int(1);
  auto pages = db_->Query("SELECT pages_fetched FROM sites WHERE name = $1", {S(site)});
  if (!pages.ok()) return pages.status();
  if (!pages->empty()) c.pages_fetched = pages->front().Int(0);
  auto errs = db_->Query("SELECT error_class, count FROM site_errors WHERE site = $1", {S(site)});
  if (!errs.ok()) return errs.status();
  for (const Row& r : *errs) c.errors[r.Str(0)] = r.Int(1);
  return c;
}

}  // namespace adwatch::store_internal
