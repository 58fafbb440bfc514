// The demo sites' profiles (deploy/demo/sites/), compiled once, for the
// extraction fuzz targets: real selectors and pointers, hostile pages.
#pragma once

#include <cstdlib>
#include <string>

#include "config/loader.h"
#include "crawler/extract.h"

namespace adwatch::fuzz {

inline CompiledProfile LoadDemoProfile(const std::string& site) {
  auto text = Env::Default()->ReadFile(std::string(ADWATCH_SOURCE_DIR) + "/deploy/demo/sites/" + site + ".toml");
  if (!text.ok()) std::abort();
  std::string toml = *text;
  for (const char* var : {"{{DEMO_HTML}}", "{{DEMO_API}}", "{{DEMO_NEXT}}"})
    for (size_t at; (at = toml.find(var)) != std::string::npos;) toml.replace(at, std::string(var).size(), "http://127.0.0.1:1");
  LoadResult r = LoadConfigFromString(toml, site + ".toml");
  if (!r.ok() || r.config.sites.empty()) std::abort();
  auto p = CompileProfile(r.config.sites[0]);
  if (!p.ok()) std::abort();
  return std::move(*p);
}

}  // namespace adwatch::fuzz
