// adwatch rules: check rule files' examples (`rules test`) and compare
// candidate rules with the active ones on the stored ads (`rules backtest`,
// app/cmd_rules_backtest.cc).
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/rules_backtest.h"
#include "app/rules_evaluate.h"
#include "app/setup.h"
#include "config/loader.h"
#include "matcher/analyze.h"
#include "matcher/rules.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] rules test [RULES_FILE...]\n"
    "       adwatch [--config FILE] rules backtest (--rules FILE | --without FILE) [--since 30d] [--limit 100]\n"
    "       adwatch [--config FILE] rules evaluate --corpus DIR [--json] [--misses] [--rules FILE]\n\n"
    "rules test: compiles every rule and checks its examples: each text in\n"
    "examples.match must match, each in examples.no_match must not. Failures are\n"
    "reported by rule id and file:line. Without RULES_FILE: the config's rule files\n"
    "(when --config is given or a config exists), else $ADWATCH_RULES or the shipped\n"
    "default.toml. Exit 0 if every example holds, 1 if any fails, 2 on load errors.\n\n"
    "rules backtest: replays the ads stored in the last --since (default 30d) under\n"
    "the active rules and under the active rules PLUS the candidate FILE (its\n"
    "[[rule]]s replace active rules of the same id or are added, its disable and\n"
    "[[override]] apply, its [signals], if any, replace the cross-ad parameters),\n"
    "or with --without FILE the active rules WITHOUT that included or rules_dir\n"
    "file, and prints which alerts would appear, disappear or change severity,\n"
    "with their scores and the evidence, then per ad the score and severity before\n"
    "and after with the rules gained (+id), lost (-id) or reweighed (id 40.0->0.0),\n"
    "largest change first (at most --limit ads). Phone numbers never in clear.\n\n"
    "rules evaluate: runs every ad of a labelled corpus (a folder of JSON-lines files,\n"
    "see tests/corpus/LABELLING.md) through the matcher and the cross-ad signals and\n"
    "prints: per rule, how often it fires on ads that must and must not be reviewed;\n"
    "per category precision and recall; review precision, recall and false-review\n"
    "rate (overall and per language); phone F1, stated-age F1, municipality\n"
    "accuracy; template pair precision and recall. --misses lists every ad it got\n"
    "wrong (no phone numbers); --json prints the figures as JSON. Rules: --rules\n"
    "FILE, else the config's (when --config is given or a config exists), else the\n"
    "shipped rule files. Use it on your own labelled sample before deploying a rule\n"
    "change.\n";

int Test(const CommandContext& ctx, std::vector<std::string> files) {
  std::vector<RuleSpec> rules;
  std::string version;
  bool use_config = files.empty() &&
                    (!ctx.config_path.empty() || Env::Default()->FileExists(DefaultConfigPath(*Env::Default())));
  if (use_config) {
    auto cfg = LoadConfigForCommand(ctx, "rules test");
    if (!cfg) return kExitUsage;
    rules = cfg->matcher.rules;
    version = cfg->matcher.rules_version;
  }
  if (rules.empty()) {
    if (files.empty()) files.push_back(DefaultRulesPath());
    LoadResult r = LoadRuleFiles(files);
    if (!r.ok()) {
      for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
      std::cerr << "adwatch rules test: " << r.errors.size() << (r.errors.size() == 1 ? " error" : " errors")
                << " loading rules\n";
      return kExitUsage;
    }
    rules = r.config.matcher.rules;
    version = r.config.matcher.rules_version;
  }
  size_t examples = 0;
  for (const auto& r : rules) examples += r.must_match.size() + r.must_not_match.size();
  auto compiled = CompiledRules::Compile(rules, version);
  if (!compiled.ok()) {
    std::cerr << compiled.status().message() << "\n";
    return kExitUsage;
  }
  auto failures = CheckExamples(*compiled);
  for (const auto& f : failures) std::cout << f.ToString() << "\n";
  std::cout << rules.size() << " rules, " << examples << " examples, " << failures.size()
            << (failures.size() == 1 ? " failure" : " failures") << "\n";
  return failures.empty() ? kExitOk : kExitFailure;
}

}  // namespace

int RunRules(CommandContext& ctx) {
  Args args(ctx.args, {"rules", "without", "since", "corpus", "limit"}, {"help", "json", "misses"});
  const auto& pos = args.positional();
  if (args.ok() && args.Has("help")) {
    std::cout << kUsage;
    return kExitOk;
  }
  if (!args.ok() || pos.empty()) {
    std::cerr << "adwatch rules: " << (args.ok() ? "expected test, backtest or evaluate" : args.error())
              << " (see adwatch rules --help)\n";
    return kExitUsage;
  }
  if (pos[0] == "test") return Test(ctx, std::vector<std::string>(pos.begin() + 1, pos.end()));
  if (pos[0] == "backtest") return RunRulesBacktest(ctx, args);
  if (pos[0] == "evaluate") return RunRulesEvaluate(ctx, args);
  std::cerr << "adwatch rules: unknown subcommand '" << pos[0] << "' (see adwatch rules --help)\n";
  return kExitUsage;
}

}  // namespace adwatch
