#!/usr/bin/env bash
# The main job on embedded defaults: starts the bundled demo ad network on
# loopback, runs adwatch once end to end (crawl every site, match, link ads
# into entities, raise alerts, write the digests as .eml files) and prints
# where to look. Everything goes under ./demo-out/ in the current directory.
# DEMO_SEED picks the demo network's content (default 42; every seed plants
# other wordings, languages and towns), DEMO_ADS its size (default 2000).
# tests/app/demo_e2e_test.py runs the same pass over ten seeds.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$PWD/demo-out"
build="${BUILD_DIR:-$repo/build}"
seed="${DEMO_SEED:-42}"
ads="${DEMO_ADS:-2000}"

if [ "$(id -u)" -eq 0 ]; then
  "$repo/deploy/install-deps.sh"
else
  echo "demo: not root, assuming deploy/install-deps.sh has been run"
fi

echo "demo: building adwatch and the demo ad network"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target adwatch adwatch-demo-sites -j"$(nproc)"
adwatch="$build/app/adwatch"
sites_bin="$build/tests/demo_sites/adwatch-demo-sites"

rm -rf "$out"
mkdir -p "$out"

echo "demo: starting the demo ad network on 127.0.0.1 (seed $seed, $ads ads)"
"$sites_bin" --listen 127.0.0.1:0 --seed "$seed" --ads "$ads" --ground-truth "$out/ground-truth.json" \
  > "$out/demo-sites.out" 2> "$out/demo-sites.log" &
sites_pid=$!
trap 'kill -TERM $sites_pid 2>/dev/null; wait $sites_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^site demo-next ' "$out/demo-sites.out" 2>/dev/null && break
  kill -0 $sites_pid 2>/dev/null || { cat "$out/demo-sites.log" >&2; exit 1; }
  sleep 0.1
done
url_of() { awk -v s="$1" '$1 == "site" && $2 == s { print $3 }' "$out/demo-sites.out"; }
html="$(url_of demo-html)"; api="$(url_of demo-api)"; next="$(url_of demo-next)"
[ -n "$html" ] && [ -n "$api" ] && [ -n "$next" ] || { echo "demo: the demo network did not start" >&2; exit 1; }
echo "demo: $(head -n1 "$out/demo-sites.out")"

"$repo/deploy/demo/render-config.sh" "$out" "$html" "$api" "$next" >/dev/null
"$adwatch" --config "$out/adwatch.toml" check-config

echo "demo: one full pass: crawl, match, entities, alerts, digests (log: demo-out/adwatch.log)"
start=$(date +%s)
"$adwatch" --config "$out/adwatch.toml" run --once 2> "$out/adwatch.log" || {
  echo "demo: adwatch run failed; the end of demo-out/adwatch.log:" >&2
  tail -n 20 "$out/adwatch.log" >&2
  exit 1
}
echo "demo: done in $(( $(date +%s) - start )) s"
echo
"$adwatch" --config "$out/adwatch.toml" status | tee "$out/summary.txt"
echo
echo "demo: the digests against the demo network's ground truth:"
/usr/bin/python3 "$repo/tests/alerts/digest_recall.py" "$out/mail" "$out/ground-truth.json" | tee -a "$out/summary.txt"

echo "demo: the review console with two demo coordinators (Maastricht and Heerlen)"
demo_password="demo-wachtwoord-$seed"
for user in "coordinator-maastricht Maastricht" "coordinator-heerlen Heerlen"; do
  set -- $user
  echo "$demo_password" | "$adwatch" --config "$out/adwatch.toml" users add "$1" --role coordinator \
    --municipalities "$2" >/dev/null
done
"$adwatch" --config "$out/adwatch.toml" console --listen 127.0.0.1:8470 > "$out/console.out" 2> "$out/console.log" &
console_pid=$!
trap 'kill -TERM $sites_pid $console_pid 2>/dev/null; wait $sites_pid $console_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q '^console: ' "$out/console.out" 2>/dev/null && break; sleep 0.1; done
console_url="$(awk '/^console: / { print $2 }' "$out/console.out")"

cat <<TEXT

Results (all under $out):
  adwatch.toml        the configuration used (sites in sites/, rules in rules/)
  adwatch.db          the SQLite store: ads, versions, signals, entities, alerts, audit log
  mail/*.eml          the digests, one per recipient ($(ls "$out/mail" 2>/dev/null | wc -l) files)
  ground-truth.json   what the demo network planted, to compare with the digests
  adwatch.log         the log
  summary.txt         the status and the recall figures above
Try:
  $adwatch --config $out/adwatch.toml alerts list
  $adwatch --config $out/adwatch.toml status

The review console: ${console_url:-(did not start, see demo-out/console.log)}
  coordinator of Maastricht: coordinator-maastricht / $demo_password
  coordinator of Heerlen:    coordinator-heerlen / $demo_password
  (each sees only the signals of their own municipality)
TEXT
if [ -n "${console_url:-}" ] && [ -t 0 ]; then
  echo "demo: the console and the demo network keep running; press Enter to stop them"
  read -r _
fi
