// URL helpers on curl's URL parser (RFC 3986 resolution, no hand-rolled parsing).
#pragma once

#include <string>

namespace adwatch {

// Resolves `ref` (absolute, root-relative, relative or "?query") against
// `base`, drops the #fragment. Empty if either cannot be parsed or the result
// is not http(s).
std::string ResolveUrl(const std::string& base, const std::string& ref);

// Lower-case host of an absolute URL, "" if unparsable.
std::string UrlHost(const std::string& url);

// "scheme://host[:port]" of an absolute URL, "" if unparsable.
std::string UrlOrigin(const std::string& url);

// The port of an absolute URL, the scheme's default if none is given; 0 if
// unparsable.
int UrlPort(const std::string& url);

// Path plus "?query" (what robots.txt rules match), "/" at least.
std::string UrlPathAndQuery(const std::string& url);

}  // namespace adwatch
