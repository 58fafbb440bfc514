// Env: the file system, environment variables and the identity of the user,
// behind one injectable interface (after leveldb's Env), so that code which
// reads secrets, writes digests or records "who did this" can be tested
// without touching the real machine.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace adwatch {

// Far above any configuration, rule file or corpus file adwatch reads.
constexpr int64_t kMaxReadFileBytes = int64_t{64} << 20;

class Env {
 public:
  virtual ~Env() = default;

  // The whole file. The default Env reads regular files only, of at most
  // kMaxReadFileBytes: anything else is an IoError naming the path.
  virtual Result<std::string> ReadFile(const std::string& path) const = 0;
  // Writes via a temporary file and rename, so readers never see half a file.
  // The default Env writes PATH.tmp.PID (mode 0600), fsyncs it, renames it and
  // fsyncs the directory: after OK the file survives a power cut.
  virtual Status WriteFileAtomic(const std::string& path, const std::string& data) = 0;
  // Removes temporaries that WriteFileAtomic left in `dir` when a process died
  // between write and rename (NAME.tmp.PID whose PID no longer runs); returns
  // how many. Others' live temporaries are left alone.
  virtual Result<int> RemoveStaleTemporaries(const std::string& dir) { (void)dir; return 0; }
  virtual Status CreateDirs(const std::string& path) = 0;
  virtual bool FileExists(const std::string& path) const = 0;
  virtual std::vector<std::string> ListDir(const std::string& path) const = 0;
  virtual std::optional<std::string> GetEnv(const std::string& name) const = 0;
  // The OS user running adwatch, recorded in the audit log.
  virtual std::string UserName() const = 0;

  // The real machine.
  static Env* Default();
};

// Reads a secret named by config: "env:NAME" reads environment variable NAME,
// "file:/path" (or a bare path) reads a file (e.g. a systemd credential under
// $CREDENTIALS_DIRECTORY), trailing newline removed. "credential:NAME" reads
// $CREDENTIALS_DIRECTORY/NAME. The secret itself never appears in an error.
Result<std::string> ReadSecret(const Env& env, const std::string& reference);

}  // namespace adwatch
