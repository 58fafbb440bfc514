#include "alerts/transport.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include <spdlog/spdlog.h>

#include "alerts/mime.h"

namespace adwatch {
namespace {

struct Reader {
  const std::string* data;
  size_t pos = 0;
};

size_t ReadCb(char* buf, size_t size, size_t n, void* user) {
  auto* r = static_cast<Reader*>(user);
  size_t len = std::min(size * n, r->data->size() - r->pos);
  memcpy(buf, r->data->data() + r->pos, len);
  r->pos += len;
  return len;
}

// The URL without any user info, for messages.
std::string Redact(const std::string& url) {
  size_t scheme = url.find("://");
  size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  return url.substr(0, scheme + 3) + url.substr(at + 1);
}

std::atomic<bool> g_interrupted{false};

int RememberSocket(void* user, curl_socket_t fd, curlsocktype) {
  *static_cast<curl_socket_t*>(user) = fd;
  return CURL_SOCKOPT_OK;
}

long Millis(Duration d) { return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()); }

class SmtpTransport final : public MailTransport {
 public:
  SmtpTransport(SmtpConfig c, std::string password) : c_(std::move(c)), password_(std::move(password)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  std::string Describe() const override { return Redact(c_.url); }
  void Interrupt() override { interrupted_ = true; }

  Status Send(const std::string&, const std::string& from, const std::vector<std::string>& recipients,
              const std::string& message) override {
    const std::string peer = Describe();
    MailAddress f;
    if (!ParseMailAddress(from, &f)) return Status::InvalidArgument("alerts.from: not a mail address");
    std::vector<std::string> rcpts;
    for (const auto& r : recipients) {
      MailAddress a;
      if (!ParseMailAddress(r, &a)) return Status::InvalidArgument("a recipient is not a mail address");
      rcpts.push_back("<" + a.address + ">");
    }
    if (Interrupted()) {
      ++MailTransportCounters().interrupted;
      return Status::Unavailable(peer + ": not tried: shutting down");
    }
    if (std::chrono::steady_clock::now() < down_until_) {
      ++MailTransportCounters().held_off;
      return Status::Unavailable(peer + ": not tried (holding off after: " + down_reason_ + ")");
    }
    return Transfer(peer, "<" + f.address + ">", rcpts, message);
  }

 private:
  bool Interrupted() const { return interrupted_ || MailTransfersInterrupted(); }

  Status Transfer(const std::string& peer, const std::string& from, const std::vector<std::string>& rcpts,
                  const std::string& message) {
    CURL* curl = curl_easy_init();
    CURLM* multi = curl_multi_init();
    if (!curl || !multi) {
      if (curl) curl_easy_cleanup(curl);
      if (multi) curl_multi_cleanup(multi);
      return Status::Internal("curl init failed");
    }
    curl_slist* rcpt = nullptr;
    for (const auto& r : rcpts) rcpt = curl_slist_append(rcpt, r.c_str());
    Reader reader{&message};
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, c_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    // 7.88 spelling; one refused recipient must not block the others.
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1L);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadCb);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    // "try" would silently send in clear text: require it or (test sink) don't.
    curl_easy_setopt(curl, CURLOPT_USE_SSL, c_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_NONE);
    if (!c_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, c_.ca_file.c_str());
    if (!c_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, c_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, Millis(c_.connect_timeout));
    // Whole seconds in curl 7.88 (the _MS form came in 8.6).
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, std::max(1L, (Millis(c_.reply_timeout) + 999) / 1000));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, Millis(c_.total_timeout));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_socket_t sock = CURL_SOCKET_BAD;
    curl_easy_setopt(curl, CURLOPT_SOCKOPTFUNCTION, RememberSocket);
    curl_easy_setopt(curl, CURLOPT_SOCKOPTDATA, &sock);
    curl_multi_add_handle(multi, curl);
    ++MailTransportCounters().attempts;

    // Drive the one transfer, waking at least every 100 ms to see an interrupt.
    CURLcode rc = CURLE_OK;
    bool interrupted = false;
    for (int running = 1;;) {
      if (curl_multi_perform(multi, &running) != CURLM_OK) {
        rc = CURLE_RECV_ERROR;
        break;
      }
      if (running == 0) {
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &left))
          if (msg->msg == CURLMSG_DONE) rc = msg->data.result;
        break;
      }
      if (Interrupted()) {
        // Cut the connection first: otherwise removing the handle sends QUIT
        // and waits a whole reply_timeout for the answer of a silent server.
        if (sock != CURL_SOCKET_BAD) ::shutdown(sock, SHUT_RDWR);
        interrupted = true;
        rc = CURLE_ABORTED_BY_CALLBACK;
        break;
      }
      curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    }
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_multi_remove_handle(multi, curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    curl_multi_cleanup(multi);
    if (rc == CURLE_OK) return Status::Ok();

    std::string why = interrupted ? std::string("interrupted: shutting down")
                                  : (errbuf[0] ? errbuf : curl_easy_strerror(rc));
    if (rc == CURLE_USE_SSL_FAILED) {
      // The server (or something between) did not offer STARTTLS. Never send in
      // clear; the server may be fixed, so retry later rather than give up.
      ++MailTransportCounters().no_starttls;
      why = "server does not offer STARTTLS (" + why + "); nothing sent, will retry";
    }
    if (rc == CURLE_OPERATION_TIMEDOUT) ++MailTransportCounters().timeouts;
    if (interrupted) ++MailTransportCounters().interrupted;
    std::string what = peer + ": " + why + (code ? " (reply " + std::to_string(code) + ")" : "");
    if (interrupted) return Status::Unavailable(what);
    if (rc == CURLE_OPERATION_TIMEDOUT) {
      // The next message would wait out the same silent server: hold off.
      // (A refused connection or a missing STARTTLS costs nothing to retry.)
      down_until_ = std::chrono::steady_clock::now() + c_.hold_off;
      down_reason_ = why;
      return Status::Unavailable(what);
    }
    switch (rc) {
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_CONNECT:
      case CURLE_USE_SSL_FAILED:
      case CURLE_GOT_NOTHING:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
        return Status::Unavailable(what);
      default:
        break;
    }
    switch (rc) {
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_LOGIN_DENIED:
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_URL_MALFORMAT:
        return Status::FailedPrecondition(what);
      default:
        break;
    }
    if (code >= 500 && code < 600) return Status::InvalidArgument(what);
    return Status::Unavailable(what);
  }

  SmtpConfig c_;
  std::string password_;
  std::atomic<bool> interrupted_{false};
  std::chrono::steady_clock::time_point down_until_{};
  std::string down_reason_;
};

class FileTransport final : public MailTransport {
 public:
  FileTransport(std::string dir, Env& env) : dir_(std::move(dir)), env_(env) {}
  std::string Describe() const override { return "file:" + dir_ + "/"; }
  Status Send(const std::string& message_id, const std::string&, const std::vector<std::string>&,
              const std::string& message) override {
    ADWATCH_RETURN_IF_ERROR(env_.CreateDirs(dir_));
    return env_.WriteFileAtomic(dir_ + "/" + EmlFileName(message_id), message);
  }

 private:
  std::string dir_;
  Env& env_;
};

}  // namespace

void InterruptMailTransfers(bool on) { g_interrupted.store(on); }
bool MailTransfersInterrupted() { return g_interrupted.load(); }

MailCounters& MailTransportCounters() {
  static MailCounters counters;
  return counters;
}

std::string EmlFileName(const std::string& message_id) {
  std::string name;
  for (char c : message_id) {
    if (c == '<' || c == '>') continue;
    name += (isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '@' || c == '_') ? c : '_';
  }
  if (name.empty() || name[0] == '.') name = "m" + name;
  return name + ".eml";
}

bool IsTransient(const Status& s) {
  return s.code() == Status::Code::kUnavailable || s.code() == Status::Code::kNetwork ||
         s.code() == Status::Code::kIoError;
}

Result<std::unique_ptr<MailTransport>> MakeSmtpTransport(const SmtpConfig& config, const Env& env) {
  if (config.url.rfind("smtp://", 0) != 0 && config.url.rfind("smtps://", 0) != 0)
    return Status::InvalidArgument("alerts.smtp.url: \"" + Redact(config.url) + "\" (expected smtp:// or smtps://)");
  std::string password;
  if (!config.username.empty()) {
    if (config.password.empty()) return Status::InvalidArgument("alerts.smtp.password: required with a username");
    auto secret = ReadSecret(env, config.password);
    if (!secret.ok()) return secret.status().Annotate("alerts.smtp.password");
    password = *secret;
  }
  return std::unique_ptr<MailTransport>(new SmtpTransport(config, password));
}

std::unique_ptr<MailTransport> MakeFileTransport(const std::string& dir, Env& env) {
  // A crash between write and rename leaves NAME.eml.tmp.PID behind; the
  // message itself is still queued and will be written again.
  if (auto n = env.RemoveStaleTemporaries(dir); !n.ok()) {
    spdlog::warn("mail directory {}: {}", dir, n.status().message());
  } else if (*n > 0) {
    spdlog::info("mail directory {}: removed {} temporary files left by a crash", dir, *n);
  }
  return std::make_unique<FileTransport>(dir, env);
}

Result<std::unique_ptr<MailTransport>> MakeTransport(const AlertsConfig& config, Env& env) {
  if (config.transport == "smtp") return MakeSmtpTransport(config.smtp, env);
  if (config.transport == "file") return MakeFileTransport(config.out_dir, env);
  return Status::InvalidArgument("alerts.transport: \"" + config.transport + "\" (expected smtp or file)");
}

}  // namespace adwatch
