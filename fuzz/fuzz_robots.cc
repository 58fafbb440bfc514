// robots.txt parsing and matching: the first line of the input is the path
// to check, the rest the robots.txt body (so wildcard patterns meet hostile
// paths, e.g. "/*a*a*a...*b" against "/aaaa...").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string path(in.substr(0, nl == std::string_view::npos ? in.size() : nl));
  std::string_view body = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  for (const char* agent : {"adwatch/0.1 (+https://example.invalid)", "*"}) {
    auto rules = adwatch::RobotsRules::Parse(body, agent);
    (void)rules.Allowed(path);
    (void)rules.Allowed("/" + path);
    (void)rules.crawl_delay();
  }
  return 0;
}
