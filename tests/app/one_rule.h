// The rule file the pipeline tests load: one medium rule ("24/7"), so an ad
// that says "24/7" gets exactly one hit and nothing else in the test's texts
// fires.
#pragma once

namespace adwatch::testing {

inline constexpr const char* kOneRule = R"(
[[rule]]
id = "availability.always"
category = "availability"
patterns = ['\b24/7\b']
weight = 15
severity = "medium"
description = "always"
source = "test"
evidence = "P"
examples.match = ["24/7"]
examples.no_match = ["247 euro"]
)";

}  // namespace adwatch::testing
