// adwatch-demo-sites: serves the demo ad network (three synthetic ad sites,
// each on its own port) plus a control port, for adwatch's tests and
// benchmarks. See --help and /work/notes/demo-network.md.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "tests/demo_sites/http_server.h"

namespace adwatch::demo {
namespace {

const char* kUsage = R"(usage: adwatch-demo-sites --listen 127.0.0.1:PORT [--seed N] [--ads N]
                          [--ground-truth FILE] [--epoch N] [--faults SPEC]
                          [--site-ports P1,P2,P3]

Serves three synthetic ad sites (demo-html, demo-api, demo-next), each on its
own port, and a control port. PORT 0 picks a free port. Prints
  listening on http://127.0.0.1:PORT
  site demo-html http://127.0.0.1:P1
  site demo-api http://127.0.0.1:P2
  site demo-next http://127.0.0.1:P3
and runs until SIGTERM (exit 0).

  --seed N          content seed (default 1)
  --ads N           live ads at epoch 0 over all sites (default 2000, 250..1000000)
  --ground-truth F  write the ground truth (JSON) to F at start: every ad of every
                    epoch, or (beyond 20,000 ads) the planted ads plus a sample
  --epoch N         start in epoch N (0..9)
  --faults SPEC     initial faults
  --site-ports      fixed ports for the three sites (default: free ports)

Control port: /control/epoch?n=N  /control/faults?spec=SPEC  /control/state
              /control/ground-truth

Fault SPEC: comma-separated site:path-prefix=fault[:arg]; site is a site name
or *, path-prefix a path start or * (all). Longest prefix wins. Faults:
  slow:MS  timeout  status:CODE[:retry-after=S]  redirect-loop  redirect:URL
  truncate  huge:BYTES  gzip-bomb[:BYTES]  malformed-html  invalid-utf8
  wrong-content-type  disallow
e.g. demo-html:/advertentie/=slow:5000,demo-api:*=status:503:retry-after=2
)";

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  uint64_t seed = 1;
  uint64_t ads = 2000;
  std::string ground_truth;
  int epoch = 0;
  std::string faults;
  std::vector<uint16_t> site_ports = {0, 0, 0};
};

bool ParseUint(const std::string& s, uint64_t max, uint64_t* out) {
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > max) return false;
  *out = v;
  return true;
}

bool ParseArgs(int argc, char** argv, Options* o, std::string* err) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    }
    if (i + 1 >= argc) {
      *err = a + ": missing value";
      return false;
    }
    std::string v = argv[++i];
    uint64_t n = 0;
    if (a == "--listen") {
      size_t colon = v.rfind(':');
      if (colon == std::string::npos || !ParseUint(v.substr(colon + 1), 65535, &n)) {
        *err = "--listen " + v + ": expected HOST:PORT";
        return false;
      }
      o->host = v.substr(0, colon);
      o->port = static_cast<uint16_t>(n);
    } else if (a == "--seed" && ParseUint(v, UINT64_MAX / 4, &n)) {
      o->seed = n;
    } else if (a == "--ads" && ParseUint(v, 1'000'000, &n) && n >= 250) {
      o->ads = n;
    } else if (a == "--epoch" && ParseUint(v, kMaxEpoch, &n)) {
      o->epoch = static_cast<int>(n);
    } else if (a == "--ground-truth") {
      o->ground_truth = v;
    } else if (a == "--faults") {
      o->faults = v;
    } else if (a == "--site-ports") {
      std::vector<uint16_t> ports;
      size_t start = 0;
      while (start <= v.size()) {
        size_t comma = std::min(v.find(',', start), v.size());
        if (!ParseUint(v.substr(start, comma - start), 65535, &n)) break;
        ports.push_back(static_cast<uint16_t>(n));
        start = comma + 1;
      }
      if (ports.size() != 3) {
        *err = "--site-ports " + v + ": expected three ports P1,P2,P3";
        return false;
      }
      o->site_ports = ports;
    } else {
      *err = a + " " + v + ": unknown option or bad value (see --help)";
      return false;
    }
  }
  return true;
}

struct State {
  std::unique_ptr<Network> net;
  int epoch = 0;
  std::vector<Fault> faults;
  std::string spec;
  std::vector<std::string> origins;
  std::string ground_truth;
  std::vector<std::shared_ptr<Endpoint>> sites;
};

Response Control(State& st, const Request& req) {
  using Json = nlohmann::json;
  auto json = [](int status, const Json& j) { return MakeResponse(status, kJsonType, j.dump() + "\n", 0); };
  if (req.path == "/control/epoch") {
    uint64_t n = 0;
    auto it = req.query.find("n");
    if (it == req.query.end() || !ParseUint(it->second, kMaxEpoch, &n)) {
      return json(400, {{"error", "n must be an epoch 0.." + std::to_string(kMaxEpoch)}});
    }
    st.epoch = static_cast<int>(n);
    return json(200, {{"epoch", st.epoch}});
  }
  if (req.path == "/control/faults") {
    auto it = req.query.find("spec");
    std::string spec = it == req.query.end() ? "" : it->second;
    std::vector<Fault> faults;
    std::string err;
    if (!ParseFaults(spec, &faults, &err)) return json(400, {{"error", err}});
    st.faults = std::move(faults);
    st.spec = spec;
    return json(200, {{"faults", st.spec}});
  }
  if (req.path == "/control/state") {
    Json sites = Json::object(), requests = Json::object();
    for (int s = 0; s < kSiteCount; ++s) {
      sites[SiteName(s)] = st.origins[static_cast<size_t>(s)];
      requests[SiteName(s)] = st.sites[static_cast<size_t>(s)]->requests;
    }
    return json(200, {{"epoch", st.epoch}, {"max_epoch", kMaxEpoch}, {"seed", st.net->seed()},
                      {"ads", st.net->ads()}, {"faults", st.spec}, {"sites", sites}, {"requests", requests}});
  }
  if (req.path == "/control/ground-truth") return MakeResponse(200, kJsonType, st.ground_truth, 0);
  return json(404, {{"error", "unknown control path"}});
}

int Main(int argc, char** argv) {
  Options opt;
  std::string err;
  if (!ParseArgs(argc, argv, &opt, &err)) {
    std::cerr << "adwatch-demo-sites: " << err << "\n";
    return 2;
  }
  State st;
  st.net = std::make_unique<Network>(opt.seed, opt.ads);
  st.epoch = opt.epoch;
  if (!ParseFaults(opt.faults, &st.faults, &err)) {
    std::cerr << "adwatch-demo-sites: --faults: " << err << "\n";
    return 2;
  }
  st.spec = opt.faults;

  boost::asio::io_context ioc(1);
  uint16_t control_port = 0;
  uint16_t trying = 0;  // for the error message
  try {
    for (int s = 0; s < kSiteCount; ++s) {
      auto ep = std::make_shared<Endpoint>();
      ep->name = SiteName(s);
      ep->handler = [&st, s](const Request& r) { return ServeSite(s, SiteEnv{*st.net, st.epoch, st.origins}, r); };
      ep->fault = [&st, s](const std::string& path) { return FindFault(st.faults, SiteName(s), path); };
      trying = opt.site_ports[static_cast<size_t>(s)];
      uint16_t port = Listen(ioc, opt.host, trying, ep);
      st.origins.push_back("http://" + opt.host + ":" + std::to_string(port));
      st.sites.push_back(ep);
    }
    auto control = std::make_shared<Endpoint>();
    control->name = "control";
    control->handler = [&st](const Request& r) { return Control(st, r); };
    trying = opt.port;
    control_port = Listen(ioc, opt.host, trying, control);
  } catch (const std::exception& e) {
    std::cerr << "adwatch-demo-sites: cannot listen on " << opt.host << ":" << trying << ": " << e.what() << "\n";
    return 1;
  }

  st.ground_truth = GroundTruthJson(*st.net, st.origins);
  if (!opt.ground_truth.empty()) {
    std::ofstream out(opt.ground_truth, std::ios::binary | std::ios::trunc);
    out << st.ground_truth << "\n";
    if (!out.flush()) {
      std::cerr << "adwatch-demo-sites: cannot write " << opt.ground_truth << "\n";
      return 1;
    }
  }

  std::printf("listening on http://%s:%u\n", opt.host.c_str(), static_cast<unsigned>(control_port));
  for (int s = 0; s < kSiteCount; ++s) std::printf("site %s %s\n", SiteName(s), st.origins[static_cast<size_t>(s)].c_str());
  std::fflush(stdout);

  boost::asio::signal_set signals(ioc, SIGTERM, SIGINT);
  signals.async_wait([&ioc](const boost::system::error_code&, int) { ioc.stop(); });
  std::signal(SIGPIPE, SIG_IGN);
  ioc.run();
  return 0;
}

}  // namespace
}  // namespace adwatch::demo

int main(int argc, char** argv) { return adwatch::demo::Main(argc, argv); }
