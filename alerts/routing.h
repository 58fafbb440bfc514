// Routing: who receives which alert.
//
// An alert belongs to the municipalities of its ads' places (resolved by the
// matcher's gazetteer and stored on the alert). Each configured municipality
// has its recipients (the coördinator bestuurlijke aanpak, optionally the
// aandachtsfunctionaris); region-wide recipients (e.g. the RIEC
// ketenregisseur) receive every alert; an alert with no known place, or only
// places in municipalities without recipients, goes to the fallback
// recipients. Each recipient gets one message with all of their alerts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/alert.h"

namespace adwatch {

struct Route {
  std::string recipient;                    // as configured ("Name <addr>" or "addr")
  std::vector<std::string> municipalities;  // the recipient's scope; empty = region-wide/fallback
  bool region_wide = false;
  bool fallback = false;
  std::vector<int64_t> alert_ids;           // in input order, no duplicates
};

// Routes are ordered by recipient as configured (municipalities, then
// region-wide, then fallback); recipients listed twice (same address,
// case-insensitive) are merged. Recipients without alerts are left out
// unless `include_empty` (quiet digests).
std::vector<Route> RouteAlerts(const std::vector<Alert>& alerts, const AlertsConfig& config,
                               bool include_empty = false);

// The configured municipality matching `name` (case-insensitive), or null.
const MunicipalityConfig* FindMunicipality(const AlertsConfig& config, const std::string& name);

}  // namespace adwatch
