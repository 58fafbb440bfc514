// adwatch check-config: load the configuration and every rule file, report
// every error at once with file:line:col, exit 2 if there is any.
#include <algorithm>
#include <iostream>
#include <vector>

#include "app/args.h"
#include "app/config_checks.h"
#include "app/commands.h"
#include "config/loader.h"
#include "config/schema.h"
#include "core/text.h"
#include "matcher/analyze.h"

namespace adwatch {
namespace {

// Prints the reference entries for KEY ("close_after", "alerts.close_after",
// "site.fields.text") from the schema the loader reads (config/schema.h).
int Explain(const std::string& key) {
  std::string text = ExplainConfigKey(key);
  if (text.empty()) {
    // The nearest documented key, as "table.key" if it is in a table.
    std::string best, bare = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
    size_t best_d = 3;
    for (const ConfigKey& k : ConfigKeys()) {
      if (k.doc.empty()) continue;
      std::string full = k.table.empty() ? std::string(k.key) : std::string(k.table) + "." + std::string(k.key);
      size_t d = std::min(EditDistance(key, full), EditDistance(bare, k.key));
      if (d < best_d) {
        best_d = d;
        best = full;
      }
    }
    std::cerr << "adwatch check-config: no key '" << key << "'"
              << (best.empty() ? "" : " (did you mean '" + best + "'?)") << " (see man 5 adwatch.toml)\n";
    return kExitUsage;
  }
  std::cout << text;
  return kExitOk;
}

}  // namespace

int RunCheckConfig(CommandContext& ctx) {
  Args args(ctx.args, {"explain"}, {"help", "man"});
  if (!args.ok() || (!args.Has("help") && !args.positional().empty())) {
    std::cerr << "adwatch check-config: "
              << (args.ok() ? "unexpected argument '" + args.positional().front() + "'" : args.error())
              << " (see adwatch check-config --help)\n";
    return kExitUsage;
  }
  if (args.Has("help")) {
    std::cout << "usage: adwatch [--config FILE] check-config\n"
                 "       adwatch check-config --explain KEY     (e.g. close_after, alerts.smtp.url)\n"
                 "       adwatch check-config --man             (adwatch.toml(5), generated from the schema)\n\n"
                 "Loads the configuration and the rule files it includes and reports every\n"
                 "error (unknown keys, wrong types, bad or out-of-range durations, invalid\n"
                 "regexes, e-mail addresses, missing keys) with file:line:col; then compiles the\n"
                 "rules, loads the gazetteer, checks every rule's examples, and checks what would\n"
                 "otherwise fail only at run time: site selectors, JSON pointers and regexes,\n"
                 "phone regions, municipality names (did you mean), secrets. Warnings (a\n"
                 "municipality in scope without a recipient, an include matching no file, a\n"
                 "credential only the service can read: use adwatch --as-service check-config)\n"
                 "do not fail. Exit 0 if valid, 2 if not.\n";
    return kExitOk;
  }
  if (auto key = args.Value("explain")) return Explain(*key);
  if (args.Has("man")) {
    std::cout << ConfigReferenceMan();
    return kExitOk;
  }
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult r = LoadConfig(path);
  if (!r.ok()) {
    for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
    std::cerr << path << ": " << r.errors.size() << (r.errors.size() == 1 ? " error" : " errors") << "\n";
    return kExitUsage;
  }
  const Config& c = r.config;
  int warnings = 0;
  for (const auto& w : r.warnings) {
    std::cerr << w.pos.ToString() << ": warning: " << w.message << "\n";
    ++warnings;
  }
  // The rules must also compile as the matcher compiles them, the gazetteer
  // must load, and every rule must behave as its examples say.
  int errors = 0;
  auto matcher = MakeMatcher(c.matcher, c.alerts.municipalities);
  if (!matcher.ok()) {
    std::cerr << matcher.status().message() << "\n" << path << ": the rules or the gazetteer cannot be loaded\n";
    ++errors;
  } else {
    auto failures = CheckExamples(matcher->rules);
    for (const auto& f : failures) std::cerr << f.ToString() << "\n";
    if (!failures.empty()) std::cerr << path << ": " << failures.size() << " rule examples fail (see adwatch rules test)\n";
    errors += static_cast<int>(failures.size());
  }
  // What would otherwise fail only at run time: selectors, regions,
  // municipality names, recipients, secrets.
  for (const auto& f : CheckRunTimeConfig(c, matcher.ok() ? &matcher->gazetteer : nullptr, *Env::Default())) {
    std::cerr << f.ToString() << "\n";
    (f.warning ? warnings : errors)++;
  }
  if (errors > 0) {
    std::cerr << path << ": " << errors << (errors == 1 ? " error" : " errors");
    if (warnings > 0) std::cerr << ", " << warnings << (warnings == 1 ? " warning" : " warnings");
    std::cerr << "\n";
    return kExitUsage;
  }
  std::cout << path << ": ok (" << c.sites.size() << " sites, " << c.matcher.rules.size()
            << " rules, rules version " << c.matcher.rules_version.substr(0, 12) << ", store "
            << c.store.backend << (warnings > 0 ? ", " + std::to_string(warnings) + " warnings" : "") << ")\n";
  return kExitOk;
}

}  // namespace adwatch
