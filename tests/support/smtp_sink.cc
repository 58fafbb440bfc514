#include "tests/support/smtp_sink.h"
#include "tests/support/process.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace adwatch::testing {

bool SmtpSink::Start(int port, int fail_first, int lifetime_seconds, const std::string& auth,
                     const std::string& tls) {
  Stop();
  std::filesystem::create_directories(dir_);
  int fds[2];
  if (pipe(fds) != 0) return false;
  const std::string script = std::string(ADWATCH_SOURCE_DIR) + "/tests/support/smtp_sink.py";
  const std::string port_s = std::to_string(port), fail_s = std::to_string(fail_first),
                    life_s = std::to_string(lifetime_seconds);
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    execl("/usr/bin/python3", "python3", script.c_str(), "--dir", dir_.c_str(), "--port", port_s.c_str(),
          "--fail-first", fail_s.c_str(), "--lifetime", life_s.c_str(), "--auth", auth.c_str(),
          "--tls", tls.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  pid_ = pid;
  std::string line;
  char c;
  while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
  close(fds[0]);
  if (line.rfind("PORT ", 0) != 0) {
    Stop();
    return false;
  }
  port_ = std::stoi(line.substr(5));
  return true;
}

void SmtpSink::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<ReceivedMail> SmtpSink::Messages() const {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir_, ec))
    if (e.path().extension() == ".eml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::vector<ReceivedMail> out;
  for (const auto& f : files) {
    ReceivedMail m;
    m.path = f;
    std::ifstream in(f, std::ios::binary);
    m.raw.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::ifstream r(f.substr(0, f.size() - 4) + ".rcpt");
    for (std::string line; std::getline(r, line);)
      if (!line.empty()) m.recipients.push_back(line);
    out.push_back(std::move(m));
  }
  return out;
}

std::string SmtpSink::MakeTestCertificate(const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string cert = dir + "/cert.pem", key = dir + "/key.pem";
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                          "-addext subjectAltName=IP:127.0.0.1 -keyout '" + key + "' -out '" + cert +
                          "' >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0 ? cert + "," + key : "";
}

int SmtpSink::FreePort() { return FreeLoopbackPort(); }

}  // namespace adwatch::testing
