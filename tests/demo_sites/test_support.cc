// Starting the demo server as a child process and fetching from it.
#include "tests/demo_sites/test_support.h"
#include "tests/support/process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <re2/re2.h>

namespace adwatch::demo::testing {

DemoServer::~DemoServer() {
  Stop();
  if (!gt_path.empty()) std::remove(gt_path.c_str());
}

int DemoServer::Stop() {
  if (pid <= 0) return -1;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::unique_ptr<DemoServer> StartDemo(const std::vector<std::string>& args) {
  static std::atomic<int> counter{0};
  auto server = std::make_unique<DemoServer>();
  server->gt_path = "/tmp/adwatch-demo-gt-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".json";
  std::vector<std::string> all = {DEMO_SITES_BIN, "--listen", "127.0.0.1:0", "--ground-truth", server->gt_path};
  all.insert(all.end(), args.begin(), args.end());
  adwatch::testing::SpawnedChild child = adwatch::testing::SpawnWithStdoutPipe(all);
  if (child.pid < 0) return nullptr;
  server->pid = child.pid;
  FILE* out = fdopen(child.stdout_fd, "r");
  char line[512];
  while (server->lines.size() < 4 && std::fgets(line, sizeof line, out)) {
    std::string l(line);
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.pop_back();
    server->lines.push_back(l);
  }
  std::fclose(out);  // the server writes nothing more to stdout
  if (server->lines.size() < 4) return nullptr;
  const std::string listening = "listening on ";
  if (server->lines[0].rfind(listening, 0) != 0) return nullptr;
  server->control = server->lines[0].substr(listening.size());
  for (int s = 1; s < 4; ++s) server->origins.push_back(server->lines[static_cast<size_t>(s)].substr(server->lines[static_cast<size_t>(s)].rfind(' ') + 1));
  std::ifstream in(server->gt_path);
  server->gt = nlohmann::json::parse(in, nullptr, false);
  return server;
}

namespace {

struct Sink {
  std::string* body;
  size_t max;
};

size_t Write(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body->size() + size * n > sink->max) return 0;  // abort: too big
  sink->body->append(data, size * n);
  return size * n;
}

size_t Header(char* data, size_t size, size_t n, void* user) {
  auto* headers = static_cast<std::map<std::string, std::string>*>(user);
  std::string line(data, size * n);
  size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r' || value.back() == ' ')) value.pop_back();
    (*headers)[name] = value;
  } else if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after a redirect)
  }
  return size * n;
}

}  // namespace

Fetched Fetch(const std::string& url, const FetchOptions& opt) {
  // One handle per thread keeps connections alive between fetches.
  static thread_local CURL* curl = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return curl_easy_init();
  }();
  curl_easy_reset(curl);
  Fetched f;
  Sink sink{&f.body, opt.max_body};
  curl_slist* headers = nullptr;
  for (const auto& h : opt.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, Header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &f.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, opt.timeout_ms);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, opt.follow ? 1L : 0L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (opt.decode) curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  if (opt.head) curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  auto start = std::chrono::steady_clock::now();
  f.code = curl_easy_perform(curl);
  f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &f.status);
  curl_slist_free_all(headers);
  return f;
}

std::string Digits(const std::string& s) {
  std::string d;
  for (char c : s) {
    if (c >= '0' && c <= '9') d += c;
  }
  return d;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;
    for (size_t k = 1; k <= n; ++k) {
      const unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = cp << 6 | (d & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += n + 1;
  }
  return true;
}

std::vector<std::string> FindAll(const std::string& text, const std::string& regex) {
  std::vector<std::string> out;
  RE2 re(regex);
  re2::StringPiece rest(text);
  std::string group;
  while (RE2::FindAndConsume(&rest, re, &group)) out.push_back(group);
  return out;
}

nlohmann::json NextData(const std::string& html) {
  const std::string open = "<script id=\"__NEXT_DATA__\" type=\"application/json\">";
  size_t a = html.find(open);
  if (a == std::string::npos) return nullptr;
  a += open.size();
  size_t b = html.find("</script>", a);
  if (b == std::string::npos) return nullptr;
  return nlohmann::json::parse(html.substr(a, b - a), nullptr, false);
}

std::map<std::string, nlohmann::json> LiveAds(const nlohmann::json& gt, const std::string& site, int epoch) {
  std::map<std::string, nlohmann::json> out;
  for (const auto& ad : gt["ads"]) {
    if (ad["site"] != site) continue;
    for (const auto& e : ad["epochs"]) {
      if (e.get<int>() == epoch) out[ad["url"].get<std::string>()] = ad;
    }
  }
  return out;
}

}  // namespace adwatch::demo::testing
