// A guard for JSON from untrusted sources (ad sites, analyze input).
//
// nlohmann-json parses iteratively but serialises and compares recursively, so
// a document nested 100,000 deep (200 KB) overflows the stack later, far from
// where it was read. JsonNestingDepth scans the text once, iteratively, before
// it is parsed: callers refuse documents deeper than kMaxJsonDepth with an
// error that names the source, instead of crashing on them.
#pragma once

#include <cstddef>
#include <string_view>

namespace adwatch {

// Far deeper than any ad site's data (a few levels), far shallower than the stack.
constexpr int kMaxJsonDepth = 64;

// The deepest nesting of [ and { in `text` (brackets inside strings do not
// count; malformed text gives a best effort, never an error). Stops counting
// at `limit` + 1, so the cost is one pass over the text.
int JsonNestingDepth(std::string_view text, int limit = kMaxJsonDepth);

}  // namespace adwatch
