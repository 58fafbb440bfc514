// HttpFetcher: asynchronous HTTP GET for the crawler.
//
// Contract:
// - Fetch() never blocks and never throws; the callback runs exactly once, on
//   the fetcher's io_context thread, never from inside Fetch() itself.
// - Only http:// and https:// URLs are fetched; redirects are followed by the
//   fetcher itself, hop by hop, so every hop is checked for scheme, host scope
//   (FetchRequest::allowed_hosts) and, after DNS resolution, for the address
//   and port actually connected to (SSRF guard: every special-purpose range,
//   see IsNonPublicAddress, is refused unless the request allows that
//   address and port).
// - With a proxy, curl connects to the proxy, so the guard resolves the
//   target's host name itself before each hop and refuses the hop if any of
//   its addresses is refused. The proxy resolves the name again: a name whose
//   answer changes between the two look-ups (DNS rebinding) can still lead
//   it elsewhere, so a proxy must itself refuse private destinations.
// - Decoded bytes are budgeted across all transfers (FetcherOptions): a
//   transfer that cannot get budget fails with kOverloaded (retry later); a
//   result holds its share until the result (and its body) is destroyed.
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
#include "core/status.h"

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
  kOverloaded,      // the fetcher's shared decoded-bytes budget is spent: try later
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

// A non-public address the SSRF guard lets through, on one port only.
struct AllowedEndpoint {
  std::string ip;  // canonical text (inet_ntop)
  int port = 0;
  bool operator==(const AllowedEndpoint&) const = default;
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
  // the address-and-port pairs in allowed_private if that list is not empty.
  bool allow_private = false;
  std::vector<AllowedEndpoint> allowed_private;
  std::string ca_file;           // PEM bundle of trusted CAs; empty = the system's
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
  // The body's share of the fetcher's decoded-bytes budget, given back when
  // the last copy of this goes (keep it as long as the body lives).
  std::shared_ptr<const void> budget_hold;
  bool ok() const { return error == FetchError::kNone; }
};

using FetchCallback = std::function<void(FetchResult)>;

class HttpFetcher {
 public:
  virtual ~HttpFetcher() = default;
  virtual void Fetch(FetchRequest request, FetchCallback done) = 0;
  // Transfers started and not yet completed.
  virtual int InFlight() const = 0;
  // Decoded body bytes held now (transfers and results not yet destroyed),
  // and the most ever held at once.
  virtual int64_t DecodedBytesInUse() const { return 0; }
  virtual int64_t DecodedBytesPeak() const { return 0; }
};

struct FetcherOptions {
  // Decoded body bytes held at once across every transfer and every result
  // still alive. Without it, 24 transfers of gzip bombs hold 24 x
  // max_decoded_bytes (339 MB measured).
  int64_t max_decoded_in_flight = 64 << 20;
};

// The libcurl-multi implementation. `io` must outlive the fetcher and be run
// by one thread. Destroying the fetcher completes pending fetches with
// kCancelled (their callbacks are posted to `io`).
std::unique_ptr<HttpFetcher> MakeCurlFetcher(boost::asio::io_context& io, FetcherOptions options = {});

// True if `ip` (textual IPv4/IPv6) is in a special-purpose range: loopback,
// private, shared (100.64/10), link-local, documentation, benchmarking,
// IETF protocol assignments, multicast, reserved, broadcast, unspecified,
// IPv6 outside 2000::/3 (ULA, link-local, ...), Teredo, and IPv4-mapped,
// NAT64 and 6to4 forms of such IPv4 addresses. Not an address: true.
bool IsNonPublicAddress(const std::string& ip);

// The guard's decision for one connection.
bool AddressAllowed(const std::string& ip, int port, bool allow_private,
                    const std::vector<AllowedEndpoint>& allowed);

// A site's allowed_private_addresses: "127.0.0.1:8080", "[::1]:8080", or a
// bare address, which is allowed on the ports of the site's start URLs only
// (explicit, or 80/443 by scheme), never on any other port. Errors name the
// entry.
Result<std::vector<AllowedEndpoint>> ParseAllowedEndpoints(const std::vector<std::string>& entries,
                                                           const std::vector<std::string>& start_urls);

}  // namespace adwatch
