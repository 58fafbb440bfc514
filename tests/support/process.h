// Small helpers the tests share for real servers and child processes.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace adwatch::testing {

// A TCP port on 127.0.0.1 that was free a moment ago (bind to 0, read it back).
int FreeLoopbackPort();

// A child started with its stdout on a pipe; pid -1 if it could not start.
struct SpawnedChild {
  pid_t pid = -1;
  int stdout_fd = -1;  // read end; the caller closes it
};

// Runs argv[0] (a path) with argv; exit code 127 if exec fails.
SpawnedChild SpawnWithStdoutPipe(const std::vector<std::string>& argv);

}  // namespace adwatch::testing
