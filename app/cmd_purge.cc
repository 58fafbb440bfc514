// adwatch purge: delete data past its retention period (AVG storage
// limitation) and print what was removed. The daemon runs the same purge
// daily; this command is for the administrator and the FG.
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/minimise.h"
#include "config/loader.h"
#include "store/store.h"

namespace adwatch {
namespace {

int Usage(const Args& args) {
  std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
  if (!args.ok()) out << "adwatch purge: " << args.error() << "\n";
  out << "usage: adwatch [--config FILE] purge\n\n"
         "Deletes, for real, everything past its retention period ([retention] in the\n"
         "config): unflagged ads (default 90 days after last seen), ads linked to an\n"
         "alert (365 days), alerts without follow-up, sent mail (90 days), sightings\n"
         "(30 days), entities and frontier URLs (90 days), evaluation counts and audit\n"
         "entries (5 years). Prints the counts removed per class and records them in\n"
         "the audit log.\n"
         "First minimises ([minimise]) the ads behind no alert whose version is older\n"
         "than minimise.after (default 7 days): text, name, photos, prices and clear\n"
         "numbers go, keyed fingerprints for linking stay; prints how many.\n"
         "Exit 0 ok, 1 store failure, 2 usage or configuration error.\n";
  return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
}

}  // namespace

int RunPurge(CommandContext& ctx) {
  Args args(ctx.args, {}, {"help"});
  if (!args.ok() || args.Has("help") || !args.positional().empty()) return Usage(args);
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult cfg = LoadConfig(path);
  if (!cfg.ok()) {
    for (const auto& e : cfg.errors) std::cerr << e.ToString() << "\n";
    return kExitUsage;
  }
  SystemClock clock;
  auto store = OpenStore(cfg.config.store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch purge: " << store.status().message() << "\n";
    return kExitFailure;
  }
  LinkTokens tokens(**store);
  auto minimised = MinimiseDue(**store, cfg.config.minimise, tokens, clock.Now());
  if (!minimised.ok()) {
    std::cerr << "adwatch purge: " << minimised.status().message() << "\n";
    return kExitFailure;
  }
  auto counts = (*store)->Purge(cfg.config.retention, Env::Default()->UserName(), clock.Now());
  if (!counts.ok()) {
    std::cerr << "adwatch purge: " << counts.status().message() << "\n";
    return kExitFailure;
  }
  std::cout << "minimised in " << (*store)->Describe() << ": ads=" << *minimised << "\n";
  std::cout << "purged from " << (*store)->Describe() << ": " << counts->ToString() << "\n";
  return kExitOk;
}

}  // namespace adwatch
