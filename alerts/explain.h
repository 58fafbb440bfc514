// Cross-ad evidence as sentences, for the digests and the console alike.
//
// A cross-ad contribution (shared_phone, template, touring) carries its
// findings as counts (Contribution::facts, core/alert.h); the sentences are
// built from those fields, every number agreeing with its noun ("1 naam",
// "4 namen"). Rows stored before the facts existed have only the matcher's
// English evidence text; it is read back into facts where it has the old
// fixed form, else the contribution becomes one generic sentence. Rule ids,
// pseudonyms and offsets never reach a sentence.
#pragma once

#include <string>
#include <vector>

#include "alerts/render.h"
#include "core/alert.h"

namespace adwatch {

struct CrossAdLine {
  std::string sentence;  // ours, in the language asked
  std::string phrase;    // template: the shared sentence (ad content, not masked), else ""
};

// Whether `c` is a cross-ad contribution (its category is shared_phone, template or touring).
bool IsCrossAd(const Contribution& c);

// The facts of `c`: its stored ones, else those read from the old English
// evidence; empty if neither is there.
std::vector<CrossAdFact> CrossAdFacts(const Contribution& c);

// One line per fact of the cross-ad contribution `c`, in `language` ("nl",
// "en"; anything else is Dutch). A shared phone whose pseudonym starts with
// the `ref` of one of `phones` names it ("[tel 3fa9c2d1]"), as the digest's
// masked numbers do. No facts: one generic sentence.
std::vector<CrossAdLine> CrossAdLines(const Contribution& c, const std::string& language,
                                      const std::vector<PhoneRef>& phones = {});

}  // namespace adwatch
