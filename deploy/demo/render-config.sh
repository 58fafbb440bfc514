#!/usr/bin/env bash
# Renders the demo configuration into OUT_DIR with the demo network's base
# URLs filled in: render-config.sh OUT_DIR HTML_BASE API_BASE NEXT_BASE
# (e.g. http://127.0.0.1:18081). Used by deploy/demo.sh and the tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$1"; html="$2"; api="$3"; next="$4"
mkdir -p "$out/sites" "$out/rules" "$out/mail"
subst() {
  sed -e "s#{{DEMO_HTML}}#$html#g" -e "s#{{DEMO_API}}#$api#g" -e "s#{{DEMO_NEXT}}#$next#g" \
      -e "s#{{GAZETTEER}}#$repo/deploy/gazetteer.tsv#g" "$1"
}
subst "$here/adwatch.toml" > "$out/adwatch.toml"
rm -f "$out"/sites/*.toml "$out"/rules/*.toml
for f in "$here"/sites/*.toml; do [ -e "$f" ] && subst "$f" > "$out/sites/$(basename "$f")"; done
for f in "$repo"/deploy/rules/*.toml; do [ -e "$f" ] && cp "$f" "$out/rules/"; done
if [ ! -s "$out/pseudonym.key" ]; then
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$out/pseudonym.key")
fi
echo "$out/adwatch.toml"
