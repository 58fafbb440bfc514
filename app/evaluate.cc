#include "app/evaluate.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_depth.h"
#include "matcher/crossad/crossad.h"

namespace adwatch {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

// One line of a corpus file; errors name what is wrong with it.
Result<CorpusAd> ParseLine(const std::string& line, const std::string& where) {
  if (JsonNestingDepth(line) > kMaxJsonDepth) return Status::InvalidArgument(where + ": nested too deep");
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument(where + ": not a JSON object");
  CorpusAd c;
  c.where = where;
  c.lang = Str(j, "lang");
  c.ad.site = "corpus";
  c.ad.id = Str(j, "id");
  if (c.ad.id.empty()) return Status::InvalidArgument(where + ": no \"id\"");
  c.ad.url = "corpus:" + c.ad.id;
  c.ad.region = Str(j, "region");
  c.ad.title = Str(j, "title");
  c.ad.text = Str(j, "text");
  c.ad.name = Str(j, "name");
  c.ad.stated_age = Str(j, "age");
  c.ad.city = Str(j, "city");
  c.ad.price = Str(j, "price");
  if (auto it = j.find("phones"); it != j.end() && it->is_array())
    for (const auto& p : *it)
      if (p.is_string()) c.ad.phones.push_back(p.get<std::string>());
  auto label = j.find("label");
  if (label == j.end() || !label->is_object()) return Status::InvalidArgument(where + ": no \"label\" object");
  const json& l = *label;
  try {
    c.label.phones = l.value("phones", std::vector<std::string>{});
    c.label.ages = l.value("ages", std::vector<int>{});
    for (const auto& cat : l.value("categories", std::vector<std::string>{})) c.label.categories.insert(cat);
    if (l.contains("place") && l["place"].is_string()) c.label.place = l["place"].get<std::string>();
    if (l.contains("municipality") && l["municipality"].is_string())
      c.label.municipality = l["municipality"].get<std::string>();
    if (!l.contains("review") || !l["review"].is_boolean())
      return Status::InvalidArgument(where + ": label \"review\" must be true or false");
    c.label.review = l["review"].get<bool>();
    c.label.hard_negative = l.value("hard_negative", false);
    if (l.contains("family") && l["family"].is_string()) c.label.family = l["family"].get<std::string>();
    c.label.reason = l.value("reason", std::string());
  } catch (const json::exception& e) {
    return Status::InvalidArgument(where + ": label of the wrong type (" + e.what() + ")");
  }
  return c;
}

void Count(Counts& c, bool found, bool labelled) {
  if (found && labelled) ++c.tp;
  else if (found) ++c.fp;
  else if (labelled) ++c.fn;
}

template <typename T>
void CountSets(Counts& c, std::vector<T> found, std::vector<T> labelled) {
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::sort(labelled.begin(), labelled.end());
  labelled.erase(std::unique(labelled.begin(), labelled.end()), labelled.end());
  for (const T& f : found) Count(c, true, std::binary_search(labelled.begin(), labelled.end(), f));
  for (const T& l : labelled)
    if (!std::binary_search(found.begin(), found.end(), l)) ++c.fn;
}

// The facts the daemon would feed the cross-ad index (app/wire_analysis.cc),
// with the number itself standing in for its pseudonym: nothing leaves.
AdFacts FactsFor(const Ad& ad, const AdSignals& s) {
  AdFacts f;
  f.key = KeyOf(ad);
  f.url = ad.url;
  f.name = ad.name;
  f.text = ad.title + "\n" + ad.text;
  for (const PhoneFound& p : s.phones) {
    if (std::find(f.phones.begin(), f.phones.end(), p.e164) != f.phones.end()) continue;
    f.phones.push_back(p.e164);
    f.pseudonyms.push_back(p.e164);
  }
  f.town = s.places.empty() ? ad.city : s.places.front().name;
  f.city = ad.city;
  f.municipality = s.places.empty() ? "" : s.places.front().municipality;
  f.seen = TimePoint{} + std::chrono::hours(24 * 365 * 50);
  f.per_ad = s;
  return f;
}

std::string HitList(const AdSignals& s) {
  std::string out;
  for (const Hit& h : s.hits) out += (out.empty() ? "" : ",") + h.rule;
  return out.empty() ? "no hits" : out;
}

std::string Fixed(double v) {
  std::ostringstream o;
  o.setf(std::ios::fixed);
  o.precision(3);
  o << v;
  return o.str();
}

}  // namespace

double Counts::Precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
double Counts::Recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
double Counts::F1() const {
  double p = Precision(), r = Recall();
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}
double EvaluationReport::FalseReviewRate() const {
  return must_not_review == 0 ? 0.0 : static_cast<double>(review.fp) / must_not_review;
}
double EvaluationReport::MunicipalityAccuracy() const {
  return municipality_total == 0 ? 1.0 : static_cast<double>(municipality_right) / municipality_total;
}

Result<std::vector<CorpusAd>> LoadCorpus(const std::string& path, const Env& env) {
  std::vector<std::string> files;
  if (path.size() > 6 && path.compare(path.size() - 6, 6, ".jsonl") == 0) {
    files.push_back(path);
  } else {
    for (const std::string& name : env.ListDir(path))
      if (name.size() > 6 && name.compare(name.size() - 6, 6, ".jsonl") == 0) files.push_back(path + "/" + name);
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::NotFound(path + ": no *.jsonl files");
  }
  std::vector<CorpusAd> out;
  std::string errors;
  int error_count = 0;
  for (const std::string& file : files) {
    auto text = env.ReadFile(file);
    if (!text.ok()) return text.status();
    std::istringstream in(*text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      auto ad = ParseLine(line, file + ":" + std::to_string(n));
      if (!ad.ok()) {
        errors += (errors.empty() ? "" : "\n") + ad.status().message();
        ++error_count;
        continue;
      }
      out.push_back(std::move(ad).value());
    }
  }
  if (error_count > 0) return Status::InvalidArgument(errors);
  return out;
}

EvaluationReport Evaluate(const std::vector<CorpusAd>& corpus, const Matcher& matcher) {
  EvaluationReport r;
  std::vector<AdSignals> signals;
  std::vector<AdFacts> facts;
  signals.reserve(corpus.size());
  for (const CorpusAd& c : corpus) {
    signals.push_back(AnalyzeAd(c.ad, matcher));
    facts.push_back(FactsFor(c.ad, signals.back()));
  }
  // Cross-ad: which ads an alerting entity holds, and the template pairs.
  std::set<std::string> alerting_urls;
  std::set<std::pair<std::string, std::string>> found_pairs;
  for (const Entity& e : RebuildAll(facts, matcher.config)) {
    if (e.Alerting()) alerting_urls.insert(e.ad_urls.begin(), e.ad_urls.end());
    for (const TemplateCluster& t : e.templates)
      for (size_t i = 0; i < t.ad_urls.size(); ++i)
        for (size_t j = i + 1; j < t.ad_urls.size(); ++j) found_pairs.insert({t.ad_urls[i], t.ad_urls[j]});
  }
  std::map<std::string, std::vector<std::string>> families;
  for (size_t i = 0; i < corpus.size(); ++i) {
    const CorpusAd& c = corpus[i];
    const AdSignals& s = signals[i];
    const CorpusLabels& l = c.label;
    ++r.ads;
    ++r.ads_by_lang[c.lang];
    l.review ? ++r.must_review : ++r.must_not_review;
    if (!l.review) ++r.no_review_by_lang[c.lang];
    r.hard_negatives += l.hard_negative;
    bool reviewed = s.severity >= Severity::kHigh || alerting_urls.count(c.ad.url) > 0;
    Count(r.review, reviewed, l.review);
    Count(r.review_by_lang[c.lang], reviewed, l.review);
    std::set<std::string> found_categories;
    for (const Hit& h : s.hits) {
      found_categories.insert(h.category);
      RuleFiring& f = r.rules[h.rule];
      l.review ? ++f.on_review : ++f.on_no_review;
      f.on_hard_negative += l.hard_negative;
    }
    std::set<std::string> all_categories = found_categories;
    all_categories.insert(l.categories.begin(), l.categories.end());
    for (const std::string& cat : all_categories)
      Count(r.categories[cat], found_categories.count(cat) > 0, l.categories.count(cat) > 0);
    std::vector<std::string> phones;
    for (const PhoneFound& p : s.phones) phones.push_back(p.e164);
    CountSets(r.phones, phones, l.phones);
    CountSets(r.ages, s.ages, l.ages);
    std::optional<std::string> municipality;
    if (!s.places.empty()) municipality = s.places.front().municipality;
    ++r.municipality_total;
    bool muni_right = municipality == l.municipality;
    r.municipality_right += muni_right;
    if (!l.family.empty()) families[l.family].push_back(c.ad.url);

    std::string detail = "score " + Fixed(s.score) + ", " + HitList(s) + "; label: " + l.reason;
    if (reviewed != l.review) r.misses.push_back({c.ad.id, c.where, reviewed ? "false review" : "missed review", detail});
    std::vector<int> ages = s.ages;
    std::sort(ages.begin(), ages.end());
    std::vector<int> want = l.ages;
    std::sort(want.begin(), want.end());
    if (ages != want) {
      std::string a, b;
      for (int x : ages) a += std::to_string(x) + " ";
      for (int x : want) b += std::to_string(x) + " ";
      r.misses.push_back({c.ad.id, c.where, "ages", "found [ " + a + "] labelled [ " + b + "]"});
    }
    if (!muni_right)
      r.misses.push_back({c.ad.id, c.where, "municipality",
                          "found " + municipality.value_or("none") + ", labelled " + l.municipality.value_or("none")});
    std::vector<std::string> want_phones = l.phones;
    std::sort(phones.begin(), phones.end());
    std::sort(want_phones.begin(), want_phones.end());
    if (phones != want_phones)
      r.misses.push_back({c.ad.id, c.where, "phones",
                          std::to_string(phones.size()) + " found, " + std::to_string(want_phones.size()) +
                              " labelled (numbers not shown)"});
  }
  std::set<std::pair<std::string, std::string>> labelled_pairs;
  for (auto& [family, urls] : families) {
    std::sort(urls.begin(), urls.end());
    for (size_t i = 0; i < urls.size(); ++i)
      for (size_t j = i + 1; j < urls.size(); ++j) labelled_pairs.insert({urls[i], urls[j]});
  }
  auto id_of = [](const std::string& url) { return url.substr(url.find(':') + 1); };
  for (const auto& p : found_pairs) {
    bool labelled = labelled_pairs.count(p) > 0;
    Count(r.template_pairs, true, labelled);
    if (!labelled) r.misses.push_back({id_of(p.first), "", "template pair", "linked to " + id_of(p.second) + ", not one family"});
  }
  for (const auto& p : labelled_pairs) {
    if (found_pairs.count(p)) continue;
    ++r.template_pairs.fn;
    r.misses.push_back({id_of(p.first), "", "template pair", "not linked to " + id_of(p.second) + " of its family"});
  }
  return r;
}

std::string FormatReport(const EvaluationReport& r, bool with_misses) {
  std::ostringstream o;
  o << r.ads << " ads: " << r.must_review << " must be reviewed, " << r.must_not_review << " must not ("
    << r.hard_negatives << " hard negatives)\n\n";
  o << "review      precision " << Fixed(r.review.Precision()) << "  recall " << Fixed(r.review.Recall())
    << "  false-review rate " << Fixed(r.FalseReviewRate()) << "\n";
  for (const auto& [lang, c] : r.review_by_lang) {
    int no = r.no_review_by_lang.count(lang) ? r.no_review_by_lang.at(lang) : 0;
    o << "  " << (lang.empty() ? "?" : lang) << " (" << r.ads_by_lang.at(lang) << " ads)  recall " << Fixed(c.Recall())
      << "  false-review rate " << Fixed(no == 0 ? 0.0 : static_cast<double>(c.fp) / no) << "\n";
  }
  o << "phones      F1 " << Fixed(r.phones.F1()) << "  (precision " << Fixed(r.phones.Precision()) << ", recall "
    << Fixed(r.phones.Recall()) << ")\n";
  o << "ages        F1 " << Fixed(r.ages.F1()) << "  (precision " << Fixed(r.ages.Precision()) << ", recall "
    << Fixed(r.ages.Recall()) << ")\n";
  o << "municipality accuracy " << Fixed(r.MunicipalityAccuracy()) << "  (" << r.municipality_right << "/"
    << r.municipality_total << ")\n";
  o << "template pairs  precision " << Fixed(r.template_pairs.Precision()) << "  recall "
    << Fixed(r.template_pairs.Recall()) << "  (" << r.template_pairs.tp + r.template_pairs.fn << " labelled)\n\n";
  o << "category       precision  recall  (labelled)\n";
  for (const auto& [cat, c] : r.categories) {
    o << "  " << cat << std::string(cat.size() < 13 ? 13 - cat.size() : 1, ' ') << Fixed(c.Precision()) << "     "
      << Fixed(c.Recall()) << "  (" << c.tp + c.fn << ")\n";
  }
  o << "\nrule                          fires on: must-review  must-not  hard-negatives\n";
  for (const auto& [rule, f] : r.rules) {
    o << "  " << rule << std::string(rule.size() < 38 ? 38 - rule.size() : 1, ' ') << f.on_review << "  "
      << f.on_no_review << "  " << f.on_hard_negative << "\n";
  }
  if (with_misses && !r.misses.empty()) {
    o << "\nwhat went wrong:\n";
    for (const Miss& m : r.misses) o << "  " << m.where << " " << m.id << ": " << m.what << ": " << m.detail << "\n";
  }
  return o.str();
}

std::string ReportJson(const EvaluationReport& r) {
  auto counts = [](const Counts& c) {
    return json{{"tp", c.tp}, {"fp", c.fp}, {"fn", c.fn}, {"precision", c.Precision()}, {"recall", c.Recall()},
                {"f1", c.F1()}};
  };
  json j;
  j["ads"] = r.ads;
  j["must_review"] = r.must_review;
  j["must_not_review"] = r.must_not_review;
  j["hard_negatives"] = r.hard_negatives;
  j["review"] = counts(r.review);
  j["review"]["false_review_rate"] = r.FalseReviewRate();
  for (const auto& [lang, c] : r.review_by_lang) j["review_by_lang"][lang] = counts(c);
  j["phones"] = counts(r.phones);
  j["ages"] = counts(r.ages);
  j["municipality_accuracy"] = r.MunicipalityAccuracy();
  j["template_pairs"] = counts(r.template_pairs);
  for (const auto& [cat, c] : r.categories) j["categories"][cat] = counts(c);
  for (const auto& [rule, f] : r.rules)
    j["rules"][rule] = {{"on_review", f.on_review}, {"on_no_review", f.on_no_review},
                        {"on_hard_negative", f.on_hard_negative}};
  j["misses"] = json::array();
  for (const Miss& m : r.misses) j["misses"].push_back({{"id", m.id}, {"where", m.where}, {"what", m.what}});
  return j.dump(2);
}

}  // namespace adwatch
