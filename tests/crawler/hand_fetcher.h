// A fetcher the test drives by hand: it keeps every request, and the test
// answers them, posted on the io_context as the real fetcher does.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <string>
#include <vector>

#include "config/config.h"
#include "crawler/fetcher.h"

namespace adwatch {

class HandFetcher final : public HttpFetcher {
 public:
  explicit HandFetcher(boost::asio::io_context& io) : io_(io) {}
  void Fetch(FetchRequest request, FetchCallback done) override {
    pending_.push_back({std::move(request), std::move(done)});
  }
  int InFlight() const override { return static_cast<int>(pending_.size()); }

  bool Has(const std::string& suffix) const { return Find(suffix) >= 0; }
  // Answers the first request whose URL ends in `suffix` with `status`.
  void Answer(const std::string& suffix, long status, std::string body = "") {
    int i = Find(suffix);
    ASSERT_GE(i, 0) << "no request for " << suffix;
    auto p = std::move(pending_[i]);
    pending_.erase(pending_.begin() + i);
    FetchResult r;
    r.url = p.request.url;
    r.status = status;
    r.body = std::move(body);
    r.content_type = "text/html";
    boost::asio::post(io_, [done = std::move(p.done), r = std::move(r)]() mutable { done(std::move(r)); });
  }

 private:
  struct Pending {
    FetchRequest request;
    FetchCallback done;
  };
  int Find(const std::string& suffix) const {
    for (size_t i = 0; i < pending_.size(); ++i) {
      const std::string& u = pending_[i].request.url;
      if (u.size() >= suffix.size() && u.compare(u.size() - suffix.size(), suffix.size(), suffix) == 0)
        return static_cast<int>(i);
    }
    return -1;
  }
  boost::asio::io_context& io_;
  std::vector<Pending> pending_;
};

// The one-site profile the hand-fed crawler tests use: a listing at
// http://127.0.0.1:9/list whose "a.ad" links lead to ads with an h1 id and a
// p text (the address is never dialled: the test answers every request).
inline SiteConfig HandFedSite() {
  SiteConfig site;
  site.name = "s";
  site.purpose = "test";
  site.legal_basis = "test";
  site.start_urls = {"http://127.0.0.1:9/list"};
  site.allow_private_addresses = true;
  site.ad_links.selector = "a.ad@href";
  site.fields["id"].selector = "h1";
  site.fields["text"].selector = "p";
  return site;
}

}  // namespace adwatch
