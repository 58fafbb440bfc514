// Minimisation ([minimise], Store::MinimiseAds): an ad behind no alert keeps,
// after a short period, only what linking needs. The caller (app/minimise.h)
// computes the keyed fingerprint; the store cuts everything else.
#include "store/internal/sql_store.h"

namespace adwatch::store_internal {

const char* const kNoAlert =
    "NOT EXISTS (SELECT 1 FROM alerts al WHERE al.subject_key = 'ad:' || a.site || '/' || a.ad_id) AND "
    "NOT EXISTS (SELECT 1 FROM entity_ads ea JOIN alerts al ON al.subject_key = 'entity:' || ea.entity "
    "WHERE ea.ad = a.id) AND "
    "NOT EXISTS (SELECT 1 FROM alert_members m WHERE m.member = 'ad:' || a.site || '/' || a.ad_id)";

Result<std::vector<AdRecord>> SqlStore::MinimiseCandidates(TimePoint before, const AdKey& after, int limit) {
  auto rows = db_->Query(std::string(kAdColumns) +
                             "WHERE a.minimised = 0 AND v.first_seen < $1 AND "
                             "(a.site > $2 OR (a.site = $2 AND a.ad_id > $3)) AND " + kNoAlert +
                             " ORDER BY a.site, a.ad_id LIMIT $4",
                         {T(before), S(after.site), S(after.id), I(limit)});
  if (!rows.ok()) return rows.status();
  std::vector<AdRecord> out;
  for (const Row& r : *rows) {
    auto rec = ReadAdRow(r);
    if (!rec.ok()) return rec.status();
    out.push_back(std::move(*rec));
  }
  return out;
}

Result<int64_t> SqlStore::MinimiseAds(const std::vector<MinimisedAd>& ads, TimePoint now) {
  (void)now;
  int64_t done = 0;
  Status st = InTx([&]() -> Status {
    done = 0;
    for (const MinimisedAd& m : ads) {
      auto row = db_->Query(std::string("SELECT a.id, v.data FROM ads a JOIN ad_versions v ON v.ad = a.id AND "
                                        "v.content_hash = a.content_hash WHERE a.site = $1 AND a.ad_id = $2 AND "
                                        "a.content_hash = $3 AND a.minimised = 0 AND ") + kNoAlert,
                            {S(m.key.site), S(m.key.id), S(m.content_hash)});
      if (!row.ok()) return row.status();
      if (row->empty()) continue;  // changed, gone, minimised or flagged meanwhile
      const int64_t id = row->front().Int(0);
      const Ad full = AdFromJson(ParseJson(Unseal(row->front().Str(1))));
      Ad kept;
      kept.site = full.site, kept.id = full.id, kept.url = full.url, kept.city = full.city, kept.region = full.region;
      kept.text = m.fingerprint;
      kept.name = m.name_token;
      const Params ad = {I(id)};
      ADWATCH_RETURN_IF_ERROR(db_->Exec("DELETE FROM ad_versions WHERE ad = $1 AND content_hash <> $2",
                                        {I(id), S(m.content_hash)})
                                  .status());
      ADWATCH_RETURN_IF_ERROR(
          db_->Exec("UPDATE ad_versions SET data = $2 WHERE ad = $1", {I(id), S(Seal(DumpJson(AdToJson(kept))))})
              .status());
      ADWATCH_RETURN_IF_ERROR(
          db_->Exec("UPDATE hits SET evidence = '', span_begin = 0, span_end = 0 WHERE ad = $1", ad).status());
      ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE ad_phones SET raw = '' WHERE ad = $1", ad).status());
      ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE ads SET minimised = 1 WHERE id = $1", ad).status());
      // A number stays in clear only while an ad that is not minimised carries it.
      ADWATCH_RETURN_IF_ERROR(
          db_->Exec("UPDATE phones SET e164 = 'p:' || pseudonym WHERE id IN (SELECT phone FROM ad_phones WHERE ad = $1) "
                    "AND e164 NOT LIKE 'p:%' AND NOT EXISTS (SELECT 1 FROM ad_phones ap JOIN ads x ON x.id = ap.ad "
                    "WHERE ap.phone = phones.id AND x.minimised = 0)",
                    ad)
              .status());
      ++done;
    }
    return done > 0 ? BumpGenerationTx() : Status::Ok();
  });
  if (!st.ok()) return st;
  return done;
}

Result<int64_t> SqlStore::CountMinimised() {
  auto rows = db_->Query("SELECT COUNT(*) FROM ads WHERE minimised = 1");
  if (!rows.ok()) return rows.status();
  return rows->front().Int(0);
}

}  // namespace adwatch::store_internal
