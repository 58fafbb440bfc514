// MailWorker: the daemon delivers its outbox on a thread of its own, with a
// Store of its own, so a mail server that hangs (up to smtp.reply_timeout
// per phase, smtp.total_timeout per message) holds up no crawl cycle, timer
// or console page on the event loop.
//
// Contract:
// - Kick() (any thread) asks for a delivery round (DeliverDue). Rounds run
//   one at a time; a Kick during a round runs one more after it. After each
//   round `on_round` is posted to the io_context; TakeReport() (any thread)
//   returns the rounds' counts summed since the last call.
// - DeliverNow() runs a round on the calling thread after any round under way
//   (the one-pass mode, which exits right after) and returns its report; its
//   counts are also in TakeReport().
// - SetTransport() takes effect from the next round (configuration reload).
// - The destructor interrupts a transfer under way (MailTransport::Interrupt)
//   and joins the thread; what was not sent stays queued in the outbox.
#pragma once

#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "alerts/deliver.h"
#include "store/store.h"

namespace adwatch {

class MailWorker {
 public:
  MailWorker(boost::asio::io_context& io, std::unique_ptr<Store> store, std::shared_ptr<MailTransport> transport,
             const Clock& clock, DeliveryOptions options, std::function<void()> on_round);
  ~MailWorker();
  MailWorker(const MailWorker&) = delete;
  MailWorker& operator=(const MailWorker&) = delete;

  void Kick();
  Result<DeliveryReport> DeliverNow();
  DeliveryReport TakeReport();
  void SetTransport(std::shared_ptr<MailTransport> transport, DeliveryOptions options);

 private:
  void Loop();
  Result<DeliveryReport> Round();  // with round_mu_ held

  boost::asio::io_context& io_;
  std::unique_ptr<Store> store_;  // used under round_mu_ only
  const Clock& clock_;
  std::function<void()> on_round_;
  std::mutex mu_;  // everything below up to round_mu_
  std::condition_variable cv_;
  std::shared_ptr<MailTransport> transport_;
  std::shared_ptr<MailTransport> in_use_;  // the transport of the round under way
  DeliveryOptions options_;
  DeliveryReport unreported_;
  bool wanted_ = false;
  bool stop_ = false;
  std::mutex round_mu_;  // held for a whole round
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // io thread only
  std::thread thread_;   // last: started when everything else is ready
};

}  // namespace adwatch
