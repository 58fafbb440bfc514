// HTML extraction with a real profile: parse (Gumbo, nesting estimate),
// listing and ad extraction, over the demo HTML site's profile.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_profile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const adwatch::CompiledProfile profile = adwatch::fuzz::LoadDemoProfile("demo-html");
  std::string body(reinterpret_cast<const char*>(data), size);
  auto page = adwatch::ParsePage(profile, "http://127.0.0.1:1/ad/1", "text/html; charset=utf-8", body);
  if (!page.ok()) return 0;
  adwatch::ExtractListing(profile, *page);
  (void)adwatch::ExtractAd(profile, *page);
  return 0;
}
