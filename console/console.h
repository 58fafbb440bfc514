// The review console: the coordinators' web pages over the store. ConsoleApp
// turns one HTTP request into one response (no sockets: server.h carries
// them), so tests can call it directly.
//
// Security contract:
// - Every page but /login and /static/* needs a session (a GET without one is
//   sent to /login?next=PAGE and, signed in, back to PAGE if it is a path on
//   this site): a random 256-bit id
//   in the cookie "adwatch_session" (HttpOnly; Secure; SameSite=Strict; Path=/),
//   stored hashed, ending after config.session_idle without a request or
//   config.session_absolute after sign-in.
// - Single sign-on: the user named in config.sso_header is believed only when
//   the request comes from an address in config.trusted_proxies; from anywhere
//   else the header is ignored. The account must exist (role and scope come
//   from `adwatch users add`) and not be disabled.
// - Every POST must carry the session's CSRF token (the sign-in form: the
//   token of its pre-session cookie), else 403.
// - Roles: coordinator (signals of its municipalities), regional (all
//   signals), dpo (dashboard counts and audit log, no ad content), admin
//   (dashboard with crawl health, audit log). A signal or ad outside the
//   user's scope answers exactly like one that does not exist (404, same body).
// - Every view of a signal or archived ad, every assessment and re-route is
//   appended to the audit log with the signed-in user (no personal data).
#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "console/server.h"
#include "core/clock.h"
#include "store/store.h"

namespace adwatch::console {

class ConsoleApp {
 public:
  // `store`, `clock` and `config` must outlive the app.
  ConsoleApp(const Config& config, ConsoleStore& store, const Clock& clock);
  HttpResponse Handle(const HttpRequest& req);

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// The console running on `io`: the app behind a server bound to
// config.console.listen. For the daemon (on its io_context, with a Store of
// its own for this thread) and `adwatch console`. Destroying it stops it.
struct RunningConsole {
  std::unique_ptr<ConsoleApp> app;
  std::unique_ptr<Server> server;
};
Result<std::unique_ptr<RunningConsole>> StartConsole(boost::asio::io_context& io, const Config& config, ConsoleStore& store,
                                                     const Clock& clock);

// The signal's console address: "<public_base_url>/signals/<id>".
std::string SignalUrl(const ConsoleConfig& config, int64_t alert_id);

}  // namespace adwatch::console
