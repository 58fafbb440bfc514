#include "alerts/digest.h"

#include <algorithm>
#include <map>

#include "alerts/lifecycle.h"
#include "alerts/mime.h"
#include "alerts/routing.h"
#include "alerts/schedule.h"
#include "core/hash.h"

namespace adwatch {
namespace {

std::string RecipientHash(const std::string& recipient) {
  MailAddress a;
  std::string addr = ParseMailAddress(recipient, &a) ? a.address : recipient;
  for (char& c : addr) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return Sha256Hex(addr).substr(0, 12);
}

// The ads an alert rests on: its own ad, or its entity's ads.
Result<std::vector<AdKey>> AdsOf(Store& store, const Alert& alert) {
  AdKey key;
  if (ParseAdSubjectKey(alert.subject_key, &key)) return std::vector<AdKey>{key};
  if (alert.subject_key.rfind("entity:", 0) == 0) {
    auto entities = store.LoadEntities();
    if (!entities.ok()) return entities.status();
    for (const auto& e : *entities)
      if ("entity:" + e.id == alert.subject_key) return e.ads;
  }
  return std::vector<AdKey>{};
}

Result<OutboxMessage> Build(const AlertsConfig& config, const DigestInput& in, const std::string& recipient,
                            const ComposeOptions& opt) {
  RenderOptions ro;
  ro.language = config.language;
  ro.detail = config.detail;
  ro.time_zone = opt.time_zone;
  for (const auto& m : config.municipalities)
    if (!m.meldroute.empty()) ro.meldroute[m.name] = m.meldroute;
  for (const auto& [k, v] : opt.meldroute) ro.meldroute[k] = v;
  auto r = RenderDigest(in, ro);
  if (!r.ok()) return r.status();
  MailMessage m;
  if (!ParseMailAddress(config.from, &m.from)) return Status::InvalidArgument("alerts.from: not a mail address");
  MailAddress to;
  if (!ParseMailAddress(recipient, &to)) return Status::InvalidArgument("alerts: a recipient is not a mail address");
  m.to = {to};
  m.subject = r->subject;
  m.text = r->text;
  m.html = r->html;
  m.message_id = MakeMessageId(in.digest_id, m.from.address);
  m.date = opt.now;
  OutboxMessage out;
  out.message_id = m.message_id;
  out.recipients = {recipient};
  out.subject = m.subject;
  out.body = BuildMessage(m);
  for (const auto& a : in.alerts) out.alert_ids.push_back(a.alert.id);
  out.created = opt.now;
  return out;
}

}  // namespace

Result<DigestAlert> LoadDigestAlert(Store& store, const Alert& alert) {
  DigestAlert da;
  da.alert = alert;
  auto history = store.AlertHistory(alert.id);
  if (history.ok() && !history->empty()) {
    // Escalated since it was last mailed: an escalation note after the last "sent".
    for (auto it = history->rbegin(); it != history->rend(); ++it) {
      if (it->to == AlertState::kSent) break;
      if (IsEscalationNote(it->note)) { da.escalated = true; break; }
    }
  }
  auto ads = AdsOf(store, alert);
  if (!ads.ok()) return ads.status();
  for (const AdKey& key : *ads) {
    auto rec = store.LoadAd(key);
    if (!rec.ok()) continue;  // purged or forgotten since: show what is left
    DigestAd d;
    d.site = rec->ad.site;
    d.title = rec->ad.title;
    d.url = rec->ad.url;
    d.first_seen = rec->first_seen;
    d.last_seen = rec->last_seen;
    auto versions = store.LoadAdVersions(key);
    if (versions.ok())
      for (const auto& v : *versions)
        if (!v.ad.city.empty() && (d.towns.empty() || d.towns.back().second != v.ad.city))
          d.towns.emplace_back(v.first_seen, v.ad.city);
    if (d.towns.empty() && !rec->signals.places.empty())
      d.towns.emplace_back(rec->first_seen, rec->signals.places.front().name);
    for (const auto& p : rec->signals.phones) {
      std::string digits;
      for (char c : p.e164) if (c >= '0' && c <= '9') digits += c;
      da.phones.push_back({digits, store.Pseudonym(p.e164).substr(0, 8)});
    }
    da.ads.push_back(std::move(d));
  }
  if (da.ads.empty()) {
    // The entity is not (or no longer) in the store: show at least the ads'
    // links that the evidence names.
    std::vector<std::string> urls;
    for (const auto& c : alert.contributions)
      for (const auto& u : c.ad_urls)
        if (std::find(urls.begin(), urls.end(), u) == urls.end()) urls.push_back(u);
    for (const auto& u : urls) {
      DigestAd d;
      d.url = u;
      da.ads.push_back(std::move(d));
    }
  }
  return da;
}

Result<std::vector<OutboxMessage>> ComposeDigests(Store& store, const AlertsConfig& config,
                                                  const ComposeOptions& opt) {
  auto fresh = store.ListAlerts(AlertQuery{{AlertState::kNew}, "", {}, 100000});
  if (!fresh.ok()) return fresh.status().Annotate("digest");
  auto open = store.ListAlerts(AlertQuery{{AlertState::kNew, AlertState::kSent, AlertState::kAcknowledged}, "", {}, 100000});
  if (!open.ok()) return open.status().Annotate("digest");
  std::sort(fresh->begin(), fresh->end(), [](const Alert& a, const Alert& b) {
    return a.severity != b.severity ? a.severity > b.severity : a.id < b.id;
  });
  std::map<int64_t, const Alert*> by_id;
  for (const auto& a : *fresh) by_id[a.id] = &a;
  std::map<std::string, int> open_count;
  for (const auto& r : RouteAlerts(*open, config)) open_count[r.recipient] = static_cast<int>(r.alert_ids.size());

  std::map<int64_t, DigestAlert> loaded;
  std::vector<OutboxMessage> out;
  for (const Route& route : RouteAlerts(*fresh, config, config.quiet_digest)) {
    DigestInput in;
    in.digest_id = "digest-" + DigestSchedule::SlotName(opt.slot) + "-" + RecipientHash(route.recipient);
    in.generated = opt.now;
    in.municipalities = route.municipalities;
    in.open_alerts = open_count[route.recipient];
    for (int64_t id : route.alert_ids) {
      if (!loaded.count(id)) {
        auto da = LoadDigestAlert(store, *by_id[id]);
        if (!da.ok()) return da.status();
        loaded[id] = std::move(*da);
      }
      in.alerts.push_back(loaded[id]);
    }
    auto msg = Build(config, in, route.recipient, opt);
    if (!msg.ok()) return msg.status();
    out.push_back(std::move(*msg));
  }
  return out;
}

Result<std::vector<OutboxMessage>> ComposeImmediate(Store& store, const AlertsConfig& config, const Alert& alert,
                                                    const ComposeOptions& opt) {
  auto da = LoadDigestAlert(store, alert);
  if (!da.ok()) return da.status();
  std::vector<OutboxMessage> out;
  for (const Route& route : RouteAlerts({alert}, config)) {
    DigestInput in;
    in.digest_id = "immediate-" + std::to_string(alert.id) + "-" + ToString(alert.severity) + "-" +
                   RecipientHash(route.recipient);
    in.generated = opt.now;
    in.municipalities = route.municipalities;
    in.immediate = true;
    in.alerts = {*da};
    in.open_alerts = 1;
    auto msg = Build(config, in, route.recipient, opt);
    if (!msg.ok()) return msg.status();
    out.push_back(std::move(*msg));
  }
  return out;
}

}  // namespace adwatch
