// adwatch check-config: load the configuration and every rule file, report
// every error at once with file:line:col, exit 2 if there is any.
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <vector>

#include "app/args.h"
#include "app/config_checks.h"
#include "app/commands.h"
#include "config/loader.h"
#include "matcher/analyze.h"

namespace adwatch {
namespace {

std::string Unroff(std::string s) {
  for (auto [from, to] : {std::pair<const char*, const char*>{"\\fR", ""}, {"\\fB", ""}, {"\\fI", ""},
                          {"\\(dq", "\""}, {"\\-", "-"}, {"\\\\", "\\"}})
    for (size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::strlen(from), to);
  return s;
}

// Prints the adwatch.toml(5) entries for KEY ("close_after" or
// "alerts.close_after"): the reference is the man page, which a test keeps
// complete against the loader.
int Explain(const std::string& key) {
  const Env& env = *Env::Default();
  std::string data_dir = std::filesystem::path(DefaultGazetteerPath(env)).parent_path().string();
  std::string page;
  for (const std::string& p : {data_dir + "/adwatch.toml.5", std::string("/usr/share/man/man5/adwatch.toml.5")}) {
    if (auto text = env.ReadFile(p); text.ok()) {
      page = *text;
      break;
    }
  }
  if (page.empty()) {
    std::cerr << "adwatch check-config: adwatch.toml(5) not found (see man 5 adwatch.toml)\n";
    return kExitFailure;
  }
  std::string table, name = key;
  if (size_t dot = key.rfind('.'); dot != std::string::npos) {
    table = key.substr(0, dot);
    name = key.substr(dot + 1);
  }
  std::vector<std::string> lines;
  std::istringstream in(page);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::string section;
  int found = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.rfind(".SS ", 0) == 0) section = Unroff(line.substr(4));
    if (line.rfind(".B " + name + " ", 0) != 0) continue;
    if (!table.empty() && section.find(table) == std::string::npos) continue;
    std::cout << section << " " << Unroff(line.substr(3)) << "\n";
    // The entry's text runs to the next request (.TP, .SS, ...).
    for (size_t j = i + 1; j < lines.size() && (lines[j].empty() || lines[j][0] != '.'); ++j)
      std::cout << "    " << Unroff(lines[j]) << "\n";
    ++found;
  }
  if (found == 0) {
    std::cerr << "adwatch check-config: no key '" << key << "' in adwatch.toml(5) (see man 5 adwatch.toml)\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

int RunCheckConfig(CommandContext& ctx) {
  Args args(ctx.args, {"explain"}, {"help"});
  if (!args.ok() || (!args.Has("help") && !args.positional().empty())) {
    std::cerr << "adwatch check-config: "
              << (args.ok() ? "unexpected argument '" + args.positional().front() + "'" : args.error())
              << " (see adwatch check-config --help)\n";
    return kExitUsage;
  }
  if (args.Has("help")) {
    std::cout << "usage: adwatch [--config FILE] check-config\n"
                 "       adwatch check-config --explain KEY     (e.g. close_after, alerts.close_after)\n\n"
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
