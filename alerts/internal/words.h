// The words of a digest, per language (nl default, en). Internal to alerts/.
//
// Templates hold placeholders %1, %2, ... filled by Fill(); counts go
// through Count() so every number agrees with its noun ("1 signaal",
// "2 signalen").
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/alert.h"

namespace adwatch::internal {

// A noun in singular and plural.
struct Noun {
  std::string one, many;
};

struct Words {
  std::string title, made, summary, per_severity, per_municipality, region, no_new;
  std::string signal, signal_lc;
  Noun signals, ads, names, days, places, numbers_or_names, categories, open_signals, verb_use, points_noun;
  std::string severity, escalated_note, municipality, municipalities, state, indicators, ads_heading;
  std::string first_seen, last_seen, towns, next, next_for, unknown_place, link;
  std::string footer_full, footer_minimal;
  std::string legend;                  // %1 alert threshold, %2 critical threshold, %3 half the alert threshold
  std::string sev_critical_rule;       // %1 rule description, %2 score, %3 critical threshold
  std::string sev_critical_score;      // %1 score, %2 critical threshold
  std::string sev_high;                // %1 score, %2 alert threshold, %3 critical threshold
  std::string sev_below;               // %1 score, %2 alert threshold
  std::string summary_fmt;             // %1 "N signalen", %2 new, %3 summary_escalated or "", %4 "N open signalen"
  std::string summary_escalated;       // ", %1 verhoogd"
  std::string shared_phone;            // %1 phone ref (may be empty), %2 ads, %3 names, %4 days
  std::string template_family;         // %1 ads, %2 numbers or names
  std::string template_phrase;         // lead-in before the quoted shared phrase
  std::string touring;                 // %1 places, %2 days
  std::string touring_unscored;
  std::string cross_ad_generic;        // a cross-ad signal whose evidence could not be read
  std::string rule_generic;            // a rule with no description
  std::string meldroute_default, meldroute_console, meldroute_no_console;
  std::string sev[5];       // none, low, medium, high, critical
  std::string states[5];    // new, sent, acknowledged, dismissed, closed
  std::map<std::string, std::string> category;  // category id -> name
  std::map<std::string, std::string> strength;  // V/P/C/X -> what backs the rule

  std::string Severity(adwatch::Severity s) const { return sev[static_cast<int>(s)]; }
  std::string State(AlertState s) const { return states[static_cast<int>(s)]; }
  std::string Category(const std::string& id) const {
    auto it = category.find(id);
    return it != category.end() ? it->second : category.at("");
  }
};

// "1 signaal", "2 signalen".
inline std::string Count(long n, const Noun& noun) { return std::to_string(n) + " " + (n == 1 ? noun.one : noun.many); }

// Replaces %1 .. %9 by args[0] .. args[8].
inline std::string Fill(std::string s, const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 1 < s.size() && s[i + 1] >= '1' && s[i + 1] <= '9') {
      const size_t k = static_cast<size_t>(s[i + 1] - '1');
      if (k < args.size()) out += args[k];
      ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

const Words* WordsFor(const std::string& lang);

}  // namespace adwatch::internal
