#include "alerts/render.h"
#include "core/text.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "alerts/internal/explain.h"
#include "alerts/internal/words.h"
#include "alerts/tz.h"

namespace adwatch {
namespace {

using internal::Count;
using internal::Fill;
using internal::Words;

std::string Html(const std::string& s) { return HtmlEscape(s); }

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

// A sentence ends with a full stop unless it already ends in one (or in a
// colon that introduces a quote).
std::string Sentence(const std::string& s) {
  if (s.empty()) return s;
  const char last = s.back();
  return last == '.' || last == '!' || last == '?' || last == ':' ? s : s + ".";
}

struct Ctx {
  const Words& w;
  const RenderOptions& opt;
  TimeZone tz;
  bool minimal() const { return opt.detail == "minimal"; }
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
    std::string text = opt.meldroute_default.empty() ? w.meldroute_default : opt.meldroute_default;
    for (const auto& m : municipalities)
      if (auto it = opt.meldroute.find(m); it != opt.meldroute.end()) { text = it->second; break; }
    return Sentence(text) + " " + (opt.console_url.empty() ? w.meldroute_no_console : w.meldroute_console);
  }
  std::string Link(int64_t id) const {
    if (opt.console_url.empty()) return "";
    std::string base = opt.console_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/signals/" + std::to_string(id);
  }
  std::string Municipalities(const Alert& a) const {
    return a.municipalities.empty() ? w.unknown_place : Join(a.municipalities, ", ");
  }
};

// Both bodies are built side by side so they cannot drift apart.
struct Out {
  std::string text, html;
  void Line(const std::string& t, const std::string& h) { text += t + "\n"; html += h + "\n"; }
};

// Ad content in „…”, the matched words marked (*…* in text, <mark> in HTML).
void Quote(const internal::IndicatorLine& l, const std::string& indent, Out& o) {
  if (l.before.empty() && l.match.empty() && l.after.empty()) return;
  const std::string mt = l.match.empty() ? "" : "*" + l.match + "*";
  const std::string mh = l.match.empty() ? "" : "<mark>" + Html(l.match) + "</mark>";
  o.Line(indent + "„" + l.before + mt + l.after + "”", "<br><q>" + Html(l.before) + mh + Html(l.after) + "</q>");
}

std::string SeverityLine(const Ctx& c, const DigestAlert& da, const SeverityReason& why) {
  const Words& w = c.w;
  const std::string score = Num(da.alert.score), alert = Num(c.opt.alert_threshold),
                    crit = Num(c.opt.critical_threshold);
  std::string s;
  if (why.severity == Severity::kCritical && !why.critical_rule.empty())
    s = Fill(w.sev_critical_rule, {why.critical_rule, score, crit});
  else if (why.severity == Severity::kCritical)
    s = Fill(w.sev_critical_score, {score, crit});
  else if (why.severity == Severity::kHigh)
    s = Fill(w.sev_high, {score, alert, crit});
  else
    s = Fill(w.sev_below, {score, alert, w.Severity(why.severity)});
  return w.severity + ": " + s + (da.escalated ? " " + w.escalated_note : "");
}

void RenderAlert(const Ctx& c, const DigestAlert& da, Out& o) {
  const Words& w = c.w;
  const Alert& a = da.alert;
  const SeverityReason why = ExplainSeverity(da, c.opt);
  const std::string head = w.signal + " #" + std::to_string(a.id) + " — " + w.Severity(why.severity);
  o.Line("== " + head + " ==", "<h2>" + Html(head) + "</h2>");
  const std::string sev = SeverityLine(c, da, why);
  const std::string place = (a.municipalities.size() > 1 ? w.municipalities : w.municipality) + ": " + c.Municipalities(a);
  const std::string state = w.state + ": " + w.State(a.state);
  o.Line(sev, "<p>" + Html(sev) + "<br>");
  o.Line(place, Html(place) + "<br>");
  o.Line(state, Html(state) + "</p>");
  if (const std::string link = c.Link(a.id); !link.empty())
    o.Line(w.link + ": " + link, "<p><a href=\"" + Html(link) + "\">" + Html(w.link) + "</a></p>");

  std::vector<internal::IndicatorGroup> groups;
  for (const Contribution& k : a.contributions) groups.push_back(internal::Explain(k, da, c.opt, w));
  if (c.minimal()) {
    std::vector<std::string> names;
    for (const auto& g : groups) names.push_back(g.heading);
    const std::string ind = w.indicators + ": " + Join(names, ", ") + " (" + Count(static_cast<long>(names.size()), w.categories) + ")";
    const std::string ads = w.ads_heading + ": " + std::to_string(da.ads.size());
    o.Line(ind, "<p>" + Html(ind) + "<br>");
    o.Line(ads, Html(ads) + "</p>");
    o.Line("", "");
    return;
  }
  o.Line(w.indicators + ":", "<p>" + Html(w.indicators) + ":</p><ul>");
  for (const auto& g : groups) {
    const std::string lead = g.heading + " (" + Count(std::lround(g.points), w.points_noun) + ")";
    auto sentence = [](const internal::IndicatorLine& l) {
      return Sentence(l.sentence) + (l.strength.empty() ? "" : " " + Sentence(l.strength));
    };
    if (g.lines.size() == 1) {
      const std::string s = sentence(g.lines[0]);
      o.Line("  - " + lead + ": " + s, "<li><b>" + Html(lead) + ":</b> " + Html(s));
      Quote(g.lines[0], "      ", o);
      o.html += "</li>\n";
      continue;
    }
    o.Line("  - " + lead + ":", "<li><b>" + Html(lead) + ":</b><ul>");
    for (const auto& l : g.lines) {
      const std::string s = sentence(l);
      o.Line("      · " + s, "<li>" + Html(s));
      Quote(l, "        ", o);
      o.html += "</li>\n";
    }
    o.html += "</ul></li>\n";
  }
  o.html += "</ul>\n";
  o.Line(w.ads_heading + " (" + std::to_string(da.ads.size()) + "):",
         "<p>" + Html(w.ads_heading) + " (" + std::to_string(da.ads.size()) + "):</p><ul>");
  for (const auto& ad : da.ads) {
    std::string title = MaskPhones(ad.title, da.phones);
    std::string seen = ad.first_seen == TimePoint{} ? ""
                       : w.first_seen + " " + c.Date(ad.first_seen, false) + ", " + w.last_seen + " " +
                             c.Date(ad.last_seen, false);
    std::string towns;
    for (const auto& [t, town] : ad.towns) towns += (towns.empty() ? "" : " → ") + town + " (" + c.Date(t, false) + ")";
    const std::string site = ad.site.empty() ? "" : ad.site + ": ";
    const bool url_only = site.empty() && title.empty();
    o.Line("  - " + (url_only ? ad.url : site + "„" + title + "”"),
           "<li>" + Html(site) + "<a href=\"" + Html(ad.url) + "\">" + Html(title.empty() ? ad.url : title) + "</a><br>");
    if (!url_only) o.text += "    " + ad.url + "\n";
    if (!seen.empty()) o.html += "<small>" + Html(seen) + "</small>\n";
    if (!seen.empty()) o.text += "    " + seen + "\n";
    if (!towns.empty()) o.html += "<br><small>" + Html(w.towns) + ": " + Html(towns) + "</small>";
    if (!towns.empty()) o.text += "    " + w.towns + ": " + towns + "\n";
    o.html += "</li>\n";
  }
  o.html += "</ul>\n";
  o.Line("", "");
}

}  // namespace

SeverityReason ExplainSeverity(const DigestAlert& da, const RenderOptions& opt) {
  SeverityReason r;
  for (const Contribution& k : da.alert.contributions) {
    for (const std::string& id : internal::RuleIds(k)) {
      const DigestHit* hit = nullptr;
      for (const DigestHit& h : da.hits)
        if (h.rule == id) { hit = &h; break; }
      auto rt = opt.rules.find(id);
      const bool critical = rt != opt.rules.end() ? rt->second.severity == Severity::kCritical
                                                  : hit && hit->severity == Severity::kCritical;
      if (!critical) continue;
      r.severity = Severity::kCritical;
      r.critical_rule = rt != opt.rules.end() && !rt->second.description.empty() ? rt->second.description
                        : hit ? hit->description : "";
      if (!r.critical_rule.empty()) return r;
    }
  }
  if (r.severity == Severity::kCritical) return r;
  const double s = da.alert.score;
  r.severity = s >= opt.critical_threshold  ? Severity::kCritical
               : s >= opt.alert_threshold   ? Severity::kHigh
               : s >= opt.alert_threshold / 2 ? Severity::kMedium
               : s > 0                      ? Severity::kLow
                                            : Severity::kNone;
  return r;
}

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
  std::map<std::string, std::map<Severity, int>> by_place;  // municipality -> severity -> count
  std::vector<Severity> shown;
  for (const auto& da : in.alerts) {
    const Severity s = ExplainSeverity(da, opt).severity;
    shown.push_back(s);
    ++by_sev[s];
    // A recipient with a scope sees the counts of their own municipalities.
    for (const auto& m : da.alert.municipalities.empty() ? std::vector<std::string>{w->unknown_place}
                                                         : da.alert.municipalities)
      if (in.municipalities.empty() ||
          std::find(in.municipalities.begin(), in.municipalities.end(), m) != in.municipalities.end())
        ++by_place[m][s];
    crit += s == Severity::kCritical;
    fresh += da.alert.state == AlertState::kNew && !da.escalated;
    escalated += da.escalated;
  }
  RenderedDigest r;
  const int n = static_cast<int>(in.alerts.size());
  if (in.immediate && n == 1)
    r.subject = "adwatch: " + w->Severity(shown[0]) + " " + w->signal_lc + " #" +
                std::to_string(in.alerts[0].alert.id) + " — " + scope;
  else if (n == 0)
    r.subject = "adwatch: " + w->no_new + " — " + scope;
  else
    r.subject = "adwatch: " + Count(n, w->signals) +
                (crit ? " (" + std::to_string(crit) + " " + w->Severity(Severity::kCritical) + ")" : "") + " — " + scope;

  Out o;
  o.html = "<!DOCTYPE html>\n<html lang=\"" + opt.language + "\"><head><meta charset=\"utf-8\"><title>" +
           Html(r.subject) + "</title></head><body>\n";
  o.Line(w->title + " — " + scope, "<h1>" + Html(w->title) + " — " + Html(scope) + "</h1>");
  // Dutch readers know their own time; another zone is named.
  const std::string zone = c.tz.name() == "Europe/Amsterdam" ? "" : " (" + c.tz.name() + ")";
  o.Line(w->made + ": " + c.Date(in.generated, true) + zone,
         "<p>" + Html(w->made) + ": " + c.Date(in.generated, true) + Html(zone) + "</p>");
  o.Line("", "");
  const std::string summary =
      n == 0 ? Sentence(w->no_new)
             : Fill(w->summary_fmt, {Count(n, w->signals), std::to_string(fresh),
                                     escalated ? Fill(w->summary_escalated, {std::to_string(escalated)}) : "",
                                     Count(in.open_alerts, w->open_signals)});
  o.Line(w->summary + ": " + summary, "<p><b>" + Html(w->summary) + ":</b> " + Html(summary));
  auto per_sev = [&](const std::map<Severity, int>& counts) {
    std::string s;
    for (auto sv : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow})
      if (auto it = counts.find(sv); it != counts.end())
        s += (s.empty() ? "" : ", ") + std::to_string(it->second) + " " + w->Severity(sv);
    return s;
  };
  if (n > 1) {  // one signal: its own lines say it
    const std::string sevs = w->per_severity + ": " + per_sev(by_sev) + ".";
    o.Line(sevs, "<br>" + Html(sevs) + "</p>");
    o.Line(w->per_municipality + ":", "<p>" + Html(w->per_municipality) + ":</p><ul>");
    for (const auto& [m, counts] : by_place) {
      int total = 0;
      for (const auto& [sv, k] : counts) total += k;
      const std::string line = m + ": " + Count(total, w->signals) + " (" + per_sev(counts) + ")";
      o.Line("  - " + line, "<li>" + Html(line) + "</li>");
    }
    o.html += "</ul>\n";
  } else {
    o.html += "</p>\n";
  }
  if (n > 0) {
    const std::string legend = Fill(w->legend, {Num(opt.alert_threshold), Num(opt.critical_threshold),
                                                Num(opt.alert_threshold / 2)});
    o.Line(legend, "<p><small>" + Html(legend) + "</small></p>");
  }
  o.Line("", "");
  for (const auto& da : in.alerts) RenderAlert(c, da, o);

  // What to do next, once per distinct route text.
  std::vector<std::pair<std::string, std::vector<std::string>>> routes;  // text -> municipalities
  for (const auto& da : in.alerts) {
    const std::string text = c.Meldroute(da.alert.municipalities);
    auto it = std::find_if(routes.begin(), routes.end(), [&](const auto& r) { return r.first == text; });
    if (it == routes.end()) it = routes.insert(routes.end(), {text, {}});
    for (const auto& m : da.alert.municipalities.empty() ? std::vector<std::string>{w->unknown_place}
                                                         : da.alert.municipalities)
      if (std::find(it->second.begin(), it->second.end(), m) == it->second.end()) it->second.push_back(m);
  }
  for (const auto& [text, munis] : routes) {
    const std::string label = routes.size() == 1 ? w->next : Fill(w->next_for, {Join(munis, ", ")});
    o.Line(label + ": " + text, "<p><b>" + Html(label) + ":</b> " + Html(text) + "</p>");
  }
  if (!routes.empty()) o.Line("", "");
  o.Line("-- ", "<hr>");
  const std::string& footer = c.minimal() ? w->footer_minimal : w->footer_full;
  o.Line(footer, "<p><small>" + Html(footer) + "</small></p>");
  o.html += "</body></html>\n";
  r.text = std::move(o.text);
  r.html = std::move(o.html);
  return r;
}

}  // namespace adwatch
