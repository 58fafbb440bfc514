// Small helpers for the console's server-rendered pages: escaping, form and
// query decoding, cookies, the page frame. No inline script or style: the
// frame links /static/console.css and /static/console.js (see static.cc),
// as the Content-Security-Policy demands.
#pragma once

#include <map>
#include <string>

#include "core/clock.h"

namespace adwatch::console {

std::string Escape(const std::string& s);   // HTML text and attribute values
std::string UrlEncode(const std::string& s);
std::string UrlDecode(const std::string& s);  // '+' is a space
// "a=1&b=x%20y" -> {a: 1, b: "x y"}; a repeated key keeps every value, joined by "\n".
std::map<std::string, std::string> ParseForm(const std::string& s);
// "a=1; b=2" (a Cookie header) -> {a: 1, b: 2}.
std::map<std::string, std::string> ParseCookies(const std::string& header);

// Dates shown to readers: "30-11-2026" and "30-11-2026 14:05" in Europe/Amsterdam.
std::string FormatDate(TimePoint t);
std::string FormatDateTime(TimePoint t);
// "2026-11-30" (an <input type=date> value, Europe/Amsterdam) -> noon that day; false if not a date.
bool ParseDateInput(const std::string& s, TimePoint* out);
std::string DateInputValue(TimePoint t);  // "2026-11-30"

struct PageUser {
  std::string name;
  std::string role;
};

// The whole document: header with navigation for the role, <main> with body.
// `csrf` is put in the sign-out form.
std::string Page(const std::string& title, const PageUser* user, const std::string& csrf, const std::string& body);

// A hidden CSRF field for a form.
std::string CsrfField(const std::string& csrf);

}  // namespace adwatch::console
