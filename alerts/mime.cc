#include "alerts/mime.h"

#include <cstring>
#include <ctime>

#include "core/hash.h"

namespace adwatch {
namespace internal {
std::string EncodeWords(std::string_view utf8, size_t header_len);
}
namespace {

constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += kB64[(v >> 6) & 63];
    out += kB64[v & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) v |= uint8_t(in[i + 1]) << 8;
    out += kB64[v >> 18];
    out += kB64[(v >> 12) & 63];
    out += i + 1 < in.size() ? kB64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

bool PlainAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

// Length of the UTF-8 sequence starting with byte c (1 for stray bytes, so
// invalid input still makes progress).
size_t Utf8Len(unsigned char c) {
  if (c >= 0xf0 && c < 0xf8) return 4;
  if (c >= 0xe0) return c < 0xf0 ? 3 : 1;
  if (c >= 0xc0) return 2;
  return 1;
}

bool IsAtom(std::string_view w) {
  for (unsigned char c : w)
    if (c <= 0x20 || c > 0x7e || strchr("()<>[]:;@\\,.\"", c)) return false;
  return !w.empty();
}

// A display name as RFC 5322 phrase: plain atoms stay readable, runs of other
// words become encoded-words. Words are split at spaces so that parsers which
// insert a space between adjacent encoded-words (Python's email package does
// in address headers) and parsers which do not (RFC 2047) agree.
std::string EncodePhrase(std::string_view name) {
  std::vector<std::string> words;
  size_t pos = 0;
  while (pos <= name.size()) {
    size_t sp = name.find(' ', pos);
    if (sp == std::string_view::npos) sp = name.size();
    if (sp > pos) words.emplace_back(name.substr(pos, sp - pos));
    pos = sp + 1;
  }
  std::string out, run;
  auto flush = [&] {
    if (run.empty()) return;
    if (!out.empty()) out += ' ';
    bool quotable = PlainAscii(run) && run.find_first_of("\"\\") == std::string::npos;
    out += quotable ? "\"" + run + "\"" : internal::EncodeWords(run, 0);
    run.clear();
  };
  for (const std::string& w : words) {
    if (IsAtom(w)) {
      flush();
      if (!out.empty()) out += ' ';
      out += w;
    } else {
      if (!run.empty() && run.size() + 1 + w.size() > 45) flush();
      run += run.empty() ? w : " " + w;
    }
  }
  flush();
  return out;
}

// Appends `addr` to a header being built, folding before it when the
// current line would pass 78 characters.
void AppendFolded(std::string* h, const std::string& piece) {
  size_t line_start = h->rfind("\r\n");
  line_start = line_start == std::string::npos ? 0 : line_start + 2;
  if (h->size() - line_start + piece.size() + 1 > 78 && h->size() > line_start + 8) *h += "\r\n";
  *h += ' ';
  *h += piece;
}

std::string FormatAddress(const MailAddress& a) {
  if (a.name.empty()) return a.address;
  std::string h = EncodePhrase(a.name);
  AppendFolded(&h, "<" + a.address + ">");
  return h;
}

}  // namespace

bool ParseMailAddress(std::string_view s, MailAddress* out) {
  auto trim = [](std::string_view v) {
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
  };
  s = trim(s);
  MailAddress a;
  size_t lt = s.rfind('<');
  if (lt != std::string_view::npos && !s.empty() && s.back() == '>') {
    a.address = std::string(trim(s.substr(lt + 1, s.size() - lt - 2)));
    std::string_view name = trim(s.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    a.name = std::string(name);
  } else {
    a.address = std::string(s);
  }
  size_t at = a.address.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= a.address.size()) return false;
  if (a.address.find_first_of(" \t\r\n<>(),;:\"") != std::string::npos) return false;
  if (a.name.find_first_of("\r\n") != std::string::npos) return false;
  *out = a;
  return true;
}

std::string MakeMessageId(std::string_view key, std::string_view from_address) {
  std::string domain = "adwatch.invalid";
  size_t at = from_address.rfind('@');
  if (at != std::string_view::npos && at + 1 < from_address.size()) {
    domain = std::string(from_address.substr(at + 1));
    if (!domain.empty() && domain.back() == '>') domain.pop_back();
  }
  std::string local;
  for (char c : key) local += (isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '-';
  return "<adwatch." + local + "@" + domain + ">";
}

std::string FormatRfc5322Date(TimePoint t) {
  time_t secs = ToUnixSeconds(t);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
           kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string EncodeHeaderWords(std::string_view utf8, size_t header_len) {
  if (PlainAscii(utf8) && utf8.size() + header_len <= 76 && utf8.find("=?") == std::string_view::npos)
    return std::string(utf8);
  return internal::EncodeWords(utf8, header_len);
}

namespace internal {
std::string EncodeWords(std::string_view utf8, size_t header_len) {
  // "=?UTF-8?B?" + base64 + "?=" <= 75  ->  at most 60 base64 characters,
  // i.e. 45 bytes of UTF-8, never splitting a character.
  // The first word shares its line with the header name; keep that line
  // within 78 characters too.
  size_t first_b64 = header_len + 12 < 78 ? (78 - header_len - 12) / 4 * 4 : 4;
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t kMaxBytes = out.empty() ? std::min<size_t>(45, first_b64 / 4 * 3) : 45;
    size_t n = 0;
    while (i + n < utf8.size()) {
      size_t len = Utf8Len(static_cast<unsigned char>(utf8[i + n]));
      if (n + len > kMaxBytes) break;
      n += std::min(len, utf8.size() - i - n);
    }
    if (n == 0) n = 1;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(utf8.substr(i, n)) + "?=";
    i += n;
  }
  return out;
}
}  // namespace internal

std::string EncodeQuotedPrintable(std::string_view text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  size_t line_len = 0;
  auto emit = [&](const std::string& tok) {
    if (line_len + tok.size() > 75) {  // 75 + "=" soft break = 76
      out += "=\r\n";
      line_len = 0;
    }
    out += tok;
    line_len += tok.size();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      out += "\r\n";
      line_len = 0;
      continue;
    }
    bool at_eol = i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r';
    bool encode = c == '=' || c > 0x7e || (c < 0x20 && c != '\t') ||
                  ((c == ' ' || c == '\t') && at_eol) || (c == '.' && line_len == 0);
    if (encode) {
      emit(std::string{'=', kHex[c >> 4], kHex[c & 15]});
    } else {
      emit(std::string(1, static_cast<char>(c)));
    }
  }
  return out;
}

std::string BuildMessage(const MailMessage& m) {
  std::string h;
  h += "Date: " + FormatRfc5322Date(m.date) + "\r\n";
  h += "From: " + FormatAddress(m.from) + "\r\n";
  h += "To: ";
  for (size_t i = 0; i < m.to.size(); ++i) {
    if (i) h += ",\r\n ";
    h += FormatAddress(m.to[i]);
  }
  h += "\r\n";
  h += "Subject: " + EncodeHeaderWords(m.subject, 9) + "\r\n";
  h += "Message-ID: " + m.message_id + "\r\n";
  h += "MIME-Version: 1.0\r\n";
  h += "Auto-Submitted: auto-generated\r\n";
  const std::string part_headers = "Content-Transfer-Encoding: quoted-printable\r\n";
  if (m.html.empty()) {
    h += "Content-Type: text/plain; charset=UTF-8\r\n" + part_headers + "\r\n";
    return h + EncodeQuotedPrintable(m.text) + "\r\n";
  }
  // "=_" never occurs in quoted-printable output, so the boundary cannot
  // collide with a body line.
  std::string boundary = "=_adwatch_" + Sha256Hex(m.message_id).substr(0, 24);
  h += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  h += "This is a multi-part message in MIME format.\r\n";
  h += "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n" + part_headers + "\r\n";
  h += EncodeQuotedPrintable(m.text) + "\r\n";
  h += "--" + boundary + "\r\nContent-Type: text/html; charset=UTF-8\r\n" + part_headers + "\r\n";
  h += EncodeQuotedPrintable(m.html) + "\r\n";
  h += "--" + boundary + "--\r\n";
  return h;
}

std::string DecodeQuotedPrintable(std::string_view qp) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < qp.size(); ++i) {
    const char c = qp[i];
    if (c == '\r' && i + 1 < qp.size() && qp[i + 1] == '\n') continue;  // the '\n' follows
    if (c != '=') {
      out += c;
      continue;
    }
    if (i + 1 < qp.size() && qp[i + 1] == '\n') { i += 1; continue; }  // soft break
    if (i + 2 < qp.size() && qp[i + 1] == '\r' && qp[i + 2] == '\n') { i += 2; continue; }
    const int hi = i + 2 < qp.size() ? hex(qp[i + 1]) : -1, lo = i + 2 < qp.size() ? hex(qp[i + 2]) : -1;
    if (hi < 0 || lo < 0) { out += c; continue; }
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::string DecodedTextPart(std::string_view message) {
  const std::string_view kType = "Content-Type: text/plain";
  size_t at = message.find(kType);
  if (at == std::string_view::npos) return "";
  size_t body = message.find("\r\n\r\n", at);
  if (body == std::string_view::npos) return "";
  body += 4;
  size_t end = message.find("\r\n--=_adwatch_", body);
  if (end == std::string_view::npos) end = message.size();
  std::string text = DecodeQuotedPrintable(message.substr(body, end - body));
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text + "\n";
}

}  // namespace adwatch
