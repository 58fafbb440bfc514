#include "app/setup.h"

#include <iostream>

#include "app/logging.h"
#include "config/loader.h"
#include "matcher/analyze.h"
#include "matcher/gazetteer.h"
#include "matcher/phones.h"

namespace adwatch {

std::optional<Config> LoadConfigForCommand(const CommandContext& ctx, const char* command) {
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult r = LoadConfig(path);
  if (!r.ok()) {
    for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
    std::cerr << "adwatch " << command << ": " << path << " has " << r.errors.size()
              << (r.errors.size() == 1 ? " error" : " errors") << " (see adwatch check-config)\n";
    return std::nullopt;
  }
  std::string level = ctx.log_level.empty() ? r.config.logging.level : ctx.log_level;
  if (Status st = SetupLogging(level); !st.ok()) {
    std::cerr << "adwatch " << command << ": " << st.message() << "\n";
    return std::nullopt;
  }
  return std::move(r.config);
}

std::unique_ptr<Store> OpenStoreForCommand(const Config& config, const Clock& clock, const char* command) {
  auto store = OpenStore(config.store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch " << command << ": " << store.status().message() << "\n";
    return nullptr;
  }
  return std::move(*store);
}

std::string PhoneArgument(const std::string& raw, const Config& config, const char* command) {
  bool e164 = raw.size() > 4 && raw[0] == '+';
  for (size_t i = 1; e164 && i < raw.size(); ++i) e164 = raw[i] >= '0' && raw[i] <= '9';
  if (e164) return raw;
  const std::string& region = config.matcher.default_region;
  auto found = ExtractPhones(raw, region.empty() ? "NL" : region, "argument");
  if (found.size() == 1) return found[0].e164;
  std::cerr << "adwatch " << command << ": --phone: not one phone number (give E.164, e.g. +31612345678)\n";
  return "";
}

std::string CanonicalMunicipality(const Config& config, const std::string& name) {
  if (name.empty()) return name;
  auto g = Gazetteer::Load(config.matcher.gazetteer.empty() ? DefaultGazetteerPath() : config.matcher.gazetteer);
  if (!g.ok()) return name;
  return g->FindMunicipality(name).value_or(name);
}

}  // namespace adwatch
