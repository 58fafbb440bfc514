#include "console/html.h"
#include "core/text.h"

#include <cstdio>

#include "alerts/tz.h"

namespace adwatch::console {
namespace {

const TimeZone& Amsterdam() {
  static const TimeZone tz = [] {
    auto t = TimeZone::Load("Europe/Amsterdam");
    return t.ok() ? *t : TimeZone::Utc();
  }();
  return tz;
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Escape(const std::string& s) { return HtmlEscape(s); }

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string UrlDecode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out += static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::map<std::string, std::string> ParseForm(const std::string& s) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos <= s.size()) {
    size_t amp = s.find('&', pos);
    if (amp == std::string::npos) amp = s.size();
    std::string part = s.substr(pos, amp - pos);
    if (!part.empty()) {
      size_t eq = part.find('=');
      std::string k = UrlDecode(part.substr(0, eq));
      std::string v = eq == std::string::npos ? "" : UrlDecode(part.substr(eq + 1));
      auto [it, fresh] = out.emplace(k, v);
      if (!fresh) it->second += "\n" + v;
    }
    pos = amp + 1;
  }
  return out;
}

std::map<std::string, std::string> ParseCookies(const std::string& header) {
  std::map<std::string, std::string> out;
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    if (semi == std::string::npos) semi = header.size();
    std::string part = header.substr(pos, semi - pos);
    size_t b = part.find_first_not_of(' ');
    size_t eq = part.find('=');
    if (b != std::string::npos && eq != std::string::npos && eq > b)
      out.emplace(part.substr(b, eq - b), part.substr(eq + 1));
    pos = semi + 1;
  }
  return out;
}

std::string FormatDate(TimePoint t) {
  CivilTime c = Amsterdam().ToLocal(t);
  char buf[32];
  snprintf(buf, sizeof buf, "%02d-%02d-%04d", c.day, c.month, c.year);
  return buf;
}

std::string FormatDateTime(TimePoint t) {
  CivilTime c = Amsterdam().ToLocal(t);
  char buf[40];
  snprintf(buf, sizeof buf, "%02d-%02d-%04d %02d:%02d", c.day, c.month, c.year, c.hour, c.minute);
  return buf;
}

bool ParseDateInput(const std::string& s, TimePoint* out) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  CivilTime c;
  c.year = y, c.month = m, c.day = d, c.hour = 12;
  *out = Amsterdam().FromLocal(c);
  return true;
}

std::string DateInputValue(TimePoint t) {
  CivilTime c = Amsterdam().ToLocal(t);
  char buf[32];
  snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
  return buf;
}

std::string CsrfField(const std::string& csrf) {
  return "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(csrf) + "\">";
}

std::string Page(const std::string& title, const PageUser* user, const std::string& csrf, const std::string& body) {
  std::string nav;
  if (user) {
    nav += "<nav aria-label=\"Hoofdmenu\"><ul>";
    if (user->role == "coordinator" || user->role == "regional") nav += "<li><a href=\"/\">Signalen</a></li>";
    nav += "<li><a href=\"/dashboard\">Overzicht</a></li>";
    if (user->role != "coordinator") nav += "<li><a href=\"/indicatoren\">Indicatoren</a></li>";
    if (user->role == "dpo" || user->role == "admin") nav += "<li><a href=\"/audit\">Auditlog</a></li>";
    nav += "</ul><form method=\"post\" action=\"/logout\" class=\"signout\">" + CsrfField(csrf) +
           "<a href=\"/account\" title=\"Uw account en tweestapsverificatie\">" + Escape(user->name) + "</a> <button type=\"submit\">Afmelden</button></form></nav>";
  }
  return "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>" + Escape(title) + " · adwatch</title>"
         "<link rel=\"stylesheet\" href=\"/static/console.css\">"
         "<script src=\"/static/console.js\" defer></script></head><body>"
         "<a class=\"skip\" href=\"#inhoud\">Naar de inhoud</a>"
         "<header><span class=\"brand\">adwatch · signalen mensenhandel</span>" + nav + "</header>"
         "<main id=\"inhoud\"><h1>" + Escape(title) + "</h1>" + body + "</main></body></html>\n";
}

}  // namespace adwatch::console
