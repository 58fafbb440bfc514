#include "app/mail_worker.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

namespace adwatch {

MailWorker::MailWorker(boost::asio::io_context& io, std::unique_ptr<Store> store,
                       std::shared_ptr<MailTransport> transport, const Clock& clock, DeliveryOptions options,
                       std::function<void()> on_round)
    : io_(io), store_(std::move(store)), clock_(clock), on_round_(std::move(on_round)),
      transport_(std::move(transport)), options_(std::move(options)), thread_([this] { Loop(); }) {}

MailWorker::~MailWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    if (in_use_) in_use_->Interrupt();
  }
  cv_.notify_all();
  thread_.join();
  // The destructor runs on the io thread: posted notifications are dropped.
  *alive_ = false;
}

void MailWorker::Kick() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    wanted_ = true;
  }
  cv_.notify_all();
}

Result<DeliveryReport> MailWorker::DeliverNow() {
  std::lock_guard<std::mutex> round(round_mu_);
  return Round();
}

DeliveryReport MailWorker::TakeReport() {
  std::lock_guard<std::mutex> lock(mu_);
  DeliveryReport r = unreported_;
  unreported_ = {};
  return r;
}

void MailWorker::SetTransport(std::shared_ptr<MailTransport> transport, DeliveryOptions options) {
  std::lock_guard<std::mutex> lock(mu_);
  transport_ = std::move(transport);
  options_ = std::move(options);
}

void MailWorker::Loop() {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return wanted_ || stop_; });
      if (stop_) return;
      wanted_ = false;
    }
    {
      std::lock_guard<std::mutex> round(round_mu_);
      if (auto r = Round(); !r.ok()) spdlog::warn("mail delivery: {}", r.status().message());
    }
    boost::asio::post(io_, [this, alive = alive_] {
      if (*alive && on_round_) on_round_();
    });
  }
}

Result<DeliveryReport> MailWorker::Round() {
  std::shared_ptr<MailTransport> transport;
  DeliveryOptions options;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return DeliveryReport{};
    transport = in_use_ = transport_;
    options = options_;
  }
  auto r = DeliverDue(*store_, *transport, clock_, options);
  std::lock_guard<std::mutex> lock(mu_);
  in_use_.reset();
  if (r.ok()) {
    unreported_.sent += r->sent;
    unreported_.retry += r->retry;
    unreported_.failed += r->failed;
  }
  return r;
}

}  // namespace adwatch
