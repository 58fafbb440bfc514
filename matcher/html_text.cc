#include "matcher/html_text.h"

#include <cctype>
#include <string>

#include "matcher/internal/text_util.h"

namespace adwatch {
namespace {

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// Decodes character references in s.
std::string Decode(std::string_view s) { return DecodeHtmlEntities(s); }

std::string AttrValue(std::string_view tag, std::string_view name) {
  std::string low = Lower(tag);
  size_t p = low.find(std::string(name) + "=");
  if (p == std::string::npos) return "";
  p += name.size() + 1;
  if (p >= tag.size()) return "";
  char q = tag[p];
  if (q == '"' || q == '\'') {
    size_t e = tag.find(q, p + 1);
    return e == std::string_view::npos ? "" : std::string(tag.substr(p + 1, e - p - 1));
  }
  size_t e = tag.find_first_of(" \t\n>", p);
  return std::string(tag.substr(p, e == std::string_view::npos ? std::string_view::npos : e - p));
}

}  // namespace

std::string DecodeHtmlEntities(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    char32_t cp = s[i] == '&' ? matcher_internal::DecodeEntityAt(s, i, &len) : 0;
    if (cp == 0) {
      out.push_back(s[i++]);
      continue;
    }
    matcher_internal::AppendUtf8(cp, &out);
    i += len;
  }
  return out;
}

bool LooksLikeHtml(std::string_view s) {
  std::string head = Lower(s.substr(0, 2048));
  return head.find("<html") != std::string::npos || head.find("<!doctype") != std::string::npos ||
         head.find("<body") != std::string::npos || head.find("<div") != std::string::npos ||
         head.find("<p>") != std::string::npos || head.find("<br") != std::string::npos;
}

HtmlText HtmlToText(std::string_view html) {
  HtmlText out;
  std::string raw, h1, title;
  std::string* capture = nullptr;
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      size_t e = html.find('<', i);
      if (e == std::string_view::npos) e = html.size();
      raw.append(html.substr(i, e - i));
      if (capture) capture->append(html.substr(i, e - i));
      i = e;
      continue;
    }
    if (html.substr(i, 4) == "<!--") {
      size_t e = html.find("-->", i);
      i = e == std::string_view::npos ? html.size() : e + 3;
      continue;
    }
    size_t e = html.find('>', i);
    if (e == std::string_view::npos) break;
    std::string_view tag = html.substr(i + 1, e - i - 1);
    std::string name;
    for (char c : tag) {
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '!') name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      else break;
    }
    i = e + 1;
    if (name == "script" || name == "style" || name == "head" || name == "noscript") {
      size_t close = Lower(html.substr(i)).find("</" + name);
      i = close == std::string::npos ? html.size() : i + close;
      continue;
    }
    if (name == "h1" && h1.empty()) capture = &h1;
    else if (name == "title" && title.empty()) capture = &title;
    else if (name == "/h1" || name == "/title") capture = nullptr;
    if (name == "a") {
      std::string href = Decode(AttrValue(tag, "href"));
      std::string low = Lower(href);
      if (low.rfind("tel:", 0) == 0 || low.rfind("sms:", 0) == 0 || low.find("wa.me/") != std::string::npos ||
          low.find("whatsapp.com/send") != std::string::npos)
        raw += " " + href + " ";
    }
    static const char* kBlock[] = {"br", "p", "/p", "div", "/div", "li", "/li", "h1", "/h1", "h2", "/h2", "h3",
                                   "/h3", "tr", "/tr", "td", "section", "/section", "dd", "dt", "/dd", "/dt"};
    bool block = false;
    for (const char* b : kBlock) block |= name == b;
    raw += block ? "\n" : " ";
  }
  // Collapse runs of spaces and blank lines.
  std::string text = Decode(raw), collapsed;
  int newlines = 0;
  bool space = false;
  for (char c : text) {
    if (c == '\n') { ++newlines; space = false; continue; }
    if (c == ' ' || c == '\t' || c == '\r') { space = true; continue; }
    if (newlines) { if (!collapsed.empty()) collapsed.append(newlines > 1 ? "\n\n" : "\n"); newlines = 0; }
    else if (space && !collapsed.empty()) collapsed.push_back(' ');
    space = false;
    collapsed.push_back(c);
  }
  out.text = collapsed;
  std::string t = Decode(h1.empty() ? title : h1);
  size_t b = t.find_first_not_of(" \t\n\r"), en = t.find_last_not_of(" \t\n\r");
  out.title = b == std::string::npos ? "" : t.substr(b, en - b + 1);
  return out;
}

}  // namespace adwatch
