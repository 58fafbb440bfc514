#include "app/scope.h"

#include <algorithm>
#include <cctype>

namespace adwatch {
namespace {

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool Named(const std::vector<std::string>& list, const std::string& name) {
  return !name.empty() && std::any_of(list.begin(), list.end(), [&](const std::string& n) { return SameName(n, name); });
}

}  // namespace

bool OutsideScope(const AdSignals& signals, const ScopeConfig& scope) {
  if (!scope.enabled || signals.places.empty()) return false;
  return std::none_of(signals.places.begin(), signals.places.end(), [&](const Place& p) {
    return Named(scope.municipalities, p.municipality) || Named(scope.border_towns, p.name) ||
           Named(scope.border_towns, p.municipality);
  });
}

}  // namespace adwatch
