// The daemon's conversation with systemd (Type=notify): READY=1 after
// start-up, WATCHDOG=1 from the event loop, STATUS= lines, RELOADING=1 and
// STOPPING=1. Without $NOTIFY_SOCKET (not under systemd) every call is a
// no-op, so the daemon runs the same way by hand.
#pragma once

#include <chrono>
#include <string>

namespace adwatch {

void NotifyReady(const std::string& status);
void NotifyReloading();
void NotifyStopping();
void NotifyStatus(const std::string& status);
void NotifyWatchdog();

// The watchdog interval systemd asks for (WatchdogSec), or zero if none.
std::chrono::microseconds WatchdogInterval();

}  // namespace adwatch
