// Indicator rules compiled for matching.
//
// Every pattern of every rule that applies to a field is compiled into one
// RE2::Set for that field, so the cost of a Match call grows with the text,
// not with the number of rules. RE2::Set is DFA-only: it runs under an
// explicit memory budget, and when it reports an error (out of memory) or
// failed to compile, Match falls back to running each pattern on its own and
// counts the event (set_failures()). Only rules whose patterns the set
// reports are run individually, to find the evidence span and to apply
// exclusions: a match that overlaps a match of one of the rule's `exclude`
// patterns does not count.
//
// Patterns see normalised text, not the raw ad (normalize.h): case-folded
// (patterns are compiled case-insensitive, so a pattern written in capitals
// such as "\bAO\b" still matches), without diacritics ("möglich" reads
// "moglich": write (?:ö|oe|o)), look-alike letters and leetspeak undone,
// letters spaced out joined, repeated letters collapsed, and number words 1-99
// as digits ("achttien", "eighteen" read "18": a pattern must match the
// digits). HTML character references are decoded. Every Hit's begin/end and
// evidence refer to the original text.
//
// Negation: a match of a rule with `negatable` (the default) does not count
// when a negation cue stands before it in the same clause (see
// internal/negation.h: "geen extreme dingen", "nooit zonder condoom", "keine
// Teens", "pas de X" after "ne"). Cues inside the match do not count, so a
// pattern that contains its cue ("geen taboes", "zonder condoom") still fires
// when nothing negates it from before.
//
// Rules with a `builtin` have no patterns; AnalyzeAd fires them from
// computed facts (see analyze.h). Match never returns them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/signal.h"
#include "core/status.h"
#include "matcher/normalize.h"


namespace adwatch {

// The builtin signals the matcher knows.
const std::vector<std::string>& KnownBuiltins();

class CompiledRules {
 public:
  // Compiles all rules. Errors (invalid regex, duplicate id, unknown
  // builtin, rule with neither patterns nor builtin) are all reported in one
  // Status, one line each, as "file:line:col: rule 'id': …".
  // `set_max_mem` is the DFA budget of each field's RE2::Set.
  static Result<CompiledRules> Compile(std::vector<RuleSpec> rules, const std::string& version = "",
                                       int64_t set_max_mem = 64 << 20);

  CompiledRules();
  CompiledRules(CompiledRules&&) noexcept;
  CompiledRules& operator=(CompiledRules&&) noexcept;
  ~CompiledRules();

  // At most one hit per rule: its first match that is not excluded. Hits are
  // in rule order (as in the files).
  std::vector<Hit> Match(std::string_view field, std::string_view text) const;
  // The same with `norm` == Normalize(text) computed by the caller (to
  // normalise each field once for rules and ages).
  std::vector<Hit> Match(std::string_view field, std::string_view text, const NormalizedText& norm) const;
  // Reference implementation: every pattern of every rule, one by one. Same
  // result as Match; for tests and the benchmark baseline.
  std::vector<Hit> MatchEachPattern(std::string_view field, std::string_view text) const;

  // The first match of rule `i` in `text` (any field) that is neither
  // excluded nor negated, as byte offsets in `text`. For example checks.
  std::optional<std::pair<size_t, size_t>> MatchRule(size_t i, std::string_view text) const;

  const std::vector<RuleSpec>& specs() const;
  const RuleSpec* FindBuiltin(std::string_view builtin) const;
  const RuleSpec* Find(std::string_view id) const;  // by rule id; nullptr if none
  const std::string& version() const;
  Hit MakeHit(const RuleSpec& r, std::string_view field, std::string_view text, size_t b, size_t e) const;
  // For builtin rules, whose hits are not regex matches: true when one of
  // r's exclude patterns matches anywhere in `normalized` (a field after
  // Normalize), so an administrator can exempt whole ads ("a licence number").
  bool ExcludedField(const RuleSpec& r, std::string_view normalized) const;
  uint64_t set_failures() const;

  struct Impl;  // opaque (rules.cc)

 private:
  std::unique_ptr<Impl> impl_;
};

// One example of a rule that did not behave as the rule file says.
struct ExampleFailure {
  std::string rule;
  SourcePos pos;
  std::string example;
  bool expected_match = true;
  std::string ToString() const;  // "file:line: rule 'id': should match: \"…\""
};

// Checks every rule's examples.match / examples.no_match.
std::vector<ExampleFailure> CheckExamples(const CompiledRules& rules);

}  // namespace adwatch
