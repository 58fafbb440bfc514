// Negation cues before a rule match (internal to CompiledRules).
#pragma once

#include <cstddef>
#include <string_view>

namespace adwatch::matcher_internal {

// True when a negation cue stands in the same clause shortly before
// normalised text[begin]: at most three words back, with no . ! ? ; : , or
// line break and no "maar/but/aber/mais" between. Cues: geen niet nooit nee
// zonder behalve / no not never without except don't (any "n't") / kein(e,
// en, er, em, es) nicht nie niemals ohne außer / jamais aucun(e) sans sauf ni,
// niets nothing nichts rien, and "pas" only after "ne"/"n'" in the clause or
// right before "de", "d'", "du", "des" or "sans" (Dutch "pas" means "just").
// "niet alleen", "not only", "nicht nur", "pas seulement" are not negations.
// Only text before `begin` is read: a cue inside the match does not count.
bool NegatedBefore(std::string_view text, size_t begin);

// True when the match at normalised text[.., end) is answered "no" right
// after it, as service lists and questions do: "AO: nee", "extreme? no!",
// "Schoolmeisje-look? Nee!", "Tabus - keine." At most two words may stand
// between the match and the ":", "?", "=", "-" or "/", and the answer must
// end its clause ("no limits" after a colon is not an answer).
// "vergeet het", "forget it", "vergiss es", "oublie" answer without ending it.
bool AnsweredNoAfter(std::string_view text, size_t end);

// True when the match is an item of a list introduced by a refusal: "Wat ik
// NIET doe: anaal, zonder condoom, extreme dingen", "No-go's: AO, ...",
// "Tabus: ...". Reads back within the sentence (to . ! ? or a line break)
// over list items to a ":" whose four words before hold a negation cue or a
// word for limits (taboe, tabu, tabou, taboo, no-go, grenzen, limits).
bool InRefusedList(std::string_view text, size_t begin);

}  // namespace adwatch::matcher_internal
