#!/usr/bin/env bash
# The .deb: cpack builds it, dpkg -x unpacks it into a scratch root, the files
# land under the usual paths, and the installed binary accepts the installed
# example config (paths rewritten into the scratch root). Then the README's
# "Install on a host" steps, one by one: 1. dpkg -i into a second scratch
# root (dpkg --root with chrootless maintainer scripts, which honour
# $DPKG_ROOT): every file and folder step 1 names, the credentials, the unit
# enabled and not started, the example configuration with one site; 2. the
# SMTP password; 3. the example site tried with `site test --html`; 4.
# check-config (a credential warning outside the service, clean with the
# credentials as the service gets them); 5. dpkg -r (config kept, unit
# disabled) and dpkg -P (everything gone).
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
check_log() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; cat "$3"; fail=1; fi; }
# Step 1: what the README says dpkg -i installs and creates.
check "installed binary" '[ -x "$root/usr/bin/adwatch" ]'
for f in lib/systemd/system/adwatch.service etc/adwatch/adwatch.toml usr/share/adwatch/rules/default.toml \
         usr/share/adwatch/gazetteer.tsv usr/share/man/man1/adwatch.1 usr/share/man/man5/adwatch.toml.5; do
  check "step 1: /$f" '[ -s "$root/$f" ]'
done
check "step 1: the example configuration is a conffile" 'grep -q "^ /etc/adwatch/adwatch.toml " "$root/var/lib/dpkg/status"'
check "step 1: the example configuration has one example site" '[ "$(grep -c "^\[\[site\]\]" "$root/etc/adwatch/adwatch.toml")" = 1 ]'
check "step 1: empty sites folder" '[ -d "$root/etc/adwatch/sites" ] && [ -z "$(ls -A "$root/etc/adwatch/sites")" ]'
check "step 1: empty local rules folder" '[ -z "$(ls -A "$root/etc/adwatch/rules.d")" ]'
check "step 1: not started, the administrator is told what to do" \
  'grep -q "edit /etc/adwatch/adwatch.toml, check it with .adwatch check-config., then .systemctl start adwatch." "$scratch/dpkg-i.log"'
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
# Step 3: the example site tried offline on a saved ad page in the markup its selectors expect.
cat > "$scratch/ad.html" <<'HTML'
<html><head><link rel="canonical" href="https://advertenties.example/ad/4711"></head><body>
<article class="ad-detail" data-ad-id="4711"><h1 class="ad-title">Nieuw in Heerlen</h1>
<div class="ad-description">Lieve dame, 24 jaar, ontvangt in Heerlen. Bel 06 12 34 56 78.</div>
<dl><dd class="ad-name">Mila</dd><dd class="ad-age">24</dd><dd class="ad-city">Heerlen</dd>
<dd class="ad-phone">06 12 34 56 78</dd></dl>
<table class="ad-prices"><tr><td>1 uur</td><td>150</td></tr></table>
<time class="ad-posted" datetime="2026-11-30T10:00:00Z">30 nov</time>
<div class="ad-photos"><img src="/img/1.jpg"></div></article></body></html>
HTML
"$root/usr/bin/adwatch" --config "$scratch/installed.toml" site test voorbeeld --html "$scratch/ad.html" \
  > "$scratch/site.log" 2>&1 || true
check_log "step 3: site test of the example site reads the saved ad" \
  'grep -Eq "^  title +Nieuw in Heerlen" "$scratch/site.log" && grep -Eq "^  phones +\+31612345678" "$scratch/site.log"' \
  "$scratch/site.log"
# Step 4: check-config. In the administrator's shell the credentials are out of reach: a warning, exit 0.
"$root/usr/bin/adwatch" --config "$scratch/installed.toml" check-config > "$scratch/check0.log" 2>&1 \
  || { cat "$scratch/check0.log"; echo "FAIL check-config outside the service"; fail=1; }
check_log "step 4: outside the service a credential is a warning naming --as-service" \
  'grep -q "warning: .*credential:pseudonym-key.*--as-service check-config" "$scratch/check0.log"' "$scratch/check0.log"
# With the credentials as the service gets them ($CREDENTIALS_DIRECTORY; --as-service on a real host).
CREDENTIALS_DIRECTORY="$root/etc/adwatch/credentials" "$root/usr/bin/adwatch" --config "$scratch/installed.toml" \
  check-config > "$scratch/check.log" 2>&1 || { cat "$scratch/check.log"; echo "FAIL check-config of the installed example"; fail=1; }
check_log "step 4: no warning left about the credentials" '! grep -q "credential" "$scratch/check.log"' "$scratch/check.log"
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
