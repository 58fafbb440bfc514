// adwatch rules evaluate --corpus DIR [--json] [--misses] [--rules FILE]:
// detection quality on a labelled corpus (app/evaluate.h), so that an
// administrator can measure a rule change on labelled ads of their own
// before deploying it. Read-only; prints no phone numbers.
#include <algorithm>
#include <iostream>

#include "app/evaluate.h"
#include "app/rules_evaluate.h"
#include "app/setup.h"
#include "config/loader.h"

namespace adwatch {
namespace {

// The shipped rule files: every *.toml beside the default rules.
std::vector<std::string> ShippedRuleFiles() {
  std::string first = DefaultRulesPath();
  std::string dir = first.substr(0, first.find_last_of('/'));
  std::vector<std::string> files;
  for (const std::string& name : Env::Default()->ListDir(dir))
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0) files.push_back(dir + "/" + name);
  std::sort(files.begin(), files.end());
  if (files.empty()) files.push_back(first);
  return files;
}

}  // namespace

int RunRulesEvaluate(const CommandContext& ctx, const Args& args) {
  auto corpus_path = args.Value("corpus");
  if (!corpus_path) {
    std::cerr << "adwatch rules evaluate: --corpus DIR is required (see --help)\n";
    return kExitUsage;
  }
  MatcherConfig mc;
  std::vector<MunicipalityConfig> municipalities;
  bool use_config = !args.Has("rules") &&
                    (!ctx.config_path.empty() || Env::Default()->FileExists(DefaultConfigPath(*Env::Default())));
  if (use_config) {
    auto cfg = LoadConfigForCommand(ctx, "rules evaluate");
    if (!cfg) return kExitUsage;
    mc = cfg->matcher;
    municipalities = cfg->alerts.municipalities;
  } else {
    std::vector<std::string> files =
        args.Has("rules") ? std::vector<std::string>{*args.Value("rules")} : ShippedRuleFiles();
    LoadResult r = LoadRuleFiles(files);
    if (!r.ok()) {
      for (const auto& e : r.errors) std::cerr << e.ToString() << "\n";
      return kExitUsage;
    }
    mc.rules = r.config.matcher.rules;
    mc.signals = r.config.matcher.signals;
    mc.rules_version = r.config.matcher.rules_version;
  }
  auto matcher = MakeMatcher(std::move(mc), municipalities);
  if (!matcher.ok()) {
    std::cerr << "adwatch rules evaluate: " << matcher.status().message() << "\n";
    return kExitUsage;
  }
  auto corpus = LoadCorpus(*corpus_path);
  if (!corpus.ok()) {
    std::cerr << corpus.status().message() << "\nadwatch rules evaluate: the corpus has errors\n";
    return kExitUsage;
  }
  EvaluationReport report = Evaluate(*corpus, *matcher);
  if (args.Has("json")) std::cout << ReportJson(report) << "\n";
  else std::cout << FormatReport(report, args.Has("misses"));
  return kExitOk;
}

}  // namespace adwatch
