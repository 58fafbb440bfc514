// Internals of the demo HTTP server shared by its .cc files.
#pragma once

#include <boost/beast/http.hpp>

#include "tests/demo_sites/http_server.h"

namespace adwatch::demo {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

Request ToRequest(const HttpRequest& in);
// Adds ETag/Last-Modified (and answers 304 when the request's validators
// match), gzips when asked and allowed, and sets the payload headers.
HttpResponse Finalize(Response r, const HttpRequest& req, bool allow_gzip);
// A gzip stream that inflates to `bytes` zero bytes (cached per size).
const std::string& GzipBomb(int64_t bytes);

}  // namespace adwatch::demo
