// One function per section of adwatch.toml and the rule files; each reads
// its table into the Config and reports problems through the Ctx.
#pragma once

#include "config/internal/reader.h"

namespace adwatch::config_internal {

void ReadStore(TableReader& r, StoreConfig* out);
void ReadCrawler(TableReader& r, CrawlerConfig* out);
void ReadSite(TableReader& r, SiteConfig* out);
void ReadMatcher(TableReader& r, MatcherConfig* out);
void ReadSignals(TableReader& r, SignalParams* out);
void ReadRule(TableReader& r, RuleSpec* out);
void ReadAlerts(TableReader& r, AlertsConfig* out);
void ReadRetention(TableReader& r, RetentionConfig* out);
void ReadScope(TableReader& r, ScopeConfig* out);
void ReadMinimise(TableReader& r, MinimiseConfig* out);
void ReadRegister(TableReader& r, RegisterConfig* out);
void ReadLogging(TableReader& r, LoggingConfig* out);
void ReadDaemon(TableReader& r, DaemonConfig* out);
void ReadConsole(TableReader& r, ConsoleConfig* out);

}  // namespace adwatch::config_internal
