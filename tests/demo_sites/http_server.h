// HTTP/1.1 transport of the demo sites on Boost.Beast: one listener per
// origin, keep-alive, ETag/Last-Modified with 304s, gzip on request, and the
// transport faults (trickle, timeout, truncation, huge bodies, gzip bombs).
// Single-threaded: every listener runs on the caller's io_context.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "tests/demo_sites/faults.h"
#include "tests/demo_sites/sites.h"

namespace adwatch::demo {

struct Endpoint {
  std::string name;  // site name, or "control"
  std::function<Response(const Request&)> handler;
  // The fault for a path, or nullptr; empty for endpoints that take no faults.
  std::function<const Fault*(const std::string& path)> fault;
  uint64_t requests = 0;
};

// Binds host:port (port 0 = a free port chosen by the OS) and serves `ep`
// while the io_context runs. Returns the bound port; throws
// boost::system::system_error when the address cannot be bound.
uint16_t Listen(boost::asio::io_context& ioc, const std::string& host, uint16_t port,
                std::shared_ptr<Endpoint> ep);

// Helpers exposed for tests.
std::string PercentDecode(const std::string& s, bool plus_is_space);
std::string GzipCompress(const std::string& data, int level);
std::string HttpDate(int64_t unix_seconds);
int64_t ParseHttpDate(const std::string& s);  // -1 if malformed

}  // namespace adwatch::demo
