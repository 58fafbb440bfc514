// adwatch digest [--dry-run [--raw | --out FILE.eml]]: render the next
// digest without sending it (as a reader sees it, or as MIME), or compose a
// digest now and deliver it (with the outbox: recorded before sending,
// marked sent on the server's 250).
#include <iostream>

#include "alerts/alerting.h"
#include "alerts/digest.h"
#include "alerts/mime.h"
#include "alerts/schedule.h"
#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "core/env.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] digest [--dry-run [--raw | --out FILE.eml]]\n\n"
    "--dry-run renders the digests of the next scheduled slot (one per recipient)\n"
    "from the alerts in state new, without sending and without changing anything,\n"
    "and prints each as its reader sees it: recipient, subject and the plain text.\n"
    "--raw prints the MIME messages instead; with --out the first goes to FILE.eml,\n"
    "further ones to FILE-2.eml, ... Without --dry-run a digest is composed now,\n"
    "queued in the outbox and delivered through alerts.transport.\n";

int Fail(const std::string& what) {
  std::cerr << "adwatch digest: " << what << "\n";
  return kExitFailure;
}

std::string OutName(const std::string& out, size_t i) {
  if (i == 0) return out;
  size_t dot = out.rfind(".eml");
  std::string stem = dot != std::string::npos && dot + 4 == out.size() ? out.substr(0, dot) : out;
  return stem + "-" + std::to_string(i + 1) + ".eml";
}

}  // namespace

int RunDigest(CommandContext& ctx) {
  Args args(ctx.args, {"out"}, {"dry-run", "raw", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok() || !args.positional().empty()) {
    std::cerr << "adwatch digest: " << (args.ok() ? "unexpected argument" : args.error()) << "\n" << kUsage;
    return kExitUsage;
  }
  if ((args.Has("out") || args.Has("raw")) && !args.Has("dry-run")) {
    std::cerr << "adwatch digest: --out and --raw need --dry-run\n" << kUsage;
    return kExitUsage;
  }
  if (args.Has("out") && args.Has("raw")) {
    std::cerr << "adwatch digest: --raw prints, --out writes files: give one\n" << kUsage;
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "digest");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStore(config->store, *Env::Default(), clock);
  if (!store.ok()) return Fail(store.status().message());
  auto schedule = DigestSchedule::FromConfig(config->alerts);
  if (!schedule.ok()) return Fail(schedule.status().message());

  if (args.Has("dry-run")) {
    AlertsConfig alerts = config->alerts;
    alerts.quiet_digest = true;  // always show what a digest would look like
    ComposeOptions co;
    co.now = clock.Now();
    co.slot = schedule->Next(co.now);
    co.time_zone = schedule->display_zone();
    co.matcher = &config->matcher;
    co.console_url = config->console.public_base_url;
    auto msgs = ComposeDigests(**store, alerts, co);
    if (!msgs.ok()) return Fail(msgs.status().message());
    if (msgs->empty()) {
      std::cout << "no recipients configured (alerts.municipalities, region_recipients, fallback_recipients)\n";
      return kExitOk;
    }
    for (size_t i = 0; i < msgs->size(); ++i) {
      const OutboxMessage& m = (*msgs)[i];
      if (args.Has("raw")) {
        std::cout << m.body << "\n";
        continue;
      }
      if (!args.Has("out")) {
        if (i > 0) std::cout << "\n" << std::string(72, '=') << "\n\n";
        std::cout << "To: " << m.recipients.front() << "\nSubject: " << m.subject << "\n\n" << DecodedTextPart(m.body);
        continue;
      }
      const std::string path = OutName(*args.Value("out"), i);
      Status st = Env::Default()->WriteFileAtomic(path, m.body);
      if (!st.ok()) return Fail(st.message());
      std::cerr << "adwatch digest: " << path << ": " << m.alert_ids.size() << " alerts, for "
                << m.recipients.front() << " (slot " << DigestSchedule::SlotName(co.slot) << ", not sent)\n";
    }
    return kExitOk;
  }

  auto transport = MakeTransport(config->alerts, *Env::Default());
  if (!transport.ok()) return Fail(transport.status().message());
  AlertingState state(config->alerts.max_immediate_per_hour);
  AlertingOptions opt;
  opt.threshold = config->matcher.alert_threshold;
  opt.os_user = Env::Default()->UserName();
  opt.force_digest = true;
  opt.matcher = &config->matcher;
  opt.console_url = config->console.public_base_url;
  auto r = RunAlerting(**store, config->alerts, opt, {}, clock, **transport, state);
  if (!r.ok()) return Fail(r.status().message());
  std::cout << "digests queued: " << r->digests_enqueued << ", sent: " << r->delivery.sent
            << ", to retry: " << r->delivery.retry << ", failed: " << r->delivery.failed << " (via "
            << (*transport)->Describe() << ")\n";
  return r->delivery.retry || r->delivery.failed ? kExitFailure : kExitOk;
}

}  // namespace adwatch
