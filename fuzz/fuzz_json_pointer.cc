// JSON pointer extraction ("*" segments included) over the demo API site's
// profile, and the embedded-JSON profile of the demo Next.js-style site.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const adwatch::CompiledProfile api = adwatch::fuzz::LoadDemoProfile("demo-api");
  static const adwatch::CompiledProfile next = adwatch::fuzz::LoadDemoProfile("demo-next");
  std::string body(reinterpret_cast<const char*>(data), size);
  if (auto page = adwatch::ParsePage(api, "http://127.0.0.1:1/api/ads/1", "application/json", body); page.ok()) {
    adwatch::ExtractListing(api, *page);
    (void)adwatch::ExtractAd(api, *page);
  }
  std::string html = "<html><body><script id=\"__NEXT_DATA__\" type=\"application/json\">" + body +
                     "</script></body></html>";
  if (auto page = adwatch::ParsePage(next, "http://127.0.0.1:1/ad/1", "text/html", html); page.ok()) {
    adwatch::ExtractListing(next, *page);
    (void)adwatch::ExtractAd(next, *page);
  }
  return 0;
}
