// Every key the loader accepts is documented: a configuration that opens
// every table the loader reads yields the keys it asked for (its schema), and
// each must have an entry in adwatch.toml(5) (deploy/adwatch.toml.5).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "config/loader.h"

namespace adwatch {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ConfigReference, EveryAcceptedKeyIsDocumented) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("adwatch-reference-" + std::to_string(::getpid()));
  fs::create_directories(dir / "rules.d");
  std::ofstream(dir / "rules.d/local.toml") << R"(disable = []
[[override]]
id = "x"
weight = 1
[[rule]]
id = "x"
category = "age"
patterns = ['x']
weight = 1
description = "d"
source = "s"
examples = { match = ["x"], no_match = ["y"] }
[signals]
category_cap = 60
)";
  std::ofstream(dir / "adwatch.toml") << R"(include = []
rules_dir = "rules.d"
[store]
[crawler]
[matcher]
[alerts]
[[alerts.municipality]]
name = "Maastricht"
recipients = ["a@b.example"]
[alerts.smtp]
url = "smtp://x:587"
[retention]
[scope]
[minimise]
[logging]
[daemon]
[console]
[register]
[[site]]
name = "s"
purpose = "p"
legal_basis = "b"
start_urls = ["http://x.example/"]
ad_links = { selector = "a@href" }
[site.fields]
id = "/id"
)";
  LoadResult r = LoadConfig((dir / "adwatch.toml").string());
  fs::remove_all(dir);
  ASSERT_GT(r.accepted_keys.size(), 100u);
  const std::string docs = Slurp(std::string(ADWATCH_SOURCE_DIR) + "/deploy/adwatch.toml.5");
  std::vector<std::string> missing;
  for (const std::string& k : r.accepted_keys) {
    std::string key = k.substr(k.rfind(' ') + 1);
    // An entry (".B key ") or, for a table, its heading ("[store]", "[[site]]").
    bool found = docs.find(".B " + key + " ") != std::string::npos ||
                 docs.find("[" + key + "]") != std::string::npos || docs.find("[[" + key + "]]") != std::string::npos;
    if (!found) missing.push_back(k);
  }
  if (std::getenv("ADWATCH_PRINT_KEYS"))
    for (const auto& k : r.accepted_keys) std::cout << k << "\n";
  EXPECT_THAT(missing, ::testing::IsEmpty()) << "document these keys in deploy/adwatch.toml.5";
}

}  // namespace
}  // namespace adwatch
