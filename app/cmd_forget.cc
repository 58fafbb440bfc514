// adwatch forget --phone NUMBER | --ad URL: erase a person (GDPR art. 17)
// from the store (see Store::ForgetPhone: ads, versions, hits, sightings,
// entities, alerts and their evidence, outbox, frontier) and from the mail
// folder of the file transport, then print who received mail about her so
// they can be told (art. 17(2), 19). The erasure is audited with counts,
// message ids and the reason, never the number.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "alerts/transport.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"

namespace adwatch {
namespace {

int Usage(const Args& args) {
  std::ostream& out = args.Has("help") && args.ok() ? std::cout : std::cerr;
  if (!args.ok()) out << "adwatch forget: " << args.error() << "\n";
  out << "usage: adwatch [--config FILE] forget (--phone NUMBER | --ad URL) [--reason TEXT] --yes\n\n"
         "Erases everything adwatch holds about a phone number (or one ad): every ad that\n"
         "carries it (all versions), indicator hits, places, sightings, crawl frontier\n"
         "URLs, alerts about those ads, the number itself; the person is cut out of\n"
         "entities and alerts about others; messages that reported on her are deleted\n"
         "from the outbox and from the mail folder ([alerts] out_dir). Prints the\n"
         "messages' ids, dates and recipients: tell them of the erasure (art. 19).\n"
         "Irreversible: --yes confirms. Recorded in the audit log with counts, message\n"
         "ids and --reason (no number, no pseudonym, no URL).\n"
         "Exit 0 ok, 1 store failure, 2 usage or configuration error.\n";
  return args.Has("help") && args.ok() ? kExitOk : kExitUsage;
}

// Deletes the .eml files of the mail folder that are one of `ids` or mention
// the person. Returns how many.
int ScrubMailFolder(const std::string& dir, const std::vector<MailNotice>& mailed, const std::string& e164,
                    const std::vector<std::string>& urls) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (dir.empty() || !fs::is_directory(dir, ec)) return 0;
  std::set<std::string> names;
  for (const MailNotice& n : mailed) names.insert(EmlFileName(n.message_id));
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    bool about = names.count(entry.path().filename().string()) > 0;
    if (!about) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      about = MentionsPerson(text.str(), e164, urls);
    }
    if (about && fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

}  // namespace

int RunForget(CommandContext& ctx) {
  Args args(ctx.args, {"phone", "ad", "reason"}, {"help", "yes"});
  if (!args.ok() || args.Has("help") || !args.positional().empty() || args.Has("phone") == args.Has("ad") ||
      !args.Has("yes"))
    return Usage(args);
  auto config = LoadConfigForCommand(ctx, "forget");
  if (!config) return kExitUsage;
  std::string e164;
  if (args.Has("phone")) {
    e164 = PhoneArgument(*args.Value("phone"), *config, "forget");
    if (e164.empty()) return kExitUsage;
  }
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "forget");
  if (!store) return kExitFailure;
  const std::string who = Env::Default()->UserName(), reason = args.ValueOr("reason", "");
  auto counts = args.Has("phone") ? store->ForgetPhone(e164, who, clock.Now(), reason)
                                  : store->ForgetAd(*args.Value("ad"), who, clock.Now(), reason);
  if (!counts.ok() && counts.status().code() != Status::Code::kNotFound) {
    std::cerr << "adwatch forget: " << counts.status().message() << "\n";
    return kExitFailure;
  }
  const std::vector<MailNotice> none;
  const auto& mailed = counts.ok() ? counts->mailed : none;
  std::vector<std::string> urls;
  if (args.Has("ad")) urls.push_back(*args.Value("ad"));
  const int files = ScrubMailFolder(config->alerts.out_dir, mailed, e164, urls);
  if (!counts.ok() || counts->ads + counts->phones + counts->frontier == 0) {
    std::cout << "nothing held " << (args.Has("phone") ? "about that number" : "under that URL") << " in the store";
  } else {
    std::cout << "erased: " << counts->ToString() << " frontier=" << counts->frontier
              << " alerts_redacted=" << counts->alerts_redacted;
  }
  std::cout << "; mail folder files deleted: " << files << "\n";
  bool told = false;
  for (const MailNotice& n : mailed) {
    if (n.state != MailState::kSent) continue;
    if (!told) std::cout << "these recipients received mail about the person; tell them of the erasure:\n";
    told = true;
    std::cout << "  " << n.message_id << "  sent " << FormatUtc(n.sent.value_or(n.created)) << "  to";
    for (const auto& r : n.recipients) std::cout << " " << r;
    std::cout << "\n";
  }
  if (!told) std::cout << "no mail about the person was sent\n";
  return kExitOk;
}

}  // namespace adwatch
