// The review console without a browser: sign-in, sessions, CSRF, scope
// ("not yours" answers like "not there"), SSO only from trusted proxies, the
// assessment rules shared with `adwatch alerts decide`, audit entries, the
// dashboard, and the HTTP server on loopback.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "alerts/review.h"
#include "config/loader.h"
#include "console/auth.h"
#include "console/console.h"
#include "console/html.h"
#include "tests/alerts/fixture.h"

namespace adwatch {
namespace {

using console::HttpRequest;
using console::HttpResponse;

TEST(ConsoleAuth, TotpMatchesRfc6238Vectors) {
  // RFC 6238 appendix B (SHA-1 seed), last 6 of the 8 digits.
  const std::string seed = "12345678901234567890";
  EXPECT_EQ(console::TotpCode(seed, 59 / 30), "287082");
  EXPECT_EQ(console::TotpCode(seed, 1111111109 / 30), "081804");
  EXPECT_EQ(console::TotpCode(seed, 1234567890 / 30), "005924");
  EXPECT_EQ(console::TotpCode(seed, 2000000000 / 30), "279037");
  std::string back;
  ASSERT_TRUE(console::Base32Decode(console::Base32Encode(seed), &back));
  EXPECT_EQ(back, seed);
  EXPECT_EQ(console::Base32Encode("foobar"), "MZXW6YTBOI");  // RFC 4648 test vector, unpadded
  std::string secret = console::Base32Encode(seed);
  TimePoint t = FromUnixSeconds(1111111109);
  EXPECT_TRUE(console::VerifyTotp(secret, "081804", t));
  EXPECT_TRUE(console::VerifyTotp(secret, "081804", t + Seconds(30))) << "one step of clock drift";
  EXPECT_FALSE(console::VerifyTotp(secret, "081804", t + Seconds(90)));
  EXPECT_FALSE(console::VerifyTotp(secret, "", t));
}

TEST(ConsoleAuth, PasswordsAreArgon2id) {
  auto h = console::HashPassword("correct horse battery");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u) << *h;
  EXPECT_TRUE(console::VerifyPassword(*h, "correct horse battery"));
  EXPECT_FALSE(console::VerifyPassword(*h, "correct horse batterY"));
  EXPECT_NE(console::RandomToken(), console::RandomToken());
  EXPECT_EQ(console::RandomToken().size(), 64u);
}

class ConsoleAppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir("console-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    clock_.Set(FromUnixSeconds(1790000000));
    store_ = testing::OpenTestStore(dir_, clock_);
    config_.alerts.municipalities = {{"Maastricht", {}, 0, "", {}}, {"Heerlen", {}, 0, "", {}}};
    config_.console.listen = "127.0.0.1:0";
    RuleSpec r;
    r.id = "age.young_wording";
    r.description = "Spreekt van 'net 18': taal die op een zeer jonge leeftijd wijst";
    config_.matcher.rules = {r};
    auto s1 = testing::PutAd(*store_, "m1", "Maastricht", "Maastricht", 55, Severity::kHigh, clock_.Now());
    auto s2 = testing::PutAd(*store_, "h1", "Heerlen", "Heerlen", 45, Severity::kMedium, clock_.Now(), "+31687654321");
    {  // a hit with its span, so the page can highlight the matched words
      auto rec = store_->LoadAd({"demo-html", "m1"});
      ASSERT_TRUE(rec.ok());
      AdSignals sig = rec->signals;
      size_t at = rec->ad.text.find("never");
      sig.hits.at(0).begin = static_cast<uint32_t>(at), sig.hits.at(0).end = static_cast<uint32_t>(at + 5);
      ASSERT_TRUE(store_->SaveAdSignals({"demo-html", "m1"}, rec->content_hash, sig, "v1", clock_.Now()).ok());
    }
    subjects_ = {s1, s2};
    auto rep = UpdateAlerts(*store_, subjects_, 40, std::chrono::hours(720), clock_.Now());
    ASSERT_TRUE(rep.ok());
    auto alerts = store_->ListAlerts({});
    ASSERT_TRUE(alerts.ok());
    for (const auto& a : *alerts) (a.municipalities.at(0) == "Maastricht" ? maastricht_ : heerlen_) = a.id;
    AddUser("maas", "coordinator", {"Maastricht"});
    AddUser("heer", "coordinator", {"Heerlen"});
    AddUser("fg", "dpo", {});
    app_ = std::make_unique<console::ConsoleApp>(config_, *store_, clock_);
  }

  void AddUser(const std::string& name, const std::string& role, std::vector<std::string> munis) {
    ConsoleUser u;
    u.name = name, u.role = role, u.municipalities = std::move(munis);
    static std::map<std::string, std::string> hashes;  // Argon2id is slow on purpose: hash once per run
    if (!hashes.count(name)) {
      auto h = console::HashPassword("wachtwoord-" + name);
      ASSERT_TRUE(h.ok());
      hashes[name] = *h;
    }
    u.password_hash = hashes[name];
    ASSERT_TRUE(store_->SaveUser(u, clock_.Now()).ok());
  }

  static std::string Header(const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }

  static std::string CookieValue(const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == "Set-Cookie" && v.rfind(name + "=", 0) == 0) return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
    return "";
  }

  HttpResponse Get(const std::string& target, const std::string& cookie = "", const std::string& peer = "127.0.0.1",
                   std::map<std::string, std::string> headers = {}) {
    HttpRequest r{"GET", target, std::move(headers), "", peer};
    if (!cookie.empty()) r.headers["cookie"] = "adwatch_session=" + cookie;
    return app_->Handle(r);
  }

  HttpResponse Post(const std::string& target, const std::string& body, const std::string& cookie) {
    HttpRequest r{"POST", target, {}, body, "127.0.0.1"};
    if (!cookie.empty()) r.headers["cookie"] = cookie;
    return app_->Handle(r);
  }

  // Signs in through the form; returns the session cookie value.
  std::string SignIn(const std::string& name, std::string password = "") {
    if (password.empty()) password = "wachtwoord-" + name;
    HttpResponse form = Get("/login");
    std::string token = CookieValue(form, "adwatch_login");
    EXPECT_FALSE(token.empty());
    HttpResponse r = Post("/login", "csrf=" + token + "&name=" + name + "&password=" + console::UrlEncode(password),
                          "adwatch_login=" + token);
    return CookieValue(r, "adwatch_session");
  }

  // The CSRF token in a page's forms.
  static std::string Csrf(const std::string& html) {
    size_t p = html.find("name=\"csrf\" value=\"");
    if (p == std::string::npos) return "";
    p += 19;
    return html.substr(p, html.find('"', p) - p);
  }

  std::string dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  Config config_;
  std::unique_ptr<console::ConsoleApp> app_;
  int64_t maastricht_ = 0, heerlen_ = 0;
  std::vector<ScoredSubject> subjects_;
};

TEST_F(ConsoleAppTest, PagesNeedASignIn) {
  HttpResponse r = Get("/");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Header(r, "Location"), "/login");
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_)).status, 303);
  EXPECT_EQ(Get("/static/console.css").status, 200);
  EXPECT_NE(Header(Get("/login"), "Content-Security-Policy").find("script-src 'self'"), std::string::npos);
}

// A digest's link opened without a session: sign in, then back to the signal;
// only paths on this site are followed after sign-in.
TEST_F(ConsoleAppTest, SignInReturnsToThePageAskedFor) {
  const std::string signal = "/signals/" + std::to_string(maastricht_);
  HttpResponse r = Get(signal);
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(Header(r, "Location"), "/login?next=%2Fsignals%2F" + std::to_string(maastricht_));
  auto sign_in = [&](const std::string& next) {
    HttpResponse form = Get("/login?next=" + console::UrlEncode(next));
    std::string token = CookieValue(form, "adwatch_login");
    EXPECT_EQ(form.body.find("name=\"next\"") != std::string::npos, next == signal) << "the form carries where to go";
    return Header(Post("/login", "csrf=" + token + "&name=maas&password=wachtwoord-maas&next=" + console::UrlEncode(next),
                       "adwatch_login=" + token),
                  "Location");
  };
  EXPECT_EQ(sign_in(signal), signal);
  for (const char* away : {"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"})
    EXPECT_EQ(sign_in(away), "/") << away;
}

TEST_F(ConsoleAppTest, SessionCookieHasItsFlagsAndTimesOut) {
  HttpResponse form = Get("/login");
  std::string token = CookieValue(form, "adwatch_login");
  HttpResponse r = Post("/login", "csrf=" + token + "&name=maas&password=wachtwoord-maas", "adwatch_login=" + token);
  ASSERT_EQ(r.status, 303);
  std::string set;
  for (const auto& [k, v] : r.headers)
    if (k == "Set-Cookie" && v.rfind("adwatch_session=", 0) == 0) set = v;
  EXPECT_NE(set.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set.find("Secure"), std::string::npos);
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos);
  std::string id = CookieValue(r, "adwatch_session");
  EXPECT_EQ(id.size(), 64u) << "256 random bits";
  auto stored = store_->GetSession(id);
  EXPECT_FALSE(stored.ok()) << "only the hash is stored";
  EXPECT_EQ(Get("/", id).status, 200);
  clock_.Advance(config_.console.session_idle + Seconds(1));
  EXPECT_EQ(Get("/", id).status, 303) << "idle timeout";
}

TEST_F(ConsoleAppTest, SignInWithoutTheFormTokenIsRefused) {
  Get("/login");
  EXPECT_EQ(Post("/login", "name=maas&password=wachtwoord-maas", "").status, 403);
  EXPECT_EQ(Post("/login", "csrf=abc&name=maas&password=wachtwoord-maas", "adwatch_login=def").status, 403);
}

TEST_F(ConsoleAppTest, FiveFailuresLockTheAccount) {
  for (int i = 0; i < console::kMaxFailures; ++i) EXPECT_TRUE(SignIn("maas", "fout-wachtwoord").empty());
  EXPECT_TRUE(SignIn("maas").empty()) << "locked even with the right password";
  clock_.Advance(console::kLockout + Seconds(1));
  EXPECT_FALSE(SignIn("maas").empty());
}

TEST_F(ConsoleAppTest, TotpIsRequiredWhenSet) {
  auto u = store_->GetUser("maas");
  ASSERT_TRUE(u.ok());
  u->totp_secret = console::Base32Encode("12345678901234567890");
  ASSERT_TRUE(store_->SaveUser(*u, clock_.Now()).ok());
  EXPECT_FALSE(console::SignIn(*store_, "maas", "wachtwoord-maas", "", clock_.Now()).ok());
  std::string code = console::TotpCode("12345678901234567890", ToUnixSeconds(clock_.Now()) / 30);
  EXPECT_TRUE(console::SignIn(*store_, "maas", "wachtwoord-maas", code, clock_.Now()).ok());
}

// A signed-in local user sets up TOTP on the account page: the secret shown
// counts only once a code from it and the password confirm it; then sign-in
// needs the code.
TEST_F(ConsoleAppTest, TotpIsSetUpOnTheAccountPage) {
  std::string s = SignIn("maas");
  std::string page = Get("/account", s).body;
  size_t at = page.find("name=\"secret\" value=\"");
  ASSERT_NE(at, std::string::npos) << page;
  at += 21;
  const std::string secret = page.substr(at, page.find('"', at) - at);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_NE(page.find("otpauth://totp/adwatch:maas?secret=" + secret + "&amp;issuer=adwatch"), std::string::npos);
  EXPECT_NE(page.find("<svg class=\"qr\""), std::string::npos) << "the QR code is inline, no image request";
  std::string bytes;
  ASSERT_TRUE(console::Base32Decode(secret, &bytes));
  const std::string code = console::TotpCode(bytes, ToUnixSeconds(clock_.Now()) / 30);
  const std::string wrong = code == "000000" ? "111111" : "000000";
  const std::string csrf = Csrf(page), cookie = "adwatch_session=" + s;
  auto post = [&](const std::string& c, const std::string& pw) {
    return Post("/account/totp", "csrf=" + csrf + "&secret=" + secret + "&code=" + c + "&password=" + pw, cookie);
  };
  HttpResponse bad_code = post(wrong, "wachtwoord-maas");
  EXPECT_EQ(bad_code.status, 400);
  EXPECT_NE(bad_code.body.find("value=\"" + secret + "\""), std::string::npos) << "the same secret is offered again";
  EXPECT_EQ(post(code, "fout").status, 400);
  EXPECT_TRUE(store_->GetUser("maas")->totp_secret.empty()) << "nothing stored before a code and the password match";
  EXPECT_EQ(Post("/account/totp", "secret=" + secret + "&code=" + code + "&password=wachtwoord-maas", cookie).status, 403)
      << "no CSRF token";
  HttpResponse ok = post(code, "wachtwoord-maas");
  EXPECT_EQ(ok.status, 200);
  EXPECT_NE(ok.body.find("Tweestapsverificatie is ingesteld"), std::string::npos);
  EXPECT_EQ(store_->GetUser("maas")->totp_secret, secret);
  EXPECT_EQ(Get("/account", s).body.find("name=\"secret\""), std::string::npos) << "no second enrolment form";
  EXPECT_TRUE(SignIn("maas").empty()) << "the password alone no longer signs in";
  EXPECT_TRUE(console::SignIn(*store_, "maas", "wachtwoord-maas", code, clock_.Now()).ok());
  auto audit = store_->ListAudit(AuditQuery{});
  ASSERT_TRUE(audit.ok());
  bool audited = false;
  for (const auto& e : *audit) audited |= e.action == "console-totp-enrolled";
  EXPECT_TRUE(audited);
}

TEST_F(ConsoleAppTest, OutOfScopeAnswersLikeNotFound) {
  std::string s = SignIn("maas");
  ASSERT_FALSE(s.empty());
  HttpResponse own = Get("/signals/" + std::to_string(maastricht_), s);
  EXPECT_EQ(own.status, 200);
  EXPECT_NE(own.body.find("must <mark>never</mark> be mailed"), std::string::npos) << "matched words highlighted";
  EXPECT_NE(own.body.find("net 18"), std::string::npos) << "the rule's Dutch description";
  HttpResponse other = Get("/signals/" + std::to_string(heerlen_), s);
  HttpResponse none = Get("/signals/999999", s);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.status, none.status);
  EXPECT_EQ(other.body, none.body);
  EXPECT_EQ(Get("/ads/demo-html/h1", s).body, Get("/ads/demo-html/nope", s).body);
  EXPECT_EQ(Get("/ads/demo-html/h1", s).status, 404);
  EXPECT_EQ(Get("/ads/demo-html/m1", s).status, 200);
  // The inbox lists only the own signal.
  HttpResponse inbox = Get("/", s);
  EXPECT_NE(inbox.body.find("/signals/" + std::to_string(maastricht_)), std::string::npos);
  EXPECT_EQ(inbox.body.find("/signals/" + std::to_string(heerlen_)), std::string::npos);
  // The data protection officer sees no ad content.
  std::string fg = SignIn("fg");
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_), fg).status, 404);
  EXPECT_EQ(Get("/audit", fg).status, 200);
  EXPECT_EQ(Get("/audit", s).status, 404);
  HttpResponse report = Get("/indicatoren", fg);
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("age.young_wording"), std::string::npos);
  EXPECT_EQ(report.body.find("never"), std::string::npos) << "no ad content for the data protection officer";
}

TEST_F(ConsoleAppTest, AssessmentNeedsTheCsrfTokenAndIsAudited) {
  std::string s = SignIn("maas");
  std::string page = Get("/signals/" + std::to_string(maastricht_), s).body;
  std::string csrf = Csrf(page);
  ASSERT_EQ(csrf.size(), 64u);
  const std::string target = "/signals/" + std::to_string(maastricht_) + "/assess";
  const std::string form = "outcome=risicofactoren&forwarded_to=veilig-thuis&registration=VT-1&passed_on=2026-09-21"
                           "&note=besproken+met+zorg";
  EXPECT_EQ(Post(target, form, "adwatch_session=" + s).status, 403) << "no token";
  EXPECT_EQ(Post(target, form + "&csrf=" + std::string(64, 'a'), "adwatch_session=" + s).status, 403);
  auto outcomes = store_->AlertOutcomes(maastricht_);
  ASSERT_TRUE(outcomes.ok());
  EXPECT_TRUE(outcomes->empty());
  HttpResponse ok = Post(target, form + "&csrf=" + csrf, "adwatch_session=" + s);
  EXPECT_EQ(ok.status, 303) << ok.body;
  outcomes = store_->AlertOutcomes(maastricht_);
  ASSERT_EQ(outcomes->size(), 1u);
  EXPECT_EQ(outcomes->at(0).who, "console:maas");
  EXPECT_EQ(outcomes->at(0).forwarded_to, "Veilig Thuis");
  EXPECT_EQ(outcomes->at(0).registration, "VT-1");
  ASSERT_TRUE(outcomes->at(0).passed_on.has_value());
  // A second assessment without a reason is refused; with one, both are kept.
  HttpResponse again = Post(target, "outcome=geen-mensenhandel&note=nieuw&csrf=" + csrf, "adwatch_session=" + s);
  EXPECT_EQ(again.status, 400);
  EXPECT_NE(again.body.find("reden"), std::string::npos);
  EXPECT_EQ(Post(target, "outcome=geen-mensenhandel&note=nieuw&reason=gesprek+gehad&csrf=" + csrf, "adwatch_session=" + s).status,
            303);
  outcomes = store_->AlertOutcomes(maastricht_);
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ(outcomes->at(1).reason, "gesprek gehad");
  // Another coordinator cannot assess it; the answer is "not found".
  std::string h = SignIn("heer");
  std::string hcsrf = Csrf(Get("/", h).body);
  EXPECT_EQ(Post(target, "outcome=mensenhandel&note=x&csrf=" + hcsrf, "adwatch_session=" + h).status, 404);
  auto audit = store_->ListAudit(AuditQuery{});
  ASSERT_TRUE(audit.ok());
  int views = 0, assessments = 0;
  for (const auto& e : *audit) {
    views += e.action == "console-view-signal" && e.os_user == "console:maas";
    assessments += e.action == "console-assess";
  }
  EXPECT_GE(views, 1);
  EXPECT_EQ(assessments, 2);
  // Readers see names and Dutch notes, not the store's "console:" prefix or adwatch's English notes.
  ASSERT_TRUE(store_->SetAlertState(maastricht_, AlertState::kSent, "adwatch", "mailed", clock_.Now()).ok());
  std::string after = Get("/signals/" + std::to_string(maastricht_), s).body;
  EXPECT_EQ(after.find("console:maas"), std::string::npos);
  EXPECT_NE(after.find(">maas</td>"), std::string::npos);
  EXPECT_NE(after.find("(adwatch): per mail gemeld"), std::string::npos);
  EXPECT_NE(after.find("<h2>Beoordeling wijzigen</h2>"), std::string::npos) << "assessed: the form is for a change";
}

TEST_F(ConsoleAppTest, WrongMunicipalityReroutes) {
  std::string s = SignIn("maas");
  std::string csrf = Csrf(Get("/", s).body);
  HttpResponse r = Post("/signals/" + std::to_string(maastricht_) + "/reroute",
                        "municipality=Heerlen&note=adres+ligt+in+Heerlen&csrf=" + csrf, "adwatch_session=" + s);
  EXPECT_EQ(r.status, 303);
  auto a = store_->GetAlert(maastricht_);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->municipalities, std::vector<std::string>{"Heerlen"});
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_), s).status, 404) << "no longer ours";
  std::string h = SignIn("heer");
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_), h).status, 200);
  // The next round of the daemon still places the ad in Maastricht: the re-route stands.
  clock_.Advance(Seconds(600));
  ASSERT_TRUE(UpdateAlerts(*store_, subjects_, 40, std::chrono::hours(720), clock_.Now()).ok());
  EXPECT_EQ(store_->GetAlert(maastricht_)->municipalities, std::vector<std::string>{"Heerlen"});
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_), h).status, 200);
  EXPECT_EQ(Get("/signals/" + std::to_string(maastricht_), s).status, 404);
}

// Cross-ad indicators are said from the counts stored with the signal, with
// singular and plural right; an old row without counts reads from its evidence.
TEST_F(ConsoleAppTest, CrossAdSentencesFromStoredCounts) {
  auto a = store_->GetAlert(maastricht_);
  ASSERT_TRUE(a.ok());
  Contribution phone{"shared_phone", "shared_phone", 30, "phone 3fa9c2d1e0b4 in 2 ads under 1 names within 1d", {}, {}};
  CrossAdFact f;
  f.phone = "3fa9c2d1e0b4", f.ads = 2, f.names = 1, f.days = 1;
  phone.facts = {f};
  Contribution old{"touring", "touring", 0, "2 towns within 14d: Heerlen -> Maastricht (not scored: x)", {}, {}};
  a->contributions.push_back(phone);
  a->contributions.push_back(old);
  ASSERT_TRUE(store_->UpsertAlert(*a, clock_.Now()).ok());
  std::string page = Get("/signals/" + std::to_string(maastricht_), SignIn("maas")).body;
  EXPECT_NE(page.find("Hetzelfde telefoonnummer staat in 2 advertenties onder 1 naam binnen 1 dag."), std::string::npos)
      << page;
  EXPECT_NE(page.find("De advertenties noemen 2 plaatsen binnen 14 dagen: Heerlen → Maastricht."), std::string::npos);
  for (const char* never : {"3fa9c2d1", "towns", "names within", "not scored"})
    EXPECT_EQ(page.find(never), std::string::npos) << never;
}

TEST_F(ConsoleAppTest, SsoHeaderOnlyFromTrustedProxies) {
  config_.console.sso_header = "X-Forwarded-User";
  config_.console.trusted_proxies = {"10.0.0.5"};
  HttpResponse spoofed = Get("/", "", "10.0.0.9", {{"x-forwarded-user", "maas"}});
  EXPECT_EQ(spoofed.status, 303);
  EXPECT_EQ(Header(spoofed, "Location"), "/login") << "header from an untrusted address is ignored";
  EXPECT_TRUE(CookieValue(spoofed, "adwatch_session").empty());
  HttpResponse proxied = Get("/", "", "10.0.0.5", {{"x-forwarded-user", "maas"}});
  std::string s = CookieValue(proxied, "adwatch_session");
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(Get("/", s, "10.0.0.5", {{"x-forwarded-user", "maas"}}).status, 200);
  EXPECT_EQ(Get("/", "", "10.0.0.5", {{"x-forwarded-user", "nobody"}}).status, 303) << "unknown accounts do not sign in";
}

TEST_F(ConsoleAppTest, DashboardCountsAndCsv) {
  std::string s = SignIn("maas");
  std::string csrf = Csrf(Get("/", s).body);
  Post("/signals/" + std::to_string(maastricht_) + "/assess",
       "outcome=ernstige-vermoedens&forwarded_to=avim&note=besproken&csrf=" + csrf, "adwatch_session=" + s);
  HttpResponse d = Get("/dashboard", s);
  EXPECT_EQ(d.status, 200);
  EXPECT_NE(d.body.find("ernstige vermoedens"), std::string::npos);
  EXPECT_NE(d.body.find("AVIM"), std::string::npos);
  EXPECT_EQ(d.body.find("<script>"), std::string::npos) << "no inline script";
  HttpResponse csv = Get("/dashboard.csv?tabel=doorgezet", s);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"AVIM\",\"1\""), std::string::npos) << csv.body;
  // Heerlen's coordinator does not count Maastricht's signal.
  std::string h = SignIn("heer");
  EXPECT_EQ(Get("/dashboard.csv?tabel=doorgezet", h).body.find("AVIM"), std::string::npos);
  EXPECT_EQ(Get("/dashboard.csv?tabel=doorgezet&gemeente=Maastricht", h).status, 404);
}

TEST(ConsoleReview, AssessmentRules) {
  std::string dir = testing::FreshDir("console-review");
  FakeClock clock;
  auto store = testing::OpenTestStore(dir, clock);
  auto s = testing::PutAd(*store, "a1", "Heerlen", "Heerlen", 50, Severity::kHigh, clock.Now());
  ASSERT_TRUE(UpdateAlerts(*store, {s}, 40, std::chrono::hours(720), clock.Now()).ok());
  int64_t id = store->ListAlerts({})->at(0).id;
  Assessment a;
  a.outcome = Outcome::kRisicofactoren;
  a.note = "besproken";
  a.forwarded_to = "Veilig Thuis";
  EXPECT_EQ(Assess(*store, id, a, "x", clock.Now()).code(), Status::Code::kInvalidArgument) << "registration";
  a.forwarded_to = "";
  a.passed_on = clock.Now();
  EXPECT_FALSE(Assess(*store, id, a, "x", clock.Now()).ok()) << "a date passed on without a destination";
  a.passed_on.reset();
  EXPECT_TRUE(Assess(*store, id, a, "x", clock.Now()).ok());
  EXPECT_FALSE(Decide(*store, id, Outcome::kMensenhandel, "", "x", "y", clock.Now()).ok()) << "change needs a reason";
  std::string name;
  EXPECT_TRUE(ParseForwardedTo("Arbeidsinspectie", &name));
  EXPECT_EQ(name, "Inspectie SZW / Arbeidsinspectie");
  EXPECT_TRUE(ParseForwardedTo("geen", &name));
  EXPECT_EQ(name, "");
  EXPECT_FALSE(ParseForwardedTo("politie", &name));
}

TEST(ConsoleConfig, PlainHttpOnlyOnLoopback) {
  std::string dir = testing::FreshDir("console-config");
  auto load = [&](const std::string& console) {
    std::ofstream(dir + "/a.toml") << "[console]\n" << console;
    return LoadConfig(dir + "/a.toml");
  };
  EXPECT_TRUE(load("listen = \"127.0.0.1:8470\"\n").ok());
  LoadResult r = load("listen = \"0.0.0.0:8470\"\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.errors[0].ToString().find("without TLS"), std::string::npos) << r.errors[0].ToString();
  EXPECT_FALSE(load("listen = \"127.0.0.1:8470\"\nsso_header = \"X-User\"\n").ok()) << "sso needs trusted proxies";
  EXPECT_FALSE(load("listen = \"127.0.0.1:8470\"\ntrusted_proxies = [\"proxy.local\"]\n").ok());
  EXPECT_FALSE(load("tls_cert = \"a.pem\"\n").ok()) << "cert without key";
}

// The server on loopback: a request in, the handler's answer out; an
// over-long body is refused.
TEST(ConsoleServer, ServesOverLoopback) {
  boost::asio::io_context io;
  ConsoleConfig cc;
  cc.listen = "127.0.0.1:0";
  auto server = console::StartServer(io, cc, [](const HttpRequest& r) {
    return HttpResponse{200, "text/plain", r.method + " " + r.target + " " + r.peer, {}};
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  int port = (*server)->port();
  std::thread t([&] { io.run(); });
  auto ask = [&](const std::string& raw) {
    boost::asio::io_context cio;
    boost::asio::ip::tcp::socket sock(cio);
    boost::system::error_code cec;
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, cec);
    if (cec) return std::string("connect: ") + cec.message();
    boost::system::error_code ec;
    boost::asio::write(sock, boost::asio::buffer(raw), ec);
    std::string out;
    char buf[4096];
    for (size_t n; (n = sock.read_some(boost::asio::buffer(buf), ec)) > 0 && !ec;) out.append(buf, n);
    return out;
  };
  std::string r = ask("GET /x?y=1 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
  EXPECT_NE(r.find("200 OK"), std::string::npos) << r;
  EXPECT_NE(r.find("GET /x?y=1 127.0.0.1"), std::string::npos) << r;
  // The declared length alone is refused, before any of the body is read.
  std::string big = "POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: 100000\r\n\r\n";
  EXPECT_NE(ask(big).find("413"), std::string::npos);
  (*server)->Stop();
  server->reset();
  io.stop();
  t.join();
}

// Writes a self-signed certificate and key for 127.0.0.1 (OpenSSL 3 API).
void WriteSelfSigned(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  ASSERT_NE(key, nullptr);
  X509* x = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
  X509_gmtime_adj(X509_getm_notBefore(x), 0);
  X509_gmtime_adj(X509_getm_notAfter(x), 3600);
  X509_set_pubkey(x, key);
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x, name);
  ASSERT_GT(X509_sign(x, key, EVP_sha256()), 0);
  FILE* f = fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, x);
  fclose(f);
  f = fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  fclose(f);
  X509_free(x);
  EVP_PKEY_free(key);
}

// With tls_cert and tls_key the console speaks HTTPS, and plain HTTP gets no answer.
TEST(ConsoleServer, ServesTls) {
  std::string dir = testing::FreshDir("console-tls");
  ConsoleConfig cc;
  cc.listen = "127.0.0.1:0";
  cc.tls_cert = dir + "/cert.pem";
  cc.tls_key = dir + "/key.pem";
  WriteSelfSigned(cc.tls_cert, cc.tls_key);
  boost::asio::io_context io;
  auto server = console::StartServer(io, cc, [](const HttpRequest& r) {
    return HttpResponse{200, "text/plain", "tls " + r.target, {}};
  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  int port = (*server)->port();
  std::thread t([&] { io.run(); });
  std::string answer, plain;
  {
    boost::asio::io_context cio;
    boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
    ctx.load_verify_file(cc.tls_cert);
    boost::asio::ssl::stream<boost::asio::ip::tcp::socket> s(cio, ctx);
    s.set_verify_mode(boost::asio::ssl::verify_peer);
    boost::system::error_code ec;
    s.lowest_layer().connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    if (!ec) s.handshake(boost::asio::ssl::stream_base::client, ec);
    EXPECT_FALSE(ec) << ec.message();
    std::string req = "GET /ok HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    boost::asio::write(s, boost::asio::buffer(req), ec);
    char buf[4096];
    for (size_t n; (n = s.read_some(boost::asio::buffer(buf), ec)) > 0 && !ec;) answer.append(buf, n);
  }
  {
    boost::asio::io_context cio;
    boost::asio::ip::tcp::socket sock(cio);
    boost::system::error_code ec;
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    boost::asio::write(sock, boost::asio::buffer(std::string("GET / HTTP/1.1\r\nHost: a\r\n\r\n")), ec);
    char buf[4096];
    for (size_t n; (n = sock.read_some(boost::asio::buffer(buf), ec)) > 0 && !ec;) plain.append(buf, n);
  }
  EXPECT_NE(answer.find("tls /ok"), std::string::npos) << answer;
  EXPECT_EQ(plain.find("HTTP/1.1 200"), std::string::npos) << "no answer over plain HTTP";
  // A certificate that cannot be read fails at start, not at the first client.
  cc.tls_key = dir + "/missing.pem";
  EXPECT_FALSE(console::StartServer(io, cc, [](const HttpRequest&) { return HttpResponse{}; }).ok());
  server->reset();
  io.stop();
  t.join();
}

}  // namespace
}  // namespace adwatch
