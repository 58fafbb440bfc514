// Easy-handle setup of one hop: limits, validators, the SSRF guard in
// CURLOPT_OPENSOCKETFUNCTION and the decoded-size cap in the write callback.
#include "crawler/internal/curl_transfer.h"

#include "crawler/url.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

namespace adwatch::internal {
namespace {

size_t OnWrite(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  size_t len = size * n;
  // curl 7.88 has no cap on decompressed size: count decoded bytes here and
  // abort (a short return makes curl fail with CURLE_WRITE_ERROR).
  if (t->decoded_bytes + static_cast<int64_t>(len) > t->req.limits.max_decoded_bytes) {
    t->too_large = true;
    return 0;
  }
  if (t->budget && !t->budget->Take(static_cast<int64_t>(len))) {
    t->overloaded = true;
    return 0;
  }
  t->decoded_bytes += static_cast<int64_t>(len);
  t->result.body.append(data, len);
  return len;
}

void ReleaseBody(Transfer* t) {
  if (t->budget && t->decoded_bytes > 0) t->budget->Give(t->decoded_bytes);
  t->decoded_bytes = 0;
  t->result.body.clear();
  t->result.body.shrink_to_fit();
}

std::string Trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

size_t OnHeader(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  size_t len = size * n;
  std::string line(data, len);
  if (line.rfind("HTTP/", 0) == 0) {  // a new response (also after 100 Continue)
    t->result.etag.clear();
    t->result.last_modified.clear();
    t->result.retry_after.clear();
    return len;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return len;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string value = Trim(line.substr(colon + 1));
  if (name == "etag") t->result.etag = value;
  else if (name == "last-modified") t->result.last_modified = value;
  else if (name == "retry-after") t->result.retry_after = value;
  return len;
}

int OnProgress(void* userp, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(userp);
  // dlnow counts body bytes before content decoding: the on-the-wire cap.
  // (CURLOPT_MAXFILESIZE only sees a Content-Length; chunked bodies need this.)
  if (dlnow > t->req.limits.max_body_bytes) {
    t->too_large = true;
    return 1;
  }
  return 0;
}

bool IpAllowed(const Transfer& t, const std::string& ip, int port) {
  return AddressAllowed(ip, port, t.req.allow_private, t.req.allowed_private);
}

// The SSRF guard: runs for every connection curl opens, after DNS, on every
// redirect hop, with the address curl is about to connect to.
curl_socket_t OnOpenSocket(void* userp, curlsocktype purpose, curl_sockaddr* addr) {
  auto* t = static_cast<Transfer*>(userp);
  if (purpose == CURLSOCKTYPE_IPCXN && t->guard_active) {
    char buf[INET6_ADDRSTRLEN] = {0};
    int port = 0;
    if (addr->family == AF_INET) {
      auto* sin = reinterpret_cast<sockaddr_in*>(&addr->addr);
      inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf);
      port = ntohs(sin->sin_port);
    } else if (addr->family == AF_INET6) {
      auto* sin6 = reinterpret_cast<sockaddr_in6*>(&addr->addr);
      inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof buf);
      port = ntohs(sin6->sin6_port);
    } else {
      t->blocked = true;
      return CURL_SOCKET_BAD;
    }
    if (!IpAllowed(*t, buf, port)) {
      t->blocked = true;
      t->blocked_ip = std::string(buf) + " port " + std::to_string(port);
      return CURL_SOCKET_BAD;
    }
  }
  return socket(addr->family, addr->socktype, addr->protocol);
}

// Second line of the guard, for reused connections too: curl calls this once
// the connection (new or from the cache, which is shared by all sites) is
// ready and before the request is sent, with the address actually in use.
int OnPreRequest(void* userp, char* conn_primary_ip, char*, int conn_primary_port, int) {
  auto* t = static_cast<Transfer*>(userp);
  if (!t->guard_active) return CURL_PREREQFUNC_OK;
  std::string ip = conn_primary_ip ? conn_primary_ip : "";
  if (IpAllowed(*t, ip, conn_primary_port)) return CURL_PREREQFUNC_OK;
  t->blocked = true;
  t->blocked_ip = ip + " port " + std::to_string(conn_primary_port);
  return CURL_PREREQFUNC_ABORT;
}

long Ms(Duration d) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

}  // namespace

bool ParseUrl(const std::string& url, std::string* scheme, std::string* host) {
  CURLU* u = curl_url();
  bool ok = curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK;
  char* s = nullptr;
  char* h = nullptr;
  ok = ok && curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK &&
       curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK;
  if (ok) {
    *scheme = s;
    *host = h;
    std::transform(host->begin(), host->end(), host->begin(), [](unsigned char c) { return std::tolower(c); });
  }
  curl_free(s);
  curl_free(h);
  curl_url_cleanup(u);
  return ok;
}

bool DecodedBudget::Take(int64_t n) {
  int64_t now = in_use.fetch_add(n) + n;
  if (now > cap) {
    in_use.fetch_sub(n);
    return false;
  }
  int64_t p = peak.load();
  while (now > p && !peak.compare_exchange_weak(p, now)) {
  }
  return true;
}

void HandOverBudget(Transfer* t) {
  if (!t->budget || t->decoded_bytes == 0) return;
  int64_t n = t->decoded_bytes;
  t->decoded_bytes = 0;
  auto budget = t->budget;
  t->result.budget_hold = std::shared_ptr<const void>(nullptr, [budget, n](const void*) { budget->Give(n); });
}

bool CheckHop(Transfer* t, std::string* host, int* port, bool* literal) {
  std::string scheme;
  if (!ParseUrl(t->current_url, &scheme, host) || (scheme != "http" && scheme != "https")) {
    t->result.error = FetchError::kBadUrl;
    t->result.message = "refused URL (only http/https): " + t->current_url;
    return false;
  }
  const auto& hosts = t->req.allowed_hosts;
  if (!hosts.empty() && std::find(hosts.begin(), hosts.end(), *host) == hosts.end()) {
    t->result.error = FetchError::kOutOfScope;
    t->result.message = "host out of scope: " + t->current_url;
    return false;
  }
  *port = UrlPort(t->current_url);
  if (!host->empty() && host->front() == '[') *host = host->substr(1, host->size() - 2);
  in6_addr a6;
  in_addr a4;
  *literal = inet_pton(AF_INET, host->c_str(), &a4) == 1 || inet_pton(AF_INET6, host->c_str(), &a6) == 1;
  // Without a proxy the guard sees the address connected to; with one, only
  // what we check here (literals) and in CheckResolved (names).
  if (*literal && !IpAllowed(*t, *host, *port)) {
    t->result.error = FetchError::kBlockedAddress;
    t->result.message = "blocked_address: SSRF guard refused " + *host + " port " + std::to_string(*port) +
                        " (" + t->current_url + ")";
    return false;
  }
  return true;
}

bool CheckResolved(Transfer* t, const std::vector<std::string>& ips, int port) {
  if (ips.empty()) {
    t->result.error = FetchError::kDns;
    t->result.message = "dns: no address for the host (" + t->current_url + ")";
    return false;
  }
  for (const auto& ip : ips) {
    if (IpAllowed(*t, ip, port)) continue;
    t->result.error = FetchError::kBlockedAddress;
    t->result.message = "blocked_address: SSRF guard refused " + ip + " port " + std::to_string(port) +
                        " (resolved before the proxy) (" + t->current_url + ")";
    return false;
  }
  return true;
}

bool SetupHop(Transfer* t) {
  std::string host;
  int port = 0;
  bool literal = false;
  if (!CheckHop(t, &host, &port, &literal)) return false;
  auto elapsed = std::chrono::steady_clock::now() - t->start;
  long remaining = Ms(t->req.limits.timeout) - static_cast<long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
  if (remaining <= 0) {
    t->result.error = FetchError::kTimeout;
    t->result.message = "timeout before redirect to " + t->current_url;
    return false;
  }
  // With a proxy, curl connects to the proxy (chosen by the administrator):
  // the target was checked by CheckHop / CheckResolved instead.
  t->guard_active = t->req.proxy.empty();

  CURL* e = t->easy;
  curl_easy_reset(e);
  curl_easy_setopt(e, CURLOPT_URL, t->current_url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, t);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);  // we follow, checking every hop
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // every decoder curl has (gzip, br, zstd)
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);  // prefer multiplexing over new connections
  curl_easy_setopt(e, CURLOPT_DNS_CACHE_TIMEOUT, 60L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, Ms(t->req.limits.connect_timeout));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, remaining);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(t->req.limits.low_speed_bytes));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                   std::max(1L, Ms(t->req.limits.low_speed_time) / 1000));
  curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->req.limits.max_body_bytes));
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, t);
  curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(e, CURLOPT_XFERINFODATA, t);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OnOpenSocket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t);
  curl_easy_setopt(e, CURLOPT_PREREQFUNCTION, OnPreRequest);
  curl_easy_setopt(e, CURLOPT_PREREQDATA, t);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
  if (!t->req.user_agent.empty()) curl_easy_setopt(e, CURLOPT_USERAGENT, t->req.user_agent.c_str());
  if (!t->req.proxy.empty()) curl_easy_setopt(e, CURLOPT_PROXY, t->req.proxy.c_str());
  if (t->headers) curl_slist_free_all(t->headers);
  t->headers = nullptr;
  // Validators belong to the requested URL only, not to redirect targets.
  if (t->result.redirects == 0) {
    if (!t->req.if_none_match.empty())
      t->headers = curl_slist_append(t->headers, ("If-None-Match: " + t->req.if_none_match).c_str());
    if (!t->req.if_modified_since.empty())
      t->headers = curl_slist_append(t->headers, ("If-Modified-Since: " + t->req.if_modified_since).c_str());
  }
  if (!t->req.accept.empty())
    t->headers = curl_slist_append(t->headers, ("Accept: " + t->req.accept).c_str());
  if (t->headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  ReleaseBody(t);  // a redirect's body is not kept
  t->errbuf[0] = 0;
  if (!t->req.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, t->req.ca_file.c_str());
  return true;
}

void ClassifyCurlError(Transfer* t, CURLcode code) {
  FetchError e;
  if (t->too_large || code == CURLE_FILESIZE_EXCEEDED) {
    e = FetchError::kTooLarge;
  } else if (t->overloaded) {
    e = FetchError::kOverloaded;
  } else if (t->blocked) {
    e = FetchError::kBlockedAddress;
  } else {
    switch (code) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY: e = FetchError::kDns; break;
      case CURLE_COULDNT_CONNECT: e = FetchError::kConnect; break;
      case CURLE_OPERATION_TIMEDOUT: e = FetchError::kTimeout; break;
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_URL_MALFORMAT: e = FetchError::kBadUrl; break;
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE: e = FetchError::kTls; break;
      default: e = FetchError::kProtocol; break;
    }
  }
  t->result.error = e;
  std::string detail = t->errbuf[0] ? t->errbuf : curl_easy_strerror(code);
  if (e == FetchError::kBlockedAddress)
    detail = "SSRF guard refused " + (t->blocked_ip.empty() ? std::string("address") : t->blocked_ip);
  if (e == FetchError::kTooLarge) detail = "body over the size cap";
  if (e == FetchError::kOverloaded)
    detail = "decoded bytes of all transfers at the cap of " + std::to_string(t->budget ? t->budget->cap : 0) +
             " bytes; try later";
  t->result.message = std::string(ToString(e)) + ": " + detail + " (" + t->current_url + ")";
}

}  // namespace adwatch::internal
