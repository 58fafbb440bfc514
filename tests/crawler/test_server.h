// A tiny HTTP/1.1 server for crawler tests: Boost.Beast parses requests, the
// test's handler decides the reply, and the reply can misbehave on purpose
// (delay, trickle, huge body, close mid-body). Listens on 127.0.0.1, port 0,
// on its own thread; the destructor stops it.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace adwatch::testing {

struct TestRequest {
  std::string method;
  std::string target;                         // "/path?query"
  std::map<std::string, std::string> headers; // lower-case names
};

struct TestReply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;          // before anything is sent
  int trickle_ms = 0;        // >0: send the body one byte per trickle_ms
  bool close_mid_body = false;  // announce the full length, send half, close
  bool chunked = false;      // Transfer-Encoding: chunked instead of Content-Length
  // Called (on the connection's thread) after all but the last 16 bytes of the
  // body were sent; the rest follows when it returns. Lets a test hold many
  // transfers open at once without sleeping.
  std::function<void()> before_tail;
};

class TestServer {
 public:
  using Handler = std::function<TestReply(const TestRequest&)>;
  explicit TestServer(Handler handler);
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_.load(); }
  // Requests seen so far, in order of arrival.
  std::vector<TestRequest> log() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  mutable std::mutex mu_;
  std::vector<TestRequest> log_;
  friend struct Impl;
};

// gzip-compresses `data` (for Content-Encoding tests).
std::string Gzip(const std::string& data);

}  // namespace adwatch::testing
