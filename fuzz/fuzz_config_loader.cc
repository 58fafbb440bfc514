// The configuration loader (pre-scan, toml++, every section, rule checks) on
// an arbitrary main file. Includes are refused so the fuzzer reads no files.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  if (text.find("include") != std::string::npos) return 0;
  (void)adwatch::LoadConfigFromString(text, "fuzz.toml");
  return 0;
}
