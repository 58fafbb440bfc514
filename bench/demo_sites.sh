#!/usr/bin/env bash
# bench/demo_sites.sh: throughput of the demo ad network (adwatch-demo-sites).
# The server is pinned to one core (taskset), wrk from Debian on the other,
# each site gets a mix of detail and listing pages. Baseline, in the same
# run: what the crawler spends per page, i.e. a Gumbo parse of the same pages
# on one core (demo_parse_bench). The claim to check: serving 10,000 pages
# costs well under what crawling them costs.
# Also runs --ads 1000000 to show that memory stays flat (lazy generation).
# The machine may be shared: besides wall-clock pages/s, the server's CPU time
# (from /proc) gives pages per CPU-second, and the summary compares those.
# Env: BUILD_DIR (default <repo>/build), DURATION (wrk seconds per site, 5),
#      CONNECTIONS (8), ADS (2000).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
duration="${DURATION:-5}"
conns="${CONNECTIONS:-8}"
ads="${ADS:-2000}"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$work/build.log" 2>&1 ||
      { cat "$work/build.log" >&2; exit 1; }
fi
cmake --build "$build" --target adwatch-demo-sites demo_parse_bench -j"$(nproc)" >"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; exit 1; }
bin="$build/tests/demo_sites/adwatch-demo-sites"
parse="$build/tests/demo_sites/demo_parse_bench"

cpus="$(nproc)"
server_cpu=0 client_cpu=$(( cpus > 1 ? 1 : 0 ))

start_server() {  # $1 = ads
  taskset -c "$server_cpu" "$bin" --listen 127.0.0.1:0 --seed 1 --ads "$1" \
      --ground-truth "$work/gt.json" >"$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 1 600); do [ "$(wc -l <"$work/out")" -ge 4 ] && break; sleep 0.1; done
  [ "$(wc -l <"$work/out")" -ge 4 ] || { cat "$work/err" >&2; exit 1; }
  html="$(awk '/^site demo-html/{print $3}' "$work/out")"
  api="$(awk '/^site demo-api/{print $3}' "$work/out")"
  next="$(awk '/^site demo-next/{print $3}' "$work/out")"
}
stop_server() { kill "$pid"; wait "$pid" || true; pid=""; }

# Paths per site: every detail URL of the ground truth plus listing pages.
cat >"$work/rotate.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA

start_server "$ads"
/usr/bin/python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
gt = json.load(open(f"{work}/gt.json"))
for site, listing in (("demo-html", ["/regio/zuid-limburg?page=%d" % p for p in range(1, 20)]),
                      ("demo-api", ["/api/v1/ads?page=%d" % p for p in range(1, 10)]),
                      ("demo-next", ["/ads?page=%d" % p for p in range(1, 20)])):
    origin = gt["sites"][site]
    paths = [a["url"][len(origin):] for a in gt["ads"] if a["site"] == site and 0 in a["epochs"]]
    with open(f"{work}/{site}.paths", "w") as f:
        f.write("\n".join(paths + listing * 3) + "\n")
PY

cpu_ticks() { awk '{print $14 + $15}' /proc/"$pid"/stat; }
hz="$(getconf CLK_TCK)"
total_req=0 total_ticks=0
for site in demo-html demo-api demo-next; do
  case "$site" in demo-html) origin="$html" ;; demo-api) origin="$api" ;; *) origin="$next" ;; esac
  t0="$(cpu_ticks)"
  PATHS_FILE="$work/$site.paths" taskset -c "$client_cpu" wrk -t1 -c"$conns" -d"${duration}s" \
      -s "$work/rotate.lua" "$origin/" >"$work/wrk-$site" 2>&1
  t1="$(cpu_ticks)"
  rps="$(awk '/Requests\/sec/{print $2}' "$work/wrk-$site")"
  reqs="$(awk '/requests in/{print $1}' "$work/wrk-$site")"
  errs="$(awk '/Non-2xx/{print $NF}' "$work/wrk-$site")"
  per_cpu="$(awk -v r="$reqs" -v t=$((t1 - t0)) -v hz="$hz" 'BEGIN{printf "%.0f", t ? r / (t / hz) : 0}')"
  echo "$site: ${rps} pages/s wall, ${per_cpu} pages per CPU-second (${reqs} requests, server CPU $((t1 - t0)) ticks, non-2xx: ${errs:-0})"
  total_req=$(( total_req + reqs )) total_ticks=$(( total_ticks + t1 - t0 ))
done
serve_wall="$(awk -v r="$total_req" -v d="$duration" 'BEGIN{printf "%.0f", r/(3*d)}')"
serve_rps="$(awk -v r="$total_req" -v t="$total_ticks" -v hz="$hz" 'BEGIN{printf "%.0f", r/(t/hz)}')"
rss_small="$(awk '/VmRSS/{print $2}' /proc/"$pid"/status)"

# Baseline: the crawler's Gumbo parse of 200 of the same HTML pages.
mkdir -p "$work/pages"
# A fixed sample of the same mix of detail and listing pages that wrk requested.
shuf -n 100 --random-source=<(yes) "$work/demo-html.paths" | while read -r p; do echo "$html$p"; done >"$work/urls"
shuf -n 100 --random-source=<(yes) "$work/demo-next.paths" | while read -r p; do echo "$next$p"; done >>"$work/urls"
n=0
while read -r u; do n=$((n+1)); curl -s -o "$work/pages/$n.html" "$u"; done <"$work/urls"
stop_server
parse_line="$(taskset -c "$server_cpu" "$parse" 3 "$work"/pages/*.html)"
echo "baseline (crawler's Gumbo parse of the same pages, one core): $parse_line"
parse_rps="$(sed -n 's/.*parse_pages_per_cpu_s=\([0-9]*\).*/\1/p' <<<"$parse_line")"

# Memory stays flat with a million ads.
start_server 1000000
code1="$(curl -s -o /dev/null -w '%{http_code}' "$html/advertentie/1300000")"
code2="$(curl -s -o /dev/null -w '%{http_code}' "$html/regio/zuid-limburg/geleen?page=300")"
rss_big="$(awk '/VmRSS/{print $2}' /proc/"$pid"/status)"
gt_ads="$(/usr/bin/python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); print(len(g["ads"]), g["ads_listed"])' "$work/gt.json")"
stop_server
echo "memory: RSS ${rss_small} kB with --ads $ads, ${rss_big} kB with --ads 1000000 (detail $code1, deep listing $code2; ground truth lists $gt_ads)"

serve_10k="$(awk -v r="$serve_rps" 'BEGIN{printf "%.2f", 10000/r}')"
parse_10k="$(awk -v r="$parse_rps" 'BEGIN{printf "%.2f", 10000/r}')"
ratio="$(awk -v a="$serve_rps" -v b="$parse_rps" 'BEGIN{printf "%.1f", a/b}')"
echo "demo_sites: serves ${serve_rps} pages per CPU-second (${serve_wall}/s wall; 10,000 pages cost ${serve_10k} CPU-s) vs baseline crawler Gumbo parse ${parse_rps} pages per CPU-second (${parse_10k} CPU-s): ${ratio}x the baseline"
