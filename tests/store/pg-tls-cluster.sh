#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away PostgreSQL cluster that speaks TLS on 127.0.0.1, for tst_store_tls_pg (issue 13;
# docs/store.md#postgresql, "TLS"; tests/store/CMakeLists.txt):
#   pg-tls-cluster.sh start DIR   certificates made with openssl, initdb, pg_ctl start with ssl=on
#   pg-tls-cluster.sh stop DIR    pg_ctl stop -m immediate, then DIR is removed
# At start, DIR receives:
#   ca.crt         the self-signed CA that signed the server's certificate (PGSSLROOTCERT)
#   other-ca.crt   a second CA that signed nothing (a client that trusts only it must refuse)
#   port           the TCP port the server listens on (127.0.0.1 only; a free one is picked)
# The server's certificate names only the address 127.0.0.1 (subjectAltName IP), so a client
# that connects to "localhost" with sslmode=verify-full must refuse it (wrong host name).
# pg_hba.conf admits TLS connections only (hostssl); the Unix socket in DIR is for nobody else.
# Missing PostgreSQL binaries or openssl are an error, never a skip.
set -eu
cmd=${1:?usage: pg-tls-cluster.sh start|stop DIR}
dir=${2:?usage: pg-tls-cluster.sh start|stop DIR}

bindir=
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)"); fi
if [ -z "$bindir" ]; then
    echo "pg-tls-cluster.sh: PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package postgresql" >&2
    exit 1
fi
if ! command -v openssl >/dev/null 2>&1; then
    echo "pg-tls-cluster.sh: openssl not found: install the Debian package openssl" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
}

# A CA (name $1) and, when $2 is given, a server certificate it signs for the address $2.
make_ca() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$1" \
        -keyout "$dir/$1.key" -out "$dir/$1.crt" 2>"$dir/openssl.log"
}

make_certificates() {
    make_ca ca
    make_ca other-ca
    openssl req -new -newkey rsa:2048 -nodes -subj "/CN=consilium-test-server" \
        -keyout "$dir/data/server.key" -out "$dir/server.csr" 2>>"$dir/openssl.log"
    printf 'subjectAltName = IP:127.0.0.1\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/data/server.crt" 2>>"$dir/openssl.log"
    chmod 600 "$dir/data/server.key"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir/data/server.key" "$dir/data/server.crt"; fi
}

# A port nobody listens on (the server's own start is the final check: a taken port fails it).
free_port() {
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
        if ! (ss -Htln 2>/dev/null || true) | grep -q ":$p "; then echo "$p"; return 0; fi
    done
    echo 55432
}

case $cmd in
start)
    stop
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    make_certificates || { cat "$dir/openssl.log" >&2; exit 1; }
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n' >"$dir/data/pg_hba.conf"
    started=
    for _ in 1 2 3; do
        port=$(free_port)
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c ssl=on -c fsync=off" start >/dev/null; then
            started=1
            break
        fi
    done
    if [ -z "$started" ]; then cat "$dir/server.log" >&2; exit 1; fi
    echo "$port" >"$dir/port"
    echo "pg-tls-cluster.sh: PostgreSQL with TLS on 127.0.0.1:$port"
    ;;
stop)
    stop
    ;;
*)
    echo "pg-tls-cluster.sh: unknown command $cmd" >&2
    exit 2
    ;;
esac
