#!/usr/bin/env bash
# Ads ingested per second into each store backend (batched UpsertAds, one
# transaction per batch) next to a plain bulk load of the same rows
# (sqlite3 .import, PostgreSQL COPY via psql \copy). Starts a throwaway
# PostgreSQL (initdb + pg_ctl in a temporary directory, as the tests do).
# Last line: the summary with the ratio to the baseline.
#   BUILD_DIR=/path bench/ingest.sh [--ads N] [--batch B] [--rounds R] [--only sqlite|postgresql] [--store-tables] [--resight] [--warm N]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
if [ ! -f "$BUILD_DIR/build.ninja" ] && [ ! -f "$BUILD_DIR/Makefile" ]; then
  cmake -S "$SRC" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$BUILD_DIR" --target ingest_bench -j2 >/dev/null
exec "$BUILD_DIR/bench/ingest/ingest_bench" "$@"
