#include "app/commands.h"

namespace adwatch {

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> commands = {
      {"check-config", "validate the configuration and rule files, report every error", RunCheckConfig},
      {"run", "run as a daemon: crawl, match, alert, deliver, purge on schedule", RunRun},
      {"crawl", "crawl the configured sites (--once: one full cycle)", RunCrawl},
      {"analyze", "analyse one ad (or JSON lines) and print its signals", RunAnalyze},
      {"rules", "test rule examples, backtest candidate rules", RunRules},
      {"alerts", "list, show, acknowledge, dismiss and decide alerts", RunAlerts},
      {"digest", "render or send the next digest (--dry-run)", RunDigest},
      {"report", "reports for review (indicators: outcomes per rule)", RunReport},
      {"purge", "delete data past its retention period", RunPurge},
      {"export", "print everything held about a phone number as JSON", RunExport},
      {"forget", "erase everything held about a phone number", RunForget},
      {"audit", "verify the audit log's hash chain, list who did what (verify, list)", RunAudit},
      {"status", "crawl, match, alert and delivery status", RunStatus},
      {"console", "serve the review console (web pages for coordinators)", RunConsole},
      {"users", "add, disable and list accounts of the review console", RunUsers},
      {"version", "print the version", RunVersion},
      {"site", "site test NAME: try a site profile on one listing and one ad page", RunSite},
  };
  return commands;
}

}  // namespace adwatch
