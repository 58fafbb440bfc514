// What the matcher found per ad (phones, places, hits with provenance, ages,
// score), sightings for touring signals, and entities of linked ads.
#include <algorithm>
#include <tuple>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {

Result<int64_t> SqlStore::PhoneIdTx(const std::string& e164) {
  // "p:<pseudonym>": a number kept only as its pseudonym (Store::MinimiseAds).
  const bool pseudonymous = e164.rfind("p:", 0) == 0;
  const std::string pseudonym = pseudonymous ? e164.substr(2) : Pseudonym(e164);
  if (!pseudonymous) {
    // Seen in clear again (a new or changed ad carries it): back in clear.
    ADWATCH_RETURN_IF_ERROR(db_->Exec("UPDATE phones SET e164 = $1 WHERE pseudonym = $2 AND e164 LIKE 'p:%'",
                                      {S(Seal(e164)), S(pseudonym)})
                                .status());
  }
  ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO phones (e164, pseudonym) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                    {S(pseudonymous ? e164 : Seal(e164)), S(pseudonym)})
                              .status());
  auto rows = db_->Query("SELECT id FROM phones WHERE pseudonym = $1", {S(pseudonym)});
  if (!rows.ok()) return rows.status();
  return rows->front().Int(0);
}

Result<int64_t> SqlStore::PlaceIdTx(const Place& p) {
  Params params = {S(p.name), S(p.municipality), S(p.province), S(p.country)};
  ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO places (name, municipality, province, country) VALUES ($1, $2, $3, $4) "
                                    "ON CONFLICT (name, municipality, province, country) DO NOTHING",
                                    params)
                              .status());
  auto rows = db_->Query(
      "SELECT id FROM places WHERE name = $1 AND municipality = $2 AND province = $3 AND country = $4", params);
  if (!rows.ok()) return rows.status();
  return rows->front().Int(0);
}

Status SqlStore::SaveAdSignals(const AdKey& key, const std::string& content_hash, const AdSignals& sig,
                               const std::string& rules_version, TimePoint now) {
  return InTx([&]() -> Status {
    auto ad = AdRowId(key);
    if (!ad.ok()) return ad.status();
    for (const char* table : {"ad_phones", "ad_places", "hits"})
      ADWATCH_RETURN_IF_ERROR(db_->Exec(std::string("DELETE FROM ") + table + " WHERE ad = $1", {I(*ad)}).status());
    ADWATCH_RETURN_IF_ERROR(
        db_->Exec("INSERT INTO ad_signals (ad, content_hash, rules_version, score, severity, ages, age_hints, "
                  "analysed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (ad) DO UPDATE SET "
                  "content_hash = excluded.content_hash, rules_version = excluded.rules_version, "
                  "score = excluded.score, severity = excluded.severity, ages = excluded.ages, "
                  "age_hints = excluded.age_hints, analysed_at = excluded.analysed_at",
                  {I(*ad), S(content_hash), S(rules_version), D(sig.score), I(static_cast<int>(sig.severity)),
                   S(DumpJson(sig.ages)), S(DumpJson(sig.age_hints)), T(now)})
            .status());
    std::vector<int64_t> phone_ids, place_ids;
    for (const auto& p : sig.phones) {
      auto id = PhoneIdTx(p.e164);
      if (!id.ok()) return id.status();
      phone_ids.push_back(*id);
      ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO ad_phones (ad, phone, field, obfuscated, raw) VALUES "
                                        "($1, $2, $3, $4, $5) ON CONFLICT (ad, phone, field) DO NOTHING",
                                        {I(*ad), I(*id), S(p.field), I(p.obfuscated ? 1 : 0), S(Seal(p.raw))})
                                  .status());
    }
    for (size_t k = 0; k < sig.places.size(); ++k) {
      auto id = PlaceIdTx(sig.places[k]);
      if (!id.ok()) return id.status();
      place_ids.push_back(*id);
      ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO ad_places (ad, place, seq) VALUES ($1, $2, $3) "
                                        "ON CONFLICT (ad, place) DO NOTHING",
                                        {I(*ad), I(*id), I(static_cast<int64_t>(k))})
                                  .status());
    }
    for (const Hit& h : sig.hits) {
      ADWATCH_RETURN_IF_ERROR(
          db_->Exec("INSERT INTO hits (ad, content_hash, rule, category, severity, weight, field, span_begin, "
                    "span_end, evidence, description, rules_version) "
                    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    {I(*ad), S(content_hash), S(h.rule), S(h.category), I(static_cast<int>(h.severity)), D(h.weight),
                     S(h.field), I(h.begin), I(h.end), S(Seal(h.evidence)), S(h.description),
                     S(h.rules_version.empty() ? rules_version : h.rules_version)})
              .status());
    }
    for (int64_t phone : phone_ids) {
      for (int64_t place : place_ids) {
        ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO sightings (phone, place, ad, at) VALUES ($1, $2, $3, $4) "
                                          "ON CONFLICT (phone, place, ad) DO NOTHING",
                                          {I(phone), I(place), I(*ad), T(now)})
                                    .status());
      }
    }
    return Status::Ok();
  });
}

Status SqlStore::LoadSignals(int64_t ad, AdRecord* rec) {
  auto sig = db_->Query(
      "SELECT content_hash, rules_version, score, severity, ages, age_hints FROM ad_signals WHERE ad = $1", {I(ad)});
  if (!sig.ok()) return sig.status();
  if (sig->empty()) return Status::Ok();
  const Row& s = sig->front();
  rec->has_signals = true;
  rec->signals_hash = s.Str(0);
  rec->rules_version = s.Str(1);
  AdSignals& out = rec->signals;
  out.score = s.Real(2);
  out.severity = static_cast<Severity>(s.Int(3));
  auto ages = ParseJson(s.Str(4));
  if (ages.is_array()) out.ages = JsonAs<std::vector<int>>(ages);
  auto hints = ParseJson(s.Str(5));
  if (hints.is_array()) out.age_hints = JsonAs<std::vector<std::string>>(hints);
  auto phones = db_->Query(
      "SELECT p.e164, ap.obfuscated, ap.field, ap.raw FROM ad_phones ap JOIN phones p ON p.id = ap.phone "
      "WHERE ap.ad = $1",
      {I(ad)});
  if (!phones.ok()) return phones.status();
  for (const Row& r : *phones) out.phones.push_back({Unseal(r.Str(0)), r.Int(1) != 0, r.Str(2), Unseal(r.Str(3))});
  std::sort(out.phones.begin(), out.phones.end(), [](const PhoneFound& a, const PhoneFound& b) {
    return std::tie(a.e164, a.field) < std::tie(b.e164, b.field);
  });
  auto places = db_->Query(
      "SELECT pl.name, pl.municipality, pl.province, pl.country FROM ad_places ap JOIN places pl ON pl.id = ap.place "
      "WHERE ap.ad = $1 ORDER BY ap.seq, pl.name",
      {I(ad)});
  if (!places.ok()) return places.status();
  for (const Row& r : *places) out.places.push_back({r.Str(0), r.Str(1), r.Str(2), r.Str(3)});
  auto hits = db_->Query(
      "SELECT rule, category, severity, weight, field, span_begin, span_end, evidence, description, rules_version "
      "FROM hits WHERE ad = $1 ORDER BY id",
      {I(ad)});
  if (!hits.ok()) return hits.status();
  for (const Row& r : *hits) {
    Hit h;
    h.rule = r.Str(0), h.category = r.Str(1), h.severity = static_cast<Severity>(r.Int(2)), h.weight = r.Real(3);
    h.field = r.Str(4), h.begin = static_cast<uint32_t>(r.Int(5)), h.end = static_cast<uint32_t>(r.Int(6));
    h.evidence = Unseal(r.Str(7)), h.description = r.Str(8), h.rules_version = r.Str(9);
    out.hits.push_back(std::move(h));
  }
  return Status::Ok();
}

Result<std::vector<Sighting>> SqlStore::LoadSightings(TimePoint since) {
  auto rows = db_->Query(
      "SELECT p.e164, s.entity, pl.name, pl.municipality, pl.province, pl.country, a.site, a.ad_id, s.at "
      "FROM sightings s LEFT JOIN phones p ON p.id = s.phone JOIN places pl ON pl.id = s.place "
      "JOIN ads a ON a.id = s.ad WHERE s.at >= $1 ORDER BY s.at, s.id",
      {T(since)});
  if (!rows.ok()) return rows.status();
  std::vector<Sighting> out;
  for (const Row& r : *rows)
    out.push_back({Unseal(r.Str(0)), r.Str(1), {r.Str(2), r.Str(3), r.Str(4), r.Str(5)}, {r.Str(6), r.Str(7)}, r.Time(8)});
  return out;
}

Result<std::vector<AdKey>> SqlStore::AdsWithPhone(const std::string& e164) {
  auto rows = db_->Query(
      "SELECT DISTINCT a.site, a.ad_id FROM ads a JOIN ad_phones ap ON ap.ad = a.id JOIN phones p ON p.id = ap.phone "
      "WHERE p.pseudonym = $1 AND a.live = 1 ORDER BY a.site, a.ad_id",
      {S(Pseudonym(e164))});
  if (!rows.ok()) return rows.status();
  std::vector<AdKey> out;
  for (const Row& r : *rows) out.push_back({r.Str(0), r.Str(1)});
  return out;
}

Status SqlStore::ReplaceEntities(const std::vector<StoredEntity>& entities, TimePoint now) {
  return InTx([&]() -> Status {
    for (const char* table : {"entity_ads", "entity_phones", "entities"})
      ADWATCH_RETURN_IF_ERROR(db_->Exec(std::string("DELETE FROM ") + table).status());
    for (const StoredEntity& e : entities) {
      ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO entities (id, score, severity, contributions, updated) "
                                        "VALUES ($1, $2, $3, $4, $5)",
                                        {S(e.id), D(e.score), I(static_cast<int>(e.severity)),
                                         S(DumpJson(ContributionsToJson(e.contributions))), T(now)})
                                  .status());
      for (const AdKey& k : e.ads) {
        auto ad = AdRowId(k);
        if (ad.status().code() == Status::Code::kNotFound) continue;  // purged or forgotten meanwhile
        if (!ad.ok()) return ad.status();
        ADWATCH_RETURN_IF_ERROR(
            db_->Exec("INSERT INTO entity_ads (entity, ad) VALUES ($1, $2) ON CONFLICT (entity, ad) DO NOTHING",
                      {S(e.id), I(*ad)})
                .status());
      }
      for (const auto& p : e.phones) {
        auto phone = PhoneIdTx(p);
        if (!phone.ok()) return phone.status();
        ADWATCH_RETURN_IF_ERROR(db_->Exec("INSERT INTO entity_phones (entity, phone) VALUES ($1, $2) "
                                          "ON CONFLICT (entity, phone) DO NOTHING",
                                          {S(e.id), I(*phone)})
                                    .status());
      }
    }
    return Status::Ok();
  });
}

Result<std::vector<StoredEntity>> SqlStore::LoadEntities() {
  auto rows = db_->Query("SELECT id, score, severity, contributions, updated FROM entities ORDER BY id");
  if (!rows.ok()) return rows.status();
  std::vector<StoredEntity> out;
  for (const Row& r : *rows) {
    StoredEntity e;
    e.id = r.Str(0), e.score = r.Real(1), e.severity = static_cast<Severity>(r.Int(2));
    e.contributions = ContributionsFromJson(ParseJson(r.Str(3)));
    e.updated = r.Time(4);
    auto ads = db_->Query(
        "SELECT a.site, a.ad_id FROM entity_ads ea JOIN ads a ON a.id = ea.ad WHERE ea.entity = $1 "
        "ORDER BY a.site, a.ad_id",
        {S(e.id)});
    if (!ads.ok()) return ads.status();
    for (const Row& a : *ads) e.ads.push_back({a.Str(0), a.Str(1)});
    auto phones = db_->Query(
        "SELECT p.e164 FROM entity_phones ep JOIN phones p ON p.id = ep.phone WHERE ep.entity = $1", {S(e.id)});
    if (!phones.ok()) return phones.status();
    for (const Row& p : *phones) e.phones.push_back(Unseal(p.Str(0)));
    std::sort(e.phones.begin(), e.phones.end());
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace adwatch::store_internal
