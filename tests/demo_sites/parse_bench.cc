// demo_parse_bench: the crawler's main per-page CPU cost, as the baseline for
// bench/demo_sites.sh: parses the given HTML files with Gumbo (as the crawler
// does) for about `seconds` seconds and prints pages per second of wall time
// and of CPU time (the machine may be shared: CPU time is the fair figure).
#include <gumbo.h>

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: demo_parse_bench SECONDS FILE...\n");
    return 2;
  }
  const double seconds = std::atof(argv[1]);
  std::vector<std::string> pages;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!ss.str().empty()) pages.push_back(ss.str());
  }
  if (pages.empty()) {
    std::fprintf(stderr, "demo_parse_bench: no pages\n");
    return 1;
  }
  size_t parsed = 0, bytes = 0, nodes = 0;
  auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const std::string& p : pages) {
      GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, p.data(), p.size());
      nodes += out->root->v.element.children.length;  // keep the parse observable
      gumbo_destroy_output(&kGumboDefaultOptions, out);
      ++parsed;
      bytes += p.size();
    }
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  std::printf("parse_pages_per_cpu_s=%.0f parse_pages_per_s=%.0f avg_page_bytes=%zu pages=%zu nodes=%zu\n",
              parsed / cpu, parsed / elapsed, bytes / parsed, parsed, nodes);
  return 0;
}
