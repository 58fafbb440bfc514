#!/bin/sh
# make_test_pki.sh DIR: a test CA and three server certificates signed by it,
# for TLS tests on 127.0.0.1 (made fresh by each test; never committed):
#   DIR/ca.pem                      the CA to trust
#   DIR/good.pem, good.key          valid now, for IP 127.0.0.1
#   DIR/wronghost.pem, wronghost.key valid now, but for mail.other.example only
#   DIR/expired.pem, expired.key    for 127.0.0.1, expired in 2020
set -eu
dir=$1
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -days 3 -subj /CN=adwatch-test-ca \
  -keyout ca.key -out ca.pem >/dev/null 2>&1
mkdir -p db
: > db/index
cat > ca.cnf <<CNF
[ca]
default_ca = test
[test]
database = db/index
new_certs_dir = db
serial = db/serial
default_md = sha256
policy = any
copy_extensions = none
[any]
commonName = supplied
CNF
leaf() {  # name san [ca date options]
  name=$1; san=$2; shift 2
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" -keyout "$name.key" -out "$name.csr" >/dev/null 2>&1
  printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\n' "$san" > "$name.ext"
  openssl rand -hex 8 > db/serial
  openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in "$name.csr" -out "$name.pem" \
    -extfile "$name.ext" -notext "$@" >/dev/null 2>&1
}
leaf good IP:127.0.0.1 -days 3
leaf wronghost DNS:mail.other.example -days 3
leaf expired IP:127.0.0.1 -startdate 20200101000000Z -enddate 20200102000000Z
