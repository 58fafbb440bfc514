#include "app/metrics.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <sstream>

namespace adwatch {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Label values are site names and error classes from our own config and
// code, but escape them anyway as the format requires.
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') { out += "\\n"; continue; }
    out += c;
  }
  return out;
}

void Counter(std::ostringstream& o, const char* name, const char* help, int64_t v, const char* type = "counter") {
  o << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n' << name << ' ' << v << '\n';
}

void PerSite(std::ostringstream& o, const Metrics& m, const char* name, const char* help,
             int64_t Metrics::Site::*field, const char* type = "counter") {
  o << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
  for (const auto& [site, s] : m.sites) o << name << "{site=\"" << Escape(site) << "\"} " << s.*field << '\n';
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const Metrics& metrics) : socket_(std::move(socket)), metrics_(metrics) {}
  void Start() {
    http::async_read(socket_, buffer_, request_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->Respond();
    });
  }

 private:
  void Respond() {
    response_.version(request_.version());
    response_.keep_alive(false);
    if (request_.method() != http::verb::get || request_.target() != "/metrics") {
      response_.result(http::status::not_found);
      response_.set(http::field::content_type, "text/plain");
      response_.body() = "only GET /metrics here\n";
    } else {
      response_.result(http::status::ok);
      response_.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      response_.body() = RenderPrometheus(metrics_);
    }
    response_.prepare_payload();
    http::async_write(socket_, response_, [self = shared_from_this()](beast::error_code, size_t) {
      beast::error_code ignored;
      self->socket_.shutdown(tcp::socket::shutdown_send, ignored);
    });
  }

  tcp::socket socket_;
  const Metrics& metrics_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
};

class BeastMetricsServer final : public MetricsServer {
 public:
  BeastMetricsServer(asio::io_context& io, tcp::endpoint ep, const Metrics& m) : acceptor_(io), metrics_(m) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    Accept();
  }
  uint16_t port() const override { return acceptor_.local_endpoint().port(); }

 private:
  void Accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(s), metrics_)->Start();
      Accept();
    });
  }
  tcp::acceptor acceptor_;
  const Metrics& metrics_;
};

}  // namespace

std::string RenderPrometheus(const Metrics& m) {
  std::ostringstream o;
  PerSite(o, m, "adwatch_crawl_pages_total", "Pages fetched.", &Metrics::Site::pages);
  PerSite(o, m, "adwatch_crawl_bytes_total", "Body bytes fetched.", &Metrics::Site::bytes);
  PerSite(o, m, "adwatch_crawl_cycles_total", "Crawl cycles completed.", &Metrics::Site::cycles);
  PerSite(o, m, "adwatch_crawl_cycles_incomplete_total",
          "Crawl cycles that did not fetch every listing page (no ad vanished).", &Metrics::Site::cycles_incomplete);
  PerSite(o, m, "adwatch_crawl_listing_pages_planned", "Listing pages planned in the last finished cycle.",
          &Metrics::Site::listing_planned, "gauge");
  PerSite(o, m, "adwatch_crawl_listing_pages_fetched", "Listing pages fetched in the last finished cycle.",
          &Metrics::Site::listing_fetched, "gauge");
  PerSite(o, m, "adwatch_ads_new_total", "Ads seen for the first time.", &Metrics::Site::ads_new);
  PerSite(o, m, "adwatch_ads_changed_total", "Ads whose content changed.", &Metrics::Site::ads_changed);
  PerSite(o, m, "adwatch_ads_vanished_total", "Ads no longer listed.", &Metrics::Site::ads_vanished);
  o << "# HELP adwatch_crawl_errors_total Crawl errors by class.\n# TYPE adwatch_crawl_errors_total counter\n";
  for (const auto& [site, s] : m.sites)
    for (const auto& [cls, n] : s.errors)
      o << "adwatch_crawl_errors_total{site=\"" << Escape(site) << "\",class=\"" << Escape(cls) << "\"} " << n << '\n';
  Counter(o, "adwatch_ads_analyzed_total", "Ads run through the matcher.", m.ads_analyzed);
  Counter(o, "adwatch_rule_hits_total", "Indicator rule hits.", m.hits);
  Counter(o, "adwatch_entities", "Entities (linked ad groups) known.", m.entities, "gauge");
  Counter(o, "adwatch_alerts_raised_total", "Alerts raised.", m.alerts_raised);
  Counter(o, "adwatch_alerts_open", "Alerts not closed or dismissed.", m.alerts_open, "gauge");
  Counter(o, "adwatch_mail_sent_total", "Messages accepted by the mail server.", m.mail_sent);
  Counter(o, "adwatch_mail_failed_total", "Failed delivery attempts.", m.mail_failed);
  Counter(o, "adwatch_mail_queued", "Messages waiting in the outbox.", m.mail_queued, "gauge");
  Counter(o, "adwatch_immediate_mail_deferred_total", "Immediate messages deferred to the digest by a rate limit.",
          m.mail_deferred);
  Counter(o, "adwatch_config_reloads_total", "Successful configuration reloads.", m.config_reloads);
  Counter(o, "adwatch_config_reload_failures_total", "Rejected configuration reloads.", m.config_reload_failures);
  Counter(o, "adwatch_purges_total", "Retention purges run.", m.purges);
  Counter(o, "adwatch_start_time_seconds", "Unix time the daemon started.", m.started_unix, "gauge");
  return o.str();
}

Result<std::unique_ptr<MetricsServer>> StartMetricsServer(asio::io_context& io, const std::string& listen,
                                                          const Metrics& metrics) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("metrics_listen '" + listen + "': expected HOST:PORT");
  beast::error_code ec;
  auto addr = asio::ip::make_address(listen.substr(0, colon), ec);
  if (ec || !addr.is_loopback())
    return Status::InvalidArgument("metrics_listen '" + listen + "': must be a loopback address such as 127.0.0.1");
  int port = 0;
  try {
    port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    return Status::InvalidArgument("metrics_listen '" + listen + "': bad port");
  }
  try {
    return std::unique_ptr<MetricsServer>(
        new BeastMetricsServer(io, tcp::endpoint(addr, static_cast<uint16_t>(port)), metrics));
  } catch (const std::exception& e) {
    return Status::IoError("metrics endpoint " + listen + ": " + e.what());
  }
}

}  // namespace adwatch
