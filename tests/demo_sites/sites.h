// The three demo sites as request -> response functions. Transport, caching
// headers, gzip and faults are the server's business (http_server.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/demo_sites/demo_gen.h"

namespace adwatch::demo {

struct Request {
  std::string method;
  std::string path;                          // decoded path, no query
  std::map<std::string, std::string> query;  // decoded query parameters
};

struct Response {
  int status = 200;
  std::string content_type;
  std::string body;
  int64_t last_modified = 0;  // unix seconds; 0 = no Last-Modified / no conditional handling
  std::vector<std::pair<std::string, std::string>> headers;
};

struct SiteEnv {
  const Network& net;
  int epoch;
  const std::vector<std::string>& origins;  // per site: "http://127.0.0.1:P"
};

Response ServeSite(int site, const SiteEnv& env, const Request& req);
Response ServeHtmlSite(const SiteEnv& env, const Request& req);
Response ServeApiSite(const SiteEnv& env, const Request& req);
Response ServeNextSite(const SiteEnv& env, const Request& req);

// Shared by the sites (site_common.cc).
std::string Esc(const std::string& s);  // HTML text and attribute escaping
std::string JsonStr(const std::string& s);  // a quoted JSON string (hot listing paths skip nlohmann)
std::string HumanDate(int64_t t, const std::string& lang);  // "18 oktober 2026"
Response MakeResponse(int status, const std::string& type, std::string body, int64_t last_modified);
Response RobotsTxt(int site, const SiteEnv& env);
// /sitemap.xml (index) and /sitemap-ads-K.xml; false if `path` is neither.
bool Sitemap(int site, const SiteEnv& env, const std::string& path, Response* out);
Response Photo();
// The page parameter: 1 when absent, 0 when malformed.
int PageParam(const Request& req);
// Splits "/a/b/c" into {"a","b","c"}.
std::vector<std::string> PathParts(const std::string& path);

constexpr const char* kHtmlType = "text/html; charset=utf-8";
constexpr const char* kJsonType = "application/json; charset=utf-8";

}  // namespace adwatch::demo
