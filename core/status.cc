#include "core/status.h"

#include <cstdio>
#include <cstdlib>

namespace adwatch {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kNotFound: name = "not found"; break;
    case Code::kIoError: name = "I/O error"; break;
    case Code::kNetwork: name = "network error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kUnavailable: name = "unavailable"; break;
    case Code::kFailedPrecondition: name = "failed precondition"; break;
    case Code::kInternal: name = "internal error"; break;
  }
  return std::string(name) + ": " + message_;
}

namespace internal {

void DieOnBadResultAccess(const Status& status) {
  std::fprintf(stderr, "adwatch: bug: the value of a failed Result was read (%s)\n", status.ToString().c_str());
  std::abort();
}

}  // namespace internal
}  // namespace adwatch
