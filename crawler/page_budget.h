// Budgets for the work on one fetched page. Pages are written by the people
// adwatch watches: parsing and extraction must cost a bounded amount of
// memory and CPU whatever the page holds.
//
// - Size, nesting depth and element count are checked by one linear scan
//   before any parser sees the page (ParsePage in crawler/extract.h).
// - CPU time is a per-thread budget: a ScopedCpuBudget on the worker thread
//   sets it; the tree walks (text collection, selector matching) call
//   CpuBudgetSpent() as they go and stop early once it is spent, and the
//   caller then discards the page. Gumbo itself cannot be interrupted; the
//   size, depth and element caps bound what it is given.
// A page over any budget fails with the error class "page-budget" (crawl.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/status.h"

namespace adwatch {

struct PageLimits {
  int64_t max_bytes = 8 << 20;         // decoded body given to the parser
  int max_depth = 1000;                // HTML element nesting (JSON: kMaxJsonDepth)
  int64_t max_elements = 100000;       // HTML start tags
  Duration max_cpu = std::chrono::seconds(2);  // parse + extraction, thread CPU time
};

// Sets the calling thread's CPU budget for its lifetime (not nestable).
class ScopedCpuBudget {
 public:
  explicit ScopedCpuBudget(Duration limit);
  ~ScopedCpuBudget();
  ScopedCpuBudget(const ScopedCpuBudget&) = delete;
  ScopedCpuBudget& operator=(const ScopedCpuBudget&) = delete;
  // CPU time this thread used since the budget was set.
  Duration Used() const;

 private:
  int64_t start_ns_;
};

// True once the calling thread's budget is spent (always false without a
// ScopedCpuBudget). Cheap: reads the clock every 1024 calls.
bool CpuBudgetSpent();

// Errors of budget checks start with this; IsPageBudgetError tells them apart
// from pages that are merely malformed.
inline constexpr const char* kPageBudgetPrefix = "page budget: ";
Status PageBudgetError(const std::string& what, const std::string& url);
bool IsPageBudgetError(const Status& s);

}  // namespace adwatch
