// The SMTP transport against a real SMTP server (aiosmtpd) on 127.0.0.1, the
// received message read back with Python's email package.
#include "alerts/transport.h"

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "alerts/mime.h"
#include "tests/alerts/parse_mail.h"
#include "tests/support/smtp_sink.h"

namespace adwatch {
namespace {

std::string TempDir(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("adwatch-" + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

MailMessage Message() {
  MailMessage m;
  m.from = {"adwatch", "adwatch@zuid-limburg.example"};
  m.to = {{"Coördinator Sittard-Geleen", "coord@sittard-geleen.example"}};
  m.subject = "adwatch: 1 signaal — Sittard-Geleen (Geleen, Munstergeleen, Ëijsden)";
  m.text = "Signaal #1 in Geleen.\n.\nEen signaal is geen bewijs.\n";
  m.html = "<p>Signaal #1 in <b>Geleen</b> — Zoë</p>\n<p>.</p>\n";
  m.message_id = MakeMessageId("test-1", m.from.address);
  m.date = FromUnixSeconds(1'796'025'600);
  return m;
}

SmtpConfig Plain(const std::string& url) {
  SmtpConfig c;
  c.url = url;
  c.require_tls = false;  // the test sink speaks no TLS
  return c;
}

TEST(SmtpTransport, DeliversParsableMessage) {
  testing::SmtpSink sink(TempDir("sink1"));
  ASSERT_TRUE(sink.Start());
  auto t = MakeSmtpTransport(Plain(sink.Url()), *Env::Default());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  MailMessage m = Message();
  std::string raw = BuildMessage(m);
  Status st = (*t)->Send(m.message_id, "adwatch@zuid-limburg.example",
                         {"Coördinator <coord@sittard-geleen.example>", "riec@riec-limburg.example"}, raw);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto got = sink.Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].recipients,
            (std::vector<std::string>{"coord@sittard-geleen.example", "riec@riec-limburg.example"}));
  auto j = testing::ParseFileWithPython(got[0].path);
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["defects"].empty()) << j["defects"].dump();
  EXPECT_EQ(j["subject"], m.subject);
  EXPECT_EQ(j["to_names"][0], "Coördinator Sittard-Geleen");
  EXPECT_EQ(j["message_id"], m.message_id);
  EXPECT_TRUE(j["date_ok"].get<bool>());
  EXPECT_EQ(j["content_type"], "multipart/alternative");
  std::string html = j["parts"]["text/html"];
  EXPECT_NE(html.find("Zoë"), std::string::npos);
  std::string text = j["parts"]["text/plain"];
  EXPECT_NE(text.find("\r\n.\r\n"), std::string::npos) << "a lone dot survives SMTP";
  EXPECT_FALSE(j["bare_lf"].get<bool>());
}

TEST(SmtpTransport, ErrorsAreClassified) {
  testing::SmtpSink sink(TempDir("sink2"));
  ASSERT_TRUE(sink.Start(0, /*fail_first=*/1));
  auto t = MakeSmtpTransport(Plain(sink.Url()), *Env::Default());
  ASSERT_TRUE(t.ok());
  std::string raw = BuildMessage(Message());
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_TRUE(IsTransient(st));
  EXPECT_TRUE((*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw).ok());

  // STARTTLS required but not offered: refused, nothing sent in clear text;
  // a temporary failure (the server may be fixed), counted.
  SmtpConfig tls = Plain(sink.Url());
  tls.require_tls = true;
  auto t2 = MakeSmtpTransport(tls, *Env::Default());
  const int64_t no_tls_before = MailTransportCounters().no_starttls;
  st = (*t2)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_TRUE(IsTransient(st));
  EXPECT_NE(st.message().find("STARTTLS"), std::string::npos) << st.ToString();
  EXPECT_EQ(MailTransportCounters().no_starttls, no_tls_before + 1);
  EXPECT_EQ(sink.Messages().size(), 1u);

  // Nobody listening.
  int port = testing::SmtpSink::FreePort();
  auto t3 = MakeSmtpTransport(Plain("smtp://127.0.0.1:" + std::to_string(port)), *Env::Default());
  st = (*t3)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_TRUE(IsTransient(st)) << st.ToString();
  EXPECT_NE(st.message().find("127.0.0.1"), std::string::npos);
}

TEST(SmtpTransport, AuthWithPasswordFromSecretFile) {
  std::string dir = TempDir("sink3");
  testing::SmtpSink sink(dir + "/mail");
  ASSERT_TRUE(sink.Start(0, 0, 60, "adwatch:s3cret-pw"));
  std::ofstream(dir + "/pw") << "s3cret-pw\n";
  SmtpConfig c = Plain(sink.Url());
  c.username = "adwatch";
  c.password = "file:" + dir + "/pw";
  auto t = MakeSmtpTransport(c, *Env::Default());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  std::string raw = BuildMessage(Message());
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::ofstream(dir + "/pw") << "wrong\n";
  auto bad = MakeSmtpTransport(c, *Env::Default());
  st = (*bad)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message().find("wrong"), std::string::npos) << "password never in messages";
  EXPECT_EQ(sink.Messages().size(), 1u);
  c.password = "file:" + dir + "/missing";
  EXPECT_FALSE(MakeSmtpTransport(c, *Env::Default()).ok());
}

// STARTTLS against a server with a certificate: delivered when the CA is
// trusted, refused (nothing sent) when the certificate cannot be verified.
TEST(SmtpTransport, StartTlsRequiredAndVerified) {
  std::string dir = TempDir("sink-tls");
  std::string tls = testing::SmtpSink::MakeTestCertificate(dir + "/pki");
  ASSERT_FALSE(tls.empty()) << "openssl could not make a test certificate";
  testing::SmtpSink sink(dir + "/mail");
  ASSERT_TRUE(sink.Start(0, 0, 60, "adwatch:pw", tls));
  std::ofstream(dir + "/pw") << "pw\n";
  SmtpConfig c;
  c.url = sink.Url();
  c.require_tls = true;
  c.ca_file = dir + "/pki/cert.pem";
  c.username = "adwatch";
  c.password = "file:" + dir + "/pw";
  auto t = MakeSmtpTransport(c, *Env::Default());
  ASSERT_TRUE(t.ok());
  std::string raw = BuildMessage(Message());
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(sink.Messages().size(), 1u);
  EXPECT_EQ(sink.Messages()[0].raw, raw);

  // Without the CA the server cannot be verified: refused, not sent in clear.
  c.ca_file = "";  // the system CAs do not know the test certificate
  auto untrusted = MakeSmtpTransport(c, *Env::Default());
  st = (*untrusted)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_EQ(st.code(), Status::Code::kFailedPrecondition) << st.ToString();
  c.ca_file = dir + "/pw";  // not a certificate: a configuration error
  auto bad_ca = MakeSmtpTransport(c, *Env::Default());
  st = (*bad_ca)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_EQ(st.code(), Status::Code::kFailedPrecondition) << st.ToString();
  EXPECT_EQ(sink.Messages().size(), 1u);
}

// A server that accepts the connection and never says a word (the kernel
// completes the handshake on a listening socket nobody accepts from).
struct SilentServer {
  int fd = -1;
  int port = 0;
  SilentServer() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (bind(fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || listen(fd, 16) != 0) return;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~SilentServer() { close(fd); }
  std::string Url() const { return "smtp://127.0.0.1:" + std::to_string(port); }
  // Blocks until a client's connection is waiting (an event, not a sleep).
  bool WaitForClient(int ms) {
    pollfd p{fd, POLLIN, 0};
    return poll(&p, 1, ms) == 1;
  }
};

double SecondsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

TEST(SmtpTransport, SilentServerTimesOutOnceThenHoldsOff) {
  SilentServer server;
  ASSERT_GT(server.port, 0);
  SmtpConfig c = Plain(server.Url());
  c.reply_timeout = std::chrono::milliseconds(300);
  auto t = MakeSmtpTransport(c, *Env::Default());
  ASSERT_TRUE(t.ok());
  std::string raw = BuildMessage(Message());
  const int64_t timeouts = MailTransportCounters().timeouts, held = MailTransportCounters().held_off;
  auto start = std::chrono::steady_clock::now();
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_LT(SecondsSince(start), 5.0) << "the reply time-out, not the 120 s total";
  EXPECT_EQ(MailTransportCounters().timeouts, timeouts + 1);
  // 30 more messages to the same dead server cost nothing now.
  start = std::chrono::steady_clock::now();
  for (int i = 0; i < 30; ++i) {
    st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
    EXPECT_TRUE(IsTransient(st));
  }
  EXPECT_LT(SecondsSince(start), 1.0);
  EXPECT_EQ(MailTransportCounters().held_off, held + 30);
}

TEST(SmtpTransport, InterruptEndsAHangingTransferAtOnce) {
  SilentServer server;
  ASSERT_GT(server.port, 0);
  SmtpConfig c = Plain(server.Url());
  c.reply_timeout = std::chrono::seconds(60);  // far longer than the test may take
  auto t = MakeSmtpTransport(c, *Env::Default());
  ASSERT_TRUE(t.ok());
  std::string raw = BuildMessage(Message());
  std::thread signal_watcher([&] {
    server.WaitForClient(30000);
    InterruptMailTransfers();  // what the daemon's SIGTERM watcher does
  });
  auto start = std::chrono::steady_clock::now();
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  signal_watcher.join();
  EXPECT_LT(SecondsSince(start), 5.0);
  EXPECT_EQ(st.code(), Status::Code::kUnavailable) << st.ToString();
  EXPECT_NE(st.message().find("interrupted"), std::string::npos) << st.ToString();
  // Nothing new starts while shutting down.
  st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_NE(st.message().find("shutting down"), std::string::npos) << st.ToString();
  InterruptMailTransfers(false);
}

TEST(SmtpTransport, InterruptOfOneTransportEndsItsHangingTransfer) {
  SilentServer server;
  ASSERT_GT(server.port, 0);
  SmtpConfig c = Plain(server.Url());
  c.reply_timeout = std::chrono::seconds(60);
  auto t = MakeSmtpTransport(c, *Env::Default());
  ASSERT_TRUE(t.ok());
  std::string raw = BuildMessage(Message());
  // The daemon's mail worker: its owner interrupts it on shutdown.
  std::thread owner([&] {
    server.WaitForClient(30000);
    (*t)->Interrupt();
  });
  auto start = std::chrono::steady_clock::now();
  Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  owner.join();
  EXPECT_LT(SecondsSince(start), 5.0);
  EXPECT_NE(st.message().find("interrupted"), std::string::npos) << st.ToString();
  EXPECT_FALSE(MailTransfersInterrupted()) << "only that transport";
  st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
  EXPECT_NE(st.message().find("shutting down"), std::string::npos) << st.ToString();
}

// STARTTLS against servers whose certificates come from a test CA made here:
// a certificate for another host name and an expired one are refused, and
// nothing is sent in clear text.
TEST(SmtpTransport, StartTlsRefusesWrongHostAndExpiredCertificates) {
  std::string dir = TempDir("pki");
  std::string cmd = std::string("sh '") + ADWATCH_SOURCE_DIR + "/tests/support/make_test_pki.sh' '" + dir + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << "openssl could not make the test CA";
  std::string raw = BuildMessage(Message());
  struct Case {
    const char* cert;
    bool delivered;
  };
  for (Case k : {Case{"good", true}, Case{"wronghost", false}, Case{"expired", false}}) {
    SCOPED_TRACE(k.cert);
    testing::SmtpSink sink(dir + "/mail-" + k.cert);
    ASSERT_TRUE(sink.Start(0, 0, 60, "", dir + "/" + k.cert + ".pem," + dir + "/" + k.cert + ".key"));
    SmtpConfig c;
    c.url = sink.Url();
    c.require_tls = true;
    c.ca_file = dir + "/ca.pem";
    auto t = MakeSmtpTransport(c, *Env::Default());
    ASSERT_TRUE(t.ok());
    Status st = (*t)->Send("<a@b>", "adwatch@x.example", {"c@d.example"}, raw);
    if (k.delivered) {
      EXPECT_TRUE(st.ok()) << st.ToString();
      EXPECT_EQ(sink.Messages().size(), 1u);
    } else {
      EXPECT_EQ(st.code(), Status::Code::kFailedPrecondition) << st.ToString();
      EXPECT_TRUE(sink.Messages().empty());
    }
  }
}

TEST(FileTransport, WritesEmlAtomically) {
  std::string dir = TempDir("files") + "/out";
  auto t = MakeFileTransport(dir, *Env::Default());
  std::string raw = BuildMessage(Message());
  ASSERT_TRUE(t->Send("<adwatch.d1@x.example>", "", {}, raw).ok());
  std::ifstream in(dir + "/adwatch.d1@x.example.eml", std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(back, raw);
  EXPECT_EQ(EmlFileName("<../../etc/x>"), "m.._.._etc_x.eml");
  EXPECT_EQ(std::filesystem::status(dir + "/adwatch.d1@x.example.eml").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
}

// A crash between write and rename left NAME.eml.tmp.PID (a complete message
// in a file nobody would ever remove); the next start removes such files of
// dead processes, and leaves those of running ones alone.
TEST(FileTransport, RemovesTemporariesOfDeadWriters) {
  std::string dir = TempDir("stale");
  pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  waitpid(child, nullptr, 0);  // now a pid nobody runs under
  std::ofstream(dir + "/a.eml.tmp." + std::to_string(child)) << "half a message";
  std::ofstream(dir + "/b.eml.tmp." + std::to_string(getpid())) << "being written";
  std::ofstream(dir + "/c.eml.tmp.1") << "pid 1 runs";
  std::ofstream(dir + "/d.eml") << "a finished message";
  auto t = MakeFileTransport(dir, *Env::Default());
  EXPECT_FALSE(std::filesystem::exists(dir + "/a.eml.tmp." + std::to_string(child)));
  EXPECT_TRUE(std::filesystem::exists(dir + "/b.eml.tmp." + std::to_string(getpid())));
  EXPECT_TRUE(std::filesystem::exists(dir + "/c.eml.tmp.1"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/d.eml"));
  auto none = Env::Default()->RemoveStaleTemporaries(dir + "/missing");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(*none, 0);
}

}  // namespace
}  // namespace adwatch
