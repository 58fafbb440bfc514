// Scope ([scope]): an ad outside the region is not kept. What the crawl
// still needs of it is its frontier row, with the URL replaced by a keyed
// hash: the validators and due time stay, so the page is not fetched again
// before it is due, and then only conditionally.
#include "core/hash.h"
#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {
// Hashed URLs start with this; crawled URLs are http(s)://, so never do.
constexpr const char* kHashedPrefix = "hmac:";
}  // namespace

std::string SqlStore::HashedUrl(const std::string& site, const std::string& url) const {
  return kHashedPrefix + HmacSha256Hex(key_, "frontier-url\n" + site + "\n" + url);
}

Status SqlStore::HashFrontierUrlTx(const std::string& site, const std::string& url) {
  const std::string hashed = HashedUrl(site, url);
  ADWATCH_RETURN_IF_ERROR(
      db_->Exec("DELETE FROM frontier WHERE site = $1 AND url = $2", {S(site), S(hashed)}).status());
  return db_->Exec("UPDATE frontier SET url = $3, lease_owner = NULL, lease_expiry = NULL, ad_id = '', "
                   "last_error = '' WHERE site = $1 AND url = $2",
                   {S(site), S(url), S(hashed)})
      .status();
}

Result<bool> SqlStore::RestoreHashedUrlTx(const std::string& site, const std::string& url, TimePoint now) {
  const std::string hashed = HashedUrl(site, url);
  auto rows = db_->Query("SELECT next_due FROM frontier WHERE site = $1 AND url = $2", {S(site), S(hashed)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return true;
  if (rows->front().Time(0) > now) {
    // Still linked from a listing: not expired by retention.frontier.
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE frontier SET seen_at = $3 WHERE site = $1 AND url = $2",
                                      {S(site), S(hashed), T(now)})
                                .status());
    return false;
  }
  // Due: the URL in clear again, validators and all (a conditional fetch).
  ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM frontier WHERE site = $1 AND url = $2", {S(site), S(url)}).status());
  ADWATCH_RETURN_IF_ERROR(
      db_->Exec("UPDATE frontier SET url = $3 WHERE site = $1 AND url = $2", {S(site), S(hashed), S(url)}).status());
  return true;
}

Status SqlStore::DropOutOfScope(const AdKey& key, TimePoint now) {
  (void)now;
  return InTx([&]() -> Status {
    // An ad an alert names is evidence: it stays (with its earlier signals)
    // until the alert's retention ends, even if it now names other places.
    auto ad = db_->Query(std::string("SELECT a.url FROM ads a WHERE a.site = $1 AND a.ad_id = $2 AND ") + kNoAlert,
                         {S(key.site), S(key.id)});
    if (!ad.ok()) return ad.status();
    if (ad->empty()) return Status::Ok();
    const std::string ad_url = ad->front().Str(0);
    auto urls = db_->Query("SELECT url FROM frontier WHERE site = $1 AND (ad_id = $2 OR url = $3) AND url NOT LIKE 'hmac:%'",
                           {S(key.site), S(key.id), S(ad_url)});
    if (!urls.ok()) return urls.status();
    for (const Row& r : *urls) ADWATCH_RETURN_IF_ERROR(HashFrontierUrlTx(key.site, r.Str(0)));
    PurgeCounts counts;
    ADWATCH_RETURN_IF_ERROR(DeleteAdsTx("site = $1 AND ad_id = $2", {S(key.site), S(key.id)}, &counts));
    return DeleteOrphanPhonesTx(&counts);
  });
}

Result<int64_t> SqlStore::CountOutOfScope() {
  auto rows = db_->Query("SELECT COUNT(*) FROM frontier WHERE url LIKE 'hmac:%'");
  if (!rows.ok()) return rows.status();
  return rows->front().Int(0);
}

}  // namespace adwatch::store_internal
