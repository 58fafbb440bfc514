// `adwatch export --phone`: everything held about one number, as JSON.
// Other people's data is left out (GDPR art. 15(4)): other numbers in her
// ads, and the ads, URLs and evidence of others in the entities and entity
// alerts she is part of.
#include <set>

#include "store/internal/sql_store.h"

namespace adwatch::store_internal {
namespace {

constexpr const char* kOthers = "[gegevens van anderen weggelaten]";

// Her contributions as they are; others' reduced to rule, category and
// points (the reason the alert exists), without their URLs or evidence.
nlohmann::json OwnContributions(const std::vector<Contribution>& cs, const std::set<std::string>& own_urls) {
  std::vector<Contribution> out;
  for (Contribution c : cs) {
    std::vector<std::string> own;
    for (const auto& u : c.ad_urls)
      if (own_urls.count(u)) own.push_back(u);
    if (own.empty() && !c.ad_urls.empty()) c.evidence = kOthers, c.facts.clear();  // facts hold others' text and towns
    if (own.size() != c.ad_urls.size()) c.ad_urls = own;
    out.push_back(std::move(c));
  }
  return ContributionsToJson(out);
}

}  // namespace

Result<nlohmann::json> SqlStore::ExportPhone(const std::string& e164, const std::string& os_user, TimePoint now,
                                             const std::string& reason) {
  using nlohmann::json;
  auto phone = db_->Query("SELECT id, pseudonym FROM phones WHERE pseudonym = $1", {S(Pseudonym(e164))});
  if (!phone.ok()) return phone.status();
  int64_t ads_n = 0, alerts_n = 0;
  std::set<std::string> own_urls;
  auto audit = [&](const std::string& what) {
    AuditEntry e{0, now, os_user, "export", what};
    e.record = "phone";
    e.reason = reason;
    return InTx([&] { return AuditTx(e); });
  };
  if (phone->empty()) {
    ADWATCH_RETURN_IF_ERROR(audit("looked up one phone number: nothing held"));
    return Status::NotFound("store: nothing is held about that number");
  }
  const int64_t pid = phone->front().Int(0);
  json out = {{"phone", e164}, {"pseudonym", phone->front().Str(1)}, {"exported_at", FormatUtc(now)}};
  out["ads"] = json::array();
  std::vector<std::string> subjects;
  auto ads = db_->Query(
      "SELECT DISTINCT a.id, a.site, a.ad_id, a.url, a.first_seen, a.last_seen, a.live, a.vanished_at "
      "FROM ads a JOIN ad_phones ap ON ap.ad = a.id WHERE ap.phone = $1 ORDER BY a.site, a.ad_id",
      {I(pid)});
  if (!ads.ok()) return ads.status();
  for (const Row& r : *ads) {
    const int64_t ad = r.Int(0);
    json j = {{"site", r.Str(1)},       {"id", r.Str(2)}, {"url", r.Str(3)}, {"first_seen", FormatUtc(r.Time(4))},
              {"last_seen", FormatUtc(r.Time(5))}, {"live", r.Int(6) != 0}};
    if (!r.IsNull(7)) j["vanished_at"] = FormatUtc(r.Time(7));
    subjects.push_back("ad:" + r.Str(1) + "/" + r.Str(2));
    j["versions"] = json::array();
    auto versions =
        db_->Query("SELECT content_hash, first_seen, data FROM ad_versions WHERE ad = $1 ORDER BY first_seen", {I(ad)});
    if (!versions.ok()) return versions.status();
    own_urls.insert(r.Str(3));
    for (const Row& v : *versions) {
      json data = ParseJson(Unseal(v.Str(2)));
      // Another number in her ad may be someone else's.
      if (data.is_object() && data.contains("phones") && data["phones"].is_array())
        for (auto& p : data["phones"])
          if (p.is_string() && !MentionsPerson(p.get<std::string>(), e164, {})) p = kOthers;
      j["versions"].push_back({{"content_hash", v.Str(0)}, {"first_seen", FormatUtc(v.Time(1))}, {"ad", data}});
    }
    AdRecord rec;
    ADWATCH_RETURN_IF_ERROR(LoadSignals(ad, &rec));
    j["score"] = rec.signals.score;
    j["severity"] = ToString(rec.signals.severity);
    j["rules_version"] = rec.rules_version;
    j["hits"] = json::array();
    for (const Hit& h : rec.signals.hits)
      j["hits"].push_back({{"rule", h.rule}, {"category", h.category}, {"severity", ToString(h.severity)},
                           {"field", h.field}, {"begin", h.begin}, {"end", h.end}, {"evidence", h.evidence},
                           {"rules_version", h.rules_version}});
    j["places"] = json::array();
    for (const Place& p : rec.signals.places)
      j["places"].push_back({{"name", p.name}, {"municipality", p.municipality}, {"country", p.country}});
    out["ads"].push_back(std::move(j));
    ++ads_n;
  }
  out["sightings"] = json::array();
  auto sightings = db_->Query(
      "SELECT pl.name, pl.municipality, a.site, a.ad_id, s.at FROM sightings s JOIN places pl ON pl.id = s.place "
      "JOIN ads a ON a.id = s.ad WHERE s.phone = $1 ORDER BY s.at",
      {I(pid)});
  if (!sightings.ok()) return sightings.status();
  for (const Row& r : *sightings)
    out["sightings"].push_back({{"place", r.Str(0)}, {"municipality", r.Str(1)}, {"ad", r.Str(2) + "/" + r.Str(3)},
                                {"at", FormatUtc(r.Time(4))}});
  out["entities"] = json::array();
  auto entities = db_->Query(
      "SELECT entity FROM entity_phones WHERE phone = $1 UNION SELECT ea.entity FROM entity_ads ea "
      "JOIN ad_phones ap ON ap.ad = ea.ad WHERE ap.phone = $1 ORDER BY 1",
      {I(pid)});
  if (!entities.ok()) return entities.status();
  for (const Row& r : *entities) {
    out["entities"].push_back(r.Str(0));
    subjects.push_back("entity:" + r.Str(0));
  }
  out["alerts"] = json::array();
  for (const auto& subject : subjects) {
    auto alerts = db_->Query("SELECT id FROM alerts WHERE subject_key = $1 ORDER BY id", {S(subject)});
    if (!alerts.ok()) return alerts.status();
    for (const Row& r : *alerts) {
      auto a = GetAlert(r.Int(0));
      if (!a.ok()) return a.status();
      json j = {{"id", a->id},       {"subject", a->subject_key}, {"state", ToString(a->state)},
                {"severity", ToString(a->severity)}, {"score", a->score}, {"municipalities", a->municipalities},
                {"created", FormatUtc(a->created)}, {"updated", FormatUtc(a->updated)},
                {"contributions", OwnContributions(a->contributions, own_urls)}};
      auto outcomes = AlertOutcomes(a->id);
      if (!outcomes.ok()) return outcomes.status();
      j["outcomes"] = json::array();
      for (const auto& o : *outcomes)
        j["outcomes"].push_back({{"outcome", ToString(o.outcome)}, {"who", o.who}, {"at", FormatUtc(o.at)},
                                 {"forwarded_to", o.forwarded_to}});
      out["alerts"].push_back(std::move(j));
      ++alerts_n;
    }
  }
  ADWATCH_RETURN_IF_ERROR(audit("exported one phone number: ads=" + std::to_string(ads_n) +
                                " alerts=" + std::to_string(alerts_n)));
  return out;
}

}  // namespace adwatch::store_internal
