#include "console/server.h"

#include <atomic>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace adwatch::console {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr size_t kHeaderLimit = 8 * 1024;
constexpr size_t kBodyLimit = 64 * 1024;

struct Shared {
  Handler handler;
  std::chrono::steady_clock::duration timeout;
  int max_connections = 64;
  std::atomic<int> connections{0};
};

HttpRequest ToRequest(const http::request<http::string_body>& r, const std::string& peer) {
  HttpRequest out;
  out.method = std::string(r.method_string());
  out.target = std::string(r.target());
  for (const auto& f : r) {
    std::string name(f.name_string());
    for (char& c : name) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  out.body = r.body();
  out.peer = peer;
  return out;
}

http::response<http::string_body> ToResponse(const HttpResponse& r, unsigned version, bool keep_alive) {
  http::response<http::string_body> out{static_cast<http::status>(r.status), version};
  out.set(http::field::server, "adwatch");
  out.set(http::field::content_type, r.content_type);
  for (const auto& [k, v] : r.headers) out.insert(k, v);
  out.body() = r.body;
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

// One connection: (handshake,) then read a request, answer, repeat while
// keep-alive. Stream is beast::tcp_stream or beast::ssl_stream<tcp_stream>.
template <typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  template <typename... A>
  Session(std::shared_ptr<Shared> shared, std::string peer, A&&... stream_args)
      : shared_(std::move(shared)), peer_(std::move(peer)), stream_(std::forward<A>(stream_args)...) {}
  ~Session() { --shared_->connections; }

  void Run() {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      Read();
    } else {
      beast::get_lowest_layer(stream_).expires_after(shared_->timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->Read();
                              });
    }
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kBodyLimit);
    beast::get_lowest_layer(stream_).expires_after(shared_->timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      Reply(HttpResponse{413, "text/plain; charset=utf-8", "te groot\n", {}}, 11, false);
      return;
    }
    if (ec) return Close();
    auto req = parser_->release();
    HttpResponse resp;
    try {
      resp = shared_->handler(ToRequest(req, peer_));
    } catch (const std::exception&) {
      resp = HttpResponse{500, "text/plain; charset=utf-8", "interne fout\n", {}};
    }
    Reply(resp, req.version(), req.keep_alive());
  }

  void Reply(const HttpResponse& r, unsigned version, bool keep_alive) {
    response_ = std::make_shared<http::response<http::string_body>>(ToResponse(r, version, keep_alive));
    http::async_write(stream_, *response_, [self = this->shared_from_this(), keep_alive](beast::error_code ec, size_t) {
      if (ec || !keep_alive) return self->Close();
      self->Read();
    });
  }

  void Close() {
    beast::error_code ec;
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
      stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    } else {
      beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  std::shared_ptr<Shared> shared_;
  std::string peer_;
  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::string_body>> response_;
};

class BeastServer final : public Server, public std::enable_shared_from_this<BeastServer> {
 public:
  BeastServer(asio::io_context& io, std::shared_ptr<Shared> shared, std::unique_ptr<asio::ssl::context> tls)
      : io_(io), acceptor_(io), shared_(std::move(shared)), tls_(std::move(tls)) {}

  Status Listen(const std::string& listen) {
    size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return Status::InvalidArgument("console: listen must be host:port");
    std::string host = listen.substr(0, colon);
    if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
    beast::error_code ec;
    auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, ec);
    if (ec) return Status::InvalidArgument("console: listen address '" + host + "' is not an IP address");
    int port = std::atoi(listen.substr(colon + 1).c_str());
    tcp::endpoint ep(address, static_cast<unsigned short>(port));
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return Status::IoError("console: cannot listen on " + listen + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
    return Status::Ok();
  }

  void Accept() {
    acceptor_.async_accept([self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
      if (!ec) self->Serve(std::move(socket));
      self->Accept();
    });
  }

  int port() const override { return port_; }
  void Stop() override {
    asio::post(io_, [self = shared_from_this()] {
      beast::error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void Serve(tcp::socket socket) {
    if (shared_->connections.load() >= shared_->max_connections) {
      beast::error_code ec;
      socket.close(ec);
      return;
    }
    ++shared_->connections;
    beast::error_code ec;
    auto ep = socket.remote_endpoint(ec);
    std::string peer = ec ? "" : ep.address().to_string();
    if (peer.rfind("::ffff:", 0) == 0) peer = peer.substr(7);  // v4-mapped: compare as v4
    if (tls_) {
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(shared_, peer, std::move(socket), *tls_)->Run();
    } else {
      std::make_shared<Session<beast::tcp_stream>>(shared_, peer, std::move(socket))->Run();
    }
  }

  asio::io_context& io_;
  tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
  std::unique_ptr<asio::ssl::context> tls_;
  int port_ = 0;
};

// Owns the shared server; Stop on destruction.
class ServerHandle final : public Server {
 public:
  explicit ServerHandle(std::shared_ptr<BeastServer> s) : s_(std::move(s)) {}
  ~ServerHandle() override { s_->Stop(); }
  int port() const override { return s_->port(); }
  void Stop() override { s_->Stop(); }

 private:
  std::shared_ptr<BeastServer> s_;
};

}  // namespace

Result<std::unique_ptr<Server>> StartServer(boost::asio::io_context& io, const ConsoleConfig& config,
                                            Handler handler) {
  auto shared = std::make_shared<Shared>();
  shared->handler = std::move(handler);
  shared->timeout = config.request_timeout;
  shared->max_connections = config.max_connections;
  std::unique_ptr<asio::ssl::context> tls;
  if (!config.tls_cert.empty()) {
    tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                     asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    beast::error_code ec;
    tls->use_certificate_chain_file(config.tls_cert, ec);
    if (ec) return Status::InvalidArgument("console: tls_cert " + config.tls_cert + ": " + ec.message());
    tls->use_private_key_file(config.tls_key, asio::ssl::context::pem, ec);
    if (ec) return Status::InvalidArgument("console: tls_key " + config.tls_key + ": " + ec.message());
  }
  auto server = std::make_shared<BeastServer>(io, shared, std::move(tls));
  ADWATCH_RETURN_IF_ERROR(server->Listen(config.listen));
  server->Accept();
  return std::unique_ptr<Server>(new ServerHandle(server));
}

}  // namespace adwatch::console
