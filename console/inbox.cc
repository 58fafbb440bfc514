// The inbox: the signals in the user's scope, filtered by municipality,
// status, severity and period, with counts per status.
#include <algorithm>
#include <set>

#include "alerts/review.h"
#include "console/internal.h"

namespace adwatch::console::internal {
namespace {

struct Filter {
  std::string municipality;
  std::string status;    // "open" (default), "beoordeeld", "afgewezen", "gesloten", "alle"
  std::string severity;  // "", "low" … "critical"
  int days = 0;          // 0 = any time
};

std::string Select(const std::string& id, const std::string& label,
                   const std::vector<std::pair<std::string, std::string>>& options, const std::string& chosen) {
  std::string out = "<div class=\"field\"><label for=\"" + id + "\">" + label + "</label><select id=\"" + id +
                    "\" name=\"" + id + "\">";
  for (const auto& [v, l] : options)
    out += "<option value=\"" + Escape(v) + "\"" + (v == chosen ? " selected" : "") + ">" + Escape(l) + "</option>";
  return out + "</select></div>";
}

// A signal on many ads may name twenty municipalities: a coordinator sees
// their own first and how many others; everyone sees at most three names in
// the list (all of them on the signal page).
std::string MunicipalitiesText(const ConsoleUser& u, const Alert& a) {
  std::vector<std::string> first, rest;
  for (const auto& m : a.municipalities)
    (std::find(u.municipalities.begin(), u.municipalities.end(), m) != u.municipalities.end() ? first : rest).push_back(m);
  first.insert(first.end(), rest.begin(), rest.end());
  if (first.empty()) return "onbekend";
  const size_t shown = first.size() > 4 ? 3 : first.size();
  std::string out;
  for (size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + first[i];
  const size_t more = first.size() - shown;
  if (more > 0) out += " en " + std::to_string(more) + " andere";
  return out;
}

// The kinds of indicator behind a signal, strongest first (at most three).
std::string IndicatorsText(const Alert& a) {
  std::vector<std::pair<double, std::string>> cats;
  for (const auto& k : a.contributions)
    if (k.points > 0) cats.push_back({k.points, CategoryLabel(k.category)});
  std::stable_sort(cats.begin(), cats.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  std::string out;
  std::set<std::string> seen;
  for (const auto& [points, name] : cats) {
    if (!seen.insert(name).second) continue;
    if (seen.size() > 3) return out + ", …";
    out += (out.empty() ? "" : ", ") + name;
  }
  return out.empty() ? "—" : out;
}

}  // namespace

HttpResponse InboxPage(Ctx& c) {
  Filter f{c.Q("gemeente"), c.Q("status"), c.Q("ernst"), std::atoi(c.Q("periode").c_str())};
  if (f.status.empty()) f.status = "open";
  auto alerts = c.store.ListAlerts(AlertQuery{{}, "", {}, 100000});
  if (!alerts.ok()) return HtmlResponse(c.Render("Signalen", "<p class=\"error\">De gegevens zijn even niet "
                                                             "beschikbaar.</p>"), 503);
  TimePoint now = c.clock.Now();
  std::map<std::string, int> counts;
  std::set<std::string> munis;
  std::vector<const Alert*> shown;
  for (const Alert& a : *alerts) {
    if (!InScope(c.viewer.user, a)) continue;
    for (const auto& m : a.municipalities) munis.insert(m);
    if (!f.municipality.empty() &&
        std::find(a.municipalities.begin(), a.municipalities.end(), f.municipality) == a.municipalities.end())
      continue;
    if (f.days > 0 && a.updated < now - std::chrono::hours(24 * f.days)) continue;
    if (!f.severity.empty() && f.severity != ToString(a.severity)) continue;
    auto outcomes = c.store.AlertOutcomes(a.id);
    bool assessed = outcomes.ok() && !outcomes->empty();
    std::string bucket = a.state == AlertState::kDismissed ? "afgewezen"
                         : a.state == AlertState::kClosed  ? "gesloten"
                         : assessed                        ? "beoordeeld"
                                                           : "open";
    ++counts[bucket];
    if (f.status == "alle" || f.status == bucket) shown.push_back(&a);
  }
  for (const auto& m : c.viewer.user.municipalities) munis.insert(m);
  // Most severe first, then the most recently updated.
  std::stable_sort(shown.begin(), shown.end(), [](const Alert* a, const Alert* b) {
    return a->severity != b->severity ? a->severity > b->severity : a->updated > b->updated;
  });

  std::vector<std::pair<std::string, std::string>> muni_opts = {{"", "alle gemeenten"}};
  for (const auto& m : munis) muni_opts.push_back({m, m});
  std::string body = "<form method=\"get\" action=\"/\" class=\"filters\" aria-label=\"Filters\">" +
                     Select("gemeente", "Gemeente", muni_opts, f.municipality) +
                     Select("status", "Status",
                            {{"open", "open (nog niet beoordeeld)"}, {"beoordeeld", "beoordeeld"},
                             {"afgewezen", "afgewezen"}, {"gesloten", "gesloten"}, {"alle", "alle"}},
                            f.status) +
                     Select("ernst", "Ernst",
                            {{"", "alle"}, {"critical", "kritiek"}, {"high", "hoog"}, {"medium", "middel"},
                             {"low", "laag"}},
                            f.severity) +
                     Select("periode", "Periode",
                            {{"", "altijd"}, {"7", "laatste 7 dagen"}, {"30", "laatste 30 dagen"},
                             {"90", "laatste 90 dagen"}, {"365", "laatste jaar"}},
                            f.days ? std::to_string(f.days) : "") +
                     "<button type=\"submit\">Toon</button></form>";
  body += "<ul class=\"counts\" aria-label=\"Aantallen\">";
  for (const char* k : {"open", "beoordeeld", "afgewezen", "gesloten"})
    body += "<li>" + std::string(k) + ": <strong id=\"count-" + k + "\">" + std::to_string(counts[k]) + "</strong></li>";
  body += "</ul>";
  if (shown.empty()) {
    body += "<p>Geen signalen met deze filters.</p>";
  } else {
    body += "<table><caption class=\"hint\">" + std::to_string(shown.size()) +
            (shown.size() == 1 ? " signaal" : " signalen") +
            "</caption><thead><tr><th scope=\"col\">Signaal</th><th scope=\"col\">Ernst</th><th scope=\"col\">"
            "Aanwijzingen</th><th scope=\"col\">Gemeente</th><th scope=\"col\">Status</th><th scope=\"col\">Beoordeling</th><th scope=\"col\">"
            "Bijgewerkt</th></tr></thead><tbody>";
    for (const Alert* a : shown) {
      std::string all;
      for (const auto& m : a->municipalities) all += (all.empty() ? "" : ", ") + m;
      auto outcomes = c.store.AlertOutcomes(a->id);
      std::string outcome = outcomes.ok() && !outcomes->empty() ? OutcomeLabel(outcomes->back().outcome) : "—";
      body += "<tr><td class=\"nowrap\"><a href=\"/signals/" + std::to_string(a->id) + "\">Signaal " + std::to_string(a->id) +
              "</a></td><td><span class=\"sev sev-" + ToString(a->severity) + "\">" + SeverityLabel(a->severity) +
              "</span></td><td>" + Escape(IndicatorsText(*a)) + "</td><td title=\"" + Escape(all) + "\">" +
              Escape(MunicipalitiesText(c.viewer.user, *a)) + "</td><td>" +
              StateLabel(a->state) + "</td><td>" + Escape(outcome) + "</td><td class=\"nowrap\">" + FormatDateTime(a->updated) +
              "</td></tr>";
    }
    body += "</tbody></table>";
  }
  return HtmlResponse(c.Render("Signalen", body));
}

}  // namespace adwatch::console::internal
