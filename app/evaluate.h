// Detection quality on a labelled corpus (`adwatch rules evaluate`).
//
// A corpus is a folder of JSON-lines files, one ad per line with its labels
// (tests/corpus/LABELLING.md). Evaluate runs every ad through the same path
// the daemon uses: the per-ad matcher, then the cross-ad index over all ads
// of the corpus at once (shared phones, templates). An ad counts as
// "reviewed" when it would reach a coordinator: its own score alerts, or it
// belongs to an alerting entity.
//
// Contract:
// - LoadCorpus reads every *.jsonl file of a folder (or one file), sorted by
//   name; every malformed line is reported as "file:line: reason", all at
//   once, and nothing is evaluated then.
// - Evaluate is a pure function of the ads, the matcher and the cross-ad
//   parameters in matcher.config: the same input gives the same report.
// - Figures are micro-averaged (phones and ages: over all labelled and found
//   items; categories: per ad). Template pairs are unordered pairs of ads:
//   labelled = same `family`, found = same TemplateCluster of an entity.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/ad.h"
#include "core/env.h"
#include "core/status.h"
#include "matcher/analyze.h"

namespace adwatch {

struct CorpusLabels {
  std::vector<std::string> phones;   // E.164
  std::vector<int> ages;
  std::optional<std::string> place, municipality;
  std::set<std::string> categories;
  bool review = false;
  bool hard_negative = false;
  std::string family;                // empty: none
  std::string reason;
};

struct CorpusAd {
  Ad ad;                             // site "corpus", id and url from the line's id
  std::string lang;
  CorpusLabels label;
  std::string where;                 // "file:line"
};

Result<std::vector<CorpusAd>> LoadCorpus(const std::string& path, const Env& env = *Env::Default());

// Counts behind a precision/recall pair.
struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const;          // 1 when nothing was found
  double Recall() const;             // 1 when nothing was labelled
  double F1() const;
};

struct RuleFiring {
  int on_review = 0;                 // ads that must be reviewed
  int on_no_review = 0;              // ads that must not
  int on_hard_negative = 0;
};

// One ad the evaluation got wrong, for the reader (no phone numbers).
struct Miss {
  std::string id;
  std::string where;
  std::string what;                  // "missed review", "false review", ...
  std::string detail;                // rules hit, score, label reason
};

struct EvaluationReport {
  int ads = 0, must_review = 0, must_not_review = 0, hard_negatives = 0;
  Counts review;                     // reviewed vs must-review
  double FalseReviewRate() const;    // false reviews / ads that must not be reviewed
  std::map<std::string, Counts> review_by_lang;
  std::map<std::string, int> ads_by_lang, no_review_by_lang;
  std::map<std::string, Counts> categories;
  std::map<std::string, RuleFiring> rules;
  Counts phones, ages;
  int municipality_right = 0, municipality_total = 0;
  double MunicipalityAccuracy() const;
  Counts template_pairs;
  std::vector<Miss> misses;
};

EvaluationReport Evaluate(const std::vector<CorpusAd>& corpus, const Matcher& matcher);

std::string FormatReport(const EvaluationReport& report, bool with_misses);
std::string ReportJson(const EvaluationReport& report);

}  // namespace adwatch
