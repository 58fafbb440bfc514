// Fixture for crawler integration tests: the real demo ad network
// (adwatch-demo-sites), the demo site profiles from deploy/demo/sites loaded
// by the real config loader, and a real SQLite store in a temporary
// directory.
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "config/config.h"
#include "crawler/crawl.h"
#include "store/store.h"
#include "tests/demo_sites/test_support.h"

namespace adwatch::testing {

class DemoCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Starts the demo network with extra args (e.g. {"--ads", "300"}).
  void StartNetwork(int ads);
  // Loads the rendered demo config; short timeouts for tests.
  void LoadDemoConfig();
  void OpenTestStore();
  // Sets the demo network's epoch / fault spec through the control port.
  void SetEpoch(int epoch);
  void SetFaults(const std::string& spec);
  int64_t SiteRequests(const std::string& site);

  Result<std::vector<SiteSummary>> Crawl(const std::vector<std::string>& sites = {}, CrawlHooks hooks = {});
  SiteSummary Summary(const std::vector<SiteSummary>& all, const std::string& site);

  // GT ads of `site` live in `epoch`, by id.
  std::map<std::string, nlohmann::json> Live(const std::string& site, int epoch);

  std::string dir_;
  std::unique_ptr<demo::testing::DemoServer> demo_;
  Config config_;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  CrawlOptions options_;
};

// "+31 6 12345678", "0031612345678", "31612345678" → "612345678" (the
// national significant number for NL/BE/DE-style numbers as the demo writes them).
std::string PhoneKey(const std::string& raw);
// FNV-1a 64 as hex, as the demo's ground truth hashes texts.
std::string Fnv16(const std::string& s);

}  // namespace adwatch::testing
