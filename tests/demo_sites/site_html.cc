// demo-html: a classic server-rendered ad site. Regions and towns with
// paginated ad cards, detail pages with a facts list, price table and photos;
// phone numbers as text, tel: links, wa.me links or only inside the text.
#include <algorithm>

#include "tests/demo_sites/sites.h"

namespace adwatch::demo {
namespace {

constexpr int kPageSize = 20;

std::string Page(const std::string& title, const std::string& canonical, const std::string& main) {
  return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + Esc(title) +
         " | ZuidDates</title>\n<link rel=\"canonical\" href=\"" + canonical +
         "\">\n<link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body>\n"
         "<header class=\"site-header\"><a href=\"/\" class=\"logo\">ZuidDates</a> "
         "<a href=\"/account/login\">Inloggen</a></header>\n<main>\n" + main +
         "</main>\n<footer><p>Alle advertenties zijn van adverteerders zelf. Minimumleeftijd 18 jaar."
         "</p></footer>\n</body></html>\n";
}

std::string Card(const AdView& ad) {
  int from = ad.rates.empty() ? 0 : ad.rates.front().eur;
  for (const Rate& r : ad.rates) from = std::min(from, r.eur);
  std::string age = ad.age ? "<span class=\"ad-age\">" + std::to_string(ad.age) + " jaar</span>" : "";
  return "<article class=\"ad-card\" data-ad-id=\"" + ad.id + "\"><a class=\"ad-link\" href=\"" + ad.path +
         "\"><h2 class=\"ad-title\">" + Esc(ad.title) + "</h2></a>\n<span class=\"ad-city\">" +
         Esc(Places()[static_cast<size_t>(ad.place)].name) + "</span> " + age +
         " <span class=\"ad-price\">vanaf &euro; " + std::to_string(from) + "</span> <time datetime=\"" +
         Iso8601(ad.posted).substr(0, 10) + "\">" + HumanDate(ad.posted, "nl") + "</time></article>\n";
}

Response Listing(const SiteEnv& env, const Request& req, int region, int place) {
  Network::Filter f{region, place};
  const int page = PageParam(req);
  const int total = env.net.TotalPages(kHtml, f, env.epoch, kPageSize);
  if (page < 1) return MakeResponse(400, kHtmlType, Page("Fout", "", "<p>Ongeldige pagina.</p>\n"), 0);
  if (page > total) return MakeResponse(404, kHtmlType, Page("Niet gevonden", "", "<p>Deze pagina bestaat niet.</p>\n"), 0);
  const std::string& reg = Regions()[static_cast<size_t>(region)];
  std::string title = place >= 0 ? "Dames in " + Places()[static_cast<size_t>(place)].name : "Regio " + reg;
  std::string m = "<h1>" + Esc(title) + "</h1>\n";
  if (place < 0) {
    m += "<ul class=\"cities\">\n";
    for (const Place& p : Places()) {
      if (p.region == reg) m += "<li><a href=\"/regio/" + reg + "/" + p.slug + "\">" + Esc(p.name) + "</a></li>\n";
    }
    m += "</ul>\n";
  }
  m += "<section class=\"ads\">\n";
  for (uint64_t index : env.net.Page(kHtml, f, env.epoch, page, kPageSize)) m += Card(env.net.View(index, env.epoch, false));
  m += "</section>\n<nav class=\"pagination\">";
  if (page > 1) m += "<a class=\"prev\" rel=\"prev\" href=\"" + req.path + "?page=" + std::to_string(page - 1) + "\">&laquo; Vorige</a> ";
  m += "<span class=\"current\">Pagina " + std::to_string(page) + " van " + std::to_string(total) + "</span>";
  if (page < total) m += " <a class=\"next\" rel=\"next\" href=\"" + req.path + "?page=" + std::to_string(page + 1) + "\">Volgende &raquo;</a>";
  m += "</nav>\n";
  std::string canonical = env.origins[kHtml] + req.path + (page > 1 ? "?page=" + std::to_string(page) : "");
  return MakeResponse(200, kHtmlType, Page(title, canonical, m), EpochTime(env.epoch));
}

std::string Paragraphs(const AdView& ad) {
  std::string out;
  for (const std::string& p : ad.paragraphs) {
    std::string e = Esc(p);
    for (size_t i = 0; (i = e.find('\n', i)) != std::string::npos;) e.replace(i, 1, "<br>\n"), i += 5;
    out += "<p>" + e + "</p>\n";
  }
  return out;
}

Response Detail(const SiteEnv& env, const std::string& id) {
  uint64_t index = 0;
  Life life = env.net.ParseId(kHtml, id, &index) ? env.net.LifeAt(index, env.epoch) : Life::kUnborn;
  if (life == Life::kUnborn) {
    return MakeResponse(404, kHtmlType, Page("Niet gevonden", "", "<p>Deze advertentie bestaat niet.</p>\n"), 0);
  }
  if (life == Life::kVanished) {
    return MakeResponse(410, kHtmlType, Page("Verlopen", "", "<p class=\"gone\">Deze advertentie is niet meer beschikbaar.</p>\n"), 0);
  }
  AdView ad = env.net.View(index, env.epoch);
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  std::string m = "<nav class=\"breadcrumb\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/regio/" + place.region + "\">" +
                  place.region + "</a> &rsaquo; <a href=\"/regio/" + place.region + "/" + place.slug + "\">" +
                  Esc(place.name) + "</a></nav>\n<article class=\"ad-detail\" data-ad-id=\"" + ad.id + "\">\n" +
                  "<h1 class=\"ad-title\">" + Esc(ad.title) + "</h1>\n<dl class=\"ad-facts\">\n" +
                  "<dt>Naam</dt><dd class=\"ad-name\">" + Esc(ad.name) + "</dd>\n";
  if (!ad.age_field.empty()) m += "<dt>Leeftijd</dt><dd class=\"ad-age\">" + Esc(ad.age_field) + "</dd>\n";
  m += "<dt>Plaats</dt><dd class=\"ad-city\">" + Esc(place.name) + "</dd>\n";
  if (!ad.phone_field.empty()) m += "<dt>Telefoon</dt><dd class=\"ad-phone\">" + Esc(ad.phone_field) + "</dd>\n";
  m += "<dt>Geplaatst</dt><dd><time class=\"ad-posted\" datetime=\"" + Iso8601(ad.posted) + "\">" +
       HumanDate(ad.posted, "nl") + "</time></dd>\n<dt>Advertentienummer</dt><dd class=\"ad-ref\">" + ad.id + "</dd>\n</dl>\n";
  if (!ad.tel_link.empty() || !ad.wa_link.empty()) {
    m += "<p class=\"ad-contact\">";
    if (!ad.tel_link.empty()) m += "<a class=\"tel-link\" href=\"" + ad.tel_link + "\">Bel " + Esc(ad.name) + "</a> ";
    if (!ad.wa_link.empty()) m += "<a class=\"wa-link\" href=\"" + ad.wa_link + "\">WhatsApp</a>";
    m += "</p>\n";
  }
  m += "<div class=\"ad-description\" lang=\"" + ad.lang + "\">\n" + Paragraphs(ad) + "</div>\n";
  m += "<table class=\"ad-prices\"><tr><th>Duur</th><th>Prijs</th></tr>\n";
  for (const Rate& r : ad.rates) m += "<tr><td>" + Esc(r.label) + "</td><td>&euro; " + std::to_string(r.eur) + "</td></tr>\n";
  m += "</table>\n<div class=\"ad-photos\">\n";
  for (int k = 1; k <= ad.photo_count; ++k) {
    m += "<img src=\"/foto/" + ad.id + "-" + std::to_string(k) + ".jpg\" alt=\"Foto " + std::to_string(k) + " van " + Esc(ad.name) + "\">\n";
  }
  m += "</div>\n<p class=\"report\"><a href=\"/account/melden?ad=" + ad.id + "\">Advertentie melden</a></p>\n</article>\n";
  return MakeResponse(200, kHtmlType, Page(ad.title, CanonicalUrl(ad, env.origins), m), ad.updated);
}

Response Home(const SiteEnv& env) {
  std::string m = "<h1>Erotische advertenties in Limburg en omgeving</h1>\n<ul class=\"regions\">\n";
  static const char* kNames[] = {"Zuid-Limburg", "Rest van Nederland", "Belgi\xc3\xab", "Duitsland"};
  for (size_t r = 0; r < Regions().size(); ++r) {
    m += "<li><a href=\"/regio/" + Regions()[r] + "\">" + kNames[r] + "</a></li>\n";
  }
  m += "</ul>\n<form action=\"/zoeken\"><input name=\"q\"><button>Zoeken</button></form>\n";
  return MakeResponse(200, kHtmlType, Page("Home", env.origins[kHtml] + "/", m), EpochTime(env.epoch));
}

}  // namespace

Response ServeHtmlSite(const SiteEnv& env, const Request& req) {
  const std::string& path = req.path;
  if (path == "/robots.txt") return RobotsTxt(kHtml, env);
  Response sm;
  if (Sitemap(kHtml, env, path, &sm)) return sm;
  if (path == "/") return Home(env);
  auto parts = PathParts(path);
  if (parts.size() == 2 && parts[0] == "advertentie") return Detail(env, parts[1]);
  if (parts.size() == 2 && parts[0] == "foto") return Photo();
  if ((parts.size() == 2 || parts.size() == 3) && parts[0] == "regio") {
    auto it = std::find(Regions().begin(), Regions().end(), parts[1]);
    if (it != Regions().end()) {
      int region = static_cast<int>(it - Regions().begin());
      if (parts.size() == 2) return Listing(env, req, region, -1);
      int place = FindPlaceBySlug(parts[2]);
      if (place >= 0 && Places()[static_cast<size_t>(place)].region == parts[1]) return Listing(env, req, region, place);
    }
  }
  if (path == "/zoeken") return MakeResponse(200, kHtmlType, Page("Zoeken", "", "<p>Geen resultaten.</p>\n"), 0);
  return MakeResponse(404, kHtmlType, Page("Niet gevonden", "", "<p>Pagina niet gevonden.</p>\n"), 0);
}

}  // namespace adwatch::demo
