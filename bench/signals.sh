#!/usr/bin/env bash
# bench/signals.sh: cost of the cross-ad signals (matcher II).
#  1. incremental update cost per ad (1000 new + 1000 changed ads) after the
#     index holds 10,000 / 100,000 / 1,000,000 ads: should stay flat;
#  2. full entity rebuild of 1,000,000 ads: time and peak RSS
#     (targets: under 30 s, under 2 GB);
#  3. template links (candidates from MinHash/LSH bands and rare sentences,
#     then verified) beside the baseline, the same test on all pairs, on the
#     same sample in this run (default settings).
# Wall times on a shared machine overstate the cost: CPU times are printed too.
# Env: BUILD_DIR (default <repo>/build), SIZES ("10000 100000 1000000"),
#      REBUILD_N (1000000), TEMPLATE_N (10000), DEMO_N (3000: demo network ads,
#      composed from stock sentences like real ads; skipped without the tests).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
sizes="${SIZES:-10000 100000 1000000}"
rebuild_n="${REBUILD_N:-1000000}"
template_n="${TEMPLATE_N:-10000}"
demo_n="${DEMO_N:-3000}"

if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target signals_bench -j"$(nproc)" >/dev/null
bin="$build/bench/signals/signals_bench"

echo "== incremental update cost as the corpus grows =="
first_cpu="" last_cpu="" last_n=""
for n in $sizes; do
  line="$("$bin" incremental "$n")"
  echo "$line"
  cpu="$(sed -n 's/.*update_cpu_us_per_ad=\([0-9.]*\).*/\1/p' <<<"$line")"
  [ -z "$first_cpu" ] && first_cpu="$cpu" first_n="$n"
  last_cpu="$cpu" last_n="$n"
done

echo "== full rebuild of $rebuild_n ads =="
tv="$(mktemp)"
line="$(/usr/bin/time -v "$bin" rebuild "$rebuild_n" 2>"$tv")"
echo "$line"
max_kb="$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$tv")"
rm -f "$tv"
echo "peak RSS per /usr/bin/time: $((max_kb / 1024)) MB"
rb_s="$(sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' <<<"$line")"
rb_cpu="$(sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p' <<<"$line")"

echo "== template clustering: LSH vs all-pairs baseline on $template_n ads =="
line="$("$bin" templates "$template_n")"
echo "$line"
speedup="$(sed -n 's/.*speedup=\([0-9.]*\).*/\1/p' <<<"$line")"
recall="$(sed -n 's/.*recall=\([0-9.]*\).*/\1/p' <<<"$line")"

demo_note=""
if lines="$("$bin" templates-demo "$demo_n" 2>/dev/null)"; then
  echo "$lines"
  d="$lines"
  demo_note="; demo network: x$(sed -n 's/.*speedup=\([0-9.]*\).*/\1/p' <<<"$d"), recall $(sed -n 's/.*recall=\([0-9.]*\).*/\1/p' <<<"$d")"
else
  echo "(demo network corpus skipped: signals_bench built without the demo generator)"
fi

growth="$(awk -v a="$first_cpu" -v b="$last_cpu" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')"
gb="$(awk -v k="$max_kb" 'BEGIN { printf "%.2f", k / 1048576 }')"
echo "summary: update ${first_cpu} us/ad CPU at ${first_n} ads -> ${last_cpu} us/ad at ${last_n} (x${growth}); rebuild ${rebuild_n} ads ${rb_s} s wall / ${rb_cpu} s CPU, ${gb} GB peak (targets 30 s, 2 GB); templates LSH x${speedup} faster than all-pairs baseline, recall ${recall}${demo_note}"
