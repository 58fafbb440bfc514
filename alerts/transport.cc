#include "alerts/transport.h"

#include <curl/curl.h>

#include <cstring>

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

class SmtpTransport final : public MailTransport {
 public:
  SmtpTransport(SmtpConfig c, std::string password) : c_(std::move(c)), password_(std::move(password)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  std::string Describe() const override { return Redact(c_.url); }

  Status Send(const std::string&, const std::string& from, const std::vector<std::string>& recipients,
              const std::string& message) override {
    const std::string peer = Describe();
    MailAddress f;
    if (!ParseMailAddress(from, &f)) return Status::InvalidArgument("alerts.from: not a mail address");
    CURL* curl = curl_easy_init();
    if (!curl) return Status::Internal("curl_easy_init failed");
    curl_slist* rcpt = nullptr;
    for (const auto& r : recipients) {
      MailAddress a;
      if (!ParseMailAddress(r, &a)) {
        curl_slist_free_all(rcpt);
        curl_easy_cleanup(curl);
        return Status::InvalidArgument("a recipient is not a mail address");
      }
      rcpt = curl_slist_append(rcpt, ("<" + a.address + ">").c_str());
    }
    Reader reader{&message};
    char errbuf[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_URL, c_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + f.address + ">").c_str());
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
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
    CURLcode rc = curl_easy_perform(curl);
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK) return Status::Ok();
    std::string what = peer + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc)) +
                       (code ? " (reply " + std::to_string(code) + ")" : "");
    switch (rc) {
      case CURLE_USE_SSL_FAILED:
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

 private:
  SmtpConfig c_;
  std::string password_;
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
  return std::make_unique<FileTransport>(dir, env);
}

Result<std::unique_ptr<MailTransport>> MakeTransport(const AlertsConfig& config, Env& env) {
  if (config.transport == "smtp") return MakeSmtpTransport(config.smtp, env);
  if (config.transport == "file") return MakeFileTransport(config.out_dir, env);
  return Status::InvalidArgument("alerts.transport: \"" + config.transport + "\" (expected smtp or file)");
}

}  // namespace adwatch
