#!/usr/bin/env bash
# Runs the whole adwatch test suite on a fresh Debian 12 machine (as root):
# installs the dependencies, builds, runs every test (unit and integration,
# with real PostgreSQL, SMTP and HTTP servers on 127.0.0.1), then builds the
# unit tests with AddressSanitizer + UndefinedBehaviorSanitizer and runs them,
# then the daemon end to end under them (crawl, a mail server that hangs,
# SIGTERM), and the crawler's worker-pool test with ThreadSanitizer.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"

if [ "$(id -u)" -eq 0 ]; then
  deploy/install-deps.sh
else
  echo "tests/run.sh: not root, assuming deploy/install-deps.sh has been run"
fi

jobs="$(nproc)"
echo "== build (RelWithDebInfo) =="
cmake --preset default >/dev/null
cmake --build --preset default -j"$jobs"

echo "== all tests =="
ctest --preset default -j"$jobs" --timeout 600

echo "== unit tests under ASan + UBSan =="
cmake --preset asan >/dev/null
cmake --build --preset asan -j"$jobs" --target adwatch_unit_tests
ctest --preset asan -j"$jobs" --timeout 600

echo "== the daemon end to end under ASan + UBSan =="
cmake --build --preset asan -j"$jobs" --target adwatch adwatch-demo-sites
ctest --preset asan-e2e --timeout 300

echo "== crawler worker pool under ThreadSanitizer =="
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j"$jobs" --target crawler_budget_test
ctest --preset tsan -j"$jobs" --timeout 600
