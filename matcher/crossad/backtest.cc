// Backtest: two full rebuilds (one per configuration) and a diff of the
// alerting subjects. A subject missing on one side is explained by the
// component its first ad belongs to there.
#include "matcher/crossad/backtest.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace adwatch {
namespace {

struct Side {
  std::map<std::string, Entity> alerting;  // subject -> entity
  struct Brief {
    double score = 0;
    Severity severity = Severity::kNone;
    std::vector<Contribution> contributions;
  };
  std::map<std::string, Brief> others;  // subject -> brief, for entities that do not alert
  std::map<AdKey, std::string> subject_of;
};

Side Run(const std::vector<AdFacts>& ads, const MatcherConfig& config, const PerAdAnalyzer& analyze) {
  std::vector<AdFacts> input;
  if (analyze) {
    input = ads;
    for (AdFacts& f : input) f.per_ad = analyze(f, config);
  }
  Side side;
  RebuildEach(analyze ? input : ads, config, [&](Entity&& e) {
    std::string subject = e.SubjectKey();
    for (const AdKey& k : e.ads) side.subject_of[k] = subject;
    if (e.Alerting()) {
      side.alerting.emplace(subject, std::move(e));
    } else if (!e.contributions.empty()) {
      side.others[subject] = Side::Brief{e.score, e.severity, std::move(e.contributions)};
    }
  });
  return side;
}

std::string Score(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", s);
  return buf;
}

void Explain(const char* label, const std::vector<Contribution>& cs, std::string* out) {
  *out += std::string("    ") + label + ":\n";
  if (cs.empty()) *out += "      (no contributions)\n";
  for (const Contribution& c : cs) {
    *out += "      " + Score(c.points) + "  " + c.category + " [" + c.rule + "] " + c.evidence + "\n";
  }
}

}  // namespace

BacktestReport Backtest(const std::vector<AdFacts>& ads, const MatcherConfig& active,
                        const MatcherConfig& candidate, const PerAdAnalyzer& analyze) {
  BacktestReport r;
  r.ads = ads.size();
  r.active_version = active.rules_version;
  r.candidate_version = candidate.rules_version;
  Side a = Run(ads, active, analyze);
  Side c = Run(ads, candidate, analyze);
  r.alerts_active = a.alerting.size();
  r.alerts_candidate = c.alerting.size();
  // Where the subject's first ad stands on the side where it does not alert.
  auto other = [](const Side& s, const Entity& e, BacktestChange* ch, bool is_active) {
    auto sub = s.subject_of.find(e.ads[0]);
    if (sub == s.subject_of.end()) return;
    auto it = s.others.find(sub->second);
    if (it == s.others.end()) return;
    (is_active ? ch->before : ch->after) = it->second.severity;
    (is_active ? ch->score_before : ch->score_after) = it->second.score;
    (is_active ? ch->active_why : ch->candidate_why) = it->second.contributions;
  };
  for (const auto& [subject, e] : c.alerting) {
    auto it = a.alerting.find(subject);
    BacktestChange ch;
    ch.subject = subject;
    ch.ad_urls = e.ad_urls;
    ch.after = e.severity;
    ch.score_after = e.score;
    ch.candidate_why = e.contributions;
    if (it == a.alerting.end()) {
      ch.kind = BacktestChange::Kind::kAppears;
      other(a, e, &ch, true);
    } else if (it->second.severity != e.severity) {
      ch.kind = BacktestChange::Kind::kSeverityChanged;
      ch.before = it->second.severity;
      ch.score_before = it->second.score;
      ch.active_why = it->second.contributions;
    } else {
      continue;
    }
    r.changes.push_back(std::move(ch));
  }
  for (const auto& [subject, e] : a.alerting) {
    if (c.alerting.count(subject)) continue;
    BacktestChange ch;
    ch.kind = BacktestChange::Kind::kDisappears;
    ch.subject = subject;
    ch.ad_urls = e.ad_urls;
    ch.before = e.severity;
    ch.score_before = e.score;
    ch.active_why = e.contributions;
    other(c, e, &ch, false);
    r.changes.push_back(std::move(ch));
  }
  std::stable_sort(r.changes.begin(), r.changes.end(), [](const BacktestChange& x, const BacktestChange& y) {
    return std::pair(static_cast<int>(x.kind), x.subject) < std::pair(static_cast<int>(y.kind), y.subject);
  });
  return r;
}

std::string FormatBacktestReport(const BacktestReport& r) {
  std::string out = "backtest over " + std::to_string(r.ads) + " ads: " + std::to_string(r.alerts_active) +
                    " alerts with the active rules (" + r.active_version + "), " +
                    std::to_string(r.alerts_candidate) + " with the candidate rules (" + r.candidate_version + ")\n";
  size_t counts[3] = {0, 0, 0};
  for (const BacktestChange& ch : r.changes) ++counts[static_cast<int>(ch.kind)];
  out += "would appear: " + std::to_string(counts[0]) + ", disappear: " + std::to_string(counts[1]) +
         ", change severity: " + std::to_string(counts[2]) + "\n";
  static const char* kLabel[] = {"+ appears", "- disappears", "~ severity"};
  for (const BacktestChange& ch : r.changes) {
    out += "\n" + std::string(kLabel[static_cast<int>(ch.kind)]) + "  " + ch.subject + "  " + ToString(ch.before) +
           " (" + Score(ch.score_before) + ") -> " + ToString(ch.after) + " (" + Score(ch.score_after) + ")\n";
    for (const std::string& u : ch.ad_urls) out += "    ad " + u + "\n";
    Explain("active rules", ch.active_why, &out);
    Explain("candidate rules", ch.candidate_why, &out);
  }
  if (r.changes.empty()) out += "no alert would change\n";
  return out;
}

}  // namespace adwatch
