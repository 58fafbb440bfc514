#!/usr/bin/env bash
# The .deb: cpack builds it, dpkg -x unpacks it into a scratch root, the files
# land under the usual paths, and the installed binary accepts the installed
# example config (paths rewritten into the scratch root).
set -euo pipefail
build="$1"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

(cd "$build" && cpack -G DEB -B "$scratch/pkg" >"$scratch/cpack.log" 2>&1) || { cat "$scratch/cpack.log"; exit 1; }
deb="$(ls "$scratch"/pkg/adwatch_*.deb)"
echo "built $(basename "$deb")"
[ "$(dpkg-deb --field "$deb" Package)" = adwatch ] || { echo "not the adwatch package"; exit 1; }
dpkg -x "$deb" "$scratch/root"

fail=0
for f in usr/bin/adwatch lib/systemd/system/adwatch.service etc/adwatch/adwatch.toml \
         usr/share/adwatch/rules/default.toml usr/share/adwatch/gazetteer.tsv \
         usr/share/man/man1/adwatch.1 usr/share/doc/adwatch/README.md; do
  if [ -e "$scratch/root/$f" ]; then echo "ok   /$f"; else echo "MISSING /$f"; fail=1; fi
done
# grep without -q reads all its input: no SIGPIPE for the writer under pipefail.
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep conffiles >/dev/null || { echo "no conffiles"; fail=1; }

# The example config names absolute paths under /usr/share/adwatch; point them into the scratch root.
sed "s#/usr/share/adwatch#$scratch/root/usr/share/adwatch#g" "$scratch/root/etc/adwatch/adwatch.toml" \
  > "$scratch/adwatch.toml"
"$scratch/root/usr/bin/adwatch" --config "$scratch/adwatch.toml" check-config || fail=1
"$scratch/root/usr/bin/adwatch" version || fail=1
exit $fail
