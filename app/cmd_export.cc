// adwatch export --phone NUMBER: everything held about a phone number, as
// JSON on stdout (GDPR art. 15 access request). The look-up is audited
// (who, when) without the number.
#include <iostream>

#include "app/args.h"
#include "app/commands.h"
#include "config/loader.h"
#include "matcher/phones.h"
#include "store/store.h"

namespace adwatch {
namespace {

int Usage(const Args& args) {
  std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
  if (!args.ok()) out << "adwatch export: " << args.error() << "\n";
  out << "usage: adwatch [--config FILE] export --phone NUMBER\n\n"
         "Prints everything adwatch holds about a phone number as JSON: the ads that\n"
         "carry it (every stored version), their indicator hits with evidence, places,\n"
         "sightings, entities and alerts. NUMBER may be E.164 (+31612345678) or written\n"
         "nationally for the configured default region (06 12345678). The look-up is\n"
         "recorded in the audit log without the number.\n"
         "Exit 0 found, 1 nothing held or store failure, 2 usage or configuration error.\n";
  return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
}

}  // namespace

// Shared with cmd_forget.cc: the number as the store keys it (E.164), or "".
std::string NormalisePhoneArgument(const std::string& raw, const std::string& region) {
  bool e164 = raw.size() > 4 && raw[0] == '+';
  for (size_t i = 1; e164 && i < raw.size(); ++i) e164 = raw[i] >= '0' && raw[i] <= '9';
  if (e164) return raw;
  auto found = ExtractPhones(raw, region.empty() ? "NL" : region, "argument");
  return found.size() == 1 ? found[0].e164 : "";
}

int RunExport(CommandContext& ctx) {
  Args args(ctx.args, {"phone"}, {"help"});
  if (!args.ok() || args.Has("help") || !args.positional().empty() || !args.Has("phone")) return Usage(args);
  std::string path = ctx.config_path.empty() ? DefaultConfigPath(*Env::Default()) : ctx.config_path;
  LoadResult cfg = LoadConfig(path);
  if (!cfg.ok()) {
    for (const auto& e : cfg.errors) std::cerr << e.ToString() << "\n";
    return kExitUsage;
  }
  std::string e164 = NormalisePhoneArgument(*args.Value("phone"), cfg.config.matcher.default_region);
  if (e164.empty()) {
    std::cerr << "adwatch export: --phone: not a phone number (give E.164, e.g. +31612345678)\n";
    return kExitUsage;
  }
  SystemClock clock;
  auto store = OpenStore(cfg.config.store, *Env::Default(), clock);
  if (!store.ok()) {
    std::cerr << "adwatch export: " << store.status().message() << "\n";
    return kExitFailure;
  }
  auto j = (*store)->ExportPhone(e164, Env::Default()->UserName(), clock.Now());
  if (!j.ok()) {
    std::cerr << "adwatch export: " << j.status().message() << "\n";
    return kExitFailure;
  }
  std::cout << j->dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return kExitOk;
}

}  // namespace adwatch
