// Cross-checks of the loaded configuration (config/consistency.cc).
#pragma once

#include <vector>

#include "config/config.h"
#include "config/loader.h"

namespace adwatch::config_internal {

// Rule weights, severities, category_cap and the thresholds must agree with
// the alert decision of core/decision.h; NaN and infinities are errors.
// `matcher_pos` is where [matcher] (the thresholds) was written.
void CheckScoring(const MatcherConfig& m, const SourcePos& matcher_pos, std::vector<ConfigError>* errors);

}  // namespace adwatch::config_internal
