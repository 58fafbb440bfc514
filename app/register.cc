// The register of processing, built as a small document (sections of
// paragraphs and tables) and written as Markdown or HTML. The fixed parts
// describe what adwatch itself does; everything that varies comes from the
// configuration, so the register changes when the configuration does.
#include "app/register.h"
#include "core/text.h"

#include <chrono>
#include <set>

namespace adwatch {
namespace {

struct Section {
  std::string title;
  std::vector<std::string> paragraphs;
  std::vector<std::vector<std::string>> table;  // first row: header
  std::vector<std::string> list;
};

std::string Days(Duration d) {
  const auto h = std::chrono::duration_cast<std::chrono::hours>(d).count();
  if (h % 24 == 0) return std::to_string(h / 24) + " dagen";
  return std::to_string(h) + " uur";
}

std::string Describe(const std::string& value, const std::vector<DocumentedValue>& documented) {
  if (value.empty()) return "(niet ingevuld)";
  ParsedValue p = ParseDocumented(value, documented);
  if (p.code.empty()) return p.free_text + " (vrije tekst, geen gedocumenteerde waarde)";
  return p.code + ": " + p.meaning + (p.free_text.empty() ? "" : "; " + p.free_text);
}

std::string Host(const std::string& url) {
  auto b = url.find("://");
  b = b == std::string::npos ? 0 : b + 3;
  return url.substr(b, url.find('/', b) - b);
}

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "-" : s;
}

std::vector<Section> Build(const Config& c) {
  std::vector<Section> doc;
  doc.push_back({"Verwerkingsverantwoordelijke",
                 {"Verantwoordelijke: " + (c.register_.controller.empty() ? "(niet ingevuld: [register] controller)"
                                                                          : c.register_.controller),
                  "Functionaris gegevensbescherming (FG): " +
                      (c.register_.dpo.empty() ? "(niet ingevuld: [register] dpo)" : c.register_.dpo),
                  "Systeem: adwatch, signalering van mogelijke mensenhandel in sekswerkadvertenties. Een signaal is "
                  "geen bevinding: elke melding wordt door een genoemde medewerker beoordeeld; er volgt geen "
                  "geautomatiseerd besluit (AVG art. 22). De indicatoren zijn handgeschreven regels met bron en "
                  "versie, geen lerend systeem."},
                 {},
                 {}});
  Section sites{"Doeleinden en grondslagen per bron", {}, {{"bron", "hosts", "doel", "grondslag"}}, {}};
  for (const SiteConfig& s : c.sites) {
    std::set<std::string> hosts;
    for (const auto& u : s.start_urls) hosts.insert(Host(u));
    for (const auto& h : s.allowed_hosts) hosts.insert(h);
    sites.table.push_back({s.name, Join({hosts.begin(), hosts.end()}), Describe(s.purpose, DocumentedPurposes()),
                           Describe(s.legal_basis, DocumentedLegalBases())});
  }
  if (c.sites.empty()) sites.paragraphs.push_back("Geen bronnen geconfigureerd.");
  if (c.scope.enabled) {
    std::string margin = c.scope.border_towns.empty() ? "geen" : Join(c.scope.border_towns);
    sites.paragraphs.push_back("Afbakening: alleen advertenties over " + Join(c.scope.municipalities) +
                               " (grensstrook: " + margin +
                               "). Een advertentie die alleen plaatsen daarbuiten noemt, wordt niet bewaard; van haar "
                               "adres blijft alleen een gesleutelde hash om het crawlen te plannen.");
  } else {
    sites.paragraphs.push_back("Afbakening: uit ([scope] enabled = false): advertenties uit alle regio's worden bewaard.");
  }
  sites.paragraphs.push_back("Alleen openbare pagina's: geen inlog, geen nepaccounts, geen formulieren of berichten "
                             "aan adverteerders.");
  doc.push_back(sites);
  doc.push_back({"Categorieën betrokkenen",
                 {},
                 {},
                 {"Adverteerders op sekswerksites en personen van wie een telefoonnummer in een advertentie staat.",
                  "Medewerkers die signalen ontvangen, beoordelen, opvragen of wissen (in het auditlog)."}});
  doc.push_back({"Categorieën persoonsgegevens",
                 {"Een aparte verzameling advertenties van sekswerksites betreft gegevens over het seksuele leven "
                  "(bijzondere persoonsgegevens, AVG art. 9)."},
                 {},
                 {"Advertenties: tekst, titel, (werk)naam, opgegeven leeftijd, plaats, prijzen, adressen van foto's "
                  "(geen beelden: foto's worden niet gedownload, geen gezichtsherkenning).",
                  "Telefoonnummers (E.164) en hun gesleutelde pseudoniem (HMAC-SHA256, sleutel buiten de database).",
                  "Afgeleide signalen: indicatortreffers met bewijsfragment, koppelingen tussen advertenties, "
                  "waarnemingen (nummer, plaats, tijd), scores en meldingen met hun beoordeling.",
                  "Medewerkers: naam of gebruikersnaam, e-mailadres, handelingen met tijdstip en reden."}});
  Section rec{"Ontvangers", {}, {{"gemeente", "ontvangers"}}, {}};
  for (const MunicipalityConfig& m : c.alerts.municipalities) rec.table.push_back({m.name, Join(m.recipients)});
  rec.table.push_back({"(regio)", Join(c.alerts.region_recipients)});
  rec.table.push_back({"(overige plaatsen)", Join(c.alerts.fallback_recipients)});
  rec.paragraphs.push_back(std::string("Berichten: ") + (c.alerts.detail == "minimal" ? "minimaal (alleen nummers van "
                                                                                        "meldingen en aantallen)"
                                                                                      : "volledig, met gemaskeerde "
                                                                                        "nummers, zonder foto's") +
                           "; verzending via " + (c.alerts.transport == "smtp" ? "SMTP" : "bestanden (" +
                                                                                              c.alerts.out_dir + ")") +
                           ".");
  doc.push_back(rec);
  doc.push_back({"Bewaartermijnen",
                 {"Verwijdering is echt (rijen weg, ruimte teruggegeven) en dagelijks; elke opschoning staat in het "
                  "auditlog. Geanonimiseerde tellingen voor de evaluatie (gemeente, kwartaal, indicator, uitkomst) "
                  "blijven bewaard; zij bevatten geen persoonsgegevens."},
                 {{"gegevens", "termijn"},
                  {"advertenties zonder melding (na laatst gezien)", Days(c.retention.unflagged_ads)},
                  {"advertenties met melding, meldingen zonder vervolg", Days(c.retention.flagged_ads)},
                  {"verzonden berichten in de outbox", Days(c.retention.outbox)},
                  {"te crawlen adressen die nergens meer gevonden worden", Days(c.retention.frontier)},
                  {"waarnemingen (nummer of groep, plaats, tijd)", Days(c.retention.sightings)},
                  {"koppelingen tussen advertenties (groepen)", Days(c.retention.entities)},
                  {"geanonimiseerde evaluatietellingen (hele jaren)", Days(c.retention.statistics)},
                  {"auditlog", Days(c.retention.audit_log)}},
                 {c.minimise.enabled
                      ? "Minimalisatie: " + Days(c.minimise.after) +
                            " na het eerste zien houdt een advertentie zonder melding alleen wat koppelen nodig heeft "
                            "(gesleutelde pseudoniemen van nummers, een gesleutelde tekstvingerafdruk, plaats, "
                            "eerst en laatst gezien); tekst, naam, foto's, prijzen en nummers in klare tekst gaan weg."
                      : "Minimalisatie: uit ([minimise] enabled = false)."}});
  doc.push_back({"Beveiligingsmaatregelen",
                 {},
                 {},
                 {"Telefoonnummers buiten signalen alleen als gesleuteld pseudoniem in berichten, logs en exports aan "
                  "derden; de sleutel staat buiten de database (" + c.store.pseudonym_key + ").",
                  "Advertentieteksten, bewijsfragmenten en telefoonnummers zijn in de database versleuteld "
                  "(libsodium secretbox, sleutel afgeleid van de pseudoniemsleutel): een kopie van het "
                  "databasebestand alleen toont ze niet.",
                  "Auditlog van wie wat opvroeg, beoordeelde, verzond, exporteerde of wiste, met reden; een "
                  "gesleutelde hashketen maakt gewijzigde of verwijderde regels zichtbaar (`adwatch audit verify`).",
                  std::string("Mail: ") + (c.alerts.smtp.require_tls ? "STARTTLS verplicht" : "STARTTLS NIET verplicht") +
                      "; logs bevatten boven debug-niveau geen persoonsgegevens.",
                  "Bestanden alleen leesbaar voor de adwatch-gebruiker (umask 077); SQLite overschrijft gewiste "
                  "gegevens (secure_delete).",
                  "Rechten van betrokkenen: inzage (`adwatch export`, zonder gegevens van anderen) en wissen "
                  "(`adwatch forget`, inclusief berichten en de lijst van ontvangers die moeten worden ingelicht)."}});
  Section proc{"Verwerkers", {}, {}, c.register_.processors};
  if (proc.list.empty()) proc.paragraphs.push_back("Geen opgegeven ([register] processors).");
  doc.push_back(proc);
  doc.push_back({"Doorgifte buiten de EER", {"adwatch geeft geen gegevens door buiten de EER."}, {}, {}});
  return doc;
}

std::string Escape(const std::string& s) { return HtmlEscape(s); }

std::string Cell(const std::string& s) {
  std::string o;
  for (char ch : s) o += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return o;
}

}  // namespace

const std::vector<DocumentedValue>& DocumentedPurposes() {
  static const std::vector<DocumentedValue> v = {
      {"signalering-mensenhandel",
       "signalering van mogelijke mensenhandel in sekswerkadvertenties voor menselijke beoordeling door de gemeente"},
      {"toezicht-seksbedrijven", "toezicht op de vergunningplicht voor seksbedrijven (APV)"},
      {"demo", "demonstratie met synthetische advertenties"},
  };
  return v;
}

const std::vector<DocumentedValue>& DocumentedLegalBases() {
  static const std::vector<DocumentedValue> v = {
      {"publieke-taak", "AVG art. 6 lid 1 sub e (taak van algemeen belang) met art. 9 lid 2 sub g, op de grondslag "
                        "die de gemeente met de FG vastlegt (Gemeentewet, APV)"},
      {"wettelijke-verplichting", "AVG art. 6 lid 1 sub c (wettelijke verplichting)"},
      {"demo", "geen verwerking van echte personen (synthetische gegevens)"},
  };
  return v;
}

ParsedValue ParseDocumented(const std::string& value, const std::vector<DocumentedValue>& documented) {
  ParsedValue p;
  const size_t sep = value.find_first_of(":;");
  std::string head = value.substr(0, sep);
  while (!head.empty() && head.back() == ' ') head.pop_back();
  for (const DocumentedValue& d : documented) {
    if (head == d.code) {
      p.code = d.code;
      p.meaning = d.meaning;
      if (sep != std::string::npos) {
        p.free_text = value.substr(sep + 1);
        p.free_text.erase(0, p.free_text.find_first_not_of(' '));
      }
      return p;
    }
  }
  p.free_text = value;
  return p;
}

std::string ProcessingRegister(const Config& config, const std::string& generated, bool html) {
  const std::vector<Section> doc = Build(config);
  const std::string title = "Register van verwerkingen (AVG art. 30): adwatch";
  const std::string made = "Opgesteld uit de configuratie op " + generated + " door `adwatch report processing`.";
  std::string o;
  if (!html) {
    o += "# " + title + "\n\n" + made + "\n";
    for (const Section& s : doc) {
      o += (o.size() > 1 && o.compare(o.size() - 2, 2, "\n\n") == 0 ? "## " : "\n## ") + s.title + "\n\n";
      for (const auto& p : s.paragraphs) o += p + "\n\n";
      for (const auto& l : s.list) o += "- " + l + "\n";
      if (!s.list.empty()) o += "\n";
      for (size_t r = 0; r < s.table.size(); ++r) {
        o += "|";
        for (const auto& c : s.table[r]) o += " " + Cell(c) + " |";
        o += "\n";
        if (r == 0) {
          o += "|";
          for (size_t i = 0; i < s.table[r].size(); ++i) o += "---|";
          o += "\n";
        }
      }
    }
    while (o.size() > 1 && o[o.size() - 1] == '\n' && o[o.size() - 2] == '\n') o.pop_back();
    return o;
  }
  o += "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + Escape(title) +
       "</title></head><body>\n<h1>" + Escape(title) + "</h1>\n<p>" + Escape(made) + "</p>\n";
  for (const Section& s : doc) {
    o += "<h2>" + Escape(s.title) + "</h2>\n";
    for (const auto& p : s.paragraphs) o += "<p>" + Escape(p) + "</p>\n";
    if (!s.list.empty()) {
      o += "<ul>\n";
      for (const auto& l : s.list) o += "<li>" + Escape(l) + "</li>\n";
      o += "</ul>\n";
    }
    if (!s.table.empty()) {
      o += "<table>\n";
      for (size_t r = 0; r < s.table.size(); ++r) {
        o += "<tr>";
        for (const auto& c : s.table[r]) o += (r == 0 ? "<th>" : "<td>") + Escape(c) + (r == 0 ? "</th>" : "</td>");
        o += "</tr>\n";
      }
      o += "</table>\n";
    }
  }
  return o + "</body></html>\n";
}

}  // namespace adwatch
