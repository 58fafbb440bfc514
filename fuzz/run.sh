#!/bin/sh
# fuzz/run.sh TARGET SECONDS [JOBS]: a libFuzzer run of fuzz_TARGET against its
# corpus (seeds in fuzz/corpus/TARGET, hostile inputs generated, new finds kept
# in build-fuzz/fuzz/found/TARGET). Builds build-fuzz with clang-14 and
# -fsanitize=fuzzer,address,undefined first if needed. Crashes are written as
# build-fuzz/fuzz/crash-* (add them to fuzz/corpus/TARGET once fixed).
set -eu
target=$1; seconds=$2
src=$(cd "$(dirname "$0")/.." && pwd)
bld=$src/build-fuzz
if [ ! -f "$bld/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$src" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DADWATCH_FUZZ=ON -DADWATCH_BUILD_BENCH=OFF -DADWATCH_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only" \
    >/dev/null
fi
# One build at a time: two runs started together must not relink the same library.
flock "$bld/.build-lock" cmake --build "$bld" -j2 --target "fuzz_$target" fuzz_hostile_corpus
found=$bld/fuzz/found/$target
mkdir -p "$found"
cd "$bld/fuzz"
exec "./fuzz_$target" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -max_len=65536 \
  -print_final_stats=1 "$found" "$src/fuzz/corpus/$target" "$bld/fuzz/hostile/$target"
