// One signal: indicators in Dutch with the matched words highlighted, the
// archived ads, places over time, linked ads, earlier signals of the same
// subject, the history, and the assessment and re-route forms. Also the page
// of one archived ad with every stored version.
#include <algorithm>
#include <set>

#include "alerts/explain.h"
#include "alerts/review.h"
#include "console/internal.h"

namespace adwatch::console::internal {
namespace {

struct Loaded {
  Alert alert;
  std::vector<StoredEntity> entities;
  std::vector<AdKey> keys;
  std::vector<AdRecord> ads;  // those still in the store
};

// The alert if it exists and is the user's; nullopt answers "not found".
std::optional<Loaded> LoadInScope(Ctx& c, int64_t id) {
  if (!SeesContent(c.viewer.user)) return std::nullopt;
  auto a = c.store.GetAlert(id);
  if (!a.ok() || !InScope(c.viewer.user, *a)) return std::nullopt;
  Loaded l;
  l.alert = *a;
  if (a->subject_key.rfind("entity:", 0) == 0) {
    auto e = c.store.LoadEntities();
    if (e.ok()) l.entities = std::move(*e);
  }
  l.keys = AdsOfAlert(l.alert, l.entities);
  for (const auto& k : l.keys)
    if (auto r = c.store.LoadAd(k); r.ok()) l.ads.push_back(std::move(*r));
  return l;
}

const std::string& FieldOf(const Ad& ad, const std::string& field) {
  static const std::string empty;
  if (field == "title") return ad.title;
  if (field == "text") return ad.text;
  if (field == "name") return ad.name;
  if (field == "age") return ad.stated_age;
  if (field == "city") return ad.city;
  if (field == "price") return ad.price;
  if (field == "posted") return ad.posted;
  return empty;
}

// Moves a byte offset back (or forward) to the start of a UTF-8 character.
size_t CharStart(const std::string& s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return std::min(i, s.size());
}

// "… words before <mark>the match</mark> words after …", escaped.
std::string Snippet(const std::string& text, size_t begin, size_t end) {
  if (begin >= end || end > text.size()) return "";
  size_t from = CharStart(text, begin > 60 ? begin - 60 : 0);
  size_t to = CharStart(text, std::min(text.size(), end + 60));
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  return (from > 0 ? "… " : "") + Escape(text.substr(from, begin - from)) + "<mark>" +
         Escape(text.substr(begin, end - begin)) + "</mark>" + Escape(text.substr(end, to - end)) +
         (to < text.size() ? " …" : "");
}

std::string Plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string Strength(double points) {
  if (points >= 25) return "sterke aanwijzing";
  if (points >= 10) return "aanwijzing";
  return "zwakke aanwijzing";
}

std::string Indicators(Ctx& c, const Loaded& l) {
  std::map<std::string, const RuleSpec*> rules;
  for (const auto& r : c.config.matcher.rules) rules[r.id] = &r;
  std::string out = "<ul class=\"indicators\">";
  for (const Contribution& k : l.alert.contributions) {
    std::string sentence;
    std::string snippets;
    if (IsCrossAd(k)) {
      // Said from the stored counts (alerts/explain.h); the phrase a template family shares is ad text.
      for (const CrossAdLine& line : CrossAdLines(k, "nl")) {
        sentence += (sentence.empty() ? "" : " ") + line.sentence;
        if (!line.phrase.empty()) snippets += "<li class=\"snippet\">“" + Escape(line.phrase) + "”</li>";
      }
    } else {
      std::stringstream ids(k.rule);
      std::string id;
      while (std::getline(ids, id, ',')) {
        auto it = rules.find(id);
        std::string desc = it != rules.end() && !it->second->description.empty() ? it->second->description : "";
        for (const AdRecord& ad : l.ads) {
          for (const Hit& h : ad.signals.hits) {
            if (h.rule != id) continue;
            if (desc.empty()) desc = h.description;
            std::string snip = Snippet(FieldOf(ad.ad, h.field), h.begin, h.end);
            if (!snip.empty() && snippets.find(snip) == std::string::npos)
              snippets += "<li class=\"snippet\">" + snip + "</li>";
            break;
          }
          if (!snippets.empty()) break;
        }
        if (desc.empty()) desc = "Een aanwijzing in de categorie " + k.category;
        sentence += (sentence.empty() ? "" : " ") + desc + (desc.back() == '.' ? "" : ".");
      }
    }
    out += "<li><p>" + Escape(sentence) + " <span class=\"hint\">(" + Strength(k.points) + ", " +
           Plural(static_cast<int>(k.points + 0.5), "punt", "punten") + ")</span></p>";
    if (!snippets.empty()) out += "<ul>" + snippets + "</ul>";
    out += "</li>";
  }
  return out + "</ul>";
}

// A site's "posted" as a reader writes dates: "2026-10-27T00:00:00Z" -> "27-10-2026";
// a time of day other than midnight stays, anything else is shown as the site gave it.
std::string PostedText(const std::string& posted) {
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= posted.size() || !isdigit(static_cast<unsigned char>(posted[i]))) return false;
    return true;
  };
  if (!(digits(0, 4) && posted.size() >= 10 && posted[4] == '-' && digits(5, 2) && posted[7] == '-' && digits(8, 2)))
    return posted;
  std::string date = posted.substr(8, 2) + "-" + posted.substr(5, 2) + "-" + posted.substr(0, 4);
  const std::string rest = posted.substr(10);
  if (rest.empty() || rest == "T00:00:00Z" || rest == "T00:00:00" || rest == " 00:00:00") return date;
  return date + " (" + posted + ")";
}

std::string AdLink(const AdKey& k) { return "/ads/" + UrlEncode(k.site) + "/" + UrlEncode(k.id); }

std::string AssessForm(Ctx& c, const Loaded& l, bool assessed_before) {
  const int64_t id = l.alert.id;
  std::string f = "<form method=\"post\" action=\"/signals/" + std::to_string(id) + "/assess\" id=\"assess\">" +
                  CsrfField(c.viewer.session.csrf) + "<fieldset><legend>Uitkomst</legend>";
  for (Outcome o : {Outcome::kGeenMensenhandel, Outcome::kRisicofactoren, Outcome::kErnstigeVermoedens,
                    Outcome::kMensenhandel}) {
    std::string v = ToString(o);
    f += "<div class=\"choice\"><input type=\"radio\" name=\"outcome\" id=\"outcome-" + v + "\" value=\"" + v +
         "\" required aria-describedby=\"def-" + v + "\"><div><label for=\"outcome-" + v + "\">" +
         Escape(OutcomeLabel(o)) + "</label><p id=\"def-" + v + "\">" + Escape(OutcomeDefinition(o)) + "</p></div></div>";
  }
  f += "</fieldset><div class=\"field\"><label for=\"forwarded_to\">Doorgezet naar</label><select id=\"forwarded_to\" "
       "name=\"forwarded_to\">";
  for (const auto& d : Destinations())
    f += "<option value=\"" + std::string(d.key) + "\"" + (std::string(d.key) == "geen" ? " selected" : "") + ">" +
         (*d.name ? Escape(d.name) : "niet doorgezet") + "</option>";
  f += "</select></div>"
       "<div class=\"field\"><label for=\"registration\">Registratienummer bij Veilig Thuis</label>"
       "<input id=\"registration\" name=\"registration\" aria-describedby=\"registration-hint\">"
       "<p class=\"hint\" id=\"registration-hint\">Verplicht als het signaal naar Veilig Thuis is doorgezet.</p></div>"
       "<div class=\"field\"><label for=\"passed_on\">Datum doorgezet</label>"
       "<input type=\"date\" id=\"passed_on\" name=\"passed_on\" value=\"" + DateInputValue(c.clock.Now()) +
       "\" aria-describedby=\"passed-hint\"><p class=\"hint\" id=\"passed-hint\">Telt alleen als het is doorgezet."
       "</p></div>"
       "<div class=\"field\"><label for=\"note\">Toelichting</label><textarea id=\"note\" name=\"note\" required>"
       "</textarea></div>"
       "<div class=\"field\"><label for=\"look_again\">Opnieuw bekijken op (optioneel)</label>"
       "<input type=\"date\" id=\"look_again\" name=\"look_again\"></div>";
  if (assessed_before)
    f += "<div class=\"field\"><label for=\"reason\">Reden van de wijziging</label><textarea id=\"reason\" "
         "name=\"reason\" required aria-describedby=\"reason-hint\"></textarea><p class=\"hint\" id=\"reason-hint\">"
         "Dit signaal is al beoordeeld. De eerdere beoordeling blijft bewaard.</p></div>";
  f += std::string("<button type=\"submit\">") + (assessed_before ? "Wijziging vastleggen" : "Beoordeling vastleggen") +
       "</button></form>";
  // Verkeerde gemeente.
  f += "<h3>Verkeerde gemeente?</h3><form method=\"post\" action=\"/signals/" + std::to_string(id) +
       "/reroute\" id=\"reroute\">" + CsrfField(c.viewer.session.csrf) +
       "<div class=\"field\"><label for=\"municipality\">Juiste gemeente</label><select id=\"municipality\" "
       "name=\"municipality\" required><option value=\"\">kies een gemeente</option>";
  for (const auto& m : c.config.alerts.municipalities)
    f += "<option value=\"" + Escape(m.name) + "\">" + Escape(m.name) + "</option>";
  f += "</select></div><div class=\"field\"><label for=\"reroute_note\">Toelichting</label><textarea "
       "id=\"reroute_note\" name=\"note\" required></textarea></div><button type=\"submit\">Naar deze gemeente "
       "sturen</button></form>";
  return f;
}

}  // namespace

HttpResponse SignalPage(Ctx& c, int64_t id, const std::string& message, const std::string& error) {
  auto l = LoadInScope(c, id);
  if (!l) return NotFound(c);
  if (!c.Audit("console-view-signal", "alert " + std::to_string(id)))
    return HtmlResponse(c.Render("Signaal", "<p class=\"error\">Het auditlog is niet beschikbaar.</p>"), 503);
  const Alert& a = l->alert;
  std::string munis;
  for (const auto& m : a.municipalities) munis += (munis.empty() ? "" : ", ") + m;
  std::string b;
  if (!message.empty() || c.Q("vastgelegd") == "1")
    b += "<p class=\"notice\" role=\"status\">" + Escape(message.empty() ? "De beoordeling is vastgelegd." : message) +
         "</p>";
  if (!error.empty()) b += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  b += "<p><span class=\"sev sev-" + std::string(ToString(a.severity)) + "\">" + SeverityLabel(a.severity) +
       "</span> Score " + std::to_string(static_cast<int>(a.score + 0.5)) +
       ": een signaal ontstaat vanaf " + std::to_string(static_cast<int>(c.config.matcher.alert_threshold)) +
       " punten, kritiek is het vanaf " + std::to_string(static_cast<int>(c.config.matcher.critical_threshold)) +
       " punten of bij een harde aanwijzing (zoals een leeftijd onder de 18).</p>";
  b += "<dl class=\"meta\"><dt>Gemeente</dt><dd>" + Escape(munis.empty() ? "onbekend" : munis) + "</dd><dt>Status</dt><dd>" +
       StateLabel(a.state) + "</dd><dt>Eerst gezien</dt><dd>" + FormatDateTime(a.created) +
       "</dd><dt>Bijgewerkt</dt><dd>" + FormatDateTime(a.updated) + "</dd></dl>";
  b += "<p class=\"hint\">Een signaal is geen bewijs: het vraagt om een beoordeling door een mens.</p>";
  b += "<h2>Aanwijzingen</h2>" + Indicators(c, *l);

  // The ads as archived.
  b += "<h2>Advertenties (gearchiveerd)</h2><p class=\"hint\">Zoals adwatch ze heeft opgeslagen; de live pagina's en "
       "foto's worden nooit geladen.</p>";
  if (l->ads.empty()) b += "<p>De advertenties zijn niet meer bewaard.</p>";
  else {
    b += "<table><thead><tr><th scope=\"col\">Advertentie</th><th scope=\"col\">Site</th><th scope=\"col\">Naam</th>"
         "<th scope=\"col\">Eerst gezien</th><th scope=\"col\">Laatst gezien</th></tr></thead><tbody>";
    for (const AdRecord& r : l->ads)
      b += "<tr><td><a href=\"" + AdLink(KeyOf(r.ad)) + "\">" + Escape(r.ad.title.empty() ? "(zonder titel)" : r.ad.title) +
           "</a></td><td>" + Escape(r.ad.site) + "</td><td>" + Escape(r.ad.name) + "</td><td>" +
           FormatDate(r.first_seen) + "</td><td>" + FormatDate(r.last_seen) + (r.live ? "" : " (verdwenen)") +
           "</td></tr>";
    b += "</tbody></table>";
  }

  // Places over time.
  std::vector<std::tuple<TimePoint, std::string, std::string>> places;
  for (const AdRecord& r : l->ads) {
    auto versions = c.store.LoadAdVersions(KeyOf(r.ad));
    std::string last;
    if (versions.ok())
      for (const auto& v : *versions)
        if (!v.ad.city.empty() && v.ad.city != last) places.emplace_back(v.first_seen, last = v.ad.city, r.ad.title);
  }
  std::sort(places.begin(), places.end());
  b += "<h2>Plaatsen in de tijd</h2>";
  if (places.empty()) b += "<p>Geen plaatsen bekend.</p>";
  else {
    b += "<table><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Plaats</th><th scope=\"col\">Advertentie</th>"
         "</tr></thead><tbody>";
    for (const auto& [t, place, title] : places)
      b += "<tr><td>" + FormatDate(t) + "</td><td>" + Escape(place) + "</td><td>" + Escape(title) + "</td></tr>";
    b += "</tbody></table>";
  }

  // Other ads with the same phone numbers, not part of this signal.
  std::set<AdKey> own(l->keys.begin(), l->keys.end()), linked;
  for (const AdRecord& r : l->ads)
    for (const auto& p : r.signals.phones)
      if (auto ks = c.store.AdsWithPhone(p.e164); ks.ok())
        for (const auto& k : *ks)
          if (!own.count(k)) linked.insert(k);
  b += "<h2>Gekoppelde advertenties</h2>";
  if (l->keys.size() > 1)
    b += "<p>Dit signaal gaat over " + Plural(static_cast<int>(l->keys.size()), "advertentie", "advertenties") +
         " die via hetzelfde telefoonnummer of dezelfde tekst aan elkaar gekoppeld zijn (zie hierboven).</p>";
  if (linked.empty()) b += "<p>Geen andere advertenties met hetzelfde telefoonnummer.</p>";
  else {
    b += "<p>Andere advertenties met hetzelfde telefoonnummer:</p><ul>";
    for (const auto& k : linked) {
      auto r = c.store.LoadAd(k);
      if (r.ok()) b += "<li>" + Escape(r->ad.site) + ": " + Escape(r->ad.title) + " (eerst gezien " + FormatDate(r->first_seen) + ")</li>";
    }
    b += "</ul>";
  }

  // Earlier signals of the same subject.
  b += "<h2>Eerdere signalen over hetzelfde</h2>";
  std::string earlier;
  if (auto all = c.store.ListAlerts(AlertQuery{{}, "", {}, 100000}); all.ok())
    for (const Alert& o : *all) {
      if (o.id == a.id || o.subject_key != a.subject_key || !InScope(c.viewer.user, o)) continue;
      auto oc = c.store.AlertOutcomes(o.id);
      earlier += "<li><a href=\"/signals/" + std::to_string(o.id) + "\">Signaal " + std::to_string(o.id) + "</a> van " +
                 FormatDate(o.created) + ": " + StateLabel(o.state) +
                 (oc.ok() && !oc->empty() ? std::string(", ") + OutcomeLabel(oc->back().outcome) : "") + "</li>";
    }
  b += earlier.empty() ? "<p>Geen eerdere signalen.</p>" : "<ul>" + earlier + "</ul>";

  // History and assessments.
  auto history = c.store.AlertHistory(id);
  auto outcomes = c.store.AlertOutcomes(id);
  b += "<h2>Beoordelingen</h2>";
  if (!outcomes.ok() || outcomes->empty()) b += "<p id=\"no-assessment\">Nog niet beoordeeld.</p>";
  else {
    b += "<table id=\"assessments\"><thead><tr><th scope=\"col\">Datum</th><th scope=\"col\">Door</th><th scope=\"col\">"
         "Uitkomst</th><th scope=\"col\">Doorgezet naar</th><th scope=\"col\">Toelichting</th></tr></thead><tbody>";
    for (const auto& o : *outcomes) {
      std::string fw = o.forwarded_to.empty() ? "—" : Escape(o.forwarded_to);
      if (!o.registration.empty()) fw += " (nr. " + Escape(o.registration) + ")";
      if (o.passed_on) fw += " op " + FormatDate(*o.passed_on);
      std::string note = Escape(o.note);
      if (!o.reason.empty()) note += "<br><em>Gewijzigd omdat:</em> " + Escape(o.reason);
      if (o.look_again) note += "<br><em>Opnieuw bekijken op</em> " + FormatDate(*o.look_again);
      b += "<tr><td>" + FormatDateTime(o.at) + "</td><td class=\"nowrap\">" + Escape(WhoLabel(o.who)) + "</td><td>" + Escape(OutcomeLabel(o.outcome)) +
           "</td><td>" + fw + "</td><td>" + note + "</td></tr>";
    }
    b += "</tbody></table>";
  }
  const bool assessed_before = outcomes.ok() && !outcomes->empty();
  // Once assessed, the form is for changing it: say so, so nobody fills it in twice.
  b += assessed_before ? "<h2>Beoordeling wijzigen</h2><p class=\"hint\">Alleen nodig als de beoordeling hierboven "
                         "niet meer klopt; beide blijven bewaard.</p>"
                       : "<h2>Beoordeling vastleggen</h2>";
  b += AssessForm(c, *l, assessed_before);
  b += "<h2>Geschiedenis</h2><ul>";
  if (history.ok())
    for (const auto& h : *history)
      b += "<li>" + FormatDateTime(h.at) + " — " + (h.from == h.to && !h.note.empty() ? std::string("") :
           std::string(StateLabel(h.to)) + " ") + "(" + Escape(WhoLabel(h.who)) + ")" +
           (h.note.empty() ? "" : ": " + Escape(HistoryNote(h.note))) +
           "</li>";
  b += "</ul>";
  return HtmlResponse(c.Render("Signaal " + std::to_string(id), b), error.empty() ? 200 : 400);
}

HttpResponse AssessPost(Ctx& c, int64_t id) {
  auto l = LoadInScope(c, id);
  if (!l) return NotFound(c);
  Assessment as;
  std::string err;
  if (!ParseOutcome(c.F("outcome"), &as.outcome) || as.outcome == Outcome::kNone) err = "Kies een uitkomst.";
  std::string dest = c.F("forwarded_to");
  if (err.empty() && !dest.empty() && !ParseForwardedTo(dest, &as.forwarded_to)) err = "Onbekende organisatie.";
  as.registration = c.F("registration");
  as.note = c.F("note");
  as.reason = c.F("reason");
  TimePoint t;
  if (!as.forwarded_to.empty() && !c.F("passed_on").empty()) {
    if (!ParseDateInput(c.F("passed_on"), &t)) err = "De datum doorgezet is geen geldige datum.";
    else as.passed_on = t;
  }
  if (!c.F("look_again").empty()) {
    if (!ParseDateInput(c.F("look_again"), &t)) err = "De datum om opnieuw te bekijken is geen geldige datum.";
    else as.look_again = t;
  }
  if (err.empty()) {
    Status st = Assess(c.store, id, as, "console:" + c.viewer.user.name, c.clock.Now());
    if (st.ok()) {
      c.Audit("console-assess", "alert " + std::to_string(id) + " outcome " + ToString(as.outcome) +
                                    (as.forwarded_to.empty() ? "" : " forwarded"));
      return Redirect("/signals/" + std::to_string(id) + "?vastgelegd=1");
    }
    err = st.code() == Status::Code::kInvalidArgument ? st.message() : "Vastleggen mislukt; probeer het opnieuw.";
    if (!err.empty()) err[0] = static_cast<char>(toupper(static_cast<unsigned char>(err[0])));
  }
  return SignalPage(c, id, "", err + (err.back() == '.' ? "" : "."));
}

HttpResponse ReroutePost(Ctx& c, int64_t id) {
  auto l = LoadInScope(c, id);
  if (!l) return NotFound(c);
  std::string m = c.F("municipality");
  bool known = std::any_of(c.config.alerts.municipalities.begin(), c.config.alerts.municipalities.end(),
                           [&](const MunicipalityConfig& x) { return x.name == m; });
  if (!known) return SignalPage(c, id, "", "Kies de juiste gemeente.");
  Status st = Reroute(c.store, id, {m}, "console:" + c.viewer.user.name, c.F("note"), c.clock.Now());
  if (!st.ok()) return SignalPage(c, id, "", st.code() == Status::Code::kInvalidArgument ? "Een toelichting is verplicht."
                                                                                      : "Doorsturen mislukt.");
  c.Audit("console-reroute", "alert " + std::to_string(id));
  return Redirect("/?doorgestuurd=" + std::to_string(id));
}

HttpResponse AdPage(Ctx& c, const AdKey& key) {
  if (!SeesContent(c.viewer.user)) return NotFound(c);
  // In scope if one of the user's signals rests on it.
  auto all = c.store.ListAlerts(AlertQuery{{}, "", {}, 100000});
  if (!all.ok()) return NotFound(c);
  std::vector<StoredEntity> entities;
  bool loaded = false, in_scope = false;
  for (const Alert& a : *all) {
    if (!InScope(c.viewer.user, a)) continue;
    if (!loaded && a.subject_key.rfind("entity:", 0) == 0) {
      if (auto e = c.store.LoadEntities(); e.ok()) entities = std::move(*e);
      loaded = true;
    }
    auto keys = AdsOfAlert(a, entities);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) { in_scope = true; break; }
  }
  auto versions = c.store.LoadAdVersions(key);
  if (!in_scope || !versions.ok() || versions->empty()) return NotFound(c);
  if (!c.Audit("console-view-ad", "ad " + key.site + "/" + key.id))
    return HtmlResponse(c.Render("Advertentie", "<p class=\"error\">Het auditlog is niet beschikbaar.</p>"), 503);
  std::string b = "<p class=\"hint\">Gearchiveerd door adwatch: de tekst en velden van elke opgeslagen versie. De live "
                  "pagina en foto's worden niet geladen.</p>";
  int n = static_cast<int>(versions->size());
  for (int i = n - 1; i >= 0; --i) {
    const Ad& ad = (*versions)[i].ad;
    b += "<section class=\"ad\"><h2>Versie " + std::to_string(i + 1) + " van " + std::to_string(n) + " (eerst gezien " +
         FormatDateTime((*versions)[i].first_seen) + ")</h2><dl>";
    auto row = [&](const char* label, const std::string& v) {
      if (!v.empty()) b += "<dt>" + std::string(label) + "</dt><dd>" + Escape(v) + "</dd>";
    };
    row("Titel", ad.title);
    row("Naam", ad.name);
    row("Leeftijd", ad.stated_age);
    row("Plaats", ad.city);
    row("Prijs", ad.price);
    row("Geplaatst", PostedText(ad.posted));
    std::string phones;
    for (const auto& p : ad.phones) phones += (phones.empty() ? "" : ", ") + p;
    row("Telefoon", phones);
    row("Site", ad.site);
    row("Adres (niet geopend)", ad.url);
    if (!ad.photos.empty()) row("Foto's", std::to_string(ad.photos.size()) + " (niet geladen)");
    b += "</dl><div class=\"adtext\">" + Escape(ad.text) + "</div></section>";
  }
  return HtmlResponse(c.Render("Advertentie: " + (versions->back().ad.title.empty() ? key.id : versions->back().ad.title), b));
}

}  // namespace adwatch::console::internal
