// Ads and their versions. An ad row points at its newest version; every
// version ever seen stays in ad_versions keyed by content hash, so a changed
// ad keeps its history (until retention or forget removes the ad).
#include <algorithm>
#include <map>
#include <set>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {

namespace {

// Ads are written in chunks of multi-row statements: one round trip per
// statement kind and chunk instead of three per ad. Chunk sizes vary, so at
// most kChunk shapes of each statement are prepared and cached.
constexpr size_t kChunk = 500;
// From this many new ads in a chunk on, they go through Db::CopyRows.
constexpr size_t kCopyFrom = 32;

// "($first, …), (…)": `rows` tuples of `cols` consecutive parameters; `tmpl`
// maps column i to its text, with {} standing for the parameter.
std::string Tuples(size_t first, size_t rows, const std::vector<std::string>& tmpl) {
  std::string out;
  size_t p = first;
  for (size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (size_t c = 0; c < tmpl.size(); ++c) {
      std::string t = tmpl[c];
      auto brace = t.find("{}");
      if (brace != std::string::npos) t.replace(brace, 2, "$" + std::to_string(p++));
      out += (c ? ", " : "") + t;
    }
    out += ")";
  }
  return out;
}

std::string List(size_t first, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += (i ? ", $" : "$") + std::to_string(first + i);
  return out;
}

// PostgreSQL's text form of a text[] value: every element quoted.
std::string PgTextArray(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const std::string& item : items) {
    out += out.size() > 1 ? ",\"" : "\"";
    for (char c : item) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// The ads of `site` among `ids` as rows (ad_id, id, content_hash), in any
// order. PostgreSQL: one probe of the (site, ad_id) index per id, whatever the
// statistics say. With "ad_id IN (…)" the planner, before the first ANALYZE of
// a growing table (a first crawl, or within autovacuum's minute), took every
// row of the site and filtered them: each chunk cost time in proportion to
// the table (11 ms per 500 ids at 50,000 ads instead of 2). LIMIT 1 keeps the
// lateral subquery a per-id index lookup (it cannot be flattened into a join).
// Also PostgreSQL: every id not found gets a row too, with a null id and a new
// one from the identity column's sequence (column 3), so new ads need no
// second round trip for their ids. The sequence's name is looked up once per
// statement, not per row (catalog lookups and a name parse: 8 us a value).
Result<Rows> LookupChunk(Db& db, const std::string& site, const std::vector<std::string>& ids) {
  if (db.dialect() == Dialect::kPostgres) {
    return db.Query(
        "SELECT k.ad_id, a.id, a.content_hash, CASE WHEN a.id IS NULL THEN nextval(q.seq) END "
        "FROM (SELECT pg_get_serial_sequence('ads', 'id')::regclass AS seq OFFSET 0) q "
        "CROSS JOIN unnest($2::text[]) k (ad_id) "
        "LEFT JOIN LATERAL (SELECT id, content_hash FROM ads WHERE site = $1 AND ad_id = k.ad_id LIMIT 1) a ON true",
        {S(site), S(PgTextArray(ids))});
  }
  Params p = {S(site)};
  for (const std::string& id : ids) p.push_back(S(id));
  return db.Query("SELECT ad_id, id, content_hash FROM ads WHERE site = $1 AND ad_id IN (" + List(2, ids.size()) + ")",
                  p);
}

}  // namespace

// The box's bytes, not base64 text: a quarter fewer bytes to write (SQLite:
// BLOB in the TEXT column, which keeps what it is given; PostgreSQL: bytea,
// schema v11), and no encoding pass. Open reads either form.
Value SqlStore::SealedVersion(const Ad& ad) const { return B(SealBinary(AdJsonText(ad))); }

// SQLite: `n` new ad ids, ascending, the ones the table would have given:
// after the largest id, as an INTEGER PRIMARY KEY without AUTOINCREMENT
// chooses (the write transaction holds the one write lock). PostgreSQL draws
// them from the identity column's sequence in LookupChunk.
Result<std::vector<int64_t>> SqlStore::NewAdIdsTx(size_t n) {
  auto rows = db_->Query("SELECT COALESCE(MAX(id), 0) FROM ads");
  if (!rows.ok()) return rows.status();
  const int64_t last = rows->empty() ? 0 : rows->front().Int(0);
  if (last > INT64_MAX - static_cast<int64_t>(n)) return Status::Internal("store: ad ids exhausted");
  std::vector<int64_t> ids;
  ids.reserve(n);
  for (size_t i = 1; i <= n; ++i) ids.push_back(last + static_cast<int64_t>(i));
  return ids;
}

Status SqlStore::UpsertChunkTx(const std::vector<Ad>& ads, size_t b, size_t e, TimePoint now,
                               std::vector<AdUpsertResult>* out) {
  const std::string& site = ads[b].site;
  const size_t n = e - b;
  std::vector<std::string> chunk_ids;
  for (size_t i = b; i < e; ++i) chunk_ids.push_back(ads[i].id);
  auto rows = LookupChunk(*db_, site, chunk_ids);
  if (!rows.ok()) return rows.status();
  std::map<std::string, std::pair<int64_t, std::string>> existing;
  std::map<std::string, int64_t> drawn;  // PostgreSQL: the ids of the ads not found
  for (const Row& r : *rows) {
    if (!r.IsNull(1)) existing[r.Str(0)] = {r.Int(1), r.Str(2)};
    else drawn[r.Str(0)] = r.Int(3);
  }

  std::vector<AdUpsertResult> res;
  std::vector<int64_t> row_ids(n, 0);
  std::vector<size_t> fresh, changed;
  Params unchanged = {T(now)};
  for (size_t i = b; i < e; ++i) {
    res.push_back({KeyOf(ads[i]), AdEvent::kNew, ContentHash(ads[i])});
    auto it = existing.find(ads[i].id);
    if (it == existing.end()) {
      fresh.push_back(i - b);
      continue;
    }
    row_ids[i - b] = it->second.first;
    if (it->second.second == res.back().content_hash) {
      res.back().event = AdEvent::kUnchanged;
      unchanged.push_back(I(it->second.first));
    } else {
      res.back().event = AdEvent::kChanged;
      changed.push_back(i - b);
    }
  }
  // New ads get their ids before they are written, so their rows and
  // versions carry them: reading them back by (site, ad_id) cost one index
  // probe per ad (on PostgreSQL ~7 us of server time at load 6, against
  // ~1.5 us for a sequence value).
  if (!fresh.empty() && pg()) {
    for (size_t k : fresh) {
      auto it = drawn.find(ads[b + k].id);
      if (it == drawn.end()) return Status::Internal("store: no id drawn for a new ad");
      row_ids[k] = it->second;
    }
  } else if (!fresh.empty()) {
    auto ids = NewAdIdsTx(fresh.size());
    if (!ids.ok()) return ids.status();
    for (size_t j = 0; j < fresh.size(); ++j) row_ids[fresh[j]] = (*ids)[j];
  }
  // Many new ads: the rows and their first versions in bulk (PostgreSQL: COPY).
  const bool copy = fresh.size() >= kCopyFrom;
  if (copy) {
    // Values pushed one by one, not assigned from a braced list: its elements
    // are const, so every string (a sealed version's 1.7 KB too) was made and
    // then copied.
    ADWATCH_RETURN_IF_ERROR(db_->CopyRows(
        "ads", {"id", "site", "ad_id", "url", "content_hash", "first_seen", "last_seen", "live"}, fresh.size(),
        [&](size_t j, Params* row) {
          const Ad& ad = ads[b + fresh[j]];
          row->push_back(I(row_ids[fresh[j]]));
          row->push_back(S(ad.site));
          row->push_back(S(ad.id));
          row->push_back(S(ad.url));
          row->push_back(S(res[fresh[j]].content_hash));
          row->push_back(T(now));
          row->push_back(T(now));
          row->push_back(I(1));
        }));
    ADWATCH_RETURN_IF_ERROR(db_->CopyRows("ad_versions", {"ad", "content_hash", "first_seen", "data"}, fresh.size(),
                                          [&](size_t j, Params* row) {
                                            const size_t k = fresh[j];
                                            row->push_back(I(row_ids[k]));
                                            row->push_back(S(res[k].content_hash));
                                            row->push_back(T(now));
                                            row->push_back(SealedVersion(ads[b + k]));
                                          }));
  } else if (!fresh.empty()) {
    Params q;
    for (size_t k : fresh) {
      const Ad& ad = ads[b + k];
      for (Value v : {I(row_ids[k]), S(ad.site), S(ad.id), S(ad.url), S(res[k].content_hash), T(now), T(now)})
        q.push_back(std::move(v));
    }
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("INSERT INTO ads (id, site, ad_id, url, content_hash, first_seen, last_seen, live) VALUES " +
                      Tuples(1, fresh.size(), {"{}", "{}", "{}", "{}", "{}", "{}", "{}", "1"}),
                  q)
            .status());
  }
  if (unchanged.size() > 1) {
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE ads SET last_seen = $1, live = 1, vanished_at = NULL WHERE id IN (" +
                                          List(2, unchanged.size() - 1) + ")",
                                      unchanged)
                                .status());
  }
  for (size_t k : changed) {
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("UPDATE ads SET url = $2, content_hash = $3, last_seen = $4, live = 1, vanished_at = NULL, "
                  "minimised = 0 WHERE id = $1",
                  {I(row_ids[k]), S(ads[b + k].url), S(res[k].content_hash), T(now)})
            .status());
  }
  std::vector<size_t> versioned = copy ? std::vector<size_t>{} : fresh;  // copied above
  versioned.insert(versioned.end(), changed.begin(), changed.end());
  if (!versioned.empty()) {
    // A change back to an earlier version finds that version already stored.
    Params q;
    for (size_t k : versioned)
      for (Value v : {I(row_ids[k]), S(res[k].content_hash), T(now), SealedVersion(ads[b + k])})
        q.push_back(std::move(v));
    ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO ad_versions (ad, content_hash, first_seen, data) VALUES " +
                                          Tuples(1, versioned.size(), {"{}", "{}", "{}", "{}"}) +
                                          " ON CONFLICT (ad, content_hash) DO NOTHING",
                                      q)
                                .status());
  }
  for (auto& r : res) out->push_back(std::move(r));
  return Status::Ok();
}

Status SqlStore::UpsertAdsTx(const std::vector<Ad>& ads, TimePoint now, std::vector<AdUpsertResult>* out) {
  out->clear();
  out->reserve(ads.size());
  std::set<std::string> sites;
  for (const Ad& ad : ads)
    if (sites.insert(ad.site).second) ADWATCH_RETURN_IF_ERROR(EnsureSiteTx(ad.site));
  for (size_t b = 0; b < ads.size(); b += kChunk) {
    const size_t e = std::min(ads.size(), b + kChunk);
    // A chunk must be one site with distinct ids; otherwise go ad by ad, so a
    // repeated ad sees its own earlier write (and is "unchanged").
    std::set<std::string> ids;
    bool simple = true;
    for (size_t i = b; i < e && simple; ++i) simple = ads[i].site == ads[b].site && ids.insert(ads[i].id).second;
    if (simple) {
      ADWATCH_RETURN_IF_ERROR(UpsertChunkTx(ads, b, e, now, out));
    } else {
      for (size_t i = b; i < e; ++i) ADWATCH_RETURN_IF_ERROR(UpsertChunkTx(ads, i, i + 1, now, out));
    }
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
    for (const auto& d : b.completed) ADWATCH_RETURN_IF_ERROR(CompleteTx(b.site, d, b.cycle, now));
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
    return db_->Exec("UPDATE cycles SET swept = 1 WHERE site = $1 AND cycle = $2", {S(site), I(cycle)}).status();
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

const char* const kAdColumns =
    "SELECT a.id, a.content_hash, a.first_seen, a.last_seen, a.live, a.vanished_at, v.data, a.site, a.ad_id, "
    "a.minimised "
    "FROM ads a JOIN ad_versions v ON v.ad = a.id AND v.content_hash = a.content_hash ";

Result<AdRecord> SqlStore::ReadAdRow(const Row& r) {
  AdRecord rec;
  rec.ad = AdFromJson(ParseJson(Unseal(r.Str(6))));
  rec.ad.site = r.Str(7);
  rec.ad.id = r.Str(8);
  rec.content_hash = r.Str(1);
  rec.first_seen = r.Time(2);
  rec.last_seen = r.Time(3);
  rec.live = r.Int(4) != 0;
  if (!r.IsNull(5)) rec.vanished_at = r.Time(5);
  rec.minimised = r.Int(9) != 0;
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
  for (const Row& r : *rows) out.push_back({r.Str(0), AdFromJson(ParseJson(Unseal(r.Str(2)))), r.Time(1)});
  return out;
}

Status SqlStore::ForEachLiveAd(const std::function<Status(const AdRecord&)>& fn) {
  return ForEachAdWhere("a.live = 1", {}, fn);
}

Status SqlStore::ForEachAdLiveOrSeenSince(TimePoint vanished_since,
                                          const std::function<Status(const AdRecord&)>& fn) {
  return ForEachAdWhere("(a.live = 1 OR a.last_seen >= $3)", {T(vanished_since)}, fn);
}

Status SqlStore::ForEachAdWhere(const std::string& where, const Params& params,
                                const std::function<Status(const AdRecord&)>& fn) {
  // Keyset pages, so memory stays bounded and fn may call the store itself.
  std::string site, id;
  for (;;) {
    Params page = {S(site), S(id)};
    page.insert(page.end(), params.begin(), params.end());
    auto rows = db_->Query(std::string(kAdColumns) + "WHERE " + where +
                               " AND (a.site > $1 OR (a.site = $1 AND a.ad_id > $2)) "
                               "ORDER BY a.site, a.ad_id LIMIT 500",
                           page);
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
