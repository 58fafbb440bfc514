#!/usr/bin/env bash
# Checks that the matcher's results did not change: the per-ad signals of a
# fixed set of ads (adwatch_analyze_dump: demo network ads and hostile random
# texts), `rules evaluate --json` on the dev corpus and, with --demo, a demo
# pass end to end (crawl, match, alerts: the status and digest recall) are
# compared with a copy saved by `--save` (in $IDENTITY_DIR).
#
# usage: bench/analyze_identity.sh [--save] [--demo]
set -euo pipefail
SRC="$(cd "$(dirname "$0")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$SRC/build}"
DIR="${IDENTITY_DIR:-$SRC/build/identity}"
save=0 demo=0
for a in "$@"; do
  case "$a" in --save) save=1 ;; --demo) demo=1 ;; *) echo "unknown option $a" >&2; exit 2 ;; esac
done
cmake --build "$BUILD_DIR" --target adwatch adwatch_analyze_dump -j2 >/dev/null
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$BUILD_DIR/bench/analyze/adwatch_analyze_dump" > "$out/dump.txt"
(cd "$SRC" && ADWATCH_CONFIG=/nonexistent "$BUILD_DIR/app/adwatch" rules evaluate --corpus tests/corpus/dev --json) \
  > "$out/dev.json"
if [ $demo = 1 ]; then
  cmake --build "$BUILD_DIR" --target adwatch-demo-sites -j2 >/dev/null
  d="$out/demo"; mkdir -p "$d"
  "$BUILD_DIR/tests/demo_sites/adwatch-demo-sites" --listen 127.0.0.1:0 --seed 42 --ads 2000 \
    --ground-truth "$d/ground-truth.json" > "$d/sites.out" 2> "$d/sites.log" &
  pid=$!
  trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$out"' EXIT
  for _ in $(seq 1 100); do grep -q '^site demo-next ' "$d/sites.out" 2>/dev/null && break; sleep 0.1; done
  url_of() { awk -v s="$1" '$1 == "site" && $2 == s { print $3 }' "$d/sites.out"; }
  "$SRC/deploy/demo/render-config.sh" "$d" "$(url_of demo-html)" "$(url_of demo-api)" "$(url_of demo-next)" >/dev/null
  "$BUILD_DIR/app/adwatch" --config "$d/adwatch.toml" run --once 2> "$d/adwatch.log"
  "$BUILD_DIR/app/adwatch" --config "$d/adwatch.toml" alerts list 2>&1 |
    sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z//g; s/^#[0-9]+ *//' | sort > "$out/demo-alerts.txt" || true
  /usr/bin/python3 "$SRC/tests/alerts/digest_recall.py" "$d/mail" "$d/ground-truth.json" > "$out/demo-recall.txt"
fi
if [ $save = 1 ]; then
  mkdir -p "$DIR"
  cp "$out"/*.txt "$out"/*.json "$DIR/"
  echo "identity: saved to $DIR"
  exit 0
fi
rc=0
for f in "$out"/*.txt "$out"/*.json; do
  b="$DIR/$(basename "$f")"
  if cmp -s "$f" "$b"; then echo "identity: $(basename "$f") identical"
  else echo "identity: $(basename "$f") DIFFERS ($(diff "$b" "$f" | grep -c '^[<>]') lines)"; rc=1; fi
done
exit $rc
