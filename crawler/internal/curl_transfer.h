// Internal: one transfer of CurlFetcher and the libcurl easy-handle setup.
// Not part of the crawler's public contract.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>

#include "crawler/fetcher.h"

namespace adwatch::internal {

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchRequest req;
  FetchCallback done;
  FetchResult result;
  std::string current_url;
  std::chrono::steady_clock::time_point start;
  int64_t decoded_bytes = 0;
  bool too_large = false;
  bool blocked = false;        // SSRF guard refused the address
  std::string blocked_ip;
  bool guard_active = true;    // false when a proxy is used (it connects for us)
  char errbuf[CURL_ERROR_SIZE] = {0};
};

// Sets every option of one hop on t->easy (URL = t->current_url); the total
// timeout is what remains of the request's budget. Returns false (with
// t->result filled) if the hop may not start.
bool SetupHop(Transfer* t);

// Classifies a finished hop's CURLcode into the result.
void ClassifyCurlError(Transfer* t, CURLcode code);

// Scheme and host of a URL via curl's URL parser; false if unparsable.
bool ParseUrl(const std::string& url, std::string* scheme, std::string* host);

}  // namespace adwatch::internal
