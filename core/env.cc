#include "core/env.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace adwatch {
namespace {

namespace fs = std::filesystem;

class PosixEnv final : public Env {
 public:
  Result<std::string> ReadFile(const std::string& path) const override {
    // Only regular files, and only up to a size no input of ours needs: a
    // FIFO would block for ever and /dev/zero never ends (both were seen as
    // config includes).
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
      if (!S_ISREG(st.st_mode)) return Status::IoError(path + ": not a regular file");
      if (st.st_size > kMaxReadFileBytes)
        return Status::IoError(path + ": larger than " + std::to_string(kMaxReadFileBytes >> 20) + " MiB");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::IoError(path + ": cannot open for reading");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return Status::IoError(path + ": read failed");
    return ss.str();
  }

  Status WriteFileAtomic(const std::string& path, const std::string& data) override {
    std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) return Status::IoError(tmp + ": cannot open for writing");
      out << data;
      out.flush();
      if (!out) return Status::IoError(tmp + ": write failed");
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) return Status::IoError(path + ": rename failed: " + ec.message());
    return Status::Ok();
  }

  Status CreateDirs(const std::string& path) override {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return Status::IoError(path + ": cannot create directory: " + ec.message());
    return Status::Ok();
  }

  bool FileExists(const std::string& path) const override {
    std::error_code ec;
    return fs::exists(path, ec);
  }

  std::vector<std::string> ListDir(const std::string& path) const override {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(path, ec)) out.push_back(e.path().filename().string());
    return out;
  }

  std::optional<std::string> GetEnv(const std::string& name) const override {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
  }

  std::string UserName() const override {
    struct passwd* pw = ::getpwuid(::geteuid());
    if (pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
    return "uid:" + std::to_string(::geteuid());
  }
};

std::string Chomp(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

}  // namespace

Env* Env::Default() {
  static PosixEnv env;
  return &env;
}

Result<std::string> ReadSecret(const Env& env, const std::string& reference) {
  if (reference.rfind("env:", 0) == 0) {
    std::string name = reference.substr(4);
    auto v = env.GetEnv(name);
    if (!v || v->empty()) return Status::NotFound("secret: environment variable " + name + " is not set");
    return *v;
  }
  std::string path = reference;
  if (reference.rfind("file:", 0) == 0) {
    path = reference.substr(5);
  } else if (reference.rfind("credential:", 0) == 0) {
    auto dir = env.GetEnv("CREDENTIALS_DIRECTORY");
    if (!dir) return Status::NotFound("secret: " + reference + " needs $CREDENTIALS_DIRECTORY (systemd LoadCredential)");
    path = *dir + "/" + reference.substr(11);
  }
  auto content = env.ReadFile(path);
  if (!content.ok()) return Status::NotFound("secret file " + path + ": cannot be read");
  std::string s = Chomp(*content);
  if (s.empty()) return Status::InvalidArgument("secret file " + path + ": is empty");
  return s;
}

}  // namespace adwatch
