// Named word lists for rule patterns.
//
// A rule file may hold a [words] table: each key names a list of RE2
// alternatives, and `{name}` in a pattern or exclude of the same file stands
// for `(?:alt1|alt2|...)`. So a frame such as "a booking ... through the
// office" is written once with readable names instead of as one long regex:
//
//   [words]
//   booking = ['book\w*', 'afspra\w*', 'termin\w*']
//   office  = ['office', 'bureau', 'rezeption']
//   [[rule]]
//   patterns = ['\b{booking}\b[^.!?\n]{0,40}\b(?:via|through|uber)\s+(?:the\s+)?{office}\b']
//
// Only `{` followed by a lower-case name and `}` is a word; repetitions such
// as `{2}` or `{0,40}` and an escaped `\{` are left as they are. Words are
// local to their file and do not nest.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/internal/reader.h"

namespace adwatch::config_internal {

using Words = std::map<std::string, std::string>;  // name -> "(?:a|b|...)"

// Reads the file's [words] table (absent: no words). Errors (a list that is
// not an array of valid RE2 strings, a bad name, a word using a word) go to
// the Ctx with their file:line:col.
Words ReadWords(const toml::table& top, const Ctx& ctx);

// Expands every `{name}` of `pattern`. Returns false, with the unknown name
// in *unknown, if a name is not in `words`.
bool ExpandWords(const std::string& pattern, const Words& words, std::string* out, std::string* unknown);

// Expands the patterns of the array `node` (the list `list` was read from)
// in place, reporting unknown names and invalid results at each element.
void ExpandWordList(const toml::node* node, const Words& words, const Ctx& ctx, const std::string& where,
                    std::vector<std::string>* list);

}  // namespace adwatch::config_internal
