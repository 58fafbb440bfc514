// adwatch export --phone NUMBER: everything held about a phone number, as
// JSON on stdout (GDPR art. 15 access request). The look-up is audited
// (who, when) without the number.
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"

namespace adwatch {
namespace {

int Usage(const Args& args) {
  std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
  if (!args.ok()) out << "adwatch export: " << args.error() << "\n";
  out << "usage: adwatch [--config FILE] export --phone NUMBER [--reason TEXT]\n\n"
         "Prints everything adwatch holds about a phone number as JSON: the ads that\n"
         "carry it (every stored version), their indicator hits with evidence, places,\n"
         "sightings, entities and alerts. NUMBER may be E.164 (+31612345678) or written\n"
         "nationally for the configured default region (06 12345678). The look-up is\n"
         "recorded in the audit log without the number, with --reason (the request).\n"
         "Other people's data is left out (art. 15(4)): other numbers in the ads, and\n"
         "others' ads and evidence in the entities and alerts the number is part of.\n"
         "Exit 0 found, 1 nothing held or store failure, 2 usage or configuration error.\n";
  return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
}

}  // namespace

int RunExport(CommandContext& ctx) {
  Args args(ctx.args, {"phone", "reason"}, {"help"});
  if (!args.ok() || args.Has("help") || !args.positional().empty() || !args.Has("phone")) return Usage(args);
  auto config = LoadConfigForCommand(ctx, "export");
  if (!config) return kExitUsage;
  std::string e164 = PhoneArgument(*args.Value("phone"), *config, "export");
  if (e164.empty()) return kExitUsage;
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "export");
  if (!store) return kExitFailure;
  auto j = store->ExportPhone(e164, Env::Default()->UserName(), clock.Now(), args.ValueOr("reason", ""));
  if (!j.ok()) {
    std::cerr << "adwatch export: " << j.status().message() << "\n";
    return kExitFailure;
  }
  std::cout << j->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace adwatch
