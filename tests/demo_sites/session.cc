// The demo server's connections: read a request, let the endpoint answer,
// apply the path's fault if any, write, and repeat while the client keeps
// the connection alive.
#include <optional>
#include <sstream>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "tests/demo_sites/internal/server_internal.h"

namespace adwatch::demo {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Endpoint> ep)
      : socket_(std::move(socket)), ep_(std::move(ep)), timer_(socket_.get_executor()) {}

  void Read() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    parser_->body_limit(1 << 20);
    http::async_read(socket_, buffer_, *parser_,
                     [self = shared_from_this()](error_code ec, size_t) { self->OnRead(ec); });
  }

 private:
  void OnRead(error_code ec) {
    if (ec) return Close();
    req_ = parser_->release();
    ++ep_->requests;
    Request r = ToRequest(req_);
    const Fault* found = ep_->fault ? ep_->fault(r.path) : nullptr;
    if (!found) return Send(Finalize(ep_->handler(r), req_, true));
    const Fault f = *found;  // the control port may replace the fault list meanwhile
    switch (f.kind) {
      case FaultKind::kTimeout:
        timer_.expires_after(std::chrono::minutes(10));  // bounded: never answer, then let go
        timer_.async_wait([self = shared_from_this()](error_code) { self->Close(); });
        return;
      case FaultKind::kStatus: {
        Response s = MakeResponse(static_cast<int>(f.arg), kHtmlType,
                                  "<!DOCTYPE html><html><body><h1>" + std::to_string(f.arg) + "</h1></body></html>\n", 0);
        if (f.retry_after >= 0) s.headers.push_back({"Retry-After", std::to_string(f.retry_after)});
        return Send(Finalize(std::move(s), req_, false));
      }
      case FaultKind::kRedirectLoop:
      case FaultKind::kRedirect: {
        std::string to = f.kind == FaultKind::kRedirect ? f.url : r.query.count("loop") ? r.path : r.path + "?loop=1";
        Response s = MakeResponse(302, "text/plain; charset=utf-8", "Moved to " + to + "\n", 0);
        s.headers.push_back({"Location", to});
        return Send(Finalize(std::move(s), req_, false));
      }
      case FaultKind::kDisallow: {
        Response s = ep_->handler(r);
        if (r.path == "/robots.txt") s.body = "User-agent: *\nDisallow: /\n";
        return Send(Finalize(std::move(s), req_, true));
      }
      case FaultKind::kMalformedHtml:
      case FaultKind::kInvalidUtf8:
      case FaultKind::kWrongContentType: {
        Response s = ep_->handler(r);
        if (f.kind == FaultKind::kMalformedHtml) s.body = MalformHtml(s.body);
        if (f.kind == FaultKind::kInvalidUtf8) s.body = BreakUtf8(s.body);
        if (f.kind == FaultKind::kWrongContentType) {
          s.content_type = s.content_type.find("json") != std::string::npos ? "text/html; charset=utf-8" : "image/jpeg";
        }
        return Send(Finalize(std::move(s), req_, f.kind != FaultKind::kWrongContentType));
      }
      case FaultKind::kSlow: {
        std::ostringstream os;
        os << Finalize(ep_->handler(r), req_, true);
        auto data = std::make_shared<std::string>(os.str());
        int64_t steps = std::max<int64_t>(1, f.arg / 100);
        size_t step = std::max<size_t>(1, (data->size() + static_cast<size_t>(steps) - 1) / static_cast<size_t>(steps));
        return Trickle(data, 0, step, req_.keep_alive());
      }
      case FaultKind::kTruncate: {
        HttpResponse res = Finalize(ep_->handler(r), req_, false);
        std::string body = res.body();
        res.content_length(body.size() + 4096);
        res.keep_alive(false);
        std::ostringstream os;
        os << res.base();
        return SendRaw(os.str() + body.substr(0, body.size() / 2));
      }
      case FaultKind::kHuge: {
        std::string head = "HTTP/1.1 200 OK\r\nServer: adwatch-demo-sites\r\nContent-Type: text/html; charset=utf-8\r\n"
                           "Content-Length: " + std::to_string(f.arg) + "\r\nConnection: close\r\n\r\n";
        return Huge(std::make_shared<std::string>(std::move(head)), f.arg);
      }
      case FaultKind::kGzipBomb: {
        const std::string& bomb = GzipBomb(f.arg);
        std::string head = "HTTP/1.1 200 OK\r\nServer: adwatch-demo-sites\r\nContent-Type: text/html; charset=utf-8\r\n"
                           "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) +
                           "\r\nConnection: close\r\n\r\n";
        return SendRaw(head + bomb);
      }
    }
  }

  void Send(HttpResponse res) {
    auto msg = std::make_shared<HttpResponse>(std::move(res));
    const bool keep = msg->keep_alive();
    http::async_write(socket_, *msg, [self = shared_from_this(), msg, keep](error_code ec, size_t) {
      if (ec || !keep) return self->Close();
      self->Read();
    });
  }

  // Writes raw bytes, then closes: for answers that break HTTP on purpose.
  void SendRaw(std::string data) {
    auto buf = std::make_shared<std::string>(std::move(data));
    asio::async_write(socket_, asio::buffer(*buf),
                      [self = shared_from_this(), buf](error_code, size_t) { self->Close(); });
  }

  void Trickle(std::shared_ptr<std::string> data, size_t pos, size_t step, bool keep) {
    size_t n = std::min(step, data->size() - pos);
    asio::async_write(socket_, asio::buffer(data->data() + pos, n),
                      [self = shared_from_this(), data, pos, n, step, keep](error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (pos + n >= data->size()) return keep ? self->Read() : self->Close();
                        self->timer_.expires_after(std::chrono::milliseconds(100));
                        self->timer_.async_wait([self, data, pos, n, step, keep](error_code ec2) {
                          if (ec2) return self->Close();
                          self->Trickle(data, pos + n, step, keep);
                        });
                      });
  }

  // Streams `left` bytes of filler markup after `head`, 64 KiB at a time.
  void Huge(std::shared_ptr<std::string> chunk, int64_t left) {
    static const std::string kFiller = [] {
      std::string s;
      while (s.size() < 65536) s += "<p>Lorem ipsum dolor sit amet, nieuwe advertenties elke dag.</p>\n";
      return s.substr(0, 65536);
    }();
    asio::async_write(socket_, asio::buffer(*chunk), [self = shared_from_this(), chunk, left](error_code ec, size_t) {
      if (ec || left <= 0) return self->Close();
      size_t n = static_cast<size_t>(std::min<int64_t>(left, static_cast<int64_t>(kFiller.size())));
      self->Huge(std::make_shared<std::string>(kFiller.substr(0, n)), left - static_cast<int64_t>(n));
    });
  }

  void Close() {
    error_code ec;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  tcp::socket socket_;
  std::shared_ptr<Endpoint> ep_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  HttpRequest req_;
};

void Accept(std::shared_ptr<tcp::acceptor> acceptor, std::shared_ptr<Endpoint> ep) {
  acceptor->async_accept([acceptor, ep](error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), ep)->Read();
    }
    Accept(acceptor, ep);
  });
}

}  // namespace

uint16_t Listen(asio::io_context& ioc, const std::string& host, uint16_t port, std::shared_ptr<Endpoint> ep) {
  auto acceptor = std::make_shared<tcp::acceptor>(ioc);
  tcp::endpoint where(asio::ip::make_address(host), port);
  acceptor->open(where.protocol());
  acceptor->set_option(asio::socket_base::reuse_address(true));
  acceptor->bind(where);
  acceptor->listen(asio::socket_base::max_listen_connections);
  uint16_t bound = acceptor->local_endpoint().port();
  Accept(acceptor, std::move(ep));
  return bound;
}

}  // namespace adwatch::demo
