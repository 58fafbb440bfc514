// Ads and their versions. An ad row points at its newest version; every
// version ever seen stays in ad_versions keyed by content hash, so a changed
// ad keeps its history (until retention or forget removes the ad).
#include <algorithm>
#include <set>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {

Status SqlStore::UpsertAdsTx(const std::vector<Ad>& ads, TimePoint now, std::vector<AdUpsertResult>* out) {
  out->clear();
  out->reserve(ads.size());
  std::set<std::string> sites;
  for (const Ad& ad : ads) {
    if (sites.insert(ad.site).second) ADWATCH_RETURN_IF_ERROR(EnsureSiteTx(ad.site));
    AdUpsertResult res{KeyOf(ad), AdEvent::kNew, ContentHash(ad)};
    auto rows = db_->Query("SELECT id, content_hash FROM ads WHERE site = $1 AND ad_id = $2", {S(ad.site), S(ad.id)});
    if (!rows.ok()) return rows.status();
    int64_t row_id = 0;
    if (rows->empty()) {
      auto ins = db_->Query(
          "INSERT INTO ads (site, ad_id, url, content_hash, first_seen, last_seen, live) "
          "VALUES ($1, $2, $3, $4, $5, $5, 1) RETURNING id",
          {S(ad.site), S(ad.id), S(ad.url), S(res.content_hash), T(now)});
      if (!ins.ok()) return ins.status();
      row_id = ins->front().Int(0);
    } else {
      row_id = rows->front().Int(0);
      res.event = rows->front().Str(1) == res.content_hash ? AdEvent::kUnchanged : AdEvent::kChanged;
      ADWATCH_RETURN_IF_ERROR(
          db_->Exec("UPDATE ads SET url = $2, content_hash = $3, last_seen = $4, live = 1, vanished_at = NULL "
                    "WHERE id = $1",
                    {I(row_id), S(ad.url), S(res.content_hash), T(now)})
              .status());
    }
    if (res.event != AdEvent::kUnchanged) {
      // A change back to an earlier version finds that version already stored.
      ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO ad_versions (ad, content_hash, first_seen, data) "
                                        "VALUES ($1, $2, $3, $4) ON CONFLICT (ad, content_hash) DO NOTHING",
                                        {I(row_id), S(res.content_hash), T(now), S(DumpJson(AdToJson(ad)))})
                                  .status());
    }
    out->push_back(std::move(res));
  }
  return Status::Ok();
}

Result<std::vector<AdUpsertResult>> SqlStore::UpsertAds(const std::vector<Ad>& ads, TimePoint now) {
  std::vector<AdUpsertResult> out;
  Status st = InTx([&] { return UpsertAdsTx(ads, now, &out); });
  if (!st.ok()) return st;
  return out;
}

Status SqlStore::MarkListedTx(const std::string& site, const std::vector<std::string>& ids, int64_t cycle) {
  for (const auto& id : ids) {
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("UPDATE ads SET listed_cycle = $3 WHERE site = $1 AND ad_id = $2 AND listed_cycle < $3",
                  {S(site), S(id), I(cycle)})
            .status());
  }
  return Status::Ok();
}

Status SqlStore::MarkListed(const std::string& site, const std::vector<std::string>& ids, int64_t cycle) {
  return InTx([&] { return MarkListedTx(site, ids, cycle); });
}

Result<std::vector<AdUpsertResult>> SqlStore::ApplyCrawlBatch(const CrawlBatch& b, TimePoint now) {
  for (const Ad& ad : b.ads) {
    if (ad.site != b.site) return Status::InvalidArgument("store: batch of site " + b.site + " holds an ad of " + ad.site);
  }
  std::vector<AdUpsertResult> out;
  Status st = InTx([&]() -> Status {
    ADWATCH_RETURN_IF_ERROR(EnqueueTx(b.discovered, b.cycle, now));
    ADWATCH_RETURN_IF_ERROR(UpsertAdsTx(b.ads, now, &out));
    ADWATCH_RETURN_IF_ERROR(MarkListedTx(b.site, b.listed_ids, b.cycle));
    for (const auto& d : b.completed)
      ADWATCH_RETURN_IF_ERROR(CompleteTx(b.site, d.url, d.worker, b.cycle, d.next_due, d.validators));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<AdKey>> SqlStore::SweepVanished(const std::string& site, int64_t cycle, int vanish_after_cycles,
                                                   TimePoint now) {
  std::vector<AdKey> out;
  Status st = InTx([&]() -> Status {
    out.clear();
    auto rows = db_->Query(
        "UPDATE ads SET live = 0, vanished_at = $3 WHERE site = $1 AND live = 1 AND listed_cycle > 0 "
        "AND listed_cycle <= $2 RETURNING ad_id",
        {S(site), I(cycle - vanish_after_cycles), T(now)});
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out.push_back({site, r.Str(0)});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  std::sort(out.begin(), out.end());
  return out;
}

Result<int64_t> SqlStore::AdRowId(const AdKey& key) {
  auto rows = db_->Query("SELECT id FROM ads WHERE site = $1 AND ad_id = $2", {S(key.site), S(key.id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no ad " + key.site + "/" + key.id);
  return rows->front().Int(0);
}

static const char* kAdColumns =
    "SELECT a.id, a.content_hash, a.first_seen, a.last_seen, a.live, a.vanished_at, v.data, a.site, a.ad_id "
    "FROM ads a JOIN ad_versions v ON v.ad = a.id AND v.content_hash = a.content_hash ";

Result<AdRecord> SqlStore::ReadAdRow(const Row& r) {
  AdRecord rec;
  rec.ad = AdFromJson(ParseJson(r.Str(6)));
  rec.ad.site = r.Str(7);
  rec.ad.id = r.Str(8);
  rec.content_hash = r.Str(1);
  rec.first_seen = r.Time(2);
  rec.last_seen = r.Time(3);
  rec.live = r.Int(4) != 0;
  if (!r.IsNull(5)) rec.vanished_at = r.Time(5);
  ADWATCH_RETURN_IF_ERROR(LoadSignals(r.Int(0), &rec));
  return rec;
}

Result<AdRecord> SqlStore::LoadAd(const AdKey& key) {
  auto rows = db_->Query(std::string(kAdColumns) + "WHERE a.site = $1 AND a.ad_id = $2", {S(key.site), S(key.id)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("store: no ad " + key.site + "/" + key.id);
  return ReadAdRow(rows->front());
}

Result<std::vector<AdVersion>> SqlStore::LoadAdVersions(const AdKey& key) {
  auto id = AdRowId(key);
  if (!id.ok()) return id.status();
  auto rows = db_->Query(
      "SELECT content_hash, first_seen, data FROM ad_versions WHERE ad = $1 ORDER BY first_seen, content_hash",
      {I(*id)});
  if (!rows.ok()) return rows.status();
  std::vector<AdVersion> out;
  for (const Row& r : *rows) out.push_back({r.Str(0), AdFromJson(ParseJson(r.Str(2))), r.Time(1)});
  return out;
}

Status SqlStore::ForEachLiveAd(const std::function<Status(const AdRecord&)>& fn) {
  // Keyset pages, so memory stays bounded and fn may call the store itself.
  std::string site, id;
  for (;;) {
    auto rows = db_->Query(std::string(kAdColumns) +
                               "WHERE a.live = 1 AND (a.site > $1 OR (a.site = $1 AND a.ad_id > $2)) "
                               "ORDER BY a.site, a.ad_id LIMIT 500",
                           {S(site), S(id)});
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status::Ok();
    for (const Row& r : *rows) {
      auto rec = ReadAdRow(r);
      if (!rec.ok()) return rec.status();
      site = r.Str(7);
      id = r.Str(8);
      ADWATCH_RETURN_IF_ERROR(fn(*rec));
    }
  }
}

}  // namespace adwatch::store_internal
