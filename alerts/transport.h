// Mail transports: how a finished RFC 5322 message leaves adwatch.
//
// SMTP uses libcurl: STARTTLS is required (CURLUSESSL_ALL) unless
// smtp.require_tls = false (only for a test sink on loopback); smtps:// URLs
// use implicit TLS; AUTH uses smtp.username and the password read through
// ReadSecret(smtp.password), never from the config itself. Send() returns OK
// only after the server's 250 for the message data.
//
// Bounded: the transfer runs on curl multi with per-phase limits (connect,
// each server reply, whole message; SmtpConfig) and is polled every 100 ms
// for InterruptMailTransfers(), so SIGTERM ends a transfer to a server that
// hangs within a fraction of a second. After a time-out the transport holds
// off: further Sends within smtp.hold_off fail at once with the same reason
// instead of each waiting out the same silent server. A server that does not
// offer STARTTLS is a temporary failure (kUnavailable, retried with back-off
// by the outbox, counted in MailCounters().no_starttls), never a reason to
// send in clear text.
//
// The file transport writes <out_dir>/<message-id>.eml atomically (write to a
// temporary file, fsync, rename, fsync the directory: Env::WriteFileAtomic),
// for the demo and for dry runs; made, it removes the temporaries a crashed
// run left there (logged with their count).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "core/env.h"
#include "core/status.h"

namespace adwatch {

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Errors: kUnavailable for temporary failures (connection refused, timeout,
  // 4xx replies) that are worth retrying; kInvalidArgument for permanent
  // ones (5xx replies: bad recipient, message refused); kFailedPrecondition
  // for TLS or authentication failures (a configuration problem). Messages
  // name the server, never the password or the message content.
  virtual Status Send(const std::string& message_id, const std::string& from,
                      const std::vector<std::string>& recipients, const std::string& message) = 0;
  virtual std::string Describe() const = 0;  // "smtp://host:587", "file:mail/"
  // Thread-safe: a Send under way on another thread ends within a fraction of
  // a second (kUnavailable "interrupted"), and later ones are not tried; for
  // the owner's shutdown. Like InterruptMailTransfers, for one transport.
  virtual void Interrupt() {}
};

// Reads the password secret (if a username is set) once, here.
Result<std::unique_ptr<MailTransport>> MakeSmtpTransport(const SmtpConfig& config, const Env& env);
std::unique_ptr<MailTransport> MakeFileTransport(const std::string& dir, Env& env);
// By alerts.transport ("smtp" or "file").
Result<std::unique_ptr<MailTransport>> MakeTransport(const AlertsConfig& config, Env& env);

// Process-wide and thread-safe: set from a signal watcher, read by transfers.
// While set, running SMTP transfers abort and new ones are not started
// (kUnavailable "interrupted"); tests clear it with false.
void InterruptMailTransfers(bool on = true);
bool MailTransfersInterrupted();

// Process-wide counters of the SMTP transport, for /metrics (atomic: read
// from the metrics thread).
struct MailCounters {
  std::atomic<int64_t> attempts{0};      // transfers started
  std::atomic<int64_t> timeouts{0};      // connect or reply time-outs
  std::atomic<int64_t> no_starttls{0};   // server did not offer STARTTLS (nothing sent)
  std::atomic<int64_t> held_off{0};      // Sends refused at once during a hold-off
  std::atomic<int64_t> interrupted{0};   // transfers ended by InterruptMailTransfers
};
MailCounters& MailTransportCounters();

// True for errors that a later attempt may overcome.
bool IsTransient(const Status& s);

// "<adwatch.x@host>" -> "adwatch.x@host.eml": a safe file name for a message.
std::string EmlFileName(const std::string& message_id);

}  // namespace adwatch
