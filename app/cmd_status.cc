// adwatch status [--json]: what the store knows about crawling, alerts and
// delivery, per site. Read-only; works whether or not the daemon runs.
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/args.h"
#include "app/commands.h"
#include "app/setup.h"
#include "store/store.h"

namespace adwatch {
namespace {

constexpr const char* kUsage =
    "usage: adwatch [--config FILE] status [--json]\n\n"
    "Prints per site: ads known and live, pages fetched, errors by class, the\n"
    "coverage of the current cycle (listing and detail pages planned and fetched;\n"
    "only a cycle that fetched every listing page makes ads vanish), the last\n"
    "finished crawl cycle (pages, bytes, ads new/changed/vanished, errors, latency)\n"
    "and the frontier; then the scope (ads outside it not kept), open alerts and\n"
    "the mail outbox.\n"
    "--json prints one JSON object (per site at least ads_known, ads_live,\n"
    "pages_fetched, errors and coverage).\n";

// The counters of each site's last finished cycle, from the crawler's audit
// entries ("site=NAME cycle=N finished pages=… new=… bytes=… p95_ms=…").
Result<std::map<std::string, nlohmann::json>> LastCycles(Store& store, TimePoint now) {
  AuditQuery q;
  q.action = "crawl";
  q.since = now - std::chrono::hours(24 * 30);
  q.limit = 1000000;
  auto entries = store.ListAudit(q);
  if (!entries.ok()) return entries.status();
  std::map<std::string, nlohmann::json> out;
  for (const AuditEntry& e : *entries) {
    if (e.detail.find(" finished ") == std::string::npos) continue;
    std::istringstream words(e.detail);
    std::string word, site;
    nlohmann::json c = {{"at", FormatUtc(e.time)}};
    while (words >> word) {
      auto eq = word.find('=');
      if (eq == std::string::npos) continue;
      std::string key = word.substr(0, eq), value = word.substr(eq + 1);
      if (key == "site") {
        site = value;
      } else {
        try {
          c[key] = std::stoll(value);
        } catch (...) {
          c[key] = value;
        }
      }
    }
    if (!site.empty()) out[site] = c;  // oldest first: the last one wins
  }
  return out;
}

Result<nlohmann::json> Collect(Store& store, const Config& config, TimePoint now) {
  auto last_cycles = LastCycles(store, now);
  if (!last_cycles.ok()) return last_cycles.status();
  nlohmann::json out;
  out["store"] = store.Describe();
  out["schema_version"] = store.SchemaVersion();
  nlohmann::json sites = nlohmann::json::object();
  for (const auto& site : config.sites) {
    auto c = store.GetSiteCounters(site.name);
    if (!c.ok()) return c.status();
    int64_t errors = 0;
    for (const auto& [cls, n] : c->errors) errors += n;
    nlohmann::json s = {{"ads_known", c->ads_known},       {"ads_live", c->ads_live},
                        {"pages_fetched", c->pages_fetched}, {"errors", errors},
                        {"errors_by_class", c->errors}};
    auto last = store.LastCycle(site.name);
    if (!last.ok()) return last.status();
    if (*last) {
      s["cycle"] = (*last)->cycle;
      s["cycle_started"] = FormatUtc((*last)->started);
      s["cycle_finished"] = (*last)->finished ? FormatUtc(*(*last)->finished) : "";
      // A finished cycle's coverage as recorded; a running one's so far.
      CycleCoverage cov = (*last)->coverage;
      if (!(*last)->finished) {
        auto live = store.GetCycleCoverage(site.name, (*last)->cycle, now);
        if (!live.ok()) return live.status();
        cov = *live;
      }
      s["coverage"] = {{"listing_planned", cov.listing_planned}, {"listing_fetched", cov.listing_fetched},
                       {"listing_leased", cov.listing_leased},   {"detail_planned", cov.detail_planned},
                       {"detail_fetched", cov.detail_fetched},   {"swept", cov.swept}};
    }
    auto f = store.CountFrontier(site.name, now);
    if (!f.ok()) return f.status();
    s["frontier"] = {{"total", f->total}, {"due", f->due}, {"leased", f->leased}, {"failing", f->failing}};
    if (auto it = last_cycles->find(site.name); it != last_cycles->end()) s["last_cycle"] = it->second;
    sites[site.name] = s;
  }
  out["sites"] = sites;
  auto outside = store.CountOutOfScope();
  if (!outside.ok()) return outside.status();
  out["scope"] = {{"enabled", config.scope.enabled},
                  {"municipalities", config.scope.municipalities.size()},
                  {"border_towns", config.scope.border_towns.size()},
                  {"ads_out_of_scope", *outside}};
  auto minimised = store.CountMinimised();
  if (!minimised.ok()) return minimised.status();
  out["minimise"] = {{"enabled", config.minimise.enabled},
                     {"after_hours", std::chrono::duration_cast<std::chrono::hours>(config.minimise.after).count()},
                     {"ads_minimised", *minimised}};
  AlertQuery open;
  open.states = {AlertState::kNew, AlertState::kSent, AlertState::kAcknowledged};
  open.limit = 100000;
  auto alerts = store.ListAlerts(open);
  if (!alerts.ok()) return alerts.status();
  nlohmann::json by_severity = nlohmann::json::object();
  for (const auto& a : *alerts) by_severity[ToString(a.severity)] = by_severity.value(ToString(a.severity), 0) + 1;
  out["alerts_open"] = alerts->size();
  out["alerts_open_by_severity"] = by_severity;
  auto due = store.DueMail(now, 100000);
  if (!due.ok()) return due.status();
  out["mail_due"] = due->size();
  // Everything still queued, due or backing off, and why the last try failed.
  auto queued = store.DueMail(now + std::chrono::hours(24 * 365 * 10), 100000);
  if (!queued.ok()) return queued.status();
  out["mail_queued"] = queued->size();
  std::string last_error;
  int attempts = 0;
  for (const auto& m : *queued)
    if (!m.last_error.empty() && m.attempts >= attempts) {
      attempts = m.attempts;
      last_error = m.last_error;
    }
  out["mail_last_error"] = last_error;
  return out;
}

void PrintText(const nlohmann::json& s) {
  std::cout << "store: " << s["store"].get<std::string>() << " (schema " << s["schema_version"] << ")\n";
  for (const auto& [name, site] : s["sites"].items()) {
    std::cout << "site " << name << ": " << site["ads_live"] << " live of " << site["ads_known"] << " ads, "
              << site["pages_fetched"] << " pages, " << site["errors"] << " errors";
    if (site.contains("cycle"))
      std::cout << ", cycle " << site["cycle"]
                << (site["cycle_finished"].get<std::string>().empty() ? " running" : " finished");
    std::cout << ", frontier " << site["frontier"]["total"] << " (" << site["frontier"]["due"] << " due)\n";
    if (site.contains("coverage")) {
      const auto& c = site["coverage"];
      bool running = site["cycle_finished"].get<std::string>().empty();
      std::cout << "  coverage of cycle " << site["cycle"] << (running ? " so far" : "") << ": listing pages fetched "
                << c["listing_fetched"] << " of " << c["listing_planned"] << ", detail pages " << c["detail_fetched"]
                << " of " << c["detail_planned"];
      if (c["listing_leased"].get<int64_t>() > 0) std::cout << ", " << c["listing_leased"] << " leased elsewhere";
      if (!running) std::cout << (c["swept"].get<bool>() ? ", vanish sweep ran" : ", INCOMPLETE: no ad vanished");
      std::cout << "\n";
    }
    if (site.contains("last_cycle")) {
      const auto& c = site["last_cycle"];
      std::cout << "  last finished cycle " << c.value("cycle", 0) << " at " << c.value("at", "") << ": "
                << c.value("pages", 0) << " pages, " << c.value("bytes", 0) << " bytes, " << c.value("new", 0)
                << " new, " << c.value("changed", 0) << " changed, " << c.value("vanished", 0) << " vanished, "
                << c.value("errors", 0) << " errors, latency p50 " << c.value("p50_ms", 0) << " ms, p95 "
                << c.value("p95_ms", 0) << " ms";
      if (c.contains("listing_planned"))
        std::cout << ", listing pages " << c.value("listing_fetched", 0) << "/" << c.value("listing_planned", 0)
                  << (c.value("swept", 0) ? "" : " (incomplete: no ad vanished)");
      std::cout << "\n";
    }
    for (const auto& [cls, n] : site["errors_by_class"].items()) std::cout << "  errors " << cls << ": " << n << "\n";
  }
  const auto& scope = s["scope"];
  if (scope["enabled"].get<bool>())
    std::cout << "scope: " << scope["municipalities"] << " municipalities, " << scope["border_towns"]
              << " border towns; " << scope["ads_out_of_scope"]
              << " ads outside it not kept (their URLs only as keyed hashes)\n";
  else
    std::cout << "scope: off (ads from every region are kept)\n";
  const auto& min = s["minimise"];
  if (min["enabled"].get<bool>())
    std::cout << "minimisation: " << min["ads_minimised"] << " ads behind no alert keep only linking fingerprints (after "
              << min["after_hours"] << " h)\n";
  else
    std::cout << "minimisation: off\n";
  std::cout << "alerts open: " << s["alerts_open"];
  for (const auto& [sev, n] : s["alerts_open_by_severity"].items()) std::cout << ", " << sev << " " << n;
  std::cout << "\nmail waiting in the outbox: " << s["mail_due"] << "\n";
  if (s.value("mail_queued", 0) > 0)
    std::cout << "mail queued (due or retrying later): " << s["mail_queued"] << "\n";
  if (!s.value("mail_last_error", "").empty())
    std::cout << "mail NOT DELIVERED, last error: " << s["mail_last_error"].get<std::string>() << "\n";
}

}  // namespace

int RunStatus(CommandContext& ctx) {
  Args args(ctx.args, {}, {"json", "help"});
  if (args.Has("help")) { std::cout << kUsage; return kExitOk; }
  if (!args.ok() || !args.positional().empty()) {
    std::cerr << "adwatch status: " << (args.ok() ? "unexpected argument" : args.error()) << "\n" << kUsage;
    return kExitUsage;
  }
  auto config = LoadConfigForCommand(ctx, "status");
  if (!config) return kExitUsage;
  SystemClock clock;
  auto store = OpenStoreForCommand(*config, clock, "status");
  if (!store) return kExitFailure;
  auto status = Collect(*store, *config, clock.Now());
  if (!status.ok()) {
    std::cerr << "adwatch status: " << status.status().message() << "\n";
    return kExitFailure;
  }
  if (args.Has("json")) {
    std::cout << status->dump() << "\n";
  } else {
    PrintText(*status);
  }
  return kExitOk;
}

}  // namespace adwatch
