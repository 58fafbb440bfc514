// Address classification for the SSRF guard, and FetchError names.
#include <arpa/inet.h>

#include <cstring>

#include "crawler/fetcher.h"

namespace adwatch {
namespace {

bool NonPublicV4(const unsigned char* b) {
  uint32_t a = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
  auto in = [a](uint32_t net, int bits) { return (a >> (32 - bits)) == (net >> (32 - bits)); };
  return in(0x00000000, 8) ||   // "this network", 0.0.0.0
         in(0x0A000000, 8) ||   // 10/8
         in(0x64400000, 10) ||  // 100.64/10 carrier-grade NAT
         in(0x7F000000, 8) ||   // loopback
         in(0xA9FE0000, 16) ||  // link-local (cloud metadata lives here)
         in(0xAC100000, 12) ||  // 172.16/12
         in(0xC0000000, 24) ||  // 192.0.0/24 protocol assignments
         in(0xC0A80000, 16) ||  // 192.168/16
         in(0xC6120000, 15) ||  // 198.18/15 benchmarking
         in(0xE0000000, 4) ||   // multicast
         in(0xF0000000, 4);     // reserved, broadcast
}

}  // namespace

bool IsNonPublicAddress(const std::string& ip) {
  unsigned char b[16];
  if (inet_pton(AF_INET, ip.c_str(), b) == 1) return NonPublicV4(b);
  if (inet_pton(AF_INET6, ip.c_str(), b) != 1) return true;  // not an address: refuse
  static const unsigned char kZero[16] = {0};
  if (std::memcmp(b, kZero, 15) == 0 && (b[15] == 0 || b[15] == 1)) return true;  // :: and ::1
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMapped, 12) == 0) return NonPublicV4(b + 12);  // ::ffff:a.b.c.d
  if (std::memcmp(b, kZero, 12) == 0) return NonPublicV4(b + 12);    // deprecated ::a.b.c.d
  if ((b[0] & 0xfe) == 0xfc) return true;                // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true; // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return true; // fec0::/10 site-local
  if (b[0] == 0xff) return true;                          // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true;  // documentation
  if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return true;  // NAT64 can reach v4-private
  return false;
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
  }
  return "unknown";
}

}  // namespace adwatch
