// Loads adwatch.toml and the files it includes into a Config, collecting
// every error (file:line:col) instead of stopping at the first.
#include "config/loader.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "config/internal/consistency.h"
#include "config/internal/sections.h"
#include "config/internal/words.h"
#include "core/hash.h"

namespace adwatch {
namespace {

using config_internal::Ctx;
using config_internal::TableReader;

// Limits no real configuration comes near; toml++ recurses per dotted key
// part and per nesting level, so a hostile file (a table header of 50,000
// dotted parts) overflowed the stack before it could report anything.
constexpr size_t kMaxLineBytes = 64 * 1024;
constexpr int kMaxDots = 64;      // dotted key parts (and dots in numbers) on one line
constexpr int kMaxNesting = 64;   // [ and { open at once

// Checks each line before toml++ sees the text; the first problem is reported
// as file:line:col. Quoted strings (also multi-line ones) are skipped.
bool PreScan(const std::string& text, const std::string& file, std::vector<ConfigError>* errors) {
  int line = 1, depth = 0, dots = 0;
  size_t line_start = 0;
  char quote = 0;        // inside '...' or "..."
  bool multi = false;    // the quote is a triple one
  auto fail = [&](size_t at, const std::string& what) {
    errors->push_back({SourcePos{file, line, static_cast<int>(at - line_start) + 1}, what});
    return false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      dots = 0;
      if (quote && !multi) quote = 0;  // a broken one-line string: toml++ reports it
      continue;
    }
    if (i - line_start >= kMaxLineBytes) return fail(i, "line longer than " + std::to_string(kMaxLineBytes) + " bytes");
    if (quote) {
      if (c == '\\' && quote == '"') {
        ++i;
      } else if (c == quote && (!multi || text.compare(i, 3, std::string(3, quote)) == 0)) {
        if (multi) i += 2;
        quote = 0;
      }
      continue;
    }
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      quote = c;
      multi = text.compare(i, 3, std::string(3, c)) == 0;
      if (multi) i += 2;
    } else if (c == '.') {
      if (++dots > kMaxDots) return fail(i, "more than " + std::to_string(kMaxDots) + " dotted key parts on one line");
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return fail(i, "nested more than " + std::to_string(kMaxNesting) + " levels deep");
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

std::optional<toml::table> Parse(const std::string& text, const std::string& file, std::vector<ConfigError>* errors) {
  if (!PreScan(text, file, errors)) return std::nullopt;
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    errors->push_back({SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)},
                       "TOML syntax error: " + std::string(e.description())});
    return std::nullopt;
  }
}

// Local changes to rules defined elsewhere, applied once every file is read.
struct RuleEdits {
  struct Disable {
    std::string id;
    SourcePos pos;
  };
  struct Override {
    std::string id;
    SourcePos pos;
    std::optional<double> weight;
    std::optional<Severity> severity;
    std::optional<std::vector<std::string>> patterns, exclude;
  };
  std::vector<Disable> disable;
  std::vector<Override> overrides;
};

void ReadEdits(TableReader& top, const config_internal::Words& words, RuleEdits* edits) {
  const Ctx& ctx = top.ctx();
  std::vector<std::string> ids;
  if (top.StringList("disable", &ids)) {
    const toml::array* a = top.Node("disable")->as_array();
    for (size_t i = 0; i < ids.size(); ++i) {
      const auto& b = a->get(i)->source().begin;
      edits->disable.push_back({ids[i], SourcePos{ctx.file, static_cast<int>(b.line), static_cast<int>(b.column)}});
    }
  }
  if (const toml::array* ovs = top.Array("override")) {
    for (const auto& n : *ovs) {
      if (!n.is_table()) { ctx.Error(&n, "[[override]] entries must be tables"); continue; }
      TableReader r(*n.as_table(), ctx, "override", "[[override]]");
      RuleEdits::Override o;
      o.pos = r.Pos();
      r.String("id", &o.id);
      double w = 0;
      if (r.Double("weight", &w)) o.weight = w;
      Severity sev{};
      if (r.SeverityValue("severity", &sev)) o.severity = sev;
      std::vector<std::string> list;
      const std::string where = "[[override]] '" + o.id + "'";
      if (r.RegexList("patterns", &list)) {
        config_internal::ExpandWordList(r.Node("patterns"), words, ctx, where, &list);
        o.patterns = list;
      }
      if (r.RegexList("exclude", &list)) {
        config_internal::ExpandWordList(r.Node("exclude"), words, ctx, where, &list);
        o.exclude = list;
      }
      bool any = r.Node("weight") || r.Node("severity") || r.Node("patterns") || r.Node("exclude");
      r.Finish();
      if (!any)
        ctx.errors->push_back({o.pos, "[[override]] '" + o.id + "' changes nothing (give weight, severity, patterns "
                                      "or exclude)"});
      edits->overrides.push_back(std::move(o));
    }
  }
}

// Overrides first (an override of a disabled rule is harmless), then disables.
void ApplyEdits(const RuleEdits& edits, MatcherConfig* m, std::vector<ConfigError>* errors) {
  auto find = [&](const std::string& id) {
    return std::find_if(m->rules.begin(), m->rules.end(), [&](const RuleSpec& r) { return r.id == id; });
  };
  for (const auto& o : edits.overrides) {
    auto it = find(o.id);
    if (it == m->rules.end()) {
      if (!o.id.empty()) errors->push_back({o.pos, "[[override]] names no rule '" + o.id + "'"});
      continue;
    }
    if (o.weight) it->weight = *o.weight;
    if (o.severity) it->severity = *o.severity;
    if (o.patterns) it->patterns = *o.patterns;
    if (o.exclude) it->exclude = *o.exclude;
    it->pos = o.pos;  // consistency errors now point at what changed the rule
  }
  for (const auto& d : edits.disable) {
    auto it = find(d.id);
    if (it == m->rules.end()) {
      bool already = std::any_of(edits.disable.begin(), edits.disable.end(),
                                 [&](const RuleEdits::Disable& e) { return e.id == d.id && &e < &d; });
      if (!already) errors->push_back({d.pos, "disable names no rule '" + d.id + "'"});
      continue;
    }
    m->rules.erase(it);
  }
}

// [[site]], [[rule]] and [signals] may appear in the main file and in
// included files; everything else only in the main file. Rule edits
// (disable, [[override]]) belong in included files.
void ReadSharedSections(TableReader& top, Config* cfg, RuleEdits* edits = nullptr) {
  const Ctx& ctx = top.ctx();
  // [words] first: the file's patterns and overrides may use them.
  config_internal::Words words;
  if (top.Table("words")) words = config_internal::ReadWords(top.table(), ctx);
  if (edits) ReadEdits(top, words, edits);
  if (const toml::array* sites = top.Array("site")) {
    for (const auto& s : *sites) {
      if (!s.is_table()) { ctx.Error(&s, "[[site]] entries must be tables"); continue; }
      SiteConfig site;
      TableReader r(*s.as_table(), ctx, "site", "[[site]]");
      config_internal::ReadSite(r, &site);
      cfg->sites.push_back(std::move(site));
    }
  }
  if (const toml::array* rules = top.Array("rule")) {
    for (const auto& n : *rules) {
      if (!n.is_table()) { ctx.Error(&n, "[[rule]] entries must be tables"); continue; }
      RuleSpec rule;
      const toml::node* id = n.as_table()->get("id");
      std::string where = "[[rule]]";
      if (id != nullptr && id->is_string()) where += " '" + id->as_string()->get() + "'";
      TableReader r(*n.as_table(), ctx, "rule", where);
      config_internal::ReadRule(r, &rule);
      const toml::table& t = *n.as_table();
      config_internal::ExpandWordList(t.get("patterns"), words, ctx, "rule '" + rule.id + "'", &rule.patterns);
      config_internal::ExpandWordList(t.get("exclude"), words, ctx, "rule '" + rule.id + "'", &rule.exclude);
      cfg->matcher.rules.push_back(std::move(rule));
    }
  }
  if (const toml::table* sig = top.Table("signals")) {
    TableReader r(*sig, ctx, "signals", "[signals]");
    config_internal::ReadSignals(r, &cfg->matcher.signals);
  }
}

void LoadIncluded(const std::string& path, const Env& env, Config* cfg, std::vector<ConfigError>* errors,
                  RuleEdits* edits, std::set<std::string>* keys = nullptr) {
  auto text = env.ReadFile(path);
  if (!text.ok()) {
    errors->push_back({SourcePos{path, 1, 1}, "cannot read included file (" + text.status().message() + ")"});
    return;
  }
  auto table = Parse(*text, path, errors);
  if (!table) return;
  Ctx ctx{path, errors, &env, keys};
  TableReader top(*table, ctx, "rules",
                  "an included file (only [[site]], [[rule]], [signals], disable and [[override]] belong here)");
  ReadSharedSections(top, cfg, edits);
  top.Finish();
}

// Expands "rules/*.toml" relative to `base_dir` (wildcards in the file name only).
std::vector<std::string> ExpandInclude(const std::string& pattern, const std::string& base_dir, const Env& env) {
  namespace fs = std::filesystem;
  fs::path p = fs::path(pattern).is_absolute() ? fs::path(pattern) : fs::path(base_dir) / pattern;
  std::string dir = p.parent_path().string();
  std::string name = p.filename().string();
  std::vector<std::string> out;
  if (name.find_first_of("*?[") == std::string::npos) {
    if (env.FileExists(p.string())) out.push_back(p.string());
    return out;
  }
  for (const auto& f : env.ListDir(dir))
    if (fnmatch(name.c_str(), f.c_str(), 0) == 0) out.push_back((fs::path(dir) / f).string());
  std::sort(out.begin(), out.end());
  return out;
}

void CheckDuplicates(Config* cfg, std::vector<ConfigError>* errors) {
  std::map<std::string, SourcePos> seen;
  for (const auto& s : cfg->sites) {
    auto [it, fresh] = seen.emplace(s.name, s.pos);
    if (!fresh && !s.name.empty())
      errors->push_back({s.pos, "duplicate site name '" + s.name + "' (first defined at " + it->second.ToString() + ")"});
  }
  seen.clear();
  for (const auto& r : cfg->matcher.rules) {
    auto [it, fresh] = seen.emplace(r.id, r.pos);
    if (!fresh && !r.id.empty())
      errors->push_back({r.pos, "duplicate rule id '" + r.id + "' (first defined at " + it->second.ToString() + ")"});
  }
}

// Errors in file order, so the administrator can walk through them.
void SortErrors(std::vector<ConfigError>* errors) {
  std::stable_sort(errors->begin(), errors->end(), [](const ConfigError& a, const ConfigError& b) {
    return std::tie(a.pos.file, a.pos.line, a.pos.column) < std::tie(b.pos.file, b.pos.line, b.pos.column);
  });
}

// The rules version: a hash over everything that changes what the matcher
// flags, so each stored hit can name the exact logic that produced it.
std::string RulesVersion(const MatcherConfig& m) {
  std::ostringstream s;
  s << "min_age=" << m.min_age << ";alert=" << m.alert_threshold << ";critical=" << m.critical_threshold << ";";
  const SignalParams& p = m.signals;
  s << p.shared_phone_min_names << ',' << p.shared_phone_window.count() << ',' << p.shared_phone_weight << ','
    << p.touring_min_towns << ',' << p.touring_window.count() << ',' << p.touring_weight << ',' << p.template_shingle
    << ',' << p.template_jaccard << ',' << p.template_sentence_min_words << ',' << p.template_sentence_match << ','
    << p.template_family_similarity << ',' << p.template_common_sentence_ads << ',' << p.template_min_phones << ',' << p.template_weight << ','
    << p.category_cap << ';';
  for (const auto& r : m.rules) {
    s << r.id << '\x1f' << r.category << '\x1f' << r.weight << '\x1f' << ToString(r.severity) << '\x1f' << r.builtin
      << '\x1f' << r.age_hint << '\x1f' << r.negatable;
    for (const auto& f : r.fields) s << "\x1e" << f;
    for (const auto& f : r.patterns) s << "\x1dP" << f;
    for (const auto& f : r.exclude) s << "\x1dX" << f;
    for (const auto& f : r.only_with) s << "\x1dW" << f;
    if (r.only_with_age_at_most) s << "\x1dA" << r.only_with_age_at_most;
    s << '\n';
  }
  return Sha256Hex(s.str());
}

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec1, ec2;
  auto ca = std::filesystem::weakly_canonical(a, ec1), cb = std::filesystem::weakly_canonical(b, ec2);
  return !ec1 && !ec2 ? ca == cb : a == b;
}

// `skip`: a rule file to leave out (rules backtest --without); "" = none.
LoadResult LoadMain(const std::string& text, const std::string& file, const std::string& base_dir, const Env& env,
                    const std::string& skip = "") {
  LoadResult out;
  out.config.path = file;
  auto table = Parse(text, file, &out.errors);
  if (!table) return out;
  Ctx ctx{file, &out.errors, &env, &out.accepted_keys};
  TableReader top(*table, ctx, "", "the top level");
  Config& c = out.config;

  RuleEdits edits;
  std::vector<std::string> includes;
  if (top.StringList("include", &includes)) {
    const toml::array* arr = table->get("include")->as_array();
    for (size_t i = 0; i < includes.size(); ++i) {
      auto files = ExpandInclude(includes[i], base_dir, env);
      if (files.empty()) {  // an empty sites/ or rules.d/ folder is normal
        const auto& b = arr->get(i)->source().begin;
        out.warnings.push_back({SourcePos{file, static_cast<int>(b.line), static_cast<int>(b.column)},
                                "include '" + includes[i] + "' matches no file"});
      }
      for (const auto& f : files)
        if (skip.empty() || !SameFile(f, skip)) LoadIncluded(f, env, &c, &out.errors, &edits, &out.accepted_keys);
    }
  }
  // Local rule files, after the shipped ones: what an upgrade never overwrites.
  if (top.String("rules_dir", &c.matcher.rules_dir) && !c.matcher.rules_dir.empty()) {
    namespace fs = std::filesystem;
    if (fs::path(c.matcher.rules_dir).is_relative())
      c.matcher.rules_dir = (fs::path(base_dir) / c.matcher.rules_dir).lexically_normal().string();
    for (const auto& f : ExpandInclude("*.toml", c.matcher.rules_dir, env))
      if (skip.empty() || !SameFile(f, skip)) LoadIncluded(f, env, &c, &out.errors, &edits, &out.accepted_keys);
  }
  auto section = [&](const char* key, const char* where, auto reader, auto* target) {
    if (const toml::table* t = top.Table(key)) {
      TableReader r(*t, ctx, key, where);
      reader(r, target);
    }
  };
  section("store", "[store]", config_internal::ReadStore, &c.store);
  section("crawler", "[crawler]", config_internal::ReadCrawler, &c.crawler);
  section("matcher", "[matcher]", config_internal::ReadMatcher, &c.matcher);
  section("alerts", "[alerts]", config_internal::ReadAlerts, &c.alerts);
  section("retention", "[retention]", config_internal::ReadRetention, &c.retention);
  section("scope", "[scope]", config_internal::ReadScope, &c.scope);
  section("minimise", "[minimise]", config_internal::ReadMinimise, &c.minimise);
  section("register", "[register]", config_internal::ReadRegister, &c.register_);
  section("logging", "[logging]", config_internal::ReadLogging, &c.logging);
  section("daemon", "[daemon]", config_internal::ReadDaemon, &c.daemon);
  section("console", "[console]", config_internal::ReadConsole, &c.console);
  ReadSharedSections(top, &c);
  top.Finish();
  ApplyEdits(edits, &c.matcher, &out.errors);

  // Relative paths in the config are relative to the config file's folder.
  namespace fs = std::filesystem;
  auto resolve = [&](std::string& p) {
    if (!p.empty() && fs::path(p).is_relative()) p = (fs::path(base_dir) / p).lexically_normal().string();
  };
  if (c.store.backend == "sqlite") resolve(c.store.path);
  resolve(c.alerts.out_dir);
  resolve(c.matcher.gazetteer);
  resolve(c.console.tls_cert);
  resolve(c.console.tls_key);
  for (std::string* ref : {&c.store.pseudonym_key, &c.store.password, &c.alerts.smtp.password}) {
    if (ref->rfind("file:", 0) == 0) {
      std::string p = ref->substr(5);
      resolve(p);
      *ref = "file:" + p;
    }
  }
  SourcePos matcher_pos{file, 1, 1};
  if (const toml::node* m = table->get("matcher"))
    matcher_pos = {file, static_cast<int>(m->source().begin.line), static_cast<int>(m->source().begin.column)};
  if (c.matcher.critical_threshold < c.matcher.alert_threshold)
    out.errors.push_back({matcher_pos, "[matcher] critical_threshold must not be below alert_threshold"});
  config_internal::CheckScoring(c.matcher, matcher_pos, &out.errors);
  CheckDuplicates(&c, &out.errors);
  SortErrors(&out.errors);
  c.matcher.rules_version = RulesVersion(c.matcher);
  return out;
}

std::string DirOf(const std::string& path) {
  std::string d = std::filesystem::path(path).parent_path().string();
  return d.empty() ? "." : d;
}

}  // namespace

LoadResult LoadConfig(const std::string& path, const Env& env) {
  auto text = env.ReadFile(path);
  if (!text.ok()) {
    LoadResult r;
    r.config.path = path;
    r.errors.push_back({SourcePos{path, 0, 0}, "cannot read configuration file (" + text.status().message() + ")"});
    return r;
  }
  return LoadMain(*text, path, DirOf(path), env);
}

LoadResult LoadConfigWithout(const std::string& path, const std::string& skip, const Env& env) {
  auto text = env.ReadFile(path);
  if (!text.ok()) return LoadConfig(path, env);
  return LoadMain(*text, path, DirOf(path), env, skip);
}

LoadResult LoadCandidateRules(const MatcherConfig& active, const std::vector<std::string>& paths, const Env& env) {
  LoadResult out;
  RuleEdits edits;
  Config files;
  for (const auto& p : paths) LoadIncluded(p, env, &files, &out.errors, &edits);
  CheckDuplicates(&files, &out.errors);
  MatcherConfig& m = out.config.matcher;
  m = active;
  for (RuleSpec& r : files.matcher.rules) {
    auto it = std::find_if(m.rules.begin(), m.rules.end(), [&](const RuleSpec& a) { return a.id == r.id; });
    if (it != m.rules.end()) *it = std::move(r);
    else m.rules.push_back(std::move(r));
  }
  ApplyEdits(edits, &m, &out.errors);
  config_internal::CheckScoring(m, SourcePos{paths.empty() ? "" : paths.front(), 1, 1}, &out.errors);
  SortErrors(&out.errors);
  m.rules_version = RulesVersion(m);
  return out;
}

LoadResult LoadConfigFromString(const std::string& toml, const std::string& name, const Env& env) {
  return LoadMain(toml, name, DirOf(name), env);
}

LoadResult LoadRuleFiles(const std::vector<std::string>& paths, const Env& env) {
  LoadResult out;
  RuleEdits edits;
  for (const auto& p : paths) LoadIncluded(p, env, &out.config, &out.errors, &edits);
  ApplyEdits(edits, &out.config.matcher, &out.errors);
  CheckDuplicates(&out.config, &out.errors);
  // Thresholds are the defaults here (a config may set others; LoadConfig checks those).
  config_internal::CheckScoring(out.config.matcher, SourcePos{paths.empty() ? "" : paths.front(), 1, 1}, &out.errors);
  SortErrors(&out.errors);
  out.config.matcher.rules_version = RulesVersion(out.config.matcher);
  return out;
}

}  // namespace adwatch
