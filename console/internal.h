// Shared by the console's page files; not a public header.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "console/html.h"
#include "console/server.h"
#include "core/clock.h"
#include "store/store.h"

namespace adwatch::console::internal {

struct Viewer {
  ConsoleUser user;
  ConsoleSession session;
  PageUser page_user() const { return {user.name, user.role}; }
};

// Everything a page handler needs for one request.
struct Ctx {
  const Config& config;
  ConsoleStore& store;
  const Clock& clock;
  const Viewer& viewer;
  const HttpRequest& req;
  std::string path;
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> form;  // POST bodies
  std::string Q(const std::string& k) const {
    auto it = query.find(k);
    return it == query.end() ? "" : it->second;
  }
  std::string F(const std::string& k) const {
    auto it = form.find(k);
    return it == form.end() ? "" : it->second;
  }
  std::string Render(const std::string& title, const std::string& body) const {
    PageUser u = viewer.page_user();
    return Page(title, &u, viewer.session.csrf, body);
  }
  // Appends to the audit log as the signed-in user; false if it failed.
  bool Audit(const std::string& action, const std::string& detail) const;
};

// Coordinators and regional coordinators read signals and ads; the others do not.
bool SeesContent(const ConsoleUser& u);
// Whether the user may see this alert (content roles only).
bool InScope(const ConsoleUser& u, const Alert& a);
// Municipalities the user may pick on the dashboard; empty = all of them.
std::vector<std::string> ScopeMunicipalities(const ConsoleUser& u);

HttpResponse HtmlResponse(std::string html, int status = 200);
HttpResponse Redirect(const std::string& location);
// The one answer for "does not exist" and "not yours".
HttpResponse NotFound(const Ctx& c);

// The ads an alert rests on: its own ad, or its entity's ads (entities
// loaded once per request through `entities`).
std::vector<AdKey> AdsOfAlert(const Alert& a, const std::vector<StoredEntity>& entities);

// Who did it, for readers: "console:NAME" -> "NAME", "adwatch" stays, an
// account on the server (the command line) -> "NAME (opdrachtregel)".
std::string WhoLabel(const std::string& who);
// adwatch's own history notes (English in the store) in Dutch; others as they are.
std::string HistoryNote(const std::string& note);
// Dutch name of an indicator category ("shared_phone" -> "gedeeld telefoonnummer").
std::string CategoryLabel(const std::string& category);

// Dutch words for the states and severities shown to readers.
const char* StateLabel(AlertState s);
const char* SeverityLabel(Severity s);

// Pages (inbox.cc, signal.cc, dashboard.cc, account.cc).
HttpResponse InboxPage(Ctx& c);
HttpResponse SignalPage(Ctx& c, int64_t id, const std::string& message, const std::string& error);
HttpResponse AssessPost(Ctx& c, int64_t id);
HttpResponse ReroutePost(Ctx& c, int64_t id);
HttpResponse AdPage(Ctx& c, const AdKey& key);
HttpResponse DashboardPage(Ctx& c);
HttpResponse DashboardCsv(Ctx& c);
HttpResponse AuditPage(Ctx& c);
HttpResponse IndicatorPage(Ctx& c);
// account.cc: the own account and setting up the TOTP second factor.
HttpResponse AccountPage(Ctx& c);
HttpResponse TotpPost(Ctx& c);

}  // namespace adwatch::console::internal
