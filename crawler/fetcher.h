// HttpFetcher: asynchronous HTTP GET for the crawler.
//
// Contract:
// - Fetch() never blocks and never throws; the callback runs exactly once, on
//   the fetcher's io_context thread, never from inside Fetch() itself.
// - Only http:// and https:// URLs are fetched; redirects are followed by the
//   fetcher itself, hop by hop, so every hop is checked for scheme, host scope
//   (FetchRequest::allowed_hosts) and, after DNS resolution, for the address
//   actually connected to (SSRF guard: loopback, private, link-local,
//   multicast and reserved addresses are refused unless the request allows
//   them).
// - Limits abort a transfer with a classified error: connect/total timeout,
//   low-speed limit, body bytes on the wire, decoded (decompressed) bytes, and
//   the number of redirects.
// - Politeness (per-host delay, in-flight caps) is NOT done here: the
//   scheduler decides when to call Fetch() (see crawler/politeness.h).
//
// CurlFetcher drives libcurl's multi interface from one Boost.Asio
// io_context with curl_multi_socket_action: hundreds of transfers on one
// thread, connection reuse, HTTP/2 where offered, gzip/br/zstd decoding and
// curl's DNS cache.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/clock.h"

namespace adwatch {

// Why a fetch failed, coarse enough to count per site.
enum class FetchError {
  kNone = 0,
  kBadUrl,          // unparsable or not http/https
  kOutOfScope,      // (redirect to) a host outside the site's scope
  kBlockedAddress,  // SSRF guard refused the resolved address
  kDns,
  kConnect,
  kTimeout,         // connect, total or low-speed timeout
  kTls,
  kTooLarge,        // body or decoded size over the cap
  kTooManyRedirects,
  kProtocol,        // malformed response, connection reset mid-body, …
  kCancelled,       // fetcher shut down
};
const char* ToString(FetchError e);  // "dns", "timeout", …

struct FetchLimits {
  Duration connect_timeout = std::chrono::seconds(10);
  Duration timeout = std::chrono::seconds(30);
  int64_t low_speed_bytes = 100;                  // below this many bytes/s …
  Duration low_speed_time = std::chrono::seconds(15);  // … for this long: abort
  int64_t max_body_bytes = 5 << 20;                // on the wire
  int64_t max_decoded_bytes = 20 << 20;            // after content decoding
  int max_redirects = 5;
};

struct FetchRequest {
  std::string url;
  std::string user_agent;
  std::string proxy;             // "http://host:port", "socks5h://host:port"; empty = direct
  std::string if_none_match;     // ETag validator
  std::string if_modified_since; // Last-Modified validator, sent as-is
  std::string accept;            // Accept header; empty = curl's default
  // Hosts a redirect may lead to; empty = any host.
  std::vector<std::string> allowed_hosts;
  // SSRF guard opt-out: when true, non-public addresses are allowed, but only
  // those listed in allowed_private_ips if that list is not empty.
  bool allow_private = false;
  std::vector<std::string> allowed_private_ips;
  FetchLimits limits;
};

struct FetchResult {
  FetchError error = FetchError::kNone;
  std::string message;           // for logs: names the URL, never content
  long status = 0;               // HTTP status of the last hop (0 on transport error)
  std::string url;               // final URL after redirects
  std::string body;              // decoded body
  std::string content_type;
  std::string etag;
  std::string last_modified;
  std::string retry_after;       // raw Retry-After header
  std::string primary_ip;        // address of the last hop
  int redirects = 0;
  int64_t wire_bytes = 0;        // body bytes received, before decoding
  std::chrono::microseconds elapsed{0};
  bool ok() const { return error == FetchError::kNone; }
};

using FetchCallback = std::function<void(FetchResult)>;

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  virtual void Fetch(FetchRequest request, FetchCallback done) = 0;
  // Transfers started and not yet completed.
  virtual int InFlight() const = 0;
};

// The libcurl-multi implementation. `io` must outlive the fetcher and be run
// by one thread. Destroying the fetcher completes pending fetches with
// kCancelled (their callbacks are posted to `io`).
std::unique_ptr<HttpFetcher> MakeCurlFetcher(boost::asio::io_context& io);

// True if `ip` (textual IPv4/IPv6) is loopback, private, link-local,
// multicast, unspecified or otherwise not a public unicast address.
bool IsNonPublicAddress(const std::string& ip);

}  // namespace adwatch
