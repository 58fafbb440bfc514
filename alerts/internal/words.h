// The words of a digest, per language (nl default, en). Internal to alerts/.
#pragma once

#include <string>

#include "core/alert.h"

namespace adwatch::internal {

struct Words {
  std::string title, made, summary, per_severity, region, no_new, signal, signal_lc, signals_lc;
  std::string severity, escalated, score, municipality, state, categories, ads, indicators;
  std::string first_seen, last_seen, towns, next, unknown_place, meldroute_default, footer;
  std::string sev[5];       // none, low, medium, high, critical
  std::string states[5];    // new, sent, acknowledged, dismissed, closed
  std::string summary_fmt;  // %N in message, %F new, %E escalated, %O open
  std::string Severity(adwatch::Severity s) const { return sev[static_cast<int>(s)]; }
  std::string State(AlertState s) const { return states[static_cast<int>(s)]; }
  std::string Summary(int n, int fresh, int escalated, int open) const {
    std::string s = summary_fmt;
    auto put = [&](const std::string& key, int v) {
      for (size_t p; (p = s.find(key)) != std::string::npos;) s.replace(p, key.size(), std::to_string(v));
    };
    put("%N", n);
    put("%F", fresh);
    put("%E", escalated);
    put("%O", open);
    return s;
  }
};

inline const Words* WordsFor(const std::string& lang) {
  static const Words nl{
      "adwatch — overzicht van signalen", "Gemaakt", "Samenvatting", "Per ernst", "hele regio",
      "geen nieuwe signalen", "Signaal", "signaal", "signalen",
      "ernst", "verhoogd", "score", "Gemeente(n)", "Status", "Indicatorcategorieën", "Advertenties",
      "Indicatoren (met bewijs)",
      "eerst gezien", "laatst gezien", "plaatsen in de tijd", "Wat nu",
      "onbekende plaats",
      "Beoordeel het signaal met de aandachtsfunctionaris mensenhandel. Bij risicofactoren of "
      "vermoedens: bespreek het in het casusoverleg van het RIEC Limburg en meld bij de AVIM (politie); "
      "bij zorgen over geweld of uitbuiting thuis: Veilig Thuis. Acuut gevaar: 112. Leg de "
      "beoordeling vast met: adwatch alerts decide ID --outcome ... --note ...",
      "Een signaal is geen bewijs. adwatch toont indicatoren uit openbare advertenties voor "
      "menselijke beoordeling; de meeste advertenties zijn van zelfstandige sekswerkers. Neem geen "
      "maatregelen op grond van dit bericht alleen. Dit bericht bevat persoonsgegevens: niet doorsturen.",
      {"geen", "laag", "middel", "hoog", "kritiek"},
      {"nieuw", "verzonden", "in behandeling", "afgewezen", "gesloten"},
      "%N signalen in dit bericht (%F nieuw, %E verhoogd); %O open signalen in totaal."};
  static const Words en{
      "adwatch — signal digest", "Generated", "Summary", "By severity", "whole region",
      "no new signals", "Signal", "signal", "signals",
      "severity", "escalated", "score", "Municipality", "State", "Indicator categories", "Ads",
      "Indicators (with evidence)",
      "first seen", "last seen", "towns over time", "What next",
      "unknown place",
      "Review the signal with the human trafficking coordinator. For risk factors or suspicions: "
      "discuss it in the RIEC Limburg case meeting and report to the AVIM (police); for concerns "
      "about domestic violence or exploitation: Veilig Thuis. Immediate danger: 112. Record the "
      "assessment with: adwatch alerts decide ID --outcome ... --note ...",
      "A signal is not proof. adwatch shows indicators from public ads for human review; most ads "
      "are by independent sex workers. Take no measures on the basis of this message alone. This "
      "message contains personal data: do not forward.",
      {"none", "low", "medium", "high", "critical"},
      {"new", "sent", "acknowledged", "dismissed", "closed"},
      "%N signals in this message (%F new, %E escalated); %O open signals in total."};
  if (lang == "nl" || lang.empty()) return &nl;
  if (lang == "en") return &en;
  return nullptr;
}

}  // namespace adwatch::internal
