// Pieces every demo site shares: escaping, dates, robots.txt, sitemaps,
// photos and request parameters.
#include <algorithm>
#include <ctime>

#include "tests/demo_sites/sites.h"

namespace adwatch::demo {

std::string Esc(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string JsonStr(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (char c : s) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string HumanDate(int64_t t, const std::string& lang) {
  static const char* kNl[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                              "augustus", "september", "oktober", "november", "december"};
  static const char* kEn[] = {"January", "February", "March", "April", "May", "June", "July",
                              "August", "September", "October", "November", "December"};
  static const char* kDe[] = {"Januar", "Februar", "M\xc3\xa4rz", "April", "Mai", "Juni", "Juli",
                              "August", "September", "Oktober", "November", "Dezember"};
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  const char* const* months = lang == "en" ? kEn : lang == "de" ? kDe : kNl;
  std::string day = std::to_string(tm.tm_mday);
  std::string year = std::to_string(tm.tm_year + 1900);
  if (lang == "en") return std::string(months[tm.tm_mon]) + " " + day + ", " + year;
  return day + (lang == "de" ? ". " : " ") + months[tm.tm_mon] + " " + year;
}

Response MakeResponse(int status, const std::string& type, std::string body, int64_t last_modified) {
  Response r;
  r.status = status;
  r.content_type = type;
  r.body = std::move(body);
  r.last_modified = last_modified;
  return r;
}

Response RobotsTxt(int site, const SiteEnv& env) {
  const std::string& origin = env.origins[static_cast<size_t>(site)];
  std::string body = "# robots.txt for " + std::string(SiteName(site)) + "\nUser-agent: *\n";
  switch (site) {
    case kHtml: body += "Disallow: /zoeken\nDisallow: /account/\n"; break;
    case kApi: body += "Allow: /api/\nDisallow: /admin/\n"; break;
    default: body += "Disallow: /api/\nDisallow: /_next/\n"; break;
  }
  body += "\nUser-agent: BadBot\nDisallow: /\n\nSitemap: " + origin + "/sitemap.xml\n";
  return MakeResponse(200, "text/plain; charset=utf-8", std::move(body), EpochTime(0));
}

namespace {
constexpr uint64_t kSitemapChunk = 5000;
}

bool Sitemap(int site, const SiteEnv& env, const std::string& path, Response* out) {
  const std::string& origin = env.origins[static_cast<size_t>(site)];
  const uint64_t born = env.net.SiteBornCount(site, env.epoch);
  const uint64_t chunks = (born + kSitemapChunk - 1) / kSitemapChunk;
  const int64_t lm = EpochTime(env.epoch);
  if (path == "/sitemap.xml") {
    std::string b = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
    for (uint64_t k = 1; k <= chunks; ++k) {
      b += "<sitemap><loc>" + origin + "/sitemap-ads-" + std::to_string(k) + ".xml</loc><lastmod>" +
           Iso8601(lm) + "</lastmod></sitemap>\n";
    }
    b += "</sitemapindex>\n";
    *out = MakeResponse(200, "application/xml", std::move(b), lm);
    return true;
  }
  const std::string prefix = "/sitemap-ads-";
  if (path.rfind(prefix, 0) != 0 || path.size() < prefix.size() + 5 ||
      path.compare(path.size() - 4, 4, ".xml") != 0) {
    return false;
  }
  uint64_t k = 0;
  for (size_t i = prefix.size(); i < path.size() - 4; ++i) {
    if (path[i] < '0' || path[i] > '9' || k > 1'000'000) return false;
    k = k * 10 + static_cast<uint64_t>(path[i] - '0');
  }
  if (k < 1 || k > chunks) {
    *out = MakeResponse(404, "text/plain; charset=utf-8", "no such sitemap\n", 0);
    return true;
  }
  std::string b = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (uint64_t seq = (k - 1) * kSitemapChunk; seq < std::min(born, k * kSitemapChunk); ++seq) {
    uint64_t index = seq * 3 + static_cast<uint64_t>(site);
    if (env.net.LifeAt(index, env.epoch) != Life::kLive) continue;
    std::string loc;
    if (site == kNext) {
      loc = CanonicalUrl(env.net.View(index, env.epoch, false), env.origins);  // the slug needs the name
    } else {
      loc = origin + (site == kHtml ? "/advertentie/" : "/profiel/") + env.net.IdOf(index);
    }
    b += "<url><loc>" + loc + "</loc><lastmod>" +
         Iso8601(EpochTime(env.net.LastChangeEpoch(index, env.epoch))) + "</lastmod></url>\n";
  }
  b += "</urlset>\n";
  *out = MakeResponse(200, "application/xml", std::move(b), lm);
  return true;
}

Response Photo() {
  // 1x1 transparent GIF: photos are URLs to adwatch, it never needs the image.
  static const unsigned char kGif[] = {0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80,
                                       0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04,
                                       0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01,
                                       0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b};
  return MakeResponse(200, "image/gif", std::string(reinterpret_cast<const char*>(kGif), sizeof kGif),
                      EpochTime(0));
}

int PageParam(const Request& req) {
  auto it = req.query.find("page");
  if (it == req.query.end()) return 1;
  const std::string& s = it->second;
  if (s.empty() || s.size() > 7) return 0;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::vector<std::string> PathParts(const std::string& path) {
  std::vector<std::string> parts;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) parts.push_back(path.substr(i, j - i));
    i = j;
  }
  return parts;
}

Response ServeSite(int site, const SiteEnv& env, const Request& req) {
  switch (site) {
    case kHtml: return ServeHtmlSite(env, req);
    case kApi: return ServeApiSite(env, req);
    default: return ServeNextSite(env, req);
  }
}

}  // namespace adwatch::demo
