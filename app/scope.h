// The [scope] decision: is an ad about a place adwatch has a task for?
// Pure; the store does the forgetting (Store::DropOutOfScope).
#pragma once

#include "config/config.h"
#include "core/signal.h"

namespace adwatch {

// True when scope is enabled, the ad names at least one place, and every
// place lies outside the scope: neither its municipality is one of
// scope.municipalities nor its name or municipality one of
// scope.border_towns (names compared without regard to ASCII case). An ad
// naming no place we recognise is inside (nothing says it is not).
bool OutsideScope(const AdSignals& signals, const ScopeConfig& scope);

}  // namespace adwatch
