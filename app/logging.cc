#include "app/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>

namespace adwatch {

Status SetupLogging(const std::string& level) {
  spdlog::level::level_enum lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off")
    return Status::InvalidArgument("log level '" + level + "' (expected trace, debug, info, warn or error)");
  spdlog::drop("adwatch");  // a second setup in one process (tests, reloads) replaces the first
  // Thread-safe: the mail worker logs its deliveries from its own thread.
  auto logger = spdlog::stderr_logger_mt("adwatch");
  spdlog::set_default_logger(logger);
  spdlog::set_level(lvl);
  // JOURNAL_STREAM is set when stderr goes to journald, which stamps time itself.
  if (std::getenv("JOURNAL_STREAM") != nullptr) {
    spdlog::set_pattern("%l: %v");
  } else {
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l: %v");
  }
  return Status::Ok();
}

}  // namespace adwatch
