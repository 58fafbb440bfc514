#include "core/env.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace adwatch {
namespace {

namespace fs = std::filesystem;

Status WriteAll(int fd, const std::string& data, const std::string& name);

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
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return Status::IoError(tmp + ": cannot open for writing: " + std::strerror(errno));
    Status st = WriteAll(fd, data, tmp);
    if (st.ok() && ::fsync(fd) != 0) st = Status::IoError(tmp + ": fsync failed: " + std::strerror(errno));
    if (::close(fd) != 0 && st.ok()) st = Status::IoError(tmp + ": close failed: " + std::strerror(errno));
    if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0)
      st = Status::IoError(path + ": rename failed: " + std::strerror(errno));
    if (!st.ok()) {
      ::unlink(tmp.c_str());
      return st;
    }
    // The rename itself is durable only once the directory is synced.
    std::string dir = fs::path(path).parent_path().string();
    int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return Status::IoError(dir + ": cannot open directory to sync: " + std::strerror(errno));
    int rc = ::fsync(dfd);
    ::close(dfd);
    if (rc != 0) return Status::IoError(dir + ": fsync failed: " + std::strerror(errno));
    return Status::Ok();
  }

  Result<int> RemoveStaleTemporaries(const std::string& dir) override {
    int removed = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
      const std::string name = e.path().filename().string();
      size_t at = name.rfind(".tmp.");
      if (at == std::string::npos || at == 0 || !e.is_regular_file(ec)) continue;
      const std::string pid = name.substr(at + 5);
      if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
      const pid_t p = static_cast<pid_t>(std::stol(pid));
      if (p == ::getpid() || ::kill(p, 0) == 0 || errno != ESRCH) continue;  // its writer may still run
      if (fs::remove(e.path(), ec)) ++removed;
    }
    if (ec && ec != std::errc::no_such_file_or_directory) return Status::IoError(dir + ": " + ec.message());
    return removed;
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

Status WriteAll(int fd, const std::string& data, const std::string& name) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError(name + ": write failed: " + std::strerror(errno));
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

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
