// The console's own stylesheet and script (served as files: the
// Content-Security-Policy allows no inline style or script), and Debian's
// Chart.js (libjs-chart.js) read from /usr/share/javascript.
#pragma once

#include <optional>
#include <string>

namespace adwatch::console {

struct StaticFile {
  std::string content_type;
  std::string body;
};

// "/static/console.css", "/static/console.js", "/static/chart.js"; nullopt otherwise.
std::optional<StaticFile> FindStatic(const std::string& path);

}  // namespace adwatch::console
