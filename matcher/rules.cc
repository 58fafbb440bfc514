// Rule matching over normalised text: one RE2::Set per field (DFA,
// memory-bounded, with a per-pattern fallback), then individual patterns only
// for the rules the set reported, to get spans and apply exclusions and
// negation; spans are mapped back to the original text at the end.
#include "matcher/rules.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <atomic>
#include <set>

#include "matcher/internal/literal_prefix.h"
#include "matcher/internal/negation.h"
#include "matcher/internal/text_util.h"

namespace adwatch {

const std::vector<std::string>& KnownBuiltins() {
  static const std::vector<std::string> k = {"stated_age_below_min", "stated_age_minor", "phone_obfuscated",
                                             "phone_multiple", "name_third_person", "named_intermediary"};
  return k;
}

struct CompiledRules::Impl {
  struct Rule {
    std::vector<std::unique_ptr<RE2>> patterns, excludes;
    std::vector<std::string> prefixes;  // per pattern: what its every match starts with (literal_prefix.h)
    bool negatable = true;
  };
  struct FieldSet {
    std::unique_ptr<RE2::Set> set;          // null if it failed to compile
    std::vector<size_t> pattern_rule;       // set index → rule index
    std::vector<size_t> pattern_index;      // set index → pattern index within the rule
    std::vector<size_t> rules;              // rules that apply to this field
  };
  std::vector<RuleSpec> specs;
  std::vector<Rule> rules;
  std::map<std::string, FieldSet, std::less<>> fields;
  std::string version;
  mutable std::atomic<uint64_t> set_failures{0};
};

namespace {

std::string Where(const RuleSpec& r) {
  std::string p = r.pos.file.empty() ? "<rules>" : r.pos.file + ":" + std::to_string(r.pos.line);
  return p + ": rule '" + r.id + "'";
}

// Byte ranges of every match of `re` in text.
void AllMatches(const RE2& re, std::string_view text, std::vector<std::pair<size_t, size_t>>* out) {
  re2::StringPiece whole(text.data(), text.size()), m;
  size_t pos = 0;
  while (pos <= text.size() && re.Match(whole, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
    size_t b = m.data() - text.data(), e = b + m.size();
    out->emplace_back(b, e);
    pos = e > b ? e : e + 1;
  }
}

}  // namespace

CompiledRules::CompiledRules() : impl_(std::make_unique<Impl>()) {}
CompiledRules::CompiledRules(CompiledRules&&) noexcept = default;
CompiledRules& CompiledRules::operator=(CompiledRules&&) noexcept = default;
CompiledRules::~CompiledRules() = default;

Result<CompiledRules> CompiledRules::Compile(std::vector<RuleSpec> specs, const std::string& version,
                                             int64_t set_max_mem) {
  CompiledRules out;
  Impl& im = *out.impl_;
  im.version = version;
  std::string errors;
  std::set<std::string> ids;
  RE2::Options ro;
  ro.set_log_errors(false);
  ro.set_case_sensitive(false);  // the text is case-folded (see rules.h)
  for (size_t i = 0; i < specs.size(); ++i) {
    const RuleSpec& r = specs[i];
    Impl::Rule cr;
    if (r.id.empty()) errors += Where(r) + ": missing id\n";
    if (!ids.insert(r.id).second) errors += Where(r) + ": duplicate rule id\n";
    const auto& known = KnownBuiltins();
    if (!r.builtin.empty() && std::find(known.begin(), known.end(), r.builtin) == known.end())
      errors += Where(r) + ": unknown builtin '" + r.builtin + "'\n";
    if (r.builtin.empty() == r.patterns.empty())
      errors += Where(r) + ": needs either patterns or a builtin\n";
    auto compile = [&](const std::vector<std::string>& pats, const char* what,
                       std::vector<std::unique_ptr<RE2>>* dst) {
      for (size_t k = 0; k < pats.size(); ++k) {
        auto re = std::make_unique<RE2>(pats[k], ro);
        if (!re->ok()) errors += Where(r) + ": " + what + " " + std::to_string(k + 1) + ": " + re->error() + "\n";
        dst->push_back(std::move(re));
      }
    };
    compile(r.patterns, "pattern", &cr.patterns);
    for (const auto& p : r.patterns) cr.prefixes.push_back(matcher_internal::LiteralPrefix(p));
    compile(r.exclude, "exclude pattern", &cr.excludes);
    cr.negatable = r.negatable;
    im.rules.push_back(std::move(cr));
  }
  if (!errors.empty()) {
    errors.pop_back();
    return Status::InvalidArgument(errors);
  }
  im.specs = std::move(specs);
  // One set per field over the patterns of every rule that applies to it.
  for (size_t i = 0; i < im.specs.size(); ++i)
    for (const auto& f : im.specs[i].fields)
      if (!im.specs[i].patterns.empty()) im.fields[f].rules.push_back(i);
  RE2::Options so;
  so.set_log_errors(false);
  so.set_case_sensitive(false);
  so.set_max_mem(set_max_mem);
  for (auto& [name, fs] : im.fields) {
    auto set = std::make_unique<RE2::Set>(so, RE2::UNANCHORED);
    bool ok = true;
    for (size_t ri : fs.rules) {
      const auto& pats = im.specs[ri].patterns;
      for (size_t k = 0; k < pats.size(); ++k) {
        if (set->Add(pats[k], nullptr) < 0) ok = false;
        fs.pattern_rule.push_back(ri);
        fs.pattern_index.push_back(k);
      }
    }
    if (ok && set->Compile()) fs.set = std::move(set);
    else im.set_failures++;
  }
  return out;
}

namespace {

// The earliest match of the patterns in `which` (all if empty) that is
// neither negated nor inside an exclusion, in normalised text. Each pattern
// is scanned match by match until one counts; exclusions are computed only
// when a candidate needs them.
std::optional<std::pair<size_t, size_t>> MatchPatterns(const CompiledRules::Impl::Rule& r,
                                                       const std::vector<size_t>& which, std::string_view text) {
  std::vector<std::pair<size_t, size_t>> excl;
  bool excl_done = false;
  auto counts = [&](size_t b, size_t e) {
    if (r.negatable && (matcher_internal::NegatedBefore(text, b) || matcher_internal::AnsweredNoAfter(text, e) ||
                        matcher_internal::InRefusedList(text, b)))
      return false;
    if (r.excludes.empty()) return true;
    if (!excl_done) {
      for (const auto& x : r.excludes) AllMatches(*x, text, &excl);
      excl_done = true;
    }
    return std::none_of(excl.begin(), excl.end(), [&](const auto& x) {
      return x.first < std::max(e, b + 1) && b < std::max(x.second, x.first + 1);
    });
  };
  std::optional<std::pair<size_t, size_t>> best;
  const re2::StringPiece whole(text.data(), text.size());
  auto scan = [&](const RE2& re, const std::string& prefix) {
    re2::StringPiece m;
    size_t pos = 0;
    // Every match starts with `prefix`: RE2 starts at its next occurrence
    // (with the whole text as context, so a leading \b reads the byte before).
    auto next = [&] { return prefix.empty() ? pos : text.find(prefix, pos); };
    for (size_t from = next(); from != std::string_view::npos && pos <= text.size() &&
                               re.Match(whole, from, text.size(), RE2::UNANCHORED, &m, 1);
         from = next()) {
      size_t b = m.data() - text.data(), e = b + m.size();
      if (best && b > best->first) return;  // cannot come first any more
      if (counts(b, e)) {
        if (!best || std::make_pair(b, e) < *best) best = {b, e};
        return;
      }
      pos = e > b ? e : e + 1;
    }
  };
  if (which.empty()) for (size_t k = 0; k < r.patterns.size(); ++k) scan(*r.patterns[k], r.prefixes[k]);
  else for (size_t k : which) scan(*r.patterns[k], r.prefixes[k]);
  return best;
}

}  // namespace

std::optional<std::pair<size_t, size_t>> CompiledRules::MatchRule(size_t i, std::string_view text) const {
  NormalizedText norm = Normalize(text);
  auto span = MatchPatterns(impl_->rules[i], {}, norm.text);
  if (!span) return std::nullopt;
  return norm.ToOriginal(span->first, span->second);
}

bool CompiledRules::ExcludedField(const RuleSpec& r, std::string_view normalized) const {
  const auto& specs = impl_->specs;
  const auto it = std::find_if(specs.begin(), specs.end(), [&](const RuleSpec& s) { return &s == &r; });
  if (it == specs.end()) return false;  // not one of ours
  const re2::StringPiece whole(normalized.data(), normalized.size());
  for (const auto& x : impl_->rules[it - specs.begin()].excludes)
    if (x->Match(whole, 0, normalized.size(), RE2::UNANCHORED, nullptr, 0)) return true;
  return false;
}

Hit CompiledRules::MakeHit(const RuleSpec& r, std::string_view field, std::string_view text, size_t b,
                           size_t e) const {
  Hit h;
  h.rule = r.id;
  h.category = r.category;
  h.severity = r.severity;
  h.weight = r.weight;
  h.field = std::string(field);
  h.begin = static_cast<uint32_t>(b);
  h.end = static_cast<uint32_t>(e);
  h.evidence = matcher_internal::Excerpt(text, b, e, 40);
  h.description = r.description;
  h.rules_version = impl_->version;
  return h;
}

std::vector<Hit> CompiledRules::Match(std::string_view field, std::string_view text) const {
  if (text.empty() || impl_->fields.find(field) == impl_->fields.end()) return {};
  return Match(field, text, Normalize(text));
}

std::vector<Hit> CompiledRules::Match(std::string_view field, std::string_view text,
                                      const NormalizedText& norm) const {
  std::vector<Hit> out;
  auto it = impl_->fields.find(field);
  if (it == impl_->fields.end() || text.empty()) return out;
  const Impl::FieldSet& fs = it->second;
  if (!fs.set) return MatchEachPattern(field, text);
  const std::string_view folded = norm.text;
  std::vector<int> matched;
  RE2::Set::ErrorInfo info{RE2::Set::kNoError};
  if (!fs.set->Match(re2::StringPiece(folded.data(), folded.size()), &matched, &info)) {
    if (info.kind == RE2::Set::kNoError) return out;  // a real "no match"
    impl_->set_failures++;                             // DFA out of memory: do it the slow way
    return MatchEachPattern(field, text);
  }
  // Only the patterns the set reported run again, for their spans.
  std::sort(matched.begin(), matched.end());  // set order = rule order, then pattern order
  for (size_t k = 0; k < matched.size();) {
    size_t ri = fs.pattern_rule[matched[k]];
    std::vector<size_t> which;
    for (; k < matched.size() && fs.pattern_rule[matched[k]] == ri; ++k) which.push_back(fs.pattern_index[matched[k]]);
    if (auto span = MatchPatterns(impl_->rules[ri], which, folded)) {
      auto [b, e] = norm.ToOriginal(span->first, span->second);
      out.push_back(MakeHit(impl_->specs[ri], field, text, b, e));
    }
  }
  return out;
}

std::vector<Hit> CompiledRules::MatchEachPattern(std::string_view field, std::string_view text) const {
  std::vector<Hit> out;
  auto it = impl_->fields.find(field);
  if (it == impl_->fields.end() || text.empty()) return out;
  NormalizedText norm = Normalize(text);
  for (size_t ri : it->second.rules) {
    if (auto span = MatchPatterns(impl_->rules[ri], {}, norm.text)) {
      auto [b, e] = norm.ToOriginal(span->first, span->second);
      out.push_back(MakeHit(impl_->specs[ri], field, text, b, e));
    }
  }
  return out;
}

const std::vector<RuleSpec>& CompiledRules::specs() const { return impl_->specs; }
const std::string& CompiledRules::version() const { return impl_->version; }
uint64_t CompiledRules::set_failures() const { return impl_->set_failures.load(); }

const RuleSpec* CompiledRules::Find(std::string_view id) const {
  for (const auto& r : impl_->specs)
    if (r.id == id) return &r;
  return nullptr;
}

const RuleSpec* CompiledRules::FindBuiltin(std::string_view b) const {
  for (const auto& r : impl_->specs)
    if (r.builtin == b) return &r;
  return nullptr;
}

std::string ExampleFailure::ToString() const {
  std::string p = pos.file.empty() ? "<rules>" : pos.file + ":" + std::to_string(pos.line);
  return p + ": rule '" + rule + "': " + (expected_match ? "should match" : "should not match") + ": \"" +
         example + "\"";
}

std::vector<ExampleFailure> CheckExamples(const CompiledRules& rules) {
  std::vector<ExampleFailure> out;
  const auto& specs = rules.specs();
  for (size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].patterns.empty()) continue;
    for (const auto& ex : specs[i].must_match)
      if (!rules.MatchRule(i, ex)) out.push_back({specs[i].id, specs[i].pos, ex, true});
    for (const auto& ex : specs[i].must_not_match)
      if (rules.MatchRule(i, ex)) out.push_back({specs[i].id, specs[i].pos, ex, false});
  }
  return out;
}

}  // namespace adwatch
