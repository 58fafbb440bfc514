// Thread-per-connection on purpose: a test server should be obviously
// correct, and sleeping in a handler (delay, trickle) is then trivial.
#include "tests/crawler/test_server.h"

#include <sys/socket.h>
#include <zlib.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <list>

namespace adwatch::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

struct TestServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::thread accept_thread;
  std::mutex mu;
  std::list<std::thread> conns;
  std::vector<int> fds;
  std::atomic<bool> stopping{false};
  Handler handler;
  TestServer* owner = nullptr;

  void Serve(tcp::socket& sock) {
    boost::beast::flat_buffer buf;
    boost::system::error_code ec;
    for (;;) {
      http::request<http::string_body> req;
      http::read(sock, buf, req, ec);
      if (ec || stopping) return;
      TestRequest tr;
      tr.method = std::string(req.method_string());
      tr.target = std::string(req.target());
      for (const auto& f : req) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        tr.headers[name] = std::string(f.value());
      }
      {
        std::lock_guard<std::mutex> l(owner->mu_);
        owner->log_.push_back(tr);
      }
      owner->requests_++;
      TestReply r = handler(tr);
      if (r.delay_ms) std::this_thread::sleep_for(std::chrono::milliseconds(r.delay_ms));
      if (stopping) return;
      std::string head = "HTTP/1.1 " + std::to_string(r.status) + " X\r\n";
      for (const auto& [k, v] : r.headers) head += k + ": " + v + "\r\n";
      if (r.chunked) head += "Transfer-Encoding: chunked\r\n\r\n";
      else head += "Content-Length: " + std::to_string(r.body.size()) + "\r\n\r\n";
      asio::write(sock, asio::buffer(head), ec);
      if (ec) return;
      if (r.close_mid_body) {
        asio::write(sock, asio::buffer(r.body.data(), r.body.size() / 2), ec);
        return;
      }
      if (r.chunked) {
        for (size_t off = 0; off < r.body.size() && !ec; off += 4096) {
          std::string piece = r.body.substr(off, 4096);
          char len[32];
          snprintf(len, sizeof len, "%zx\r\n", piece.size());
          asio::write(sock, asio::buffer(std::string(len) + piece + "\r\n"), ec);
        }
        asio::write(sock, asio::buffer(std::string("0\r\n\r\n")), ec);
      } else if (r.trickle_ms) {
        for (char c : r.body) {
          if (stopping) return;
          asio::write(sock, asio::buffer(&c, 1), ec);
          if (ec) return;
          std::this_thread::sleep_for(std::chrono::milliseconds(r.trickle_ms));
        }
      } else if (r.before_tail && r.body.size() > 16) {
        asio::write(sock, asio::buffer(r.body.data(), r.body.size() - 16), ec);
        r.before_tail();
        if (!ec) asio::write(sock, asio::buffer(r.body.data() + r.body.size() - 16, 16), ec);
      } else {
        asio::write(sock, asio::buffer(r.body), ec);
      }
      if (ec) return;
    }
  }

  void Accept() {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket sock(io);
      acceptor.accept(sock, ec);
      if (stopping) return;
      if (ec) continue;
      std::lock_guard<std::mutex> l(mu);
      fds.push_back(sock.native_handle());
      conns.emplace_back([this, s = std::move(sock)]() mutable {
        Serve(s);
        std::lock_guard<std::mutex> l2(mu);
        fds.erase(std::remove(fds.begin(), fds.end(), s.native_handle()), fds.end());
        boost::system::error_code ignored;
        s.close(ignored);  // under the lock: the fd number is free only after it left `fds`
      });
    }
  }
};

TestServer::TestServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->owner = this;
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen(512);
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accept_thread = std::thread([this] { impl_->Accept(); });
}

TestServer::~TestServer() {
  impl_->stopping = true;
  ::shutdown(impl_->acceptor.native_handle(), SHUT_RDWR);
  impl_->accept_thread.join();
  {
    std::lock_guard<std::mutex> l(impl_->mu);
    for (int fd : impl_->fds) ::shutdown(fd, SHUT_RDWR);
  }
  for (auto& t : impl_->conns) t.join();
}

std::vector<TestRequest> TestServer::log() const {
  std::lock_guard<std::mutex> l(mu_);
  return log_;
}

std::string Gzip(const std::string& data) {
  z_stream zs{};
  deflateInit2(&zs, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

}  // namespace adwatch::testing
