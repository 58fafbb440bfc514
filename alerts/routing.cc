#include "alerts/routing.h"

#include <algorithm>
#include <map>

#include "alerts/mime.h"

namespace adwatch {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string AddressKey(const std::string& recipient) {
  MailAddress a;
  return Lower(ParseMailAddress(recipient, &a) ? a.address : recipient);
}

}  // namespace

const MunicipalityConfig* FindMunicipality(const AlertsConfig& config, const std::string& name) {
  const std::string key = Lower(name);
  for (const auto& m : config.municipalities)
    if (Lower(m.name) == key) return &m;
  return nullptr;
}

std::vector<Route> RouteAlerts(const std::vector<Alert>& alerts, const AlertsConfig& config, bool include_empty) {
  std::vector<Route> routes;
  std::map<std::string, size_t> by_address;
  auto route_for = [&](const std::string& recipient) -> Route& {
    auto [it, inserted] = by_address.emplace(AddressKey(recipient), routes.size());
    if (inserted) routes.push_back(Route{recipient, {}, false, false, {}});
    return routes[it->second];
  };
  auto add = [](Route& r, int64_t id) {
    if (std::find(r.alert_ids.begin(), r.alert_ids.end(), id) == r.alert_ids.end()) r.alert_ids.push_back(id);
  };
  // Scopes first, so a recipient's scope is complete before alerts arrive.
  for (const auto& m : config.municipalities)
    for (const auto& rcpt : m.recipients) {
      Route& r = route_for(rcpt);
      if (std::find(r.municipalities.begin(), r.municipalities.end(), m.name) == r.municipalities.end())
        r.municipalities.push_back(m.name);
    }
  for (const auto& rcpt : config.region_recipients) {
    Route& r = route_for(rcpt);
    r.region_wide = true;
  }
  for (const auto& rcpt : config.fallback_recipients) route_for(rcpt).fallback = true;

  for (const Alert& a : alerts) {
    bool routed = false;
    for (const auto& name : a.municipalities) {
      const MunicipalityConfig* m = FindMunicipality(config, name);
      if (!m) continue;
      for (const auto& rcpt : m->recipients) {
        add(routes[by_address[AddressKey(rcpt)]], a.id);
        routed = true;
      }
    }
    for (const auto& rcpt : config.region_recipients) add(routes[by_address[AddressKey(rcpt)]], a.id);
    if (!routed)
      for (const auto& rcpt : config.fallback_recipients) add(routes[by_address[AddressKey(rcpt)]], a.id);
  }
  for (Route& r : routes)
    if (r.region_wide) r.municipalities.clear();  // sees everything: scope is the region
  if (!include_empty)
    routes.erase(std::remove_if(routes.begin(), routes.end(), [](const Route& r) { return r.alert_ids.empty(); }),
                 routes.end());
  return routes;
}

}  // namespace adwatch
