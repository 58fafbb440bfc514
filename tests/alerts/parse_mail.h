// Test helper: parses a message with /usr/bin/python3's email package
// (tests/alerts/parse_mail.py) and returns the JSON it prints.
#pragma once

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

namespace adwatch::testing {

inline nlohmann::json ParseWithPython(const std::string& raw) {
  char path[] = "/tmp/adwatch-mail-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return {};
  if (write(fd, raw.data(), raw.size()) != static_cast<ssize_t>(raw.size())) { close(fd); return {}; }
  close(fd);
  std::string cmd = std::string("/usr/bin/python3 ") + ADWATCH_SOURCE_DIR +
                    "/tests/alerts/parse_mail.py " + path;
  std::string out;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
  }
  unlink(path);
  return nlohmann::json::parse(out, nullptr, /*allow_exceptions=*/false);
}

inline nlohmann::json ParseFileWithPython(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::string raw((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return ParseWithPython(raw);
}

}  // namespace adwatch::testing
