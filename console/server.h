// The console's HTTP(S) server: Boost.Beast on an Asio io_context (the
// daemon's, or its own for `adwatch console`). It knows nothing of pages: each
// request goes to a Handler, which runs on the io_context's thread (one at a
// time, so a handler may use one Store). Limits: request_timeout for a whole
// request and for an idle keep-alive connection, 8 KiB of headers, 64 KiB of
// body, max_connections at once (more are closed at once).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "config/config.h"
#include "core/status.h"

namespace adwatch::console {

struct HttpRequest {
  std::string method;                          // "GET", "POST"
  std::string target;                          // "/signals/12?x=1"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string peer;                            // the client's IP address
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra (Set-Cookie, Location, …)
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class Server {
 public:
  virtual ~Server() = default;
  virtual int port() const = 0;  // the bound port (listen "…:0" picks a free one)
  virtual void Stop() = 0;       // closes the acceptor; open connections end after their request
};

// Binds config.listen, with TLS if config.tls_cert is set (the files are read
// now: a bad certificate fails here, not at the first client).
Result<std::unique_ptr<Server>> StartServer(boost::asio::io_context& io, const ConsoleConfig& config,
                                            Handler handler);

}  // namespace adwatch::console
