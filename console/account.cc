// The signed-in user's own account: who they are, and the second factor.
// A local account (one with a password) sets up TOTP here: the page shows a
// new secret as text, as an otpauth:// URI and as a QR code (inline SVG from
// libqrencode: no image request, nothing for the CSP to allow), and the user
// confirms with a code from the app and the password. From then on sign-in
// asks for the code. The pending secret travels in the form only (the page is
// no-store); nothing is stored until the code proves the app has it.
#include <qrencode.h>

#include "console/auth.h"
#include "console/internal.h"

namespace adwatch::console::internal {
namespace {

std::string OtpauthUri(const std::string& user, const std::string& secret) {
  return "otpauth://totp/adwatch:" + UrlEncode(user) + "?secret=" + secret + "&issuer=adwatch";
}

// "ABCDEFGH..." -> "ABCD EFGH ..." for reading aloud and typing.
std::string Grouped(const std::string& secret) {
  std::string out;
  for (size_t i = 0; i < secret.size(); ++i) out += (i && i % 4 == 0 ? " " : "") + std::string(1, secret[i]);
  return out;
}

// The QR code of `text` as an inline SVG (dark modules as one path, a quiet
// zone of 4 modules); "" if libqrencode fails.
std::string QrSvg(const std::string& text) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == nullptr) return "";
  const int w = qr->width, size = w + 8;
  std::string path;
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (qr->data[y * w + x] & 1) path += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
  QRcode_free(qr);
  const std::string box = std::to_string(size);
  return "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + box + " " + box +
         "\" width=\"220\" height=\"220\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR-code met de "
         "sleutel voor de authenticator-app\"><rect width=\"" + box + "\" height=\"" + box +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string RoleLabel(const std::string& role) {
  if (role == "coordinator") return "coördinator (signalen van uw gemeenten)";
  if (role == "regional") return "regionaal coördinator (alle signalen)";
  if (role == "dpo") return "functionaris gegevensbescherming (overzicht en auditlog, geen advertenties)";
  if (role == "admin") return "beheerder (overzicht, crawlstatus en auditlog)";
  return role;
}

std::string EnrolForm(const Ctx& c, const std::string& secret) {
  const std::string uri = OtpauthUri(c.viewer.user.name, secret);
  std::string b =
      "<ol class=\"steps\"><li><p>Open de authenticator-app op uw telefoon (bijvoorbeeld FreeOTP, Google "
      "Authenticator of Microsoft Authenticator) en scan deze code:</p>" + QrSvg(uri) +
      "<p>Scannen lukt niet? Voer dan deze sleutel in (tijdgebaseerd, 6 cijfers):</p>"
      "<p><code class=\"secret\" id=\"totp-secret\">" + Grouped(secret) + "</code></p>"
      "<details><summary>De volledige koppeling als tekst</summary><p><code class=\"uri\" id=\"totp-uri\">" +
      Escape(uri) + "</code></p></details></li>"
      "<li><p>Vul hieronder de code in die de app nu toont, met uw wachtwoord ter bevestiging.</p>"
      "<form method=\"post\" action=\"/account/totp\" id=\"totp\">" + CsrfField(c.viewer.session.csrf) +
      "<input type=\"hidden\" name=\"secret\" value=\"" + Escape(secret) + "\">"
      "<div class=\"field\"><label for=\"totp_code\">Code uit de app (6 cijfers)</label>"
      "<input id=\"totp_code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\" pattern=\"[0-9]{6}\" "
      "maxlength=\"6\" required></div>"
      "<div class=\"field\"><label for=\"totp_password\">Uw wachtwoord</label>"
      "<input id=\"totp_password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>"
      "<button type=\"submit\">Tweestapsverificatie instellen</button></form></li></ol>";
  return b;
}

HttpResponse Account(Ctx& c, const std::string& message, const std::string& error, const std::string& secret,
                     int status) {
  const ConsoleUser& u = c.viewer.user;
  std::string munis;
  for (const auto& m : u.municipalities) munis += (munis.empty() ? "" : ", ") + m;
  std::string b;
  if (!message.empty()) b += "<p class=\"notice\" role=\"status\">" + Escape(message) + "</p>";
  if (!error.empty()) b += "<p class=\"error\" role=\"alert\">" + Escape(error) + "</p>";
  b += "<dl class=\"meta\"><dt>Gebruikersnaam</dt><dd>" + Escape(u.name) + "</dd><dt>Rol</dt><dd>" +
       Escape(RoleLabel(u.role)) + "</dd>";
  if (u.role == "coordinator") b += "<dt>Gemeenten</dt><dd>" + Escape(munis.empty() ? "geen" : munis) + "</dd>";
  b += "</dl><h2>Tweestapsverificatie</h2>";
  if (u.password_hash.empty()) {
    b += "<p>U meldt zich aan via het account van uw organisatie (single sign-on). De tweede stap regelt uw "
         "organisatie daar.</p>";
  } else if (!u.totp_secret.empty()) {
    b += "<p id=\"totp-status\">Ingesteld. Bij het aanmelden vraagt adwatch naast uw wachtwoord een code uit uw "
         "authenticator-app.</p><p class=\"hint\">Telefoon kwijt of nieuw? Vraag de beheerder van adwatch de "
         "tweede stap te verwijderen; daarna stelt u hem hier opnieuw in.</p>";
  } else {
    b += "<p id=\"totp-status\">Nog niet ingesteld. Met een tweede stap kan niemand zich met alleen uw wachtwoord als "
         "u aanmelden.</p>" + EnrolForm(c, secret.empty() ? NewTotpSecret() : secret);
  }
  return HtmlResponse(c.Render("Uw account", b), status);
}

}  // namespace

HttpResponse AccountPage(Ctx& c) { return Account(c, "", "", "", 200); }

HttpResponse TotpPost(Ctx& c) {
  ConsoleUser u = c.viewer.user;
  if (u.password_hash.empty() || !u.totp_secret.empty()) return AccountPage(c);  // nothing to set up here
  const std::string secret = c.F("secret");
  std::string bytes;
  if (!Base32Decode(secret, &bytes) || bytes.size() != 20)
    return Account(c, "", "Het formulier is beschadigd. Begin opnieuw met de nieuwe code hieronder.", "", 400);
  if (!VerifyPassword(u.password_hash, c.F("password")))
    return Account(c, "", "Het wachtwoord klopt niet. De sleutel in de app blijft geldig: probeer het opnieuw.", secret,
                   400);
  if (!VerifyTotp(secret, c.F("code"), c.clock.Now()))
    return Account(c, "", "De code klopt niet. Controleer of de klok van uw telefoon goed staat en vul de code in die "
                   "de app nu toont.", secret, 400);
  u.totp_secret = secret;
  if (!c.store.SaveUser(u, c.clock.Now()).ok() || !c.Audit("console-totp-enrolled", "user " + u.name))
    return Account(c, "", "Opslaan is niet gelukt. Probeer het zo opnieuw.", secret, 503);
  // The page reads the viewer of this request; show the new state from the saved account.
  Viewer updated{u, c.viewer.session};
  Ctx after{c.config, c.store, c.clock, updated, c.req, c.path, c.query, c.form};
  return Account(after, "Tweestapsverificatie is ingesteld. Vanaf nu meldt u zich aan met wachtwoord en code.", "", "",
                 200);
}

}  // namespace adwatch::console::internal
