#include "console/console.h"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "alerts/lifecycle.h"
#include "console/auth.h"
#include "console/internal.h"
#include "console/static.h"

namespace adwatch::console {
namespace {
// Housekeeping on the store (sessions, the audit trail) must not fail the
// page, but a failure must be seen: logged, without personal data.
void Logged(const Status& st, const char* what) {
  if (!st.ok()) spdlog::warn("console: {} failed: {}", what, st.message());
}
}  // namespace

namespace internal {

bool Ctx::Audit(const std::string& action, const std::string& detail) const {
  return store.AppendAudit({0, clock.Now(), "console:" + viewer.user.name, action, detail}).ok();
}

bool SeesContent(const ConsoleUser& u) { return u.role == "coordinator" || u.role == "regional"; }

bool InScope(const ConsoleUser& u, const Alert& a) {
  if (u.role == "regional") return true;
  if (u.role != "coordinator") return false;
  for (const auto& m : a.municipalities)
    if (std::find(u.municipalities.begin(), u.municipalities.end(), m) != u.municipalities.end()) return true;
  return false;
}

std::vector<std::string> ScopeMunicipalities(const ConsoleUser& u) {
  return u.role == "coordinator" ? u.municipalities : std::vector<std::string>{};
}

HttpResponse HtmlResponse(std::string html, int status) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(html);
  return r;
}

HttpResponse Redirect(const std::string& location) {
  HttpResponse r;
  r.status = 303;
  r.headers.push_back({"Location", location});
  r.body = "";
  return r;
}

HttpResponse NotFound(const Ctx& c) {
  // One text for "not there" and "not yours": a re-routed signal's old link lands here too.
  return HtmlResponse(c.Render("Niet gevonden", "<p>Deze pagina bestaat niet, of valt buiten de gemeenten van uw account "
                                                "(bijvoorbeeld een signaal dat naar een andere gemeente is gestuurd).</p>"
                                                "<p><a href=\"/\">Naar de signalen</a></p>"),
                      404);
}

std::vector<AdKey> AdsOfAlert(const Alert& a, const std::vector<StoredEntity>& entities) {
  AdKey key;
  if (ParseAdSubjectKey(a.subject_key, &key)) return {key};
  for (const auto& e : entities)
    if ("entity:" + e.id == a.subject_key) return e.ads;
  return {};
}

std::string CategoryLabel(const std::string& c) {
  static const std::map<std::string, std::string> m = {
      {"age", "leeftijd"}, {"control", "controle door een ander"}, {"services", "diensten"},
      {"availability", "beschikbaarheid"}, {"language", "taal"}, {"movement", "verplaatsing"},
      {"contact", "contact"}, {"shared_phone", "gedeeld telefoonnummer"}, {"template", "dezelfde tekst"},
      {"touring", "rondreizen"}, {"price", "prijs"}, {"third_person", "geschreven door een ander"},
      {"location", "locatie"}, {"payment", "betaling"}, {"trust", "vertrouwen"}};
  auto it = m.find(c);
  return it == m.end() ? c : it->second;
}

std::string WhoLabel(const std::string& who) {
  if (who.rfind("console:", 0) == 0) return who.substr(8);
  if (who == "adwatch" || who.empty()) return who;
  return who + " (opdrachtregel)";
}

std::string HistoryNote(const std::string& note) {
  if (note == "mailed") return "per mail gemeld";
  if (note == "ads gone") return "de advertenties zijn verdwenen";
  static const std::map<std::string, std::string> severities = {
      {"low", "laag"}, {"medium", "middel"}, {"high", "hoog"}, {"critical", "kritiek"}, {"none", "geen"}};
  auto sev = [&](const std::string& s) {
    auto it = severities.find(s);
    return it == severities.end() ? s : it->second;
  };
  if (note.rfind("escalated: ", 0) == 0) {  // "escalated: medium -> high"
    const std::string rest = note.substr(11);
    const size_t arrow = rest.find(" -> ");
    if (arrow != std::string::npos)
      return "ernst verhoogd van " + sev(rest.substr(0, arrow)) + " naar " + sev(rest.substr(arrow + 4));
  }
  if (note.rfind("reopened: ", 0) == 0) {  // "reopened: a new ad since alert 12 (dismissed)"
    const size_t since = note.find(" since alert ");
    std::string why = note.substr(10, since == std::string::npos ? std::string::npos : since - 10);
    if (why == "a new ad") why = "een nieuwe advertentie";
    else if (why == "its ads are back") why = "de advertenties zijn terug";
    else if (why.rfind("a new signal", 0) == 0) why = "een nieuwe aanwijzing";
    else if (why.rfind("a higher severity", 0) == 0) why = "een hogere ernst";
    std::string earlier;
    if (since != std::string::npos) {
      const size_t from = since + 13, end = note.find(' ', from);
      earlier = " sinds signaal " + note.substr(from, end == std::string::npos ? std::string::npos : end - from);
    }
    return "opnieuw geopend: " + why + earlier;
  }
  return note;
}

const char* StateLabel(AlertState s) {
  switch (s) {
    case AlertState::kNew: return "nieuw";
    case AlertState::kSent: return "gemeld";
    case AlertState::kAcknowledged: return "in behandeling";
    case AlertState::kDismissed: return "afgewezen";
    case AlertState::kClosed: return "gesloten";
  }
  return "";
}

const char* SeverityLabel(Severity s) {
  switch (s) {
    case Severity::kNone: return "geen";
    case Severity::kLow: return "laag";
    case Severity::kMedium: return "middel";
    case Severity::kHigh: return "hoog";
    case Severity::kCritical: return "kritiek";
  }
  return "";
}

}  // namespace internal

using namespace internal;

namespace {

constexpr const char* kSessionCookie = "adwatch_session";
constexpr const char* kLoginCookie = "adwatch_login";

std::string CookieFlags() { return "; Path=/; HttpOnly; Secure; SameSite=Strict"; }

void Harden(HttpResponse& r) {
  r.headers.push_back({"Content-Security-Policy",
                       "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"});
  r.headers.push_back({"X-Content-Type-Options", "nosniff"});
  r.headers.push_back({"X-Frame-Options", "DENY"});
  r.headers.push_back({"Referrer-Policy", "no-referrer"});
  r.headers.push_back({"Cache-Control", "no-store"});
}

HttpResponse PlainError(int status, const std::string& title, const std::string& text) {
  return HtmlResponse(Page(title, nullptr, "", "<p>" + Escape(text) + "</p><p><a href=\"/login\">Aanmelden</a></p>"),
                      status);
}

// Where to go after sign-in: a path on this site only ("/signals/12"), never
// another site ("//evil", "/\\evil", "https://…"); else the inbox.
std::string LocalTarget(const std::string& next) {
  if (next.empty() || next[0] != '/' || next.size() > 512) return "/";
  if (next.size() > 1 && (next[1] == '/' || next[1] == '\\')) return "/";
  for (char ch : next)
    if (static_cast<unsigned char>(ch) < 0x20 || ch == '\\') return "/";
  return next;
}

bool ParseId(const std::string& s, int64_t* id) {
  if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), ::isdigit)) return false;
  *id = std::stoll(s);
  return *id > 0;
}

}  // namespace

struct ConsoleApp::Impl {
  const Config& config;
  ConsoleStore& store;
  const Clock& clock;

  bool FromTrustedProxy(const HttpRequest& req) const {
    const auto& p = config.console.trusted_proxies;
    return std::find(p.begin(), p.end(), req.peer) != p.end();
  }

  HttpResponse LoginForm(const std::string& error, std::string token, const std::string& next) {
    if (token.empty()) token = RandomToken();
    std::string body;
    if (!error.empty()) body += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
    else if (next != "/") body += "<p class=\"notice\" role=\"status\">Meld u aan om deze pagina te openen.</p>";
    body += "<form method=\"post\" action=\"/login\" class=\"login\">" + CsrfField(token) +
            (next != "/" ? "<input type=\"hidden\" name=\"next\" value=\"" + Escape(next) + "\">" : "") +
            "<div class=\"field\"><label for=\"name\">Gebruikersnaam</label>"
            "<input id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus></div>"
            "<div class=\"field\"><label for=\"password\">Wachtwoord</label>"
            "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
            "<div class=\"field\"><label for=\"code\">Code uit de authenticator-app (als ingesteld)</label>"
            "<input id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\"></div>"
            "<button type=\"submit\">Aanmelden</button></form>";
    HttpResponse r = HtmlResponse(Page("Aanmelden", nullptr, "", body), error.empty() ? 200 : 401);
    r.headers.push_back({"Set-Cookie", std::string(kLoginCookie) + "=" + token + CookieFlags() + "; Max-Age=1800"});
    return r;
  }

  HttpResponse NewSession(const ConsoleUser& user, const std::string& location, HttpResponse* into) {
    std::string id = RandomToken();
    TimePoint now = clock.Now();
    ConsoleSession s{SessionHash(id), user.name, RandomToken(), now, now};
    if (!store.SaveSession(s).ok()) return PlainError(503, "Even niet beschikbaar", "Probeer het zo opnieuw.");
    // Sessions nobody presents again would stay forever: sweep the expired ones at each sign-in.
    Logged(store.DeleteExpiredSessions(now - config.console.session_idle, now - config.console.session_absolute), "sweeping expired sessions");
    Logged(store.AppendAudit({0, now, "console:" + user.name, "console-sign-in", "role " + user.role}), "audit of a sign-in");
    HttpResponse r = into ? *into : Redirect(location);
    r.headers.push_back({"Set-Cookie", std::string(kSessionCookie) + "=" + id + CookieFlags()});
    return r;
  }

  HttpResponse Login(const HttpRequest& req, const std::map<std::string, std::string>& cookies) {
    auto lc = cookies.find(kLoginCookie);
    std::string token = lc == cookies.end() ? "" : lc->second;
    // Keep the token a tab already holds: a second /login (another tab, a redirect) must not void the first form.
    if (req.method != "POST") {
      const std::string query = req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1);
      return LoginForm("", token.size() == 64 ? token : "", LocalTarget(ParseForm(query)["next"]));
    }
    auto form = ParseForm(req.body);
    const std::string next = LocalTarget(form["next"]);
    if (token.empty() || !TokensEqual(token, form["csrf"]))
      return PlainError(403, "Formulier verlopen", "Het formulier is verlopen of niet van deze site. Meld opnieuw aan.");
    auto user = SignIn(store, form["name"], form["password"], form["code"], clock.Now());
    if (!user.ok()) {
      if (user.status().code() != Status::Code::kInvalidArgument)
        return PlainError(503, "Even niet beschikbaar", "Probeer het zo opnieuw.");
      Logged(store.AppendAudit({0, clock.Now(), "console", "console-sign-in-failed", "from " + req.peer}), "audit of a failed sign-in");
      return LoginForm("Aanmelden mislukt: " + user.status().message() + ". Na 5 pogingen wordt het account 15 "
                       "minuten geblokkeerd.", token, next);
    }
    return NewSession(*user, next, nullptr);
  }

  // The signed-in user of the request, or nullopt.
  std::optional<Viewer> Identify(const HttpRequest& req, const std::map<std::string, std::string>& cookies,
                                 bool* sso_new_session, ConsoleUser* sso_user) {
    TimePoint now = clock.Now();
    std::optional<Viewer> from_cookie;
    if (auto it = cookies.find(kSessionCookie); it != cookies.end()) {
      auto s = store.GetSession(SessionHash(it->second));
      if (s.ok()) {
        bool expired = now - s->last_seen > config.console.session_idle ||
                       now - s->created > config.console.session_absolute;
        auto u = store.GetUser(s->user);
        if (expired || !u.ok() || u->disabled) {
          Logged(store.DeleteSessions(s->id_hash, ""), "ending an expired session");
        } else {
          s->last_seen = now;
          Logged(store.SaveSession(*s), "saving a session");
          from_cookie = Viewer{*u, *s};
        }
      }
    }
    const std::string& header = config.console.sso_header;
    if (!header.empty() && FromTrustedProxy(req)) {
      std::string lower = header;
      for (char& c : lower) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
      std::string name = req.Header(lower);
      if (!name.empty()) {
        if (from_cookie && from_cookie->user.name == name) return from_cookie;
        auto u = store.GetUser(name);
        if (!u.ok() || u->disabled) return std::nullopt;
        *sso_new_session = true;
        *sso_user = *u;
        return std::nullopt;
      }
    }
    return from_cookie;
  }

  HttpResponse Route(Ctx& c) {
    const std::string& p = c.path;
    const bool post = c.req.method == "POST";
    if (p == "/" && !post) {
      if (!SeesContent(c.viewer.user)) return Redirect("/dashboard");
      return InboxPage(c);
    }
    if (p == "/dashboard" && !post) return DashboardPage(c);
    if (p == "/dashboard.csv" && !post) return DashboardCsv(c);
    if (p == "/audit" && !post) return AuditPage(c);
    if (p == "/indicatoren" && !post) return IndicatorPage(c);
    if (p == "/account" && !post) return AccountPage(c);
    if (p == "/account/totp" && post) return TotpPost(c);
    if (p.rfind("/signals/", 0) == 0) {
      std::string rest = p.substr(9);
      std::string action;
      if (size_t slash = rest.find('/'); slash != std::string::npos) {
        action = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
      }
      int64_t id = 0;
      if (!ParseId(rest, &id)) return NotFound(c);
      if (action.empty() && !post) return SignalPage(c, id, "", "");
      if (action == "assess" && post) return AssessPost(c, id);
      if (action == "reroute" && post) return ReroutePost(c, id);
      return NotFound(c);
    }
    if (p.rfind("/ads/", 0) == 0 && !post) {
      std::string rest = p.substr(5);
      size_t slash = rest.find('/');
      if (slash == std::string::npos) return NotFound(c);
      return AdPage(c, AdKey{UrlDecode(rest.substr(0, slash)), UrlDecode(rest.substr(slash + 1))});
    }
    return NotFound(c);
  }

  HttpResponse Handle(const HttpRequest& req) {
    std::string path = req.target.substr(0, req.target.find('?'));
    std::string query = req.target.find('?') == std::string::npos ? "" : req.target.substr(req.target.find('?') + 1);
    if (req.method != "GET" && req.method != "POST" && req.method != "HEAD")
      return HttpResponse{405, "text/plain; charset=utf-8", "methode niet toegestaan\n", {{"Allow", "GET, POST"}}};
    if (auto f = FindStatic(path)) {
      HttpResponse r{200, f->content_type, f->body, {{"Cache-Control", "private, max-age=3600"}}};
      return r;
    }
    if (path == "/favicon.ico") return HttpResponse{404, "text/plain; charset=utf-8", "", {}};
    auto cookies = ParseCookies(req.Header("cookie"));
    if (path == "/login") return Login(req, cookies);
    bool sso_new = false;
    ConsoleUser sso_user;
    auto viewer = Identify(req, cookies, &sso_new, &sso_user);
    if (sso_new) {
      if (req.method == "POST") return PlainError(403, "Formulier verlopen", "Laad de pagina opnieuw.");
      return NewSession(sso_user, req.target, nullptr);
    }
    if (!viewer) {
      if (req.method == "POST") return PlainError(403, "Niet aangemeld", "Meld u eerst aan.");
      // Back to the page asked for (a link in a digest) after signing in.
      return Redirect(req.target == "/" ? "/login" : "/login?next=" + UrlEncode(req.target));
    }
    Ctx c{config, store, clock, *viewer, req, path, ParseForm(query), {}};
    if (req.method == "POST") {
      c.form = ParseForm(req.body);
      if (!TokensEqual(viewer->session.csrf, c.F("csrf"))) {
        // Reloading would post again: link the page the form was on ("/signals/12/assess" -> "/signals/12").
        std::string back = path.rfind("/signals/", 0) == 0 || path.rfind("/account/", 0) == 0
                               ? path.substr(0, path.rfind('/')) : "/";
        return HtmlResponse(c.Render("Formulier geweigerd", "<p class=\"error\">Het formulier mist een geldig "
                                     "beveiligingstoken (bijvoorbeeld omdat u intussen opnieuw bent aangemeld). Er is "
                                     "niets vastgelegd.</p><p><a href=\"" + Escape(back) + "\">Terug naar het "
                                     "formulier</a> om het opnieuw te proberen.</p>"),
                            403);
      }
      if (path == "/logout") {
        Logged(store.DeleteSessions(viewer->session.id_hash, ""), "signing out");
        HttpResponse r = Redirect("/login");
        r.headers.push_back({"Set-Cookie", std::string(kSessionCookie) + "=" + CookieFlags() + "; Max-Age=0"});
        return r;
      }
    }
    return Route(c);
  }
};

ConsoleApp::ConsoleApp(const Config& config, ConsoleStore& store, const Clock& clock)
    : impl_(std::make_shared<Impl>(Impl{config, store, clock})) {}

HttpResponse ConsoleApp::Handle(const HttpRequest& req) {
  HttpResponse r = impl_->Handle(req);
  Harden(r);
  if (req.method == "HEAD") r.body.clear();
  return r;
}

Result<std::unique_ptr<RunningConsole>> StartConsole(boost::asio::io_context& io, const Config& config, ConsoleStore& store,
                                                     const Clock& clock) {
  if (config.console.listen.empty()) return Status::InvalidArgument("[console] listen is not set");
  auto rc = std::make_unique<RunningConsole>();
  rc->app = std::make_unique<ConsoleApp>(config, store, clock);
  ConsoleApp* app = rc->app.get();
  auto server = StartServer(io, config.console, [app](const HttpRequest& r) { return app->Handle(r); });
  if (!server.ok()) return server.status();
  rc->server = std::move(*server);
  return rc;
}

std::string SignalUrl(const ConsoleConfig& config, int64_t alert_id) {
  std::string base = config.public_base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/signals/" + std::to_string(alert_id);
}

}  // namespace adwatch::console
