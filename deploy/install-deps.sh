#!/usr/bin/env bash
# Installs every build, test and run dependency of adwatch from Debian 12 (bookworm).
# Idempotent: packages already present are skipped; prints what it installs.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake pkg-config ninja-build git ca-certificates
  # libraries
  libcurl4-openssl-dev libgumbo-dev libre2-dev libpqxx-dev libpq-dev
  libboost-dev libboost-system-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libphonenumber-dev libprotobuf-dev libicu-dev
  libtomlplusplus-dev libsqlite3-dev nlohmann-json3-dev libsystemd-dev
  libssl-dev zlib1g-dev libsodium-dev libqrencode-dev
  # the review console: charts it serves, and its browser tests
  libjs-chart.js chromium chromium-driver python3-selenium
  # test and benchmark peers: real servers and tools
  sqlite3 postgresql postgresql-contrib curl openssl python3 python3-aiosmtpd python3-scrapy python3-phonenumbers
  wrk systemd dpkg-dev file procps
  # the reverse proxy of the documented single sign-on (deploy/console), run by its test
  nginx
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: run as root (apt-get needs it)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
