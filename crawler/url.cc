#include "crawler/url.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace adwatch {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;

UrlPtr Parse(const std::string& url) {
  UrlPtr u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return nullptr;
  return u;
}

std::string Get(CURLU* u, CURLUPart part) {
  char* s = nullptr;
  if (curl_url_get(u, part, &s, 0) != CURLUE_OK) return "";
  std::string out = s;
  curl_free(s);
  return out;
}

}  // namespace

std::string ResolveUrl(const std::string& base, const std::string& ref) {
  std::string r = ref;
  r.erase(0, r.find_first_not_of(" \t\r\n"));
  r.erase(r.find_last_not_of(" \t\r\n") + 1);
  if (r.empty()) return "";
  UrlPtr u = Parse(base);
  if (!u) return "";
  // Setting a relative URL on a handle holding the base resolves it (RFC 3986).
  if (curl_url_set(u.get(), CURLUPART_URL, r.c_str(), 0) != CURLUE_OK) return "";
  curl_url_set(u.get(), CURLUPART_FRAGMENT, nullptr, 0);
  std::string scheme = Get(u.get(), CURLUPART_SCHEME);
  if (scheme != "http" && scheme != "https") return "";
  return Get(u.get(), CURLUPART_URL);
}

std::string UrlHost(const std::string& url) {
  UrlPtr u = Parse(url);
  if (!u) return "";
  std::string h = Get(u.get(), CURLUPART_HOST);
  std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
  return h;
}

std::string UrlOrigin(const std::string& url) {
  UrlPtr u = Parse(url);
  if (!u) return "";
  std::string port = Get(u.get(), CURLUPART_PORT);
  std::string o = Get(u.get(), CURLUPART_SCHEME) + "://" + Get(u.get(), CURLUPART_HOST);
  if (!port.empty()) o += ":" + port;
  return o;
}

int UrlPort(const std::string& url) {
  UrlPtr u = Parse(url);
  if (!u) return 0;
  char* s = nullptr;
  if (curl_url_get(u.get(), CURLUPART_PORT, &s, CURLU_DEFAULT_PORT) != CURLUE_OK) return 0;
  int port = std::atoi(s);
  curl_free(s);
  return port;
}

std::string UrlPathAndQuery(const std::string& url) {
  UrlPtr u = Parse(url);
  if (!u) return "/";
  std::string p = Get(u.get(), CURLUPART_PATH);
  if (p.empty()) p = "/";
  std::string q = Get(u.get(), CURLUPART_QUERY);
  if (!q.empty()) p += "?" + q;
  return p;
}

}  // namespace adwatch
