#include "app/service_exec.h"

#include <set>
#include <sstream>

#include "core/env.h"

namespace adwatch {
namespace {

// [Service] settings that decide who the command runs as and what it can
// read and write; the hardening and the restart policy stay with the daemon.
const std::set<std::string> kContextKeys = {
    "User", "Group", "DynamicUser", "SupplementaryGroups", "StateDirectory", "StateDirectoryMode",
    "CacheDirectory", "RuntimeDirectory", "LogsDirectory", "ConfigurationDirectory", "WorkingDirectory",
    "LoadCredential", "LoadCredentialEncrypted", "SetCredential", "Environment", "EnvironmentFile", "UMask",
    "ReadWritePaths", "ReadOnlyPaths", "PrivateTmp", "ProtectSystem", "ProtectHome"};

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

std::string ServiceUnitPath() {
  const Env& env = *Env::Default();
  if (auto v = env.GetEnv("ADWATCH_UNIT"); v && !v->empty()) return *v;
  if (env.FileExists("/etc/systemd/system/adwatch.service")) return "/etc/systemd/system/adwatch.service";
  return "/lib/systemd/system/adwatch.service";
}

Result<std::vector<std::string>> ServiceRunArgv(const std::string& unit_text, const std::string& adwatch_path,
                                                const std::string& config_path,
                                                const std::vector<std::string>& args) {
  if (config_path.empty() || config_path[0] != '/')
    return Status::InvalidArgument("--as-service needs an absolute --config path (the service runs elsewhere)");
  std::vector<std::string> props;
  bool in_service = false, seen_service = false, has_user = false, dynamic = false;
  std::istringstream in(unit_text);
  for (std::string line; std::getline(in, line);) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line[0] == '[') {
      in_service = line == "[Service]";
      seen_service |= in_service;
      continue;
    }
    size_t eq = line.find('=');
    if (!in_service || eq == std::string::npos) continue;
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    if (!kContextKeys.count(key)) continue;
    if (key == "User") has_user = true;
    if (key == "DynamicUser") dynamic = value == "yes" || value == "true" || value == "1";
    props.push_back(key + "=" + value);
  }
  if (!seen_service) return Status::InvalidArgument("the unit file has no [Service] section");
  std::vector<std::string> argv = {"systemd-run", "--pipe", "--wait", "--quiet", "--collect",
                                   "--service-type=exec"};
  // A dynamic user is named after its unit unless User= names it: the
  // daemon's is "adwatch", and the command must share it (and its files).
  if (dynamic && !has_user) argv.push_back("--property=User=adwatch");
  for (const auto& p : props) argv.push_back("--property=" + p);
  argv.push_back(adwatch_path);
  argv.push_back("--config");
  argv.push_back(config_path);
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace adwatch
