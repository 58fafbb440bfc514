// Address classification for the SSRF guard, allowances (address and port),
// and FetchError names.
//
// Ranges: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890
// and updates), plus multicast and everything reserved. IPv6 is refused
// outside 2000::/3 (the only global unicast space), except the two forms that
// carry an IPv4 address a host may really reach: IPv4-mapped ::ffff:a.b.c.d
// and NAT64 64:ff9b::a.b.c.d, judged by that IPv4 address. 6to4 (2002::/16)
// is judged by its embedded address too; Teredo lies in 2001::/23, refused.
#include <arpa/inet.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "crawler/fetcher.h"
#include "crawler/url.h"

namespace adwatch {
namespace {

bool NonPublicV4(const unsigned char* b) {
  uint32_t a = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
  auto in = [a](uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) ||   // 0/8 "this network", 0.0.0.0
         in(0x0A000000, 8) ||   // 10/8 private
         in(0x64400000, 10) ||  // 100.64/10 shared address space (carrier-grade NAT)
         in(0x7F000000, 8) ||   // 127/8 loopback
         in(0xA9FE0000, 16) ||  // 169.254/16 link-local (cloud metadata lives here)
         in(0xAC100000, 12) ||  // 172.16/12 private
         in(0xC0000000, 24) ||  // 192.0.0/24 IETF protocol assignments (DS-Lite, PCP, NAT64 discovery)
         in(0xC0000200, 24) ||  // 192.0.2/24 documentation TEST-NET-1
         in(0xC0586300, 24) ||  // 192.88.99/24 6to4 relay anycast (deprecated)
         in(0xC0A80000, 16) ||  // 192.168/16 private
         in(0xC6120000, 15) ||  // 198.18/15 benchmarking
         in(0xC6336400, 24) ||  // 198.51.100/24 documentation TEST-NET-2
         in(0xCB007100, 24) ||  // 203.0.113/24 documentation TEST-NET-3
         in(0xE0000000, 4) ||   // 224/4 multicast
         in(0xF0000000, 4);     // 240/4 reserved, 255.255.255.255 broadcast
}

bool NonPublicV6(const unsigned char* b) {
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static const unsigned char kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kMapped, 12) == 0) return NonPublicV4(b + 12);  // ::ffff:a.b.c.d
  if (std::memcmp(b, kNat64, 12) == 0) return NonPublicV4(b + 12);   // 64:ff9b::a.b.c.d (RFC 6052)
  // Everything else outside 2000::/3: ::, ::1, ::a.b.c.d, ::ffff:0:a.b.c.d,
  // 64:ff9b:1::/48, 100::/64 discard, fc00::/7, fe80::/10, fec0::/10,
  // ff00::/8 multicast, 5f00::/16 SRv6 and the unassigned rest.
  if ((b[0] & 0xe0) != 0x20) return true;
  uint16_t w0 = static_cast<uint16_t>(b[0] << 8 | b[1]);
  uint16_t w1 = static_cast<uint16_t>(b[2] << 8 | b[3]);
  if (w0 == 0x2001 && w1 < 0x0200) return true;     // 2001::/23 IETF (Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID)
  if (w0 == 0x2001 && w1 == 0x0db8) return true;    // 2001:db8::/32 documentation
  if (w0 == 0x2002) return NonPublicV4(b + 2);      // 6to4: 2002:AABB:CCDD::/48 carries a.b.c.d
  if (w0 == 0x3fff && (w1 & 0xf000) == 0) return true;  // 3fff::/20 documentation (RFC 9637)
  return false;
}

// Canonical text of an IPv4/IPv6 address ("" if not one), so that
// "::ffff:127.0.0.1" and "0:0:0:0:0:ffff:7f00:1" compare equal.
std::string Canonical(const std::string& ip) {
  unsigned char b[16];
  char buf[INET6_ADDRSTRLEN] = {0};
  if (inet_pton(AF_INET, ip.c_str(), b) == 1) return inet_ntop(AF_INET, b, buf, sizeof buf) ? buf : "";
  if (inet_pton(AF_INET6, ip.c_str(), b) == 1) return inet_ntop(AF_INET6, b, buf, sizeof buf) ? buf : "";
  return "";
}

}  // namespace

bool IsNonPublicAddress(const std::string& ip) {
  unsigned char b[16];
  if (inet_pton(AF_INET, ip.c_str(), b) == 1) return NonPublicV4(b);
  if (inet_pton(AF_INET6, ip.c_str(), b) != 1) return true;  // not an address: refuse
  return NonPublicV6(b);
}

bool AddressAllowed(const std::string& ip, int port, bool allow_private,
                    const std::vector<AllowedEndpoint>& allowed) {
  if (!IsNonPublicAddress(ip)) return true;
  if (!allow_private) return false;
  if (allowed.empty()) return true;
  std::string c = Canonical(ip);
  return std::any_of(allowed.begin(), allowed.end(),
                     [&](const AllowedEndpoint& e) { return e.ip == c && e.port == port; });
}

Result<std::vector<AllowedEndpoint>> ParseAllowedEndpoints(const std::vector<std::string>& entries,
                                                           const std::vector<std::string>& start_urls) {
  std::vector<int> start_ports;
  for (const auto& u : start_urls)
    if (int p = UrlPort(u); p > 0 && std::find(start_ports.begin(), start_ports.end(), p) == start_ports.end())
      start_ports.push_back(p);
  std::vector<AllowedEndpoint> out;
  for (const std::string& e : entries) {
    std::string host = e, port;
    bool has_port = false;
    if (!e.empty() && e[0] == '[') {  // [v6]:port
      size_t close = e.find(']');
      if (close == std::string::npos || (close + 1 < e.size() && e[close + 1] != ':'))
        return Status::InvalidArgument("allowed_private_addresses entry '" + e + "': write [IPv6]:port");
      host = e.substr(1, close - 1);
      has_port = close + 1 < e.size();
      if (has_port) port = e.substr(close + 2);
    } else if (std::count(e.begin(), e.end(), ':') == 1) {  // a.b.c.d:port
      host = e.substr(0, e.find(':'));
      port = e.substr(e.find(':') + 1);
      has_port = true;
    }
    std::string ip = Canonical(host);
    if (ip.empty())
      return Status::InvalidArgument("allowed_private_addresses entry '" + e +
                                     "' is not an IP address with an optional port (127.0.0.1:8080, [::1]:8080)");
    if (has_port) {
      char* end = nullptr;
      long p = std::strtol(port.c_str(), &end, 10);
      if (port.empty() || *end != 0 || p < 1 || p > 65535)
        return Status::InvalidArgument("allowed_private_addresses entry '" + e + "': port must be 1-65535");
      out.push_back({ip, static_cast<int>(p)});
    } else {
      for (int p : start_ports) out.push_back({ip, p});
    }
  }
  return out;
}

const char* ToString(FetchError e) {
  switch (e) {
    case FetchError::kNone: return "none";
    case FetchError::kBadUrl: return "bad_url";
    case FetchError::kOutOfScope: return "out_of_scope";
    case FetchError::kBlockedAddress: return "blocked_address";
    case FetchError::kDns: return "dns";
    case FetchError::kConnect: return "connect";
    case FetchError::kTimeout: return "timeout";
    case FetchError::kTls: return "tls";
    case FetchError::kTooLarge: return "too_large";
    case FetchError::kTooManyRedirects: return "too_many_redirects";
    case FetchError::kProtocol: return "protocol";
    case FetchError::kCancelled: return "cancelled";
    case FetchError::kOverloaded: return "overloaded";
  }
  return "unknown";
}

}  // namespace adwatch
