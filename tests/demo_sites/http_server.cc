// What the demo server does to an answer before it goes out: request
// decoding, ETag/Last-Modified with 304s, gzip, and the gzip-bomb body.
#include "tests/demo_sites/internal/server_internal.h"

#include <zlib.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string_view>

#include "tests/demo_sites/internal/gen_internal.h"

namespace adwatch::demo {

namespace http = boost::beast::http;
namespace {

bool IsTextual(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type.find("json") != std::string::npos || type.find("xml") != std::string::npos;
}

// The bare ETag value, so that a gzip variant's tag also validates the plain one.
std::string BareTag(std::string tag) {
  if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
  if (tag.size() >= 2 && tag.front() == '"') tag = tag.substr(1, tag.size() - 2);
  if (tag.size() > 3 && tag.compare(tag.size() - 3, 3, "-gz") == 0) tag.resize(tag.size() - 3);
  return tag;
}

}  // namespace

Request ToRequest(const HttpRequest& in) {
  Request r;
  r.method = std::string(in.method_string());
  std::string target(in.target());
  size_t q = target.find('?');
  r.path = PercentDecode(target.substr(0, q), false);
  if (q != std::string::npos) {
    std::string qs = target.substr(q + 1);
    size_t start = 0;
    while (start <= qs.size()) {
      size_t amp = qs.find('&', start);
      if (amp == std::string::npos) amp = qs.size();
      std::string kv = qs.substr(start, amp - start);
      size_t eq = kv.find('=');
      if (!kv.empty()) {
        r.query[PercentDecode(kv.substr(0, eq), true)] =
            eq == std::string::npos ? "" : PercentDecode(kv.substr(eq + 1), true);
      }
      start = amp + 1;
    }
  }
  return r;
}

HttpResponse Finalize(Response r, const HttpRequest& req, bool allow_gzip) {
  HttpResponse res{static_cast<http::status>(r.status), req.version()};
  res.set(http::field::server, "adwatch-demo-sites");
  if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
  for (const auto& [k, v] : r.headers) res.set(k, v);
  const bool gzip = allow_gzip && r.status == 200 && r.body.size() >= 256 && IsTextual(r.content_type) &&
                    std::string(req[http::field::accept_encoding]).find("gzip") != std::string::npos;
  if (r.status == 200 && r.last_modified > 0) {
    // Any stable hash of the body will do for an ETag; std::hash is fast.
    const std::string tag = Hex16(std::hash<std::string_view>{}(r.body));
    res.set(http::field::etag, "\"" + tag + (gzip ? "-gz" : "") + "\"");
    res.set(http::field::last_modified, HttpDate(r.last_modified));
    res.set(http::field::cache_control, "no-cache");
    std::string inm(req[http::field::if_none_match]);
    bool not_modified = false;
    if (!inm.empty()) {
      size_t start = 0;
      while (start < inm.size()) {
        size_t comma = inm.find(',', start);
        if (comma == std::string::npos) comma = inm.size();
        std::string one = inm.substr(start, comma - start);
        while (!one.empty() && one.front() == ' ') one.erase(0, 1);
        while (!one.empty() && one.back() == ' ') one.pop_back();
        not_modified |= one == "*" || BareTag(one) == tag;
        start = comma + 1;
      }
    } else if (req.count(http::field::if_modified_since)) {
      int64_t ims = ParseHttpDate(std::string(req[http::field::if_modified_since]));
      not_modified = ims >= 0 && r.last_modified <= ims;
    }
    if (not_modified) {
      res.result(http::status::not_modified);
      res.erase(http::field::content_type);
      res.keep_alive(req.keep_alive());
      return res;
    }
  }
  if (gzip) {
    r.body = GzipCompress(r.body, 5);
    res.set(http::field::content_encoding, "gzip");
  }
  if (IsTextual(r.content_type)) res.set(http::field::vary, "Accept-Encoding");
  res.body() = std::move(r.body);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  if (req.method() == http::verb::head) {  // same headers, no body
    const size_t length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  return res;
}

const std::string& GzipBomb(int64_t bytes) {
  static std::map<int64_t, std::string> cache;
  auto it = cache.find(bytes);
  if (it != cache.end()) return it->second;
  z_stream zs{};
  deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string zeros(1 << 20, '\0'), out, chunk(1 << 16, '\0');
  int64_t left = bytes;
  int flush = Z_NO_FLUSH;
  do {
    size_t n = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(zeros.size())));
    left -= static_cast<int64_t>(n);
    flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
    zs.next_in = reinterpret_cast<Bytef*>(zeros.data());
    zs.avail_in = static_cast<uInt>(n);
    do {
      zs.next_out = reinterpret_cast<Bytef*>(chunk.data());
      zs.avail_out = static_cast<uInt>(chunk.size());
      deflate(&zs, flush);
      out.append(chunk.data(), chunk.size() - zs.avail_out);
    } while (zs.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&zs);
  return cache.emplace(bytes, std::move(out)).first->second;
}

}  // namespace adwatch::demo
