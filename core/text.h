// Small text helpers shared by the libraries that write for people.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace adwatch {

// Escapes & < > " ' for HTML text and attribute values alike.
std::string HtmlEscape(std::string_view s);

// Levenshtein distance in bytes: the "did you mean" suggestions for
// configuration keys and municipality names.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace adwatch
