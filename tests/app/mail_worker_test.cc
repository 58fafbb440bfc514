// MailWorker: delivery on its own thread. A transport that hangs holds up
// neither the io thread nor the worker's destruction (it is interrupted);
// rounds report back on the io thread. The hanging transport waits for its
// Interrupt() (bounded), not for time to pass.
#include "app/mail_worker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <condition_variable>
#include <filesystem>
#include <future>

namespace adwatch {
namespace {

using namespace std::chrono_literals;

class HangingTransport final : public MailTransport {
 public:
  Status Send(const std::string&, const std::string&, const std::vector<std::string>&,
              const std::string&) override {
    std::unique_lock<std::mutex> l(mu_);
    ++sends_;
    cv_.notify_all();
    if (hang_ && !cv_.wait_for(l, 30s, [this] { return interrupted_; })) return Status::Unavailable("not interrupted");
    if (interrupted_) return Status::Unavailable("interrupted: shutting down");
    return Status::Ok();
  }
  std::string Describe() const override { return "hanging"; }
  void Interrupt() override {
    std::lock_guard<std::mutex> l(mu_);
    interrupted_ = true;
    cv_.notify_all();
  }
  bool WaitForSends(int n) {
    std::unique_lock<std::mutex> l(mu_);
    return cv_.wait_for(l, 30s, [&] { return sends_ >= n; });
  }
  bool hang_ = true;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int sends_ = 0;
  bool interrupted_ = false;
};

class MailWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/adwatch-mail-worker-" + std::to_string(::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    config_.path = dir_ + "/a.db";
    config_.pseudonym_key = "file:" + dir_ + "/key";
    ASSERT_TRUE(EnsurePseudonymKey(config_.pseudonym_key, *Env::Default()).ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::unique_ptr<Store> Open() {
    auto s = OpenStore(config_, *Env::Default(), clock_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  void Enqueue(Store& store, const std::string& id) {
    OutboxMessage m;
    m.message_id = "<" + id + "@test>";
    m.recipients = {"a@b.example"};
    m.subject = "s";
    m.body = "Subject: s\r\n\r\nbody\r\n";
    ASSERT_TRUE(store.EnqueueMail(m, clock_.Now()).ok());
  }
  std::string dir_;
  StoreConfig config_;
  SystemClock clock_;
};

TEST_F(MailWorkerTest, AHangingServerHoldsUpNeitherTheLoopNorShutdown) {
  auto store = Open();
  ASSERT_TRUE(store);
  Enqueue(*store, "1");
  boost::asio::io_context io;
  auto transport = std::make_shared<HangingTransport>();
  int rounds = 0;
  {
    DeliveryOptions opt;
    opt.from = "adwatch@x.example";
    MailWorker worker(io, Open(), transport, clock_, opt, [&] { ++rounds; });
    worker.Kick();
    ASSERT_TRUE(transport->WaitForSends(1)) << "the worker did not start delivering";
    // The loop is free meanwhile.
    bool ran = false;
    boost::asio::post(io, [&] { ran = true; });
    io.run_for(1s);
    EXPECT_TRUE(ran);
    EXPECT_EQ(rounds, 0);
  }  // interrupts the hanging Send and joins
  auto due = store->DueMail(clock_.Now() + std::chrono::hours(24), 10);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 1u) << "an interrupted message stays queued";
}

TEST_F(MailWorkerTest, RoundsReportOnTheLoopAndDeliverNowCounts) {
  auto store = Open();
  ASSERT_TRUE(store);
  Enqueue(*store, "1");
  boost::asio::io_context io;
  auto transport = std::make_shared<HangingTransport>();
  transport->hang_ = false;
  DeliveryOptions opt;
  opt.from = "adwatch@x.example";
  int rounds = 0;
  MailWorker worker(io, Open(), transport, clock_, opt, [&] { ++rounds; });
  worker.Kick();
  auto end = std::chrono::steady_clock::now() + 30s;
  while (rounds == 0 && std::chrono::steady_clock::now() < end) {
    io.run_one_for(10ms);
    if (io.stopped()) io.restart();
  }
  ASSERT_EQ(rounds, 1);
  EXPECT_EQ(worker.TakeReport().sent, 1);
  EXPECT_EQ(worker.TakeReport().sent, 0) << "taken once";
  Enqueue(*store, "2");
  auto now = worker.DeliverNow();
  ASSERT_TRUE(now.ok()) << now.status().ToString();
  EXPECT_EQ(now->sent, 1);
  EXPECT_EQ(worker.TakeReport().sent, 1);
}

}  // namespace
}  // namespace adwatch
