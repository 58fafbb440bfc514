#include "alerts/render.h"

#include <map>

#include "alerts/internal/words.h"
#include "alerts/tz.h"

namespace adwatch {
namespace {

using internal::Words;

std::string Html(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string Num(double v) {
  char b[32];
  snprintf(b, sizeof b, "%.0f", v);
  return b;
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
  std::string o;
  for (const auto& s : v) o += (o.empty() ? "" : sep) + s;
  return o;
}

struct Ctx {
  const Words& w;
  const RenderOptions& opt;
  TimeZone tz;
  std::string Date(TimePoint t, bool with_time) const {
    CivilTime c = tz.ToLocal(t);
    char b[40];
    if (with_time)
      snprintf(b, sizeof b, "%02d-%02d-%04d %02d:%02d", c.day, c.month, c.year, c.hour, c.minute);
    else
      snprintf(b, sizeof b, "%02d-%02d-%04d", c.day, c.month, c.year);
    return b;
  }
  std::string Meldroute(const std::vector<std::string>& municipalities) const {
    for (const auto& m : municipalities)
      if (auto it = opt.meldroute.find(m); it != opt.meldroute.end()) return it->second;
    return w.meldroute_default;
  }
};

// Both bodies are built side by side so they cannot drift apart.
struct Out {
  std::string text, html;
  void Line(const std::string& t, const std::string& h) { text += t + "\n"; html += h + "\n"; }
};

void RenderAlert(const Ctx& c, const DigestAlert& da, Out& o) {
  const Alert& a = da.alert;
  const std::string munis = a.municipalities.empty() ? c.w.unknown_place : Join(a.municipalities, ", ");
  std::string head = c.w.signal + " #" + std::to_string(a.id);
  std::string sev = c.w.Severity(a.severity);
  o.Line("== " + head + " — " + c.w.severity + ": " + sev + (da.escalated ? " (" + c.w.escalated + ")" : "") +
             ", " + c.w.score + " " + Num(a.score) + " ==",
         "<h2>" + Html(head) + " — " + Html(c.w.severity) + ": <b>" + Html(sev) + "</b>" +
             (da.escalated ? " (" + Html(c.w.escalated) + ")" : "") + ", " + Html(c.w.score) + " " +
             Num(a.score) + "</h2>");
  o.Line(c.w.municipality + ": " + munis, "<p>" + Html(c.w.municipality) + ": " + Html(munis) + "<br>");
  o.Line(c.w.state + ": " + c.w.State(a.state), Html(c.w.state) + ": " + Html(c.w.State(a.state)) + "</p>");
  if (c.opt.detail == "minimal") {
    std::map<std::string, int> cats;
    for (const auto& k : a.contributions) ++cats[k.category];
    std::string t;
    for (const auto& [cat, n] : cats) t += (t.empty() ? "" : ", ") + cat + " (" + std::to_string(n) + ")";
    o.Line(c.w.categories + ": " + t, "<p>" + Html(c.w.categories) + ": " + Html(t) + "<br>");
    std::string ads = c.w.ads + ": " + std::to_string(da.ads.size());
    o.Line(ads, Html(ads) + "</p>");
    o.Line("", "");
    return;
  }
  o.Line(c.w.indicators + ":", "<p>" + Html(c.w.indicators) + ":</p><ul>");
  for (const auto& k : a.contributions) {
    std::string ev = MaskPhones(k.evidence, da.phones);
    std::string lead = "[" + k.category + "] " + k.rule + " (+" + Num(k.points) + ")";
    o.Line("  - " + lead + (ev.empty() ? "" : ": \"" + ev + "\""),
           "<li>" + Html(lead) + (ev.empty() ? "" : ": <mark>" + Html(ev) + "</mark>") + "</li>");
  }
  o.Line(c.w.ads + ":", "</ul><p>" + Html(c.w.ads) + ":</p><ul>");
  for (const auto& ad : da.ads) {
    std::string title = MaskPhones(ad.title, da.phones);
    std::string seen = ad.first_seen == TimePoint{} ? ""
                       : c.w.first_seen + " " + c.Date(ad.first_seen, false) + ", " + c.w.last_seen + " " +
                             c.Date(ad.last_seen, false);
    std::string towns;
    for (const auto& [t, town] : ad.towns) towns += (towns.empty() ? "" : " → ") + town + " (" + c.Date(t, false) + ")";
    const std::string site = ad.site.empty() ? "" : ad.site + ": ";
    const bool url_only = site.empty() && title.empty();
    o.Line("  - " + (url_only ? ad.url : site + title), "<li>" + Html(site) + "<a href=\"" + Html(ad.url) + "\">" +
                                                            Html(title.empty() ? ad.url : title) + "</a><br>");
    if (!url_only) o.text += "    " + ad.url + "\n";
    if (!seen.empty()) o.html += "<small>" + Html(seen) + "</small>\n";
    if (!seen.empty()) o.text += "    " + seen + "\n";
    if (!towns.empty()) o.html += "<br><small>" + Html(c.w.towns) + ": " + Html(towns) + "</small>";
    if (!towns.empty()) o.text += "    " + c.w.towns + ": " + towns + "\n";
    o.html += "</li>\n";
  }
  o.html += "</ul>\n";
  std::string next = c.Meldroute(a.municipalities);
  o.Line(c.w.next + ": " + next, "<p><b>" + Html(c.w.next) + ":</b> " + Html(next) + "</p>");
  o.Line("", "");
}

}  // namespace

Result<RenderedDigest> RenderDigest(const DigestInput& in, const RenderOptions& opt) {
  const Words* w = internal::WordsFor(opt.language);
  if (!w) return Status::InvalidArgument("alerts.language: \"" + opt.language + "\" (expected nl or en)");
  if (opt.detail != "full" && opt.detail != "minimal")
    return Status::InvalidArgument("alerts.detail: \"" + opt.detail + "\" (expected full or minimal)");
  auto tz = TimeZone::Load(opt.time_zone);
  Ctx c{*w, opt, tz.ok() ? *tz : TimeZone::Utc()};

  const std::string scope = in.municipalities.empty() ? w->region : Join(in.municipalities, ", ");
  int crit = 0, fresh = 0, escalated = 0;
  std::map<Severity, int> by_sev;
  for (const auto& da : in.alerts) {
    ++by_sev[da.alert.severity];
    crit += da.alert.severity == Severity::kCritical;
    fresh += da.alert.state == AlertState::kNew && !da.escalated;
    escalated += da.escalated;
  }
  RenderedDigest r;
  const int n = static_cast<int>(in.alerts.size());
  if (in.immediate && n == 1)
    r.subject = "adwatch: " + w->Severity(in.alerts[0].alert.severity) + " " + w->signal_lc + " #" +
                std::to_string(in.alerts[0].alert.id) + " — " + scope;
  else if (n == 0)
    r.subject = "adwatch: " + w->no_new + " — " + scope;
  else
    r.subject = "adwatch: " + std::to_string(n) + " " + (n == 1 ? w->signal_lc : w->signals_lc) +
                (crit ? " (" + std::to_string(crit) + " " + w->Severity(Severity::kCritical) + ")" : "") + " — " + scope;

  Out o;
  o.html = "<!DOCTYPE html>\n<html lang=\"" + opt.language + "\"><head><meta charset=\"utf-8\"><title>" +
           Html(r.subject) + "</title></head><body>\n";
  o.Line(w->title + " — " + scope, "<h1>" + Html(w->title) + " — " + Html(scope) + "</h1>");
  o.Line(w->made + ": " + c.Date(in.generated, true) + " (" + c.tz.name() + ")",
         "<p>" + Html(w->made) + ": " + c.Date(in.generated, true) + " (" + Html(c.tz.name()) + ")</p>");
  o.Line("", "");
  std::string summary = n == 0 ? w->no_new + "."
                               : w->Summary(n, fresh, escalated, in.open_alerts);
  std::string sevs;
  for (auto s : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow})
    if (by_sev.count(s)) sevs += (sevs.empty() ? "" : ", ") + w->Severity(s) + " " + std::to_string(by_sev[s]);
  o.Line(w->summary + ": " + summary, "<p><b>" + Html(w->summary) + ":</b> " + Html(summary) + "<br>");
  o.Line(sevs.empty() ? "" : w->per_severity + ": " + sevs,
         sevs.empty() ? "</p>" : Html(w->per_severity) + ": " + Html(sevs) + "</p>");
  o.Line("", "");
  for (const auto& da : in.alerts) RenderAlert(c, da, o);
  o.Line("-- ", "<hr>");
  o.Line(w->footer, "<p><small>" + Html(w->footer) + "</small></p>");
  o.html += "</body></html>\n";
  r.text = std::move(o.text);
  r.html = std::move(o.html);
  return r;
}

}  // namespace adwatch
