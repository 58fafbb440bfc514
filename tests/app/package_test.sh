#!/usr/bin/env bash
# The .deb: cpack builds it, dpkg -x unpacks it into a scratch root, the files
# land under the usual paths, and the installed binary accepts the installed
# example config (paths rewritten into the scratch root). Then the README's
# "Install on a host" steps: dpkg -i into a second scratch root (dpkg --root
# with chrootless maintainer scripts, which honour $DPKG_ROOT), the
# credentials and the enabled unit checked, check-config, then dpkg -r (config
# kept, unit disabled) and dpkg -P (everything gone).
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
         usr/share/man/man1/adwatch.1 usr/share/man/man5/adwatch.toml.5 usr/share/doc/adwatch/README.md; do
  if [ -e "$scratch/root/$f" ]; then echo "ok   /$f"; else echo "MISSING /$f"; fail=1; fi
done
# grep without -q reads all its input: no SIGPIPE for the writer under pipefail.
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep conffiles >/dev/null || { echo "no conffiles"; fail=1; }

# The example config names absolute paths under /usr/share/adwatch; point them into the scratch root.
sed "s#/usr/share/adwatch#$scratch/root/usr/share/adwatch#g" "$scratch/root/etc/adwatch/adwatch.toml" \
  > "$scratch/adwatch.toml"
"$scratch/root/usr/bin/adwatch" --config "$scratch/adwatch.toml" check-config || fail=1
"$scratch/root/usr/bin/adwatch" version || fail=1
for s in postinst prerm postrm; do
  dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep "$s" >/dev/null || { echo "no $s"; fail=1; }
done

# README, "Install on a host": dpkg -i, then check-config.
root="$scratch/dpkgroot"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
: > "$root/var/lib/dpkg/status"
dpkg_root() {
  dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root --log=/dev/null "$@"
}
dpkg_root -i "$deb" > "$scratch/dpkg-i.log" 2>&1 || { cat "$scratch/dpkg-i.log"; echo "dpkg -i failed"; exit 1; }
cat "$scratch/dpkg-i.log"
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }
check "installed binary" '[ -x "$root/usr/bin/adwatch" ]'
check "credentials folder 0700" '[ "$(stat -c %a "$root/etc/adwatch/credentials")" = 700 ]'
check "pseudonym key made, 0600, 64 hex digits" \
  '[ "$(stat -c %a "$root/etc/adwatch/credentials/pseudonym-key")" = 600 ] && grep -Eq "^[0-9a-f]{64}$" "$root/etc/adwatch/credentials/pseudonym-key"'
check "local rules folder" '[ -d "$root/etc/adwatch/rules.d" ]'
check "unit enabled for multi-user.target" '[ -L "$root/etc/systemd/system/multi-user.target.wants/adwatch.service" ]'
key_before="$(cat "$root/etc/adwatch/credentials/pseudonym-key")"
# An upgrade (same package again) keeps the key.
dpkg_root -i "$deb" > /dev/null 2>&1 || { echo "reinstall failed"; fail=1; }
check "key kept over an upgrade" '[ "$(cat "$root/etc/adwatch/credentials/pseudonym-key")" = "$key_before" ]'
# README step: the SMTP password as a credential file.
(umask 077; echo "not-a-real-password" > "$root/etc/adwatch/credentials/smtp-password")
sed "s#/usr/share/adwatch#$root/usr/share/adwatch#g; s#/etc/adwatch/rules.d#$root/etc/adwatch/rules.d#g" \
  "$root/etc/adwatch/adwatch.toml" > "$scratch/installed.toml"
CREDENTIALS_DIRECTORY="$root/etc/adwatch/credentials" "$root/usr/bin/adwatch" --config "$scratch/installed.toml" \
  check-config > "$scratch/check.log" 2>&1 || { cat "$scratch/check.log"; echo "FAIL check-config of the installed example"; fail=1; }
# A local rules file disables a shipped rule; check-config reads it.
echo 'disable = ["no.such.rule"]' > "$root/etc/adwatch/rules.d/local.toml"
if "$root/usr/bin/adwatch" --config "$scratch/installed.toml" check-config > "$scratch/check2.log" 2>&1; then
  echo "FAIL rules.d was not read"; fail=1
else
  grep -q "local.toml:1:12: disable names no rule 'no.such.rule'" "$scratch/check2.log" && echo "ok   rules.d read" \
    || { cat "$scratch/check2.log"; fail=1; }
fi

dpkg_root -r adwatch > /dev/null 2>&1 || { echo "dpkg -r failed"; fail=1; }
check "removed: binary gone" '[ ! -e "$root/usr/bin/adwatch" ]'
check "removed: unit disabled" '[ ! -e "$root/etc/systemd/system/multi-user.target.wants/adwatch.service" ]'
check "removed: configuration and key kept" '[ -f "$root/etc/adwatch/adwatch.toml" ] && [ -s "$root/etc/adwatch/credentials/pseudonym-key" ]'
mkdir -p "$root/var/lib/private/adwatch" && echo db > "$root/var/lib/private/adwatch/adwatch.db"
dpkg_root -P adwatch > /dev/null 2>&1 || { echo "dpkg -P failed"; fail=1; }
check "purged: /etc/adwatch gone" '[ ! -e "$root/etc/adwatch" ]'
check "purged: the store gone" '[ ! -e "$root/var/lib/private/adwatch" ]'
check "purged: dpkg forgot it" '! grep -q "^Package: adwatch$" "$root/var/lib/dpkg/status"'
exit $fail
