// SmtpSink: a real SMTP server (python3-aiosmtpd via /usr/bin/python3,
// tests/support/smtp_sink.py) on 127.0.0.1 for tests. It stores every
// message it accepts as a file, so tests can parse what arrived with a real
// MIME parser. The server process is bounded by a lifetime and is stopped by
// its pid in the destructor.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace adwatch::testing {

struct ReceivedMail {
  std::string raw;                      // as received (CRLF line ends)
  std::vector<std::string> recipients;  // envelope RCPT TO
  std::string path;                     // the .eml file
};

class SmtpSink {
 public:
  // `dir` holds the received messages (created; kept across Stop/Start).
  explicit SmtpSink(std::string dir) : dir_(std::move(dir)) {}
  ~SmtpSink() { Stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Starts the server on `port` (0 = a free port chosen by the kernel);
  // `fail_first` DATA commands are answered 451. False if it did not come up.
  // `auth` ("user:password") makes AUTH required; `tls` ("cert.pem,key.pem")
  // offers STARTTLS and refuses mail before it.
  bool Start(int port = 0, int fail_first = 0, int lifetime_seconds = 120, const std::string& auth = "",
             const std::string& tls = "");

  // Writes a self-signed certificate for 127.0.0.1 (openssl req) to
  // dir/cert.pem and dir/key.pem; returns "cert,key" for Start(), or "".
  static std::string MakeTestCertificate(const std::string& dir);
  void Stop();
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // Messages received so far, in arrival order.
  std::vector<ReceivedMail> Messages() const;

  // A port that is free now (bind 0, close): for starting the sink later on a
  // known port, e.g. after a client has already failed to connect.
  static int FreePort();

 private:
  std::string dir_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace adwatch::testing
