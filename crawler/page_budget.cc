#include "crawler/page_budget.h"

#include <time.h>

namespace adwatch {
namespace {

int64_t ThreadCpuNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

thread_local int64_t t_deadline_ns = 0;  // 0: no budget
thread_local bool t_spent = false;
thread_local unsigned t_calls = 0;

}  // namespace

ScopedCpuBudget::ScopedCpuBudget(Duration limit) : start_ns_(ThreadCpuNs()) {
  t_deadline_ns = start_ns_ + std::chrono::duration_cast<std::chrono::nanoseconds>(limit).count();
  t_spent = false;
  t_calls = 0;
}

ScopedCpuBudget::~ScopedCpuBudget() {
  t_deadline_ns = 0;
  t_spent = false;
}

Duration ScopedCpuBudget::Used() const {
  return std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(ThreadCpuNs() - start_ns_));
}

bool CpuBudgetSpent() {
  if (t_spent) return true;
  if (t_deadline_ns == 0 || (++t_calls & 1023) != 0) return false;
  t_spent = ThreadCpuNs() > t_deadline_ns;
  return t_spent;
}

Status PageBudgetError(const std::string& what, const std::string& url) {
  return Status::Unavailable(std::string(kPageBudgetPrefix) + what + " (" + url + ")");
}

bool IsPageBudgetError(const Status& s) {
  return !s.ok() && s.message().rfind(kPageBudgetPrefix, 0) == 0;
}

}  // namespace adwatch
