#!/usr/bin/env bash
# Per-ad matcher benchmark: ads analysed per second per core with the full
# default rules on ~1.5 KB ads, and the cost per ad when the rule count grows
# 10x, each beside baselines measured in the same run (memchr pass, one RE2
# scan, per-pattern matching without RE2::Set). Last line: one-line summary.
#
# A change made for speed must not change any result: bench/analyze_identity.sh
# --save before it, bench/analyze_identity.sh [--demo] after it.
#
# usage: bench/analyze.sh [--ads N] [--seconds S]    (BUILD_DIR overrides the build dir)
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
if [ ! -f "$BUILD_DIR/build.ninja" ] && [ ! -f "$BUILD_DIR/Makefile" ]; then
  cmake -S "$SRC" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" --target adwatch_bench_analyze -j2 >/dev/null
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), single thread"
exec "$BUILD_DIR/bench/analyze/adwatch_bench_analyze" "$@"
