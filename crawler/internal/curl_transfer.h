// Internal: one transfer of CurlFetcher and the libcurl easy-handle setup.
// Not part of the crawler's public contract.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "crawler/fetcher.h"

namespace adwatch::internal {

// The fetcher's shared decoded-bytes budget. Taken on the io thread, given
// back wherever the last copy of a result dies (the parse pool): atomic.
struct DecodedBudget {
  explicit DecodedBudget(int64_t cap) : cap(cap) {}
  bool Take(int64_t n);
  void Give(int64_t n) { in_use.fetch_sub(n); }
  const int64_t cap;
  std::atomic<int64_t> in_use{0};
  std::atomic<int64_t> peak{0};
};

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  FetchRequest req;
  FetchCallback done;
  FetchResult result;
  std::string current_url;
  std::chrono::steady_clock::time_point start;
  int64_t decoded_bytes = 0;
  std::shared_ptr<DecodedBudget> budget;  // decoded_bytes are taken from it
  bool too_large = false;
  bool overloaded = false;     // the shared budget was spent
  std::string checked_host;    // with a proxy: the host whose addresses were checked
  std::unique_ptr<boost::asio::ip::tcp::resolver> resolver;
  bool blocked = false;        // SSRF guard refused the address
  std::string blocked_ip;
  bool guard_active = true;    // false when a proxy is used (it connects for us)
  char errbuf[CURL_ERROR_SIZE] = {0};
};

// Checks one hop's target before anything is sent: scheme, scope, time left,
// and an IP-literal host against the guard. Fills t->result and returns false
// if the hop may not start; else sets *host (lower case, no brackets), *port
// and *literal (the host is an IP address).
bool CheckHop(Transfer* t, std::string* host, int* port, bool* literal);

// The guard for a proxied hop: every address the host name resolves to must
// be allowed. False (with t->result filled) if one is not.
bool CheckResolved(Transfer* t, const std::vector<std::string>& ips, int port);

// Hands the transfer's decoded bytes to a hold for the result.
void HandOverBudget(Transfer* t);

// Sets every option of one hop on t->easy (URL = t->current_url); the total
// timeout is what remains of the request's budget. Returns false (with
// t->result filled) if the hop may not start.
bool SetupHop(Transfer* t);

// Classifies a finished hop's CURLcode into the result.
void ClassifyCurlError(Transfer* t, CURLcode code);

// Scheme and host of a URL via curl's URL parser; false if unparsable.
bool ParseUrl(const std::string& url, std::string* scheme, std::string* host);

}  // namespace adwatch::internal
