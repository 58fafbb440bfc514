#include "config/loader.h"

namespace adwatch {

LoadResult LoadConfig(const std::string& path, const Env&) {
  LoadResult r;
  r.config.path = path;
  return r;
}
LoadResult LoadRuleFiles(const std::vector<std::string>&, const Env&) { return {}; }
LoadResult LoadConfigFromString(const std::string&, const std::string&, const Env&) { return {}; }

}  // namespace adwatch
