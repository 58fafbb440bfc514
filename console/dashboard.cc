// The dashboard per municipality and quarter: signals by category, outcomes,
// cases passed on by destination, time from signal to assessment, crawl
// health per site; each table also as CSV. Counts only: no ad content, so the
// data protection officer and the administrator see it too. And the audit log
// page for those two roles.
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "alerts/review.h"
#include "alerts/tz.h"
#include "console/internal.h"

namespace adwatch::console::internal {
namespace {

struct Table {
  std::string id;      // "categorieen": CSV name and element ids
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
  bool chart = false;  // first column labels, second column counts
};

struct Quarter {
  int year = 2026, q = 1;
  TimePoint begin{}, end{};
  std::string key() const { return std::to_string(year) + "-K" + std::to_string(q); }
};

Quarter QuarterOf(int year, int q) {
  const TimeZone tz = [] { auto t = TimeZone::Load("Europe/Amsterdam"); return t.ok() ? *t : TimeZone::Utc(); }();
  Quarter out{year, q, {}, {}};
  CivilTime b;
  b.year = year, b.month = (q - 1) * 3 + 1, b.day = 1;
  CivilTime e = b;
  e.month += 3;
  if (e.month > 12) e.month -= 12, e.year += 1;
  out.begin = tz.FromLocal(b), out.end = tz.FromLocal(e);
  return out;
}

Quarter ParseQuarter(const std::string& s, TimePoint now) {
  int y = 0, q = 0;
  if (sscanf(s.c_str(), "%d-K%d", &y, &q) == 2 && y >= 2000 && y <= 2100 && q >= 1 && q <= 4) return QuarterOf(y, q);
  CivilTime c = CivilFromUnix(ToUnixSeconds(now));
  return QuarterOf(c.year, (c.month - 1) / 3 + 1);
}

std::vector<Table> Build(Ctx& c, const Quarter& q, const std::string& municipality) {
  std::vector<std::string> scope = ScopeMunicipalities(c.viewer.user);
  auto alerts = c.store.ListAlerts(AlertQuery{{}, "", {}, 100000});
  std::map<std::string, int> categories, outcomes, forwarded;
  std::vector<double> days;
  int total = 0;
  if (alerts.ok())
    for (const Alert& a : *alerts) {
      if (a.created < q.begin || a.created >= q.end) continue;
      auto has = [&](const std::string& m) {
        return std::find(a.municipalities.begin(), a.municipalities.end(), m) != a.municipalities.end();
      };
      if (!municipality.empty() && !has(municipality)) continue;
      if (!scope.empty() && std::none_of(scope.begin(), scope.end(), has)) continue;
      ++total;
      std::set<std::string> cats;
      for (const auto& k : a.contributions)
        if (k.points > 0) cats.insert(k.category);
      for (const auto& k : cats) ++categories[CategoryLabel(k)];
      auto oc = c.store.AlertOutcomes(a.id);
      if (!oc.ok() || oc->empty()) {
        ++outcomes[a.state == AlertState::kDismissed ? "afgewezen zonder beoordeling" : "nog niet beoordeeld"];
        continue;
      }
      ++outcomes[OutcomeLabel(oc->back().outcome)];
      days.push_back(std::chrono::duration<double>(oc->front().at - a.created).count() / 86400.0);
      std::set<std::string> orgs;
      for (const auto& o : *oc)
        if (!o.forwarded_to.empty()) orgs.insert(o.forwarded_to);
      for (const auto& o : orgs) ++forwarded[o];
    }
  std::vector<Table> out;
  auto counts = [](const std::map<std::string, int>& m) {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, v] : m) rows.push_back({k, std::to_string(v)});
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return std::stoi(a[1]) > std::stoi(b[1]); });
    return rows;
  };
  out.push_back({"categorieen", "Signalen per soort aanwijzing (" + std::to_string(total) + (total == 1 ? " signaal)" : " signalen)"),
                 {"soort", "signalen"}, counts(categories), true});
  out.push_back({"uitkomsten", "Uitkomsten van de beoordeling", {"uitkomst", "signalen"}, counts(outcomes), true});
  out.push_back({"doorgezet", "Doorgezet naar", {"organisatie", "signalen"}, counts(forwarded), true});
  Table t{"doorlooptijd", "Tijd van signaal tot beoordeling", {"maat", "dagen"}, {}, false};
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    char buf[32];
    snprintf(buf, sizeof buf, "%.1f", days[days.size() / 2]);
    t.rows.push_back({"mediaan", buf});
    double sum = 0;
    for (double d : days) sum += d;
    snprintf(buf, sizeof buf, "%.1f", sum / days.size());
    t.rows.push_back({"gemiddeld", buf});
    snprintf(buf, sizeof buf, "%.1f", days.back());
    t.rows.push_back({"langst", buf});
    t.rows.push_back({"beoordeeld (aantal)", std::to_string(days.size())});
  }
  out.push_back(std::move(t));
  Table crawl{"crawl", "Crawlen per site", {"site", "advertenties live", "pagina's opgehaald", "laatste ronde", "dekking", "fouten"}, {}, false};
  for (const auto& s : c.config.sites) {
    auto counters = c.store.GetSiteCounters(s.name);
    auto last = c.store.LastCycle(s.name);
    std::string when = "nog niet", coverage = "—";
    if (last.ok() && *last) {
      const CycleState& cs = **last;
      when = cs.finished ? FormatDateTime(*cs.finished) : "bezig sinds " + FormatDateTime(cs.started);
      if (cs.finished)
        coverage = std::to_string(cs.coverage.listing_fetched) + "/" + std::to_string(cs.coverage.listing_planned) +
                   " overzichten, " + std::to_string(cs.coverage.detail_fetched) + "/" +
                   std::to_string(cs.coverage.detail_planned) + " advertenties";
    }
    int64_t errors = 0;
    if (counters.ok())
      for (const auto& [k, v] : counters->errors) errors += v;
    crawl.rows.push_back({s.name, counters.ok() ? std::to_string(counters->ads_live) : "?",
                          counters.ok() ? std::to_string(counters->pages_fetched) : "?", when, coverage,
                          std::to_string(errors)});
  }
  out.push_back(std::move(crawl));
  return out;
}

std::string CsvField(const std::string& s) {
  std::string v = s;
  // A cell starting with = + - @ is a formula to spreadsheets: quote it as text.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

HttpResponse DashboardPage(Ctx& c) {
  Quarter q = ParseQuarter(c.Q("kwartaal"), c.clock.Now());
  std::string municipality = c.Q("gemeente");
  std::vector<std::string> options = ScopeMunicipalities(c.viewer.user);
  bool all_allowed = options.empty();
  if (all_allowed)
    for (const auto& m : c.config.alerts.municipalities) options.push_back(m.name);
  if (!municipality.empty() && std::find(options.begin(), options.end(), municipality) == options.end())
    municipality.clear();
  std::string b = "<form method=\"get\" action=\"/dashboard\" class=\"filters\" aria-label=\"Filters\">"
                  "<div class=\"field\"><label for=\"gemeente\">Gemeente</label><select id=\"gemeente\" name=\"gemeente\">"
                  "<option value=\"\">" + std::string(all_allowed ? "alle gemeenten" : "mijn gemeenten") + "</option>";
  for (const auto& m : options)
    b += "<option value=\"" + Escape(m) + "\"" + (m == municipality ? " selected" : "") + ">" + Escape(m) + "</option>";
  b += "</select></div><div class=\"field\"><label for=\"kwartaal\">Kwartaal</label><select id=\"kwartaal\" "
       "name=\"kwartaal\">";
  Quarter now_q = ParseQuarter("", c.clock.Now());
  for (int i = 0; i < 8; ++i) {
    int idx = now_q.year * 4 + (now_q.q - 1) - i;
    Quarter o = QuarterOf(idx / 4, idx % 4 + 1);
    b += "<option value=\"" + o.key() + "\"" + (o.key() == q.key() ? " selected" : "") + ">" + std::to_string(o.year) +
         " kwartaal " + std::to_string(o.q) + "</option>";
  }
  b += "</select></div><button type=\"submit\">Toon</button></form>";
  std::string params = "gemeente=" + UrlEncode(municipality) + "&amp;kwartaal=" + q.key();
  for (const Table& t : Build(c, q, municipality)) {
    b += "<section aria-labelledby=\"h-" + t.id + "\"><h2 id=\"h-" + t.id + "\">" + Escape(t.title) + "</h2>";
    if (t.rows.empty()) {
      b += "<p>Geen gegevens in deze periode.</p>";
    } else {
      if (t.chart) {
        nlohmann::json data = {{"title", t.title}, {"labels", nlohmann::json::array()}, {"values", nlohmann::json::array()}};
        for (const auto& r : t.rows) data["labels"].push_back(r[0]), data["values"].push_back(std::stoi(r[1]));
        std::string js = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        // "</" inside a script block would end it.
        for (size_t p = js.find("</"); p != std::string::npos; p = js.find("</", p)) js.replace(p, 2, "<\\/");
        b += "<div class=\"chart\"><canvas data-chart=\"data-" + t.id + "\" role=\"img\" aria-label=\"Grafiek: " +
             Escape(t.title) + " (de cijfers staan in de tabel)\"></canvas></div><script type=\"application/json\" id=\"data-" +
             t.id + "\">" + js + "</script>";
      }
      b += "<table id=\"table-" + t.id + "\"><thead><tr>";
      for (size_t i = 0; i < t.columns.size(); ++i)
        b += "<th scope=\"col\"" + std::string(i ? " class=\"num\"" : "") + ">" + Escape(t.columns[i]) + "</th>";
      b += "</tr></thead><tbody>";
      for (const auto& r : t.rows) {
        b += "<tr>";
        for (size_t i = 0; i < r.size(); ++i)
          b += i == 0 ? "<th scope=\"row\">" + Escape(r[i]) + "</th>" : "<td class=\"num\">" + Escape(r[i]) + "</td>";
        b += "</tr>";
      }
      b += "</tbody></table>";
    }
    b += "<p><a href=\"/dashboard.csv?tabel=" + t.id + "&amp;" + params + "\" aria-label=\"" + Escape(t.title) +
         " als CSV\">Download als CSV</a></p></section>";
  }
  b += "<script src=\"/static/chart.js\" defer></script>";
  return HtmlResponse(c.Render("Overzicht " + std::to_string(q.year) + " kwartaal " + std::to_string(q.q) +
                                   (municipality.empty() ? "" : " · " + municipality),
                               b));
}

HttpResponse DashboardCsv(Ctx& c) {
  Quarter q = ParseQuarter(c.Q("kwartaal"), c.clock.Now());
  std::string municipality = c.Q("gemeente");
  auto scope = ScopeMunicipalities(c.viewer.user);
  if (!municipality.empty() && !scope.empty() && std::find(scope.begin(), scope.end(), municipality) == scope.end())
    return NotFound(c);
  for (const Table& t : Build(c, q, municipality)) {
    if (t.id != c.Q("tabel")) continue;
    std::string csv;
    for (size_t i = 0; i < t.columns.size(); ++i) csv += (i ? "," : "") + CsvField(t.columns[i]);
    csv += "\r\n";
    for (const auto& r : t.rows) {
      for (size_t i = 0; i < r.size(); ++i) csv += (i ? "," : "") + CsvField(r[i]);
      csv += "\r\n";
    }
    HttpResponse resp;
    resp.content_type = "text/csv; charset=utf-8";
    resp.body = csv;
    resp.headers.push_back({"Content-Disposition", "attachment; filename=\"adwatch-" + t.id + "-" + q.key() + ".csv\""});
    return resp;
  }
  return NotFound(c);
}

HttpResponse IndicatorPage(Ctx& c) {
  if (c.viewer.user.role == "coordinator") return NotFound(c);
  auto rows = IndicatorReport(c.store);
  if (!rows.ok()) return HtmlResponse(c.Render("Indicatoren", "<p class=\"error\">Niet beschikbaar.</p>"), 503);
  std::map<std::string, std::string> descriptions;
  for (const auto& r : c.config.matcher.rules) descriptions[r.id] = r.description;
  std::string b = "<p class=\"hint\">Per aanwijzing: bij hoeveel signalen zij meetelde en hoe die signalen zijn "
                  "beoordeeld. Een aanwijzing die vaak meetelt maar zelden tot een zorgelijke uitkomst leidt, is een "
                  "kandidaat om te herzien.</p><table><thead><tr><th scope=\"col\">Aanwijzing</th><th scope=\"col\" "
                  "class=\"num\">Signalen</th><th scope=\"col\" class=\"num\">Niet beoordeeld</th><th scope=\"col\" "
                  "class=\"num\">Afgewezen</th><th scope=\"col\" class=\"num\">Zorgelijk beoordeeld</th></tr></thead><tbody>";
  for (const auto& r : *rows) {
    double p = r.Precision();
    char share[32];
    snprintf(share, sizeof share, "%.0f%%", p * 100);
    std::string d = descriptions.count(r.rule) && !descriptions[r.rule].empty() ? descriptions[r.rule] : CategoryLabel(r.category);
    b += "<tr><th scope=\"row\">" + Escape(d) + " <span class=\"hint\">(" + Escape(r.rule) + ")</span></th><td class=\"num\">" +
         std::to_string(r.alerts) + "</td><td class=\"num\">" + std::to_string(r.undecided) + "</td><td class=\"num\">" +
         std::to_string(r.dismissed) + "</td><td class=\"num\">" + (p < 0 ? std::string("—") : std::string(share)) +
         "</td></tr>";
  }
  b += "</tbody></table>";
  return HtmlResponse(c.Render("Indicatoren", b));
}

HttpResponse AuditPage(Ctx& c) {
  if (c.viewer.user.role != "dpo" && c.viewer.user.role != "admin") return NotFound(c);
  AuditQuery aq;
  aq.action = c.Q("actie");
  aq.since = c.clock.Now() - std::chrono::hours(24 * 90);
  aq.limit = 100000;
  auto entries = c.store.ListAudit(aq);
  std::string b = "<form method=\"get\" action=\"/audit\" class=\"filters\"><div class=\"field\"><label for=\"actie\">"
                  "Actie</label><input id=\"actie\" name=\"actie\" value=\"" + Escape(aq.action) +
                  "\"></div><button type=\"submit\">Toon</button></form><p class=\"hint\">De laatste 90 dagen, nieuwste "
                  "eerst (hooguit 500).</p>";
  b += "<table><thead><tr><th scope=\"col\">Tijd</th><th scope=\"col\">Wie</th><th scope=\"col\">Actie</th>"
       "<th scope=\"col\">Details</th></tr></thead><tbody>";
  if (entries.ok()) {
    int n = 0;
    for (auto it = entries->rbegin(); it != entries->rend() && n < 500; ++it, ++n)
      b += "<tr><td>" + FormatDateTime(it->time) + "</td><td>" + Escape(it->os_user) + "</td><td>" + Escape(it->action) +
           "</td><td>" + Escape(it->detail) + "</td></tr>";
  }
  b += "</tbody></table>";
  return HtmlResponse(c.Render("Auditlog", b));
}

}  // namespace adwatch::console::internal
