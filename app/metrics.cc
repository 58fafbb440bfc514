#include "app/metrics.h"

#include <sys/resource.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <list>
#include <mutex>
#include <sstream>
#include <thread>

#include "alerts/transport.h"

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

// What the loop hands to the server thread.
struct Snapshot {
  std::mutex mu;
  std::string prometheus;
  Health health;
  std::chrono::steady_clock::time_point at;
};

// Transport counters are atomics of their own: read here, on whichever thread.
void RenderMailCounters(std::ostringstream& o) {
  const MailCounters& c = MailTransportCounters();
  Counter(o, "adwatch_mail_attempts_total", "SMTP transfers started.", c.attempts);
  Counter(o, "adwatch_mail_timeouts_total", "SMTP connect or reply time-outs.", c.timeouts);
  Counter(o, "adwatch_mail_no_starttls_total", "SMTP servers that did not offer STARTTLS (nothing sent; retried).",
          c.no_starttls);
  Counter(o, "adwatch_mail_held_off_total", "Messages not tried because the server failed just before.", c.held_off);
  Counter(o, "adwatch_mail_interrupted_total", "SMTP transfers ended by shutdown.", c.interrupted);
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Snapshot> snap, const MetricsServerOptions& opt,
          std::shared_ptr<std::atomic<int>> open)
      : stream_(std::move(socket)), snap_(std::move(snap)), opt_(opt), open_(std::move(open)) {
    ++*open_;
  }
  ~Session() { --*open_; }

  // Evicted to make room: whatever it was waiting for ends now.
  void Close() {
    beast::error_code ignored;
    stream_.socket().close(ignored);
  }

  void Start() {
    // One deadline for the whole request: a client that connects and says
    // nothing, or sends headers a byte at a time, is cut off.
    stream_.expires_after(opt_.request_timeout);
    parser_.header_limit(8 * 1024);
    parser_.body_limit(0);
    http::async_read(stream_, buffer_, parser_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (!ec) self->Respond();
    });
  }

 private:
  void Respond() {
    const auto& request = parser_.get();
    response_.version(request.version());
    response_.keep_alive(false);
    response_.set(http::field::content_type, "text/plain; charset=utf-8");
    const bool get = request.method() == http::verb::get;
    std::lock_guard<std::mutex> lock(snap_->mu);
    const double age = std::chrono::duration<double>(std::chrono::steady_clock::now() - snap_->at).count();
    if (get && request.target() == "/metrics") {
      response_.result(http::status::ok);
      response_.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      std::ostringstream o;
      o << snap_->prometheus;
      RenderMailCounters(o);
      o << "# HELP adwatch_metrics_snapshot_age_seconds Seconds since the daemon loop last refreshed these metrics.\n"
        << "# TYPE adwatch_metrics_snapshot_age_seconds gauge\nadwatch_metrics_snapshot_age_seconds "
        << static_cast<int64_t>(age) << "\n";
      response_.body() = o.str();
    } else if (get && request.target() == "/healthz") {
      if (age > std::chrono::duration<double>(opt_.health.loop_stalled_after).count()) {
        response_.result(http::status::service_unavailable);
        response_.body() = "failing: the daemon loop has not answered for " + std::to_string(static_cast<int64_t>(age)) +
                           " s\n";
      } else {
        response_.result(static_cast<http::status>(snap_->health.http_status));
        response_.body() = snap_->health.text;
      }
    } else {
      response_.result(http::status::not_found);
      response_.body() = "only GET /metrics and GET /healthz here\n";
    }
    response_.prepare_payload();
    http::async_write(stream_, response_, [self = shared_from_this()](beast::error_code, size_t) {
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    });
  }

  beast::tcp_stream stream_;
  std::shared_ptr<Snapshot> snap_;
  const MetricsServerOptions& opt_;
  std::shared_ptr<std::atomic<int>> open_;
  beast::flat_buffer buffer_{8 * 1024};
  http::request_parser<http::empty_body> parser_;
  http::response<http::string_body> response_;
};

class BeastMetricsServer final : public MetricsServer {
 public:
  BeastMetricsServer(asio::io_context& loop, tcp::endpoint ep, const Metrics& m, Clock& clock, MetricsServerOptions opt)
      : loop_(loop), metrics_(m), clock_(clock), opt_(std::move(opt)), refresh_(loop), acceptor_(io_),
        retry_(clock.NewTimer(io_)), signals_(io_) {
    acceptor_.open(ep.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    acceptor_.bind(ep);
    acceptor_.listen();
    memory_.started = clock_.Now();
    Refresh();
    Accept();
    if (opt_.on_terminate) {
      signals_.add(SIGTERM);
      signals_.add(SIGINT);
      WaitForSignal();
    }
    thread_ = std::thread([this] { io_.run(); });
  }
  ~BeastMetricsServer() override {
    refresh_.cancel();
    io_.stop();
    thread_.join();
  }
  uint16_t port() const override { return acceptor_.local_endpoint().port(); }
  int open_connections() const override { return *open_; }

 private:
  // On the loop: the only place `metrics_` is read.
  void Refresh() {
    std::string text = RenderPrometheus(metrics_);
    Health health = JudgeHealth(metrics_, memory_, clock_.Now(), Duration::zero(), opt_.health);
    {
      std::lock_guard<std::mutex> lock(snap_->mu);
      snap_->prometheus = std::move(text);
      snap_->health = std::move(health);
      snap_->at = std::chrono::steady_clock::now();
    }
    refresh_.expires_after(std::chrono::seconds(1));
    refresh_.async_wait([this](const beast::error_code& ec) {
      if (!ec) Refresh();
    });
  }

  // On the server thread.
  void Accept() {
    acceptor_.async_accept([this](beast::error_code ec, tcp::socket s) {
      if (ec == asio::error::operation_aborted) return;
      if (ec) {
        // EMFILE and the like: accepting again at once would spin the CPU.
        // On the Clock, so a test sees the back-off; the accept itself goes
        // back to the server thread (a FakeClock runs timers on the test's).
        clock_.After(*retry_, std::chrono::milliseconds(100), [this] { asio::post(io_, [this] { Accept(); }); });
        return;
      }
      // Over the cap the oldest connection makes room: idle clients cannot
      // lock out the scraper, and descriptors stay bounded.
      sessions_.remove_if([](const std::weak_ptr<Session>& w) { return w.expired(); });
      while (static_cast<int>(sessions_.size()) >= opt_.max_connections) {
        if (auto old = sessions_.front().lock()) old->Close();
        sessions_.pop_front();
      }
      auto session = std::make_shared<Session>(std::move(s), snap_, opt_, open_);
      sessions_.push_back(session);
      session->Start();
      Accept();
    });
  }

  void WaitForSignal() {
    signals_.async_wait([this](const beast::error_code& ec, int) {
      if (ec) return;
      opt_.on_terminate();
      WaitForSignal();
    });
  }

  asio::io_context& loop_;
  const Metrics& metrics_;
  Clock& clock_;
  MetricsServerOptions opt_;
  HealthMemory memory_;  // loop only
  // On the loop, in steady time, not the Clock's: the snapshot's age is how
  // long the real loop has not answered (a stalled loop), whatever a test's clock says.
  asio::steady_timer refresh_;
  std::shared_ptr<Snapshot> snap_ = std::make_shared<Snapshot>();
  std::shared_ptr<std::atomic<int>> open_ = std::make_shared<std::atomic<int>>(0);
  asio::io_context io_;  // the server thread's
  tcp::acceptor acceptor_;
  std::unique_ptr<ClockTimer> retry_;  // accept errors back off (server thread; armed only there)
  asio::signal_set signals_;
  std::list<std::weak_ptr<Session>> sessions_;  // server thread only, oldest first
  std::thread thread_;
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
  PerSite(o, m, "adwatch_site_profile_broken",
          "1 if the last finished cycle found the site profile broken (no ad links, or empty text on most ads).",
          &Metrics::Site::profile_broken, "gauge");
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

Health JudgeHealth(const Metrics& m, HealthMemory& mem, TimePoint now, Duration loop_age, const HealthOptions& opt) {
  // Date what the counters only count.
  for (const auto& [site, s] : m.sites) {
    auto it = mem.site_cycles.find(site);
    if (it == mem.site_cycles.end()) {
      mem.site_cycles[site] = {s.cycles, s.cycles > 0 ? now : TimePoint{}};
    } else if (s.cycles > it->second.first) {
      it->second = {s.cycles, now};
    }
  }
  if (m.mail_sent > mem.mail_sent) mem.last_mail_sent = now;
  mem.mail_sent = m.mail_sent;
  if (m.config_reload_failures > mem.reload_failures) mem.last_reload_failed = true;
  if (m.config_reloads > mem.reloads) mem.last_reload_failed = false;
  mem.reloads = m.config_reloads;
  mem.reload_failures = m.config_reload_failures;

  auto secs = [](Duration d) { return std::to_string(std::chrono::duration_cast<Seconds>(d).count()); };
  Health h;
  if (loop_age > opt.loop_stalled_after) {
    h.http_status = 503;
    h.text = "failing: the daemon loop has not answered for " + secs(loop_age) + " s\n";
    return h;
  }
  std::vector<std::string> degraded;
  size_t stale = 0;
  for (const auto& [site, s] : m.sites) {
    TimePoint last = mem.site_cycles[site].second;
    TimePoint since = last == TimePoint{} ? mem.started : last;
    if (now - since > opt.site_stale_after) {
      ++stale;
      degraded.push_back("site " + site + ": no finished crawl cycle for " + secs(now - since) + " s");
    } else if (!s.crawled_nothing.empty()) {
      degraded.push_back("site " + site + ": last cycle fetched no listing page");
    } else if (s.profile_broken) {
      degraded.push_back("site " + site + ": profile broken");
    }
  }
  if (!m.sites.empty() && stale == m.sites.size()) {
    h.http_status = 503;
    h.text = "failing: no site finished a crawl cycle for " + secs(opt.site_stale_after) + " s\n";
    return h;
  }
  if (m.mail_queued > 0) {
    std::string why = std::to_string(m.mail_queued) + " messages deferred in the outbox";
    if (MailTransportCounters().no_starttls > 0) why += " (the mail server did not offer STARTTLS)";
    if (mem.last_mail_sent != TimePoint{}) why += ", last delivered " + secs(now - mem.last_mail_sent) + " s ago";
    degraded.push_back(why);
  }
  if (mem.last_reload_failed) degraded.push_back("the last configuration reload was rejected");
  if (degraded.empty()) {
    h.text = "ok\n";
  } else {
    h.text = "degraded: ";
    for (size_t i = 0; i < degraded.size(); ++i) h.text += (i ? "; " : "") + degraded[i];
    h.text += "\n";
  }
  return h;
}

int64_t RaiseFileLimit() {
  rlimit r{};
  if (getrlimit(RLIMIT_NOFILE, &r) != 0) return -1;
  if (r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
    getrlimit(RLIMIT_NOFILE, &r);
  }
  return static_cast<int64_t>(r.rlim_cur);
}

Result<std::unique_ptr<MetricsServer>> StartMetricsServer(asio::io_context& io, const std::string& listen,
                                                          const Metrics& metrics, Clock& clock,
                                                          MetricsServerOptions options) {
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
        new BeastMetricsServer(io, tcp::endpoint(addr, static_cast<uint16_t>(port)), metrics, clock,
                               std::move(options)));
  } catch (const std::exception& e) {
    return Status::IoError("metrics endpoint " + listen + ": " + e.what());
  }
}

}  // namespace adwatch
