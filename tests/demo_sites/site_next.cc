// demo-next: a modern site whose pages embed their data as JSON in a
// <script id="__NEXT_DATA__"> tag, as Next.js pages do; the rendered markup
// carries little more than links.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/demo_sites/sites.h"

namespace adwatch::demo {
namespace {

constexpr int kPageSize = 24;
using Json = nlohmann::json;

std::string BuildId(const SiteEnv& env) { return "demo-" + std::to_string(env.net.seed()); }

// JSON inside <script> must not contain "</script>"; escape '<' as Next does.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c"; else out += c;
  }
  return out;
}

// `props` is the pageProps object as JSON text.
std::string Document(const SiteEnv& env, const std::string& title, const std::string& canonical,
                     const std::string& markup, const std::string& page, const Json& query,
                     const std::string& props) {
  const std::string data = "{\"props\":{\"pageProps\":" + props + ",\"__N_SSP\":true},\"page\":" + JsonStr(page) +
                           ",\"query\":" + query.dump() + ",\"buildId\":" + JsonStr(BuildId(env)) +
                           ",\"isFallback\":false,\"gssp\":true,\"scriptLoader\":[]}";
  return "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" "
         "content=\"width=device-width\"/><title>" + Esc(title) + " - Velvet</title>" +
         (canonical.empty() ? std::string() : "<link rel=\"canonical\" href=\"" + canonical + "\"/>") +
         "<script src=\"/_next/static/chunks/main.js\" defer=\"\"></script></head><body><div id=\"__next\">" + markup +
         "</div><script id=\"__NEXT_DATA__\" type=\"application/json\">" + ScriptSafe(data) +
         "</script></body></html>";
}

Response NotFound(const SiteEnv& env) {
  return MakeResponse(404, kHtmlType,
                      Document(env, "404", "", "<h1>404</h1><p>Deze pagina kon niet worden gevonden.</p>", "/404",
                               Json::object(), "{\"statusCode\":404}"),
                      0);
}

Response Listing(const SiteEnv& env, const Request& req, int place) {
  Network::Filter f;
  f.place = place;
  const int page = PageParam(req);
  const int total = env.net.TotalPages(kNext, f, env.epoch, kPageSize);
  if (page < 1 || page > total) return NotFound(env);
  const std::string base = place >= 0 ? "/plaats/" + Places()[static_cast<size_t>(place)].slug : "/ads";
  std::string ads;
  std::string markup = "<main class=\"grid_wrap__x1\"><h1 class=\"title_h1__9f\">" +
                       (place >= 0 ? "Escorts in " + Esc(Places()[static_cast<size_t>(place)].name) : std::string("Alle advertenties")) +
                       "</h1><ul class=\"grid_list__a3\">";
  for (uint64_t index : env.net.Page(kNext, f, env.epoch, page, kPageSize)) {
    AdView ad = env.net.View(index, env.epoch, false);
    int from = ad.rates.empty() ? 0 : ad.rates.front().eur;
    for (const Rate& r : ad.rates) from = std::min(from, r.eur);
    ads += (ads.empty() ? "{" : ",{");
    ads += "\"id\":" + JsonStr(ad.id) + ",\"slug\":" + JsonStr(ad.slug) + ",\"href\":" + JsonStr(ad.path) +
           ",\"title\":" + JsonStr(ad.title) + ",\"city\":" + JsonStr(Places()[static_cast<size_t>(ad.place)].name) +
           ",\"age\":" + (ad.age ? std::to_string(ad.age) : "null") + ",\"priceFrom\":" + std::to_string(from) +
           ",\"createdAt\":" + JsonStr(Iso8601(ad.posted)) + "}";
    markup += "<li class=\"card_card__7d\"><a href=\"" + ad.path + "\">" + Esc(ad.title) + "</a></li>";
  }
  markup += "</ul>";
  if (page < total) markup += "<a rel=\"next\" class=\"pager_next__2b\" href=\"" + base + "?page=" + std::to_string(page + 1) + "\">Meer laden</a>";
  markup += "</main>";
  const std::string listing = "{\"listing\":{\"page\":" + std::to_string(page) + ",\"totalPages\":" + std::to_string(total) +
                              ",\"nextPage\":" + (page < total ? std::to_string(page + 1) : "null") + ",\"city\":" +
                              (place >= 0 ? JsonStr(Places()[static_cast<size_t>(place)].slug) : "null") +
                              ",\"ads\":[" + ads + "]}}";
  Json query = {{"page", std::to_string(page)}};
  if (place >= 0) query["city"] = Places()[static_cast<size_t>(place)].slug;
  std::string canonical = env.origins[kNext] + base + (page > 1 ? "?page=" + std::to_string(page) : "");
  return MakeResponse(200, kHtmlType,
                      Document(env, "Advertenties", canonical, markup, place >= 0 ? "/plaats/[city]" : "/ads", query,
                               listing),
                      EpochTime(env.epoch));
}

Response Detail(const SiteEnv& env, const std::string& slug_id) {
  size_t dash = slug_id.rfind('-');
  std::string id = dash == std::string::npos ? slug_id : slug_id.substr(dash + 1);
  uint64_t index = 0;
  if (!env.net.ParseId(kNext, id, &index) || env.net.LifeAt(index, env.epoch) != Life::kLive) return NotFound(env);
  AdView ad = env.net.View(index, env.epoch);
  if (ad.slug != slug_id) {
    Response r = MakeResponse(308, "text/plain; charset=utf-8", "Redirecting to " + ad.path + "\n", 0);
    r.headers.push_back({"Location", ad.path});
    return r;
  }
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  Json prices = Json::array();
  for (const Rate& r : ad.rates) prices.push_back({{"label", r.label}, {"amount", r.eur}, {"currency", "EUR"}});
  Json images = Json::array();
  for (int k = 1; k <= ad.photo_count; ++k) images.push_back({{"src", "/uploads/" + ad.id + "-" + std::to_string(k) + ".jpg"}, {"w", 800}, {"h", 1200}});
  bool has_field = !ad.phone_field.empty() || !ad.tel_link.empty();
  Json adj = {{"id", ad.id},
              {"slug", ad.slug},
              {"canonical", CanonicalUrl(ad, env.origins)},
              {"title", ad.title},
              {"body", ad.Text()},
              {"profile", {{"displayName", ad.name}, {"age", ad.age ? Json(ad.age) : Json(nullptr)}}},
              {"city", {{"name", place.name}, {"municipality", place.municipality}, {"country", place.country}}},
              {"contact",
               {{"phone", has_field ? Json(ad.phones[0]) : Json(nullptr)},
                {"whatsapp", ad.wa_link.empty() ? Json(nullptr) : Json(ad.wa_link)}}},
              {"priceList", prices},
              {"createdAt", Iso8601(ad.posted)},
              {"updatedAt", Iso8601(ad.updated)},
              {"images", images}};
  std::string markup = "<article class=\"ad_root__4c\"><h1>" + Esc(ad.title) + "</h1><div class=\"ad_body__1e\">";
  for (const auto& p : ad.paragraphs) markup += "<p>" + Esc(p) + "</p>";
  markup += "</div></article>";
  return MakeResponse(200, kHtmlType,
                      Document(env, ad.title, CanonicalUrl(ad, env.origins), markup, "/ad/[slug]",
                               {{"slug", ad.slug}}, Json({{"ad", adj}}).dump()),
                      ad.updated);
}

}  // namespace

Response ServeNextSite(const SiteEnv& env, const Request& req) {
  const std::string& path = req.path;
  if (path == "/robots.txt") return RobotsTxt(kNext, env);
  Response sm;
  if (Sitemap(kNext, env, path, &sm)) return sm;
  if (path == "/" || path == "/ads") return Listing(env, req, -1);
  auto parts = PathParts(path);
  if (parts.size() == 2 && parts[0] == "ad") return Detail(env, parts[1]);
  if (parts.size() == 2 && parts[0] == "plaats") {
    int place = FindPlaceBySlug(parts[1]);
    if (place >= 0) return Listing(env, req, place);
  }
  if (parts.size() == 2 && parts[0] == "uploads") return Photo();
  return NotFound(env);
}

}  // namespace adwatch::demo
