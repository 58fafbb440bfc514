// Stated ages in ad text.
//
// ExtractAges finds ages stated in Dutch, English, German and French forms:
// "19 jaar", "19 jr", "19-jarige", "23yo", "23 years old", "Lisa (21)",
// "24 Jahre", "24-jährige", "20 ans", "leeftijd: 25", "Alter: 25",
// "ik ben 19", "I'm 19".
//
// Guarantees:
//  - only two-digit numbers from 13 to 79 are reported (a 4-digit year, a
//    price or a duration never is);
//  - not reported: "18+", ages of clients ("vanaf 25 jaar", "ouder dan 30"),
//    years of experience ("20 jaar ervaring", "10 years experience"), time
//    ago ("20 jaar geleden"), prices ("19 euro"), times ("19:00"), sizes
//    ("75 cm") and "24/7";
//  - each age once, in order of first appearance; never throws.
// Age *hints* ("net 18", "barely legal", "tiener") are rules, not this.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace adwatch {

std::vector<int> ExtractAges(std::string_view text);

// The same, with where each mention is (every mention, duplicates kept).
struct AgeMention {
  int age = 0;
  size_t begin = 0, end = 0;  // byte offsets of the whole phrase ("19 jaar")
};
std::vector<AgeMention> ExtractAgeMentions(std::string_view text);

// The age in an ad's own age field ("19", "19 jaar", "Leeftijd 19"): the
// first number from 13 to 99, or 0 if none.
int ParseAgeField(std::string_view field);

}  // namespace adwatch
