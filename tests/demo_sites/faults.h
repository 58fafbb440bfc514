// Faults of the demo sites, switchable per site and path prefix, for the
// crawler's reliability tests.
//
// SPEC: comma-separated `site:path-prefix=fault[:arg]`; site is a site name or
// `*`, path-prefix a path start or `*` (every path). The longest matching
// prefix wins. Faults:
//   slow:MS             trickle the response over MS milliseconds
//   timeout             accept the request and never answer
//   status:CODE[:retry-after=S]   answer CODE (429, 503, 500 …), optional Retry-After
//   redirect-loop       302 between two URLs for ever
//   redirect:URL        302 to URL (e.g. a private address, for SSRF tests)
//   truncate            Content-Length larger than the body, then close
//   huge:BYTES          a body of BYTES bytes
//   gzip-bomb[:BYTES]   gzip body that inflates to BYTES (default 256 MiB)
//   malformed-html      the page with broken markup
//   invalid-utf8        the page with invalid UTF-8 bytes
//   wrong-content-type  the page with a wrong Content-Type
//   disallow            robots.txt disallows everything
// Example: demo-html:/advertentie/=slow:5000,demo-api:*=status:503:retry-after=2
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace adwatch::demo {

enum class FaultKind {
  kSlow, kTimeout, kStatus, kRedirectLoop, kRedirect, kTruncate, kHuge, kGzipBomb,
  kMalformedHtml, kInvalidUtf8, kWrongContentType, kDisallow,
};

struct Fault {
  std::string site;    // site name or "*"
  std::string prefix;  // path prefix or "*"
  FaultKind kind = FaultKind::kStatus;
  int64_t arg = 0;     // ms, status code or bytes
  int retry_after = -1;
  std::string url;     // redirect target
};

// Parses SPEC; on error returns false and says why in *error (naming the item).
bool ParseFaults(const std::string& spec, std::vector<Fault>* out, std::string* error);

// The fault for a request, or nullptr.
const Fault* FindFault(const std::vector<Fault>& faults, const std::string& site, const std::string& path);

// Body transformations used by the content faults.
std::string MalformHtml(const std::string& body);
std::string BreakUtf8(const std::string& body);

}  // namespace adwatch::demo
