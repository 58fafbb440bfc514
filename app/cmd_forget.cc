// adwatch forget --phone NUMBER: erase everything held about a phone number
// (GDPR art. 17): the ads carrying it with every version, hits, sightings,
// entity links and alerts about those ads. The erasure is audited with
// counts only, never the number.
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"

namespace adwatch {
namespace {

int Usage(const Args& args) {
  std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
  if (!args.ok()) out << "adwatch forget: " << args.error() << "\n";
  out << "usage: adwatch [--config FILE] forget --phone NUMBER --yes\n\n"
         "Erases everything adwatch holds about a phone number: every ad that carries\n"
         "it (all versions), indicator hits, sightings, entity links, alerts about those\n"
         "ads, and the number itself. Irreversible: --yes confirms. The erasure is\n"
         "recorded in the audit log with counts only (no number, no pseudonym).\n"
         "Exit 0 ok, 1 store failure, 2 usage or configuration error.\n";
  return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
}

}  // namespace

int RunForget(CommandContext& ctx) {
  Args args(ctx.args, {"phone"}, {"help", "yes"});
  if (!args.ok() || args.Has("help") || !args.positional().empty() || !args.Has("phone") || !args.Has("yes"))
    return Usage(args);
  auto config = LoadConfigForCommand(ctx, "forget");
  if (!config) return kExitUsage;
  std::string e164 = PhoneArgument(*args.Value("phone"), *config, "forget");
  if (e164.empty()) return kExitUsage;
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "forget");
  if (!store) return kExitFailure;
  auto counts = store->ForgetPhone(e164, Env::Default()->UserName(), clock.Now());
  if (!counts.ok()) {
    std::cerr << "adwatch forget: " << counts.status().message() << "\n";
    return kExitFailure;
  }
  std::cout << (counts->ads + counts->phones == 0 ? "nothing held about that number; " : "erased: ")
            << counts->ToString() << "\n";
  return kExitOk;
}

}  // namespace adwatch
