// Phone and age extraction (libphonenumber on de-obfuscated candidates, the
// age grammar over normalised text) on arbitrary ad text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "matcher/ages.h"
#include "matcher/phones.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)adwatch::ExtractPhones(text, "NL");
  (void)adwatch::ExtractPhones(text, "DE", "name");
  (void)adwatch::ExtractAgeMentions(text);
  (void)adwatch::ParseAgeField(text.substr(0, 64));
  return 0;
}
