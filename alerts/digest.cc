#include "alerts/digest.h"

#include <algorithm>
#include <functional>
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
Result<std::vector<AdKey>> AdsOf(AlertingStore& store, const Alert& alert) {
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
  auto r = RenderDigest(in, MakeRenderOptions(config, opt));
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

bool IsCont(const std::string& t, size_t i) { return i < t.size() && (static_cast<unsigned char>(t[i]) & 0xC0) == 0x80; }

bool HasDigit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A short snippet of `text` around [b, e): about 30 bytes each side, cut at
// spaces; an edge word holding a digit is dropped, so a phone number cut in
// half by the edge cannot slip past the masking as a short digit run.
void Snippet(const std::string& text, size_t b, size_t e, DigestHit* out) {
  constexpr size_t kContext = 30;
  size_t from = b > kContext ? b - kContext : 0;
  while (from > 0 && IsCont(text, from)) --from;
  size_t to = std::min(text.size(), e + kContext);
  while (to < text.size() && IsCont(text, to)) ++to;
  std::string before = text.substr(from, b - from), after = text.substr(e, to - e);
  if (from > 0) {
    const size_t sp = before.find(' ');
    before = sp == std::string::npos ? "" : before.substr(sp + 1);
    const size_t next = before.find(' ');
    if (HasDigit(before.substr(0, next))) before = next == std::string::npos ? "" : before.substr(next + 1);
    before = "…" + before;
  }
  if (to < text.size()) {
    const size_t sp = after.rfind(' ');
    after = sp == std::string::npos ? "" : after.substr(0, sp);
    const size_t prev = after.rfind(' ');
    if (HasDigit(after.substr(prev == std::string::npos ? 0 : prev + 1))) after = prev == std::string::npos ? "" : after.substr(0, prev);
    after += "…";
  }
  for (std::string* s : {&before, &after})
    for (char& c : *s)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  out->before = std::move(before);
  out->match = text.substr(b, e - b);
  out->after = std::move(after);
}

const std::string* FieldText(const Ad& ad, const std::string& field) {
  if (field == "title") return &ad.title;
  if (field == "text") return &ad.text;
  if (field == "age") return &ad.stated_age;
  if (field == "name") return &ad.name;
  if (field == "city") return &ad.city;
  if (field == "price") return &ad.price;
  return nullptr;
}

// The strongest hit per rule, with its snippet from the ad version it was
// found on (else the matcher's own excerpt, unmarked).
void AddHits(const AdRecord& rec, const std::function<std::string(const std::string&)>& pseudonym,
             std::vector<DigestHit>* hits, std::vector<double>* weights) {
  for (const Hit& h : rec.signals.hits) {
    auto it = std::find_if(hits->begin(), hits->end(), [&](const DigestHit& d) { return d.rule == h.rule; });
    if (it != hits->end() && (*weights)[it - hits->begin()] >= h.weight) continue;
    DigestHit d;
    d.rule = h.rule;
    d.description = h.description;
    d.severity = h.severity;
    const std::string* text = FieldText(rec.ad, h.field);
    const bool same_version = rec.signals_hash.empty() || rec.signals_hash == rec.content_hash;
    if (text && same_version && h.begin < h.end && h.end <= text->size() && !IsCont(*text, h.begin) &&
        !IsCont(*text, h.end))
      Snippet(*text, h.begin, h.end, &d);
    else
      d.before = h.evidence;  // unmarked: where the match lies in it is not known
    // A match that is a phone number as written (an obscured one) is shown
    // as its reference, whatever words or symbols it was written in.
    for (const PhoneFound& p : rec.signals.phones)
      if (!p.raw.empty() && d.match == p.raw) d.match = "[tel " + pseudonym(p.e164) + "]";
    if (it != hits->end()) {
      (*weights)[it - hits->begin()] = h.weight;
      *it = std::move(d);
    } else {
      hits->push_back(std::move(d));
      weights->push_back(h.weight);
    }
  }
}

}  // namespace

std::string EffectiveDetail(const AlertsConfig& config, const std::string& console_url) {
  if (!config.detail.empty()) return config.detail;
  return console_url.empty() ? "full" : "minimal";
}

RenderOptions MakeRenderOptions(const AlertsConfig& config, const ComposeOptions& opt) {
  RenderOptions ro;
  ro.language = config.language;
  ro.detail = EffectiveDetail(config, opt.console_url);
  ro.time_zone = opt.time_zone;
  ro.meldroute_default = config.meldroute;
  for (const auto& m : config.municipalities)
    if (!m.meldroute.empty()) ro.meldroute[m.name] = m.meldroute;
  for (const auto& [k, v] : opt.meldroute) ro.meldroute[k] = v;
  ro.console_url = opt.console_url;
  if (opt.matcher) {
    ro.alert_threshold = opt.matcher->alert_threshold;
    ro.critical_threshold = opt.matcher->critical_threshold;
    for (const RuleSpec& r : opt.matcher->rules) ro.rules[r.id] = RuleText{r.description, r.severity, r.evidence};
  }
  return ro;
}

Result<DigestAlert> LoadDigestAlert(AlertingStore& store, const Alert& alert) {
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
  std::vector<double> hit_weights;
  for (const AdKey& key : *ads) {
    auto rec = store.LoadAd(key);
    if (!rec.ok()) continue;  // purged or forgotten since: show what is left
    AddHits(*rec, [&](const std::string& e164) { return store.Pseudonym(e164).substr(0, 8); }, &da.hits,
            &hit_weights);
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

Result<std::vector<OutboxMessage>> ComposeDigests(AlertingStore& store, const AlertsConfig& config,
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
    in.digest_id = "digest-" + (opt.slot_name.empty() ? DigestSchedule::SlotName(opt.slot) : opt.slot_name) + "-" +
                   RecipientHash(route.recipient);
    in.generated = opt.now;
    in.municipalities = route.municipalities;
    in.open_alerts = open_count[route.recipient];
    auto queued = opt.queued.find(route.recipient);
    for (int64_t id : route.alert_ids) {
      if (queued != opt.queued.end() && queued->second.count(id)) continue;
      if (!loaded.count(id)) {
        auto da = LoadDigestAlert(store, *by_id[id]);
        if (!da.ok()) return da.status();
        loaded[id] = std::move(*da);
      }
      in.alerts.push_back(loaded[id]);
    }
    if (in.alerts.empty() && !route.alert_ids.empty()) continue;  // all in a queued digest
    auto msg = Build(config, in, route.recipient, opt);
    if (!msg.ok()) return msg.status();
    out.push_back(std::move(*msg));
  }
  return out;
}

Result<std::vector<OutboxMessage>> ComposeImmediate(AlertingStore& store, const AlertsConfig& config, const Alert& alert,
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
