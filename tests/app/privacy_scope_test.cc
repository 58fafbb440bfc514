// The [scope] decision (app/scope.h): an ad is outside only when it names
// places and all of them lie outside the region and its border margin.
#include <gtest/gtest.h>

#include "app/scope.h"

namespace adwatch {
namespace {

AdSignals In(std::vector<Place> places) {
  AdSignals s;
  s.places = std::move(places);
  return s;
}

const Place kGeleen{"Geleen", "Sittard-Geleen", "Limburg", "NL"};
const Place kAmsterdam{"Amsterdam", "Amsterdam", "Noord-Holland", "NL"};
const Place kAachen{"Aachen", "Aachen", "Nordrhein-Westfalen", "DE"};

TEST(Scope, OutsideOnlyWhenEveryNamedPlaceIsOutside) {
  ScopeConfig scope;  // the 16 municipalities of Zuid-Limburg
  EXPECT_FALSE(OutsideScope(In({}), scope)) << "no place recognised: kept";
  EXPECT_FALSE(OutsideScope(In({kGeleen}), scope)) << "a kern counts by its municipality";
  EXPECT_TRUE(OutsideScope(In({kAmsterdam}), scope));
  EXPECT_TRUE(OutsideScope(In({kAmsterdam, kAachen}), scope));
  EXPECT_FALSE(OutsideScope(In({kAmsterdam, kGeleen}), scope)) << "one place inside is enough";
}

TEST(Scope, BorderTownsAndCaseAndOff) {
  ScopeConfig scope;
  scope.border_towns = {"aachen"};
  EXPECT_FALSE(OutsideScope(In({kAachen}), scope));
  EXPECT_TRUE(OutsideScope(In({kAmsterdam}), scope));
  scope.municipalities = {"SITTARD-GELEEN"};
  EXPECT_FALSE(OutsideScope(In({kGeleen}), scope));
  scope.enabled = false;
  EXPECT_FALSE(OutsideScope(In({kAmsterdam}), scope));
}

}  // namespace
}  // namespace adwatch
