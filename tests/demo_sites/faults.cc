// Parsing and matching of fault specs, and the body-mangling faults.
#include "tests/demo_sites/faults.h"

#include <sstream>

namespace adwatch::demo {
namespace {

bool ToInt(const std::string& s, int64_t* v) {
  if (s.empty() || s.size() > 15) return false;
  int64_t r = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    r = r * 10 + (c - '0');
  }
  *v = r;
  return true;
}

bool ParseOne(const std::string& item, Fault* f, std::string* error) {
  size_t eq = item.find('=');
  size_t colon = item.find(':');
  if (eq == std::string::npos || colon == std::string::npos || colon > eq) {
    *error = "fault '" + item + "': expected site:path-prefix=fault[:arg]";
    return false;
  }
  f->site = item.substr(0, colon);
  f->prefix = item.substr(colon + 1, eq - colon - 1);
  if (f->site.empty() || f->prefix.empty()) {
    *error = "fault '" + item + "': empty site or path prefix";
    return false;
  }
  std::string rhs = item.substr(eq + 1);
  size_t c2 = rhs.find(':');
  std::string kind = rhs.substr(0, c2);
  std::string arg = c2 == std::string::npos ? "" : rhs.substr(c2 + 1);
  auto need_int = [&](int64_t* v) {
    if (ToInt(arg, v)) return true;
    *error = "fault '" + item + "': " + kind + " needs a number";
    return false;
  };
  if (kind == "slow") { f->kind = FaultKind::kSlow; return need_int(&f->arg); }
  if (kind == "huge") { f->kind = FaultKind::kHuge; return need_int(&f->arg); }
  if (kind == "timeout") { f->kind = FaultKind::kTimeout; return true; }
  if (kind == "redirect-loop") { f->kind = FaultKind::kRedirectLoop; return true; }
  if (kind == "truncate") { f->kind = FaultKind::kTruncate; return true; }
  if (kind == "malformed-html") { f->kind = FaultKind::kMalformedHtml; return true; }
  if (kind == "invalid-utf8") { f->kind = FaultKind::kInvalidUtf8; return true; }
  if (kind == "wrong-content-type") { f->kind = FaultKind::kWrongContentType; return true; }
  if (kind == "disallow") { f->kind = FaultKind::kDisallow; return true; }
  if (kind == "gzip-bomb") {
    f->kind = FaultKind::kGzipBomb;
    f->arg = 256LL << 20;
    return arg.empty() || need_int(&f->arg);
  }
  if (kind == "redirect") {
    f->kind = FaultKind::kRedirect;
    f->url = arg;
    if (arg.rfind("http://", 0) == 0 || arg.rfind("https://", 0) == 0 || arg.rfind("/", 0) == 0) return true;
    *error = "fault '" + item + "': redirect needs an absolute URL or path";
    return false;
  }
  if (kind == "status") {
    f->kind = FaultKind::kStatus;
    std::string code = arg.substr(0, arg.find(':'));
    if (arg.find(':') != std::string::npos) {
      std::string opt = arg.substr(arg.find(':') + 1);
      int64_t s = 0;
      if (opt.rfind("retry-after=", 0) != 0 || !ToInt(opt.substr(12), &s)) {
        *error = "fault '" + item + "': expected status:CODE[:retry-after=S]";
        return false;
      }
      f->retry_after = static_cast<int>(s);
    }
    arg = code;
    if (!need_int(&f->arg)) return false;
    if (f->arg < 100 || f->arg > 599) {
      *error = "fault '" + item + "': status code out of range";
      return false;
    }
    return true;
  }
  *error = "fault '" + item + "': unknown fault '" + kind + "'";
  return false;
}

}  // namespace

bool ParseFaults(const std::string& spec, std::vector<Fault>* out, std::string* error) {
  std::vector<Fault> faults;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    Fault f;
    if (!ParseOne(item, &f, error)) return false;
    faults.push_back(f);
  }
  *out = std::move(faults);
  return true;
}

const Fault* FindFault(const std::vector<Fault>& faults, const std::string& site, const std::string& path) {
  const Fault* best = nullptr;
  size_t best_len = 0;
  for (const Fault& f : faults) {
    if (f.site != "*" && f.site != site) continue;
    size_t len = f.prefix == "*" ? 0 : f.prefix.size();
    if (f.prefix != "*" && path.compare(0, f.prefix.size(), f.prefix) != 0) continue;
    if (!best || len > best_len) {
      best = &f;
      best_len = len;
    }
  }
  return best;
}

std::string MalformHtml(const std::string& body) {
  // Drop closing tags, leave an attribute quote open, nest a stray table and
  // end inside a comment: browsers (and Gumbo) still recover the text.
  std::string out;
  out.reserve(body.size() + 64);
  for (size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 2, "</") == 0) {
      size_t close = body.find('>', i);
      std::string tag = body.substr(i, close == std::string::npos ? 0 : close - i + 1);
      if (tag == "</p>" || tag == "</div>" || tag == "</dd>" || tag == "</li>" || tag == "</td>") {
        i = close;
        continue;
      }
    }
    out += body[i];
  }
  size_t body_pos = out.find("<body>");
  if (body_pos != std::string::npos) {
    out.insert(body_pos + 6, "<div class=\"broken><table><tr><b><i></b></i></span><<p>&nbsp &amp\n");
  }
  out += "\n<!-- unterminated comment <div>";
  return out;
}

std::string BreakUtf8(const std::string& body) {
  std::string out = body;
  size_t pos = out.find("<body>");
  pos = pos == std::string::npos ? out.size() / 2 : pos + 6;
  out.insert(pos, "\xff\xfe caf\xe9 \xc3\x28 \xed\xa0\x80 \xf0\x28\x8c\x28 ");
  out.insert(out.size() * 3 / 4, "\x80\xbf\xc0\xaf");
  return out;
}

}  // namespace adwatch::demo
