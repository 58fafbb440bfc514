// demo-api: a site whose app talks to a JSON API. Listing and detail
// endpoints return JSON; each ad's public page is /profiel/<id>, the URL the
// API gives as the ad's canonical URL.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "tests/demo_sites/sites.h"

namespace adwatch::demo {
namespace {

constexpr int kPageSize = 50;
using Json = nlohmann::json;

Response JsonResponse(int status, const Json& j, int64_t lm) { return MakeResponse(status, kJsonType, j.dump(), lm); }

Json NullableAge(int age) { return age ? Json(age) : Json(nullptr); }

Response Listing(const SiteEnv& env, const Request& req) {
  Network::Filter f;
  std::string extra;
  if (auto it = req.query.find("region"); it != req.query.end()) {
    auto r = std::find(Regions().begin(), Regions().end(), it->second);
    if (r == Regions().end()) return JsonResponse(400, {{"error", "unknown region"}}, 0);
    f.region = static_cast<int>(r - Regions().begin());
    extra += "&region=" + it->second;
  }
  if (auto it = req.query.find("city"); it != req.query.end()) {
    f.place = FindPlaceBySlug(it->second);
    if (f.place < 0) return JsonResponse(400, {{"error", "unknown city"}}, 0);
    extra += "&city=" + it->second;
  }
  const int page = PageParam(req);
  const int total = env.net.TotalPages(kApi, f, env.epoch, kPageSize);
  if (page < 1) return JsonResponse(400, {{"error", "bad page"}}, 0);
  if (page > total) return JsonResponse(404, {{"error", "not_found"}}, 0);
  const std::string& origin = env.origins[kApi];
  std::string body = "{\"page\":" + std::to_string(page) + ",\"per_page\":" + std::to_string(kPageSize) +
                     ",\"total_pages\":" + std::to_string(total) + ",\"next_page\":" +
                     (page < total ? JsonStr(origin + "/api/v1/ads?page=" + std::to_string(page + 1) + extra) : "null") +
                     ",\"items\":[";
  bool first = true;
  for (uint64_t index : env.net.Page(kApi, f, env.epoch, page, kPageSize)) {
    AdView ad = env.net.View(index, env.epoch, false);
    body += first ? "{" : ",{";
    first = false;
    body += "\"id\":" + JsonStr(ad.id) + ",\"title\":" + JsonStr(ad.title) +
            ",\"city\":" + JsonStr(Places()[static_cast<size_t>(ad.place)].name) +
            ",\"age\":" + (ad.age ? std::to_string(ad.age) : "null") +
            ",\"url\":" + JsonStr(CanonicalUrl(ad, env.origins)) +
            ",\"api_url\":" + JsonStr(origin + "/api/v1/ads/" + ad.id) +
            ",\"updated_at\":" + JsonStr(Iso8601(ad.updated)) + "}";
  }
  body += "]}";
  return MakeResponse(200, kJsonType, std::move(body), EpochTime(env.epoch));
}

Json AdJson(const SiteEnv& env, const AdView& ad) {
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  Json rates = Json::array();
  for (const Rate& r : ad.rates) rates.push_back({{"duration", r.label}, {"minutes", r.minutes}, {"price_eur", r.eur}});
  Json photos = Json::array();
  for (int k = 1; k <= ad.photo_count; ++k) {
    photos.push_back(env.origins[kApi] + "/foto/" + ad.id + "-" + std::to_string(k) + ".jpg");
  }
  // The app has one phone field: numbers shown only inside the text stay there.
  bool has_field = !ad.phone_field.empty() || !ad.tel_link.empty();
  std::string description;
  for (const auto& p : ad.paragraphs) description += (description.empty() ? "" : "\n\n") + p;
  return {{"id", ad.id},
          {"url", CanonicalUrl(ad, env.origins)},
          {"title", ad.title},
          {"description", description},
          {"advertiser", {{"name", ad.name}, {"age", NullableAge(ad.age)}}},
          {"location", {{"city", place.name}, {"region", place.region}, {"country", place.country}}},
          {"contact",
           {{"phone", has_field ? Json(ad.phone_field.empty() ? ad.phones[0] : ad.phone_field) : Json(nullptr)},
            {"whatsapp", ad.wa_link.empty() ? Json(nullptr) : Json(ad.wa_link)}}},
          {"rates", rates},
          {"posted_at", Iso8601(ad.posted)},
          {"updated_at", Iso8601(ad.updated)},
          {"photos", photos},
          {"languages", Json::array({ad.lang})}};
}

Response Detail(const SiteEnv& env, const std::string& id, bool html) {
  uint64_t index = 0;
  Life life = env.net.ParseId(kApi, id, &index) ? env.net.LifeAt(index, env.epoch) : Life::kUnborn;
  if (life != Life::kLive) {
    int status = life == Life::kVanished ? 410 : 404;
    if (html) return MakeResponse(status, kHtmlType, "<!DOCTYPE html><html><body><p>Profiel niet gevonden.</p></body></html>\n", 0);
    return JsonResponse(status, {{"error", status == 410 ? "gone" : "not_found"}, {"id", id}}, 0);
  }
  AdView ad = env.net.View(index, env.epoch);
  if (!html) return JsonResponse(200, AdJson(env, ad), ad.updated);
  const Place& place = Places()[static_cast<size_t>(ad.place)];
  std::string b = "<!DOCTYPE html>\n<html lang=\"" + ad.lang + "\"><head><meta charset=\"utf-8\"><title>" + Esc(ad.title) +
                  "</title><link rel=\"canonical\" href=\"" + CanonicalUrl(ad, env.origins) +
                  "\"></head>\n<body><div id=\"app\" data-api=\"/api/v1/ads/" + ad.id + "\">\n<h1>" + Esc(ad.title) +
                  "</h1>\n<p><span class=\"name\">" + Esc(ad.name) + "</span>" +
                  (ad.age ? ", <span class=\"age\">" + std::to_string(ad.age) + "</span>" : std::string()) +
                  " &middot; <span class=\"city\">" + Esc(place.name) + "</span></p>\n";
  for (const auto& p : ad.paragraphs) b += "<p class=\"description\">" + Esc(p) + "</p>\n";
  if (!ad.phone_field.empty()) b += "<p class=\"phone\">" + Esc(ad.phone_field) + "</p>\n";
  if (!ad.tel_link.empty()) b += "<p><a href=\"" + ad.tel_link + "\">Bellen</a></p>\n";
  if (!ad.wa_link.empty()) b += "<p><a href=\"" + ad.wa_link + "\">WhatsApp</a></p>\n";
  b += "</div><script src=\"/static/app.js\"></script></body></html>\n";
  return MakeResponse(200, kHtmlType, std::move(b), ad.updated);
}

}  // namespace

Response ServeApiSite(const SiteEnv& env, const Request& req) {
  const std::string& path = req.path;
  if (path == "/robots.txt") return RobotsTxt(kApi, env);
  Response sm;
  if (Sitemap(kApi, env, path, &sm)) return sm;
  auto parts = PathParts(path);
  if (path == "/api/v1/ads") return Listing(env, req);
  if (parts.size() == 4 && parts[0] == "api" && parts[1] == "v1" && parts[2] == "ads") return Detail(env, parts[3], false);
  if (parts.size() == 2 && parts[0] == "profiel") return Detail(env, parts[1], true);
  if (parts.size() == 2 && parts[0] == "foto") return Photo();
  if (path == "/") {
    return MakeResponse(200, kHtmlType,
                        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>PriveConnect</title></head>"
                        "<body><div id=\"app\">Laden&hellip;</div><script src=\"/static/app.js\"></script></body></html>\n",
                        EpochTime(0));
  }
  if (path.rfind("/api/", 0) == 0) return JsonResponse(404, {{"error", "not_found"}}, 0);
  return MakeResponse(404, kHtmlType, "<!DOCTYPE html><html><body><p>Niet gevonden.</p></body></html>\n", 0);
}

}  // namespace adwatch::demo
