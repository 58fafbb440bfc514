#!/usr/bin/env bash
# Crawler benchmark: adwatch's crawler (libcurl multi on Asio, Gumbo, SQLite
# store) against Scrapy (Debian's python3-scrapy, lxml/parsel) crawling the
# same demo-html site of the demo ad network with equivalent extraction,
# politeness off (32 requests in flight each), in the same run.
# Reports pages/s, CPU seconds per 1,000 pages and peak RSS of each crawler
# process (from /usr/bin/time), then adwatch crawling all three demo sites
# into one store to show peak RSS with ADS ads known.
# Targets: >= 3x Scrapy's pages/s, <= 1/5 of its CPU per page, RSS < 100 MB
# with 100,000 ads known. The demo server runs on the same 2-core machine
# and caps pages/s for both; CPU per page is the fairer figure.
# Env: BUILD_DIR (default <repo>/build), COMPARE_ADS (network of the comparison, default
# 6000: ~2,000 ads on demo-html), ADS (network of the RSS run, default 100000).
# Last line: one-line summary with the ratios to Scrapy.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
ads="${ADS:-100000}"
compare_ads="${COMPARE_ADS:-6000}"
py=/usr/bin/python3
$py -c 'import scrapy' 2>/dev/null || { echo "Scrapy not found: apt-get install python3-scrapy" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found: apt-get install time" >&2; exit 1; }

work="$(mktemp -d)"; [ -n "${KEEP_WORK:-}" ] && echo "work dir: $work"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$work/build.log" 2>&1 ||
      { cat "$work/build.log" >&2; exit 1; }
fi
cmake --build "$build" --target adwatch-demo-sites adwatch_bench_crawl -j2 >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }

pids=()
start_demo() {  # name ads: starts a demo network, renders its config into $work/<name>/cfg
  local name="$1" n="$2"
  mkdir -p "$work/$name"
  "$build/tests/demo_sites/adwatch-demo-sites" --listen 127.0.0.1:0 --seed 1 --ads "$n" \
      --ground-truth "$work/$name/gt.json" >"$work/$name/demo.out" 2>"$work/$name/demo.err" &
  pids+=($!)
  for _ in $(seq 1 100); do [ "$(grep -c '^site ' "$work/$name/demo.out" 2>/dev/null)" = 3 ] && break; sleep 0.1; done
  local h a x
  h=$(awk '$2=="demo-html"{print $3}' "$work/$name/demo.out")
  a=$(awk '$2=="demo-api"{print $3}' "$work/$name/demo.out")
  x=$(awk '$2=="demo-next"{print $3}' "$work/$name/demo.out")
  [ -n "$h" ] || { echo "demo network did not start" >&2; cat "$work/$name/demo.err" >&2; exit 1; }
  "$repo/deploy/demo/render-config.sh" "$work/$name/cfg" "$h" "$a" "$x" >/dev/null
  # Politeness off on both sides: 32 in flight, no delay.
  sed -i -e 's/^max_in_flight = .*/max_in_flight = 32/' -e 's/^per_host_in_flight = .*/per_host_in_flight = 32/' \
      "$work/$name/cfg/adwatch.toml"
  sed -i 's/^recrawl_interval = .*/&\nmax_pages_per_cycle = 10000000/' "$work/$name/cfg/sites/"*.toml
  echo "$h" >"$work/$name/html"
}
start_demo cmp "$compare_ads"
start_demo big "$ads"
html=$(cat "$work/cmp/html")

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores (shared with the demo server)"
echo "comparison: demo-html of a $compare_ads-ad network; RSS run: all 3 sites of a $ads-ad network"

run_timed() {  # name, then the command; writes $work/<name>.time as "wall user sys maxrss_kb"
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@"
}

run_timed adwatch "$build/bench/crawl/adwatch_bench_crawl" "$work/cmp/cfg/adwatch.toml" "$work/a.db" demo-html \
    >"$work/adwatch.json" 2>"$work/adwatch.err" || { cat "$work/adwatch.err" >&2; exit 1; }
(cd "$work" && run_timed scrapy $py -m scrapy runspider "$repo/bench/crawl/demo_html_spider.py" \
    -a base="$html" -a stats="$work/scrapy.json" -o "$work/scrapy.jl" >"$work/scrapy.out" 2>&1) ||
    { tail -20 "$work/scrapy.out" >&2; exit 1; }
run_timed all "$build/bench/crawl/adwatch_bench_crawl" "$work/big/cfg/adwatch.toml" "$work/all.db" \
    >"$work/all.json" 2>"$work/all.err" || { cat "$work/all.err" >&2; exit 1; }

$py - "$work" <<'PY'
import json, sys
w = sys.argv[1]
def timed(name):
    wall, user, sys_, rss = open(f"{w}/{name}.time").read().split()[-4:]
    return float(wall), float(user) + float(sys_), int(rss) / 1024.0
a = json.load(open(f"{w}/adwatch.json")); s = json.load(open(f"{w}/scrapy.json")); al = json.load(open(f"{w}/all.json"))
items = sum(1 for _ in open(f"{w}/scrapy.jl"))
aw, ac, ar = timed("adwatch"); sw, sc, sr = timed("scrapy"); lw, lc, lr = timed("all")
ap, sp = a["pages"], s["pages"]
a_rate, s_rate = ap / aw, sp / sw
a_cpu, s_cpu = ac / ap * 1000, sc / sp * 1000
print(f"{'':10} {'pages':>8} {'ads':>8} {'wall s':>8} {'pages/s':>9} {'CPU s/1k pages':>15} {'peak RSS MB':>12}")
print(f"{'adwatch':10} {ap:8d} {a['ads_known']:8d} {aw:8.1f} {a_rate:9.0f} {a_cpu:15.2f} {ar:12.1f}")
print(f"{'scrapy':10} {sp:8d} {items:8d} {sw:8.1f} {s_rate:9.0f} {s_cpu:15.2f} {sr:12.1f}")
print(f"adwatch, all 3 sites: {al['pages']} pages, {al['ads_known']} ads known, {lw:.1f} s, "
      f"{al['pages']/lw:.0f} pages/s, {lc/al['pages']*1000:.2f} CPU s/1k pages, peak RSS {lr:.1f} MB, errors {al['errors']}")
print(f"crawl_vs_scrapy: adwatch {a_rate:.0f} pages/s vs Scrapy {s_rate:.0f} ({a_rate/s_rate:.1f}x, target >= 3x); "
      f"CPU/1k pages {a_cpu:.2f} s vs {s_cpu:.2f} s ({a_cpu/s_cpu:.2f} of Scrapy's, target <= 0.20); "
      f"peak RSS {lr:.0f} MB with {al['ads_known']} ads known (target < 100 MB)")
PY
