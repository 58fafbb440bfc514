#include "tests/crawler/demo_fixture.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "config/loader.h"

namespace adwatch::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void DemoCrawlTest::SetUp() {
  char tmpl[] = "/tmp/adwatch-crawl-test-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  dir_ = tmpl;
  options_.worker = "test-worker";
  options_.politeness = false;
  options_.max_wait = 10s;
}

void DemoCrawlTest::TearDown() {
  store_.reset();
  if (demo_) demo_->Stop();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void DemoCrawlTest::StartNetwork(int ads) {
  demo_ = demo::testing::StartDemo({"--seed", "1", "--ads", std::to_string(ads)});
  ASSERT_NE(demo_, nullptr) << "adwatch-demo-sites did not start";
  ASSERT_EQ(demo_->origins.size(), 3u);
}

void DemoCrawlTest::LoadDemoConfig() {
  std::string cmd = std::string(ADWATCH_SOURCE_DIR) + "/deploy/demo/render-config.sh " + dir_ + "/cfg " +
                    demo_->origins[0] + " " + demo_->origins[1] + " " + demo_->origins[2] + " > /dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  LoadResult r = LoadConfig(dir_ + "/cfg/adwatch.toml");
  for (const auto& e : r.errors) ADD_FAILURE() << e.ToString();
  ASSERT_TRUE(r.ok());
  config_ = r.config;
  config_.store.backend = "sqlite";
  config_.store.path = dir_ + "/adwatch.db";
  config_.store.pseudonym_key = "file:" + dir_ + "/pseudonym.key";
  // Bounded tests: short timeouts and back-off.
  config_.crawler.connect_timeout = 1s;
  config_.crawler.timeout = 2s;
  config_.crawler.max_retries = 1;
  config_.crawler.vanish_after_cycles = 1;
  config_.crawler.max_body_bytes = 1 << 20;
  config_.crawler.max_decoded_bytes = 2 << 20;
  config_.crawler.max_in_flight = 32;
  for (auto& s : config_.sites)  // the profiles exempt exactly the demo's address from the SSRF guard
    EXPECT_EQ(s.allowed_private_addresses, std::vector<std::string>{"127.0.0.1"}) << s.name;
}

void DemoCrawlTest::OpenTestStore() {
  ASSERT_TRUE(EnsurePseudonymKey(config_.store.pseudonym_key, *Env::Default()).ok());
  auto s = OpenStore(config_.store, *Env::Default(), clock_);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  store_ = std::move(*s);
}

void DemoCrawlTest::SetEpoch(int epoch) {
  auto f = demo::testing::Fetch(demo_->control + "/control/epoch?n=" + std::to_string(epoch));
  ASSERT_EQ(f.status, 200) << f.body;
}

void DemoCrawlTest::SetFaults(const std::string& spec) {
  CURL* c = curl_easy_init();
  char* esc = curl_easy_escape(c, spec.c_str(), static_cast<int>(spec.size()));
  std::string url = demo_->control + "/control/faults?spec=" + esc;
  curl_free(esc);
  curl_easy_cleanup(c);
  auto f = demo::testing::Fetch(url);
  ASSERT_EQ(f.status, 200) << f.body;
}

int64_t DemoCrawlTest::SiteRequests(const std::string& site) {
  auto f = demo::testing::Fetch(demo_->control + "/control/state");
  auto j = nlohmann::json::parse(f.body, nullptr, false);
  if (j.is_discarded() || !j.contains("requests") || !j["requests"].contains(site)) return -1;
  return j["requests"][site].get<int64_t>();
}

Result<std::vector<SiteSummary>> DemoCrawlTest::Crawl(const std::vector<std::string>& sites, CrawlHooks hooks) {
  boost::asio::io_context io;
  auto fetcher = MakeCurlFetcher(io);
  CrawlOptions o = options_;
  o.sites = sites;
  return RunCrawlCycle(config_, *store_, *fetcher, io, clock_, o, hooks);
}

SiteSummary DemoCrawlTest::Summary(const std::vector<SiteSummary>& all, const std::string& site) {
  for (const auto& s : all)
    if (s.site == site) return s;
  ADD_FAILURE() << "no summary for " << site;
  return {};
}

std::map<std::string, nlohmann::json> DemoCrawlTest::Live(const std::string& site, int epoch) {
  std::map<std::string, nlohmann::json> out;
  for (auto& [url, ad] : demo::testing::LiveAds(demo_->gt, site, epoch)) out[ad["id"].get<std::string>()] = ad;
  return out;
}

std::string PhoneKey(const std::string& raw) {
  std::string d;
  for (char c : raw)
    if (c >= '0' && c <= '9') d.push_back(c);
  if (d.rfind("00", 0) == 0) d = d.substr(2);
  for (const char* cc : {"31", "32", "49"})
    if (d.size() >= 11 && d.rfind(cc, 0) == 0) d = d.substr(2);
  if (d.rfind("0", 0) == 0) d = d.substr(1);
  return d;
}

std::string Fnv16(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace adwatch::testing
