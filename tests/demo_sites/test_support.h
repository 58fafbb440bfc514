// Test support for the demo sites' integration tests: starts the real
// adwatch-demo-sites binary on free ports and fetches with libcurl easy.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <nlohmann/json.hpp>

namespace adwatch::demo::testing {

struct DemoServer {
  pid_t pid = -1;
  std::string control;               // "http://127.0.0.1:P"
  std::vector<std::string> origins;  // demo-html, demo-api, demo-next
  std::vector<std::string> lines;    // the first stdout lines, as printed
  nlohmann::json gt;                 // ground truth read from --ground-truth
  std::string gt_path;
  ~DemoServer();
  // SIGTERM, then waits; returns the exit status (or -1 if it did not exit normally).
  int Stop();
};

// Starts the binary with `--listen 127.0.0.1:0 --ground-truth <tmp>` plus
// `args`; nullptr if it does not print its four lines.
std::unique_ptr<DemoServer> StartDemo(const std::vector<std::string>& args);

struct FetchOptions {
  std::vector<std::string> headers;
  long timeout_ms = 10000;
  bool follow = false;
  bool decode = false;        // let curl decode gzip (sends Accept-Encoding)
  bool head = false;          // HEAD instead of GET
  size_t max_body = 64u << 20;  // abort the transfer beyond this many bytes
};

struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::map<std::string, std::string> headers;  // lowercase names, last value wins
  std::string body;
  double seconds = 0;
};

Fetched Fetch(const std::string& url, const FetchOptions& opt = {});

// Helpers for checks.
std::string Digits(const std::string& s);
bool ValidUtf8(const std::string& s);
// Every match of the first capture group of `regex` (RE2 syntax).
std::vector<std::string> FindAll(const std::string& text, const std::string& regex);
nlohmann::json NextData(const std::string& html);  // the __NEXT_DATA__ JSON, or null
// GT ads of one site that are live in `epoch`, by canonical URL.
std::map<std::string, nlohmann::json> LiveAds(const nlohmann::json& gt, const std::string& site, int epoch);

}  // namespace adwatch::demo::testing
