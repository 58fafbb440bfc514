// Per-ad analysis: phones, ages, places and rule hits, with a score.
//
// AnalyzeAd is a pure function of the ad and the Matcher: no I/O, no
// clock, safe to call from many threads on one Matcher. Every hit carries
// its evidence (rule, field, span, description). The result is a *signaal*
// for human review, never a verdict.
//
// Builtin rules (rules with `builtin` in the rule files) fire from facts:
//  - stated_age_minor:      a stated age under 18;
//  - stated_age_below_min:  a stated age under the minimum age that applies
//                           (the highest min_age of the municipalities the
//                           ad names, else MatcherConfig::min_age), and 18 or
//                           over when stated_age_minor is also configured;
//  - phone_obfuscated:      a phone number written to evade search;
//  - phone_multiple:        two or more distinct phone numbers.
//  - named_intermediary:    a first name other than hers between the client
//                           and her ("bel Tom"), unless one of its rule's
//                           exclude patterns matches the title or the text
//                           (a licensed club's receptionist).
// A builtin without a rule in the files does not fire.
//
// Score, severity and whether the ad alerts come from the one decision of
// core/decision.h: each category adds its strongest hit's weight (capped at
// signals.category_cap); the ad alerts at alert_threshold or on any critical
// hit. AdSignals::severity >= high means it alerts.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/ad.h"
#include "core/env.h"
#include "core/signal.h"
#include "core/status.h"
#include "matcher/gazetteer.h"
#include "matcher/rules.h"

namespace adwatch {

struct Matcher {
  CompiledRules rules;
  Gazetteer gazetteer;
  MatcherConfig config;                          // thresholds, min_age, region (rules moved out)
  std::map<std::string, int> min_age_by_municipality;
  std::set<std::string> age_hint_rules;          // ids of rules with age_hint = true
};

// Compiles config.rules and loads the gazetteer (config.gazetteer, else
// DefaultGazetteerPath). `municipalities` supply per-municipality min_age.
Result<Matcher> MakeMatcher(MatcherConfig config, const std::vector<MunicipalityConfig>& municipalities = {},
                            const Env& env = *Env::Default());

AdSignals AnalyzeAd(const Ad& ad, const Matcher& matcher);

// Shipped data files: $ADWATCH_GAZETTEER / $ADWATCH_RULES, else the source
// checkout's deploy/ (development), else /usr/share/adwatch/.
std::string DefaultGazetteerPath(const Env& env = *Env::Default());
std::string DefaultRulesPath(const Env& env = *Env::Default());

}  // namespace adwatch
