// CurlFetcher: libcurl's multi interface driven by one Boost.Asio io_context
// through curl_multi_socket_action. The traps this avoids are listed in
// notes/engineering-notes.md ("libcurl multi on Asio"):
// - every fd curl reports is watched, including the threaded resolver's
//   socketpair;
// - fds are owned by curl: watchers wrap them in stream_descriptor and
//   release() (never close) them on CURL_POLL_REMOVE;
// - a readiness handler re-arms only if its watcher is still the current one
//   for that fd;
// - the timer callback only (re)arms an Asio timer; curl is called from the
//   timer's handler, never from inside the callback;
// - curl_multi_info_read is drained after every socket action;
// - Asio's epoll reactor is edge-triggered and async_wait does not check
//   readiness first, so before re-arming we poll() the fd once: curl may
//   have left data in the socket and no new edge would come.
#include <curl/curl.h>
#include <poll.h>

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <unordered_map>
#include <vector>

#include "crawler/fetcher.h"
#include "crawler/internal/curl_transfer.h"

namespace adwatch {
namespace {

using internal::Transfer;
namespace asio = boost::asio;

struct Watcher {
  explicit Watcher(asio::io_context& io) : sd(io) {}
  asio::posix::stream_descriptor sd;
  int what = 0;
  bool reading = false;
  bool writing = false;
};

class CurlFetcher final : public HttpFetcher {
 public:
  CurlFetcher(asio::io_context& io, FetcherOptions options)
      : io_(io), timer_(io), budget_(std::make_shared<internal::DecodedBudget>(options.max_decoded_in_flight)) {
    static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
    (void)init;
    multi_ = curl_multi_init();
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlFetcher::OnSocket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlFetcher::OnTimer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, 256L);
  }

  ~CurlFetcher() override {
    timer_.cancel();
    for (auto& [easy, t] : active_) {
      curl_multi_remove_handle(multi_, easy);
      t->result.error = FetchError::kCancelled;
      t->result.message = "fetcher shut down (" + t->current_url + ")";
      Finish(std::move(t), /*remove=*/false);
    }
    active_.clear();
    for (auto& [raw, t] : resolving_) {
      t->resolver.reset();  // its handler sees operation_aborted and a dead token
      t->result.error = FetchError::kCancelled;
      t->result.message = "fetcher shut down (" + t->current_url + ")";
      Finish(std::move(t), /*remove=*/false);
    }
    resolving_.clear();
    *alive_ = false;
    for (auto& [fd, w] : watchers_) w->sd.release();
    watchers_.clear();
    curl_multi_cleanup(multi_);
    for (CURL* e : pool_) curl_easy_cleanup(e);
  }

  void Fetch(FetchRequest request, FetchCallback done) override {
    auto t = std::make_unique<Transfer>();
    t->req = std::move(request);
    t->done = std::move(done);
    t->current_url = t->req.url;
    t->start = std::chrono::steady_clock::now();
    t->easy = TakeEasy();
    t->budget = budget_;
    StartHop(std::move(t));
  }

  int InFlight() const override { return static_cast<int>(active_.size() + resolving_.size()); }
  int64_t DecodedBytesInUse() const override { return budget_->in_use.load(); }
  int64_t DecodedBytesPeak() const override { return budget_->peak.load(); }

 private:
  CURL* TakeEasy() {
    if (pool_.empty()) return curl_easy_init();
    CURL* e = pool_.back();
    pool_.pop_back();
    return e;
  }

  void StartHop(std::unique_ptr<Transfer> t) {
    std::string host;
    int port = 0;
    bool literal = false;
    if (!internal::CheckHop(t.get(), &host, &port, &literal)) {
      Finish(std::move(t), false);
      return;
    }
    if (!t->req.proxy.empty() && !literal && t->checked_host != host) {
      Resolve(std::move(t), host, port);
      return;
    }
    if (!internal::SetupHop(t.get())) {
      Finish(std::move(t), false);
      return;
    }
    CURL* e = t->easy;
    active_[e] = std::move(t);
    curl_multi_add_handle(multi_, e);  // calls OnTimer(0): the transfer starts from the timer handler
  }

  // With a proxy the guard cannot see the address connected to: resolve the
  // name here (on Asio's resolver thread, not the loop) and check every
  // address before the hop starts.
  void Resolve(std::unique_ptr<Transfer> t, const std::string& host, int port) {
    Transfer* raw = t.get();
    t->resolver = std::make_unique<asio::ip::tcp::resolver>(io_);
    auto* resolver = t->resolver.get();
    resolving_[raw] = std::move(t);
    std::weak_ptr<bool> alive = alive_;
    resolver->async_resolve(
        host, std::to_string(port),
        [this, raw, host, port, alive](const boost::system::error_code& ec,
                                       asio::ip::tcp::resolver::results_type results) {
          auto a = alive.lock();
          if (!a || !*a || ec == asio::error::operation_aborted) return;
          auto it = resolving_.find(raw);
          if (it == resolving_.end()) return;
          std::unique_ptr<Transfer> t = std::move(it->second);
          resolving_.erase(it);
          t->resolver.reset();
          std::vector<std::string> ips;
          if (!ec)
            for (const auto& r : results) ips.push_back(r.endpoint().address().to_string());
          if (!internal::CheckResolved(t.get(), ips, port)) {
            Finish(std::move(t), false);
            return;
          }
          t->checked_host = host;
          StartHop(std::move(t));
        });
  }

  // Hands the result to the caller's callback, posted, so that the callback
  // may call Fetch() again and never runs inside curl or inside Fetch().
  void Finish(std::unique_ptr<Transfer> t, bool remove) {
    if (remove) curl_multi_remove_handle(multi_, t->easy);
    t->result.url = t->current_url;
    t->result.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - t->start);
    if (t->headers) curl_slist_free_all(t->headers);
    t->headers = nullptr;
    internal::HandOverBudget(t.get());
    if (pool_.size() < 512) pool_.push_back(t->easy);
    else curl_easy_cleanup(t->easy);
    asio::post(io_, [done = std::move(t->done), r = std::move(t->result)]() mutable { done(std::move(r)); });
  }

  void OnHopDone(CURL* easy, CURLcode code) {
    auto it = active_.find(easy);
    if (it == active_.end()) return;
    std::unique_ptr<Transfer> t = std::move(it->second);
    active_.erase(it);
    curl_multi_remove_handle(multi_, easy);
    curl_off_t wire = 0;
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &wire);
    t->result.wire_bytes += wire;
    if (code != CURLE_OK) {
      internal::ClassifyCurlError(t.get(), code);
      Finish(std::move(t), false);
      return;
    }
    long status = 0;
    char* ip = nullptr;
    char* ctype = nullptr;
    char* location = nullptr;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
    curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &ctype);
    curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
    t->result.status = status;
    t->result.primary_ip = ip ? ip : "";
    t->result.content_type = ctype ? ctype : "";
    bool redirect = (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) &&
                    location != nullptr;
    if (!redirect) {
      Finish(std::move(t), false);
      return;
    }
    if (t->result.redirects >= t->req.limits.max_redirects) {
      t->result.error = FetchError::kTooManyRedirects;
      t->result.message = "too many redirects (" + t->req.url + ")";
      Finish(std::move(t), false);
      return;
    }
    t->result.redirects++;
    t->current_url = location;
    StartHop(std::move(t));
  }

  void DrainDone() {
    int pending = 0;
    while (CURLMsg* m = curl_multi_info_read(multi_, &pending)) {
      if (m->msg == CURLMSG_DONE) OnHopDone(m->easy_handle, m->data.result);
    }
  }

  void SocketAction(curl_socket_t s, int ev) {
    int running = 0;
    curl_multi_socket_action(multi_, s, ev, &running);
    DrainDone();
  }

  static int OnTimer(CURLM*, long timeout_ms, void* userp) {
    auto* self = static_cast<CurlFetcher*>(userp);
    if (timeout_ms < 0) {
      self->timer_.cancel();
      return 0;
    }
    self->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    self->timer_.async_wait([self](const boost::system::error_code& ec) {
      if (ec == asio::error::operation_aborted) return;  // replaced or destroyed: touch nothing
      self->SocketAction(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
  }

  static int OnSocket(CURL*, curl_socket_t s, int what, void* userp, void*) {
    auto* self = static_cast<CurlFetcher*>(userp);
    if (what == CURL_POLL_REMOVE) {
      auto it = self->watchers_.find(s);
      if (it != self->watchers_.end()) {
        it->second->sd.release();  // cancels pending waits; the fd stays curl's
        self->watchers_.erase(it);
      }
      return 0;
    }
    auto& w = self->watchers_[s];
    if (!w) {
      w = std::make_shared<Watcher>(self->io_);
      boost::system::error_code ec;
      w->sd.assign(s, ec);
      if (ec) {
        self->watchers_.erase(s);
        return -1;
      }
    }
    w->what = what;
    self->Arm(s, w);
    return 0;
  }

  void Arm(curl_socket_t s, const std::shared_ptr<Watcher>& w) {
    if ((w->what & CURL_POLL_IN) && !w->reading) {
      w->reading = true;
      Wait(s, w, asio::posix::stream_descriptor::wait_read, CURL_CSELECT_IN, POLLIN);
    }
    if ((w->what & CURL_POLL_OUT) && !w->writing) {
      w->writing = true;
      Wait(s, w, asio::posix::stream_descriptor::wait_write, CURL_CSELECT_OUT, POLLOUT);
    }
  }

  void Wait(curl_socket_t s, const std::shared_ptr<Watcher>& w,
            asio::posix::stream_descriptor::wait_type type, int ev, short poll_ev) {
    std::weak_ptr<Watcher> weak = w;
    auto handler = [this, s, weak, ev](const boost::system::error_code& ec) {
      auto w = weak.lock();
      if (!w) return;  // released: curl dropped the socket
      (ev == CURL_CSELECT_IN ? w->reading : w->writing) = false;
      if (ec == asio::error::operation_aborted) return;
      auto it = watchers_.find(s);
      if (it == watchers_.end() || it->second != w) return;  // stale watcher
      int wanted = ev == CURL_CSELECT_IN ? CURL_POLL_IN : CURL_POLL_OUT;
      if (!(w->what & wanted)) return;
      SocketAction(s, ec ? CURL_CSELECT_ERR : ev);
      it = watchers_.find(s);
      if (it != watchers_.end() && it->second == w) Arm(s, w);
    };
    pollfd p{s, poll_ev, 0};
    if (poll(&p, 1, 0) > 0) {
      asio::post(io_, [handler] { handler(boost::system::error_code()); });
    } else {
      w->sd.async_wait(type, handler);
    }
  }

  asio::io_context& io_;
  asio::steady_timer timer_;
  CURLM* multi_ = nullptr;
  std::unordered_map<curl_socket_t, std::shared_ptr<Watcher>> watchers_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> active_;
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> resolving_;  // proxied hops being checked
  std::vector<CURL*> pool_;
  std::shared_ptr<internal::DecodedBudget> budget_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace

std::unique_ptr<HttpFetcher> MakeCurlFetcher(asio::io_context& io, FetcherOptions options) {
  return std::make_unique<CurlFetcher>(io, options);
}

}  // namespace adwatch
