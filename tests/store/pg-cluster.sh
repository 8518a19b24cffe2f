#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A throw-away PostgreSQL cluster for the store suite's _pg tests (issue 13; tests/store/CMakeLists.txt):
#   pg-cluster.sh start DIR   initdb + pg_ctl start in DIR, listening only on a Unix socket in DIR
#   pg-cluster.sh stop DIR    pg_ctl stop -m immediate, then DIR is removed
#   pg-cluster.sh halt DIR    pg_ctl stop -m immediate, DIR kept (the fault test: a server that dies)
#   pg-cluster.sh resume DIR  pg_ctl start on the halted cluster in DIR
# A third argument `durable` (start, resume) keeps fsync and synchronous commits on, as on a real
# server: what was committed survives `halt` (the fault test). Without it they are off (speed).
# As root the cluster runs as the user postgres (initdb refuses root). Missing PostgreSQL
# binaries are an error, never a skip: CI must not pass with the PostgreSQL tests unrun.
set -eu
cmd=${1:?usage: pg-cluster.sh start|stop|halt|resume DIR [durable]}
dir=${2:?usage: pg-cluster.sh start|stop|halt|resume DIR [durable]}
speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${3:-}" = durable ]; then speed=; fi

bindir=
for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then bindir=$d; break; fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir=$(dirname "$(command -v initdb)"); fi
if [ -z "$bindir" ]; then
    echo "pg-cluster.sh: PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package postgresql" >&2
    exit 1
fi

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

serve() {
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir $speed -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
}

case $cmd in
start)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    serve
    echo "pg-cluster.sh: PostgreSQL listening on $dir/.s.PGSQL.5432"
    ;;
halt)
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null
    ;;
resume)
    serve
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "pg-cluster.sh: unknown command $cmd" >&2
    exit 2
    ;;
esac
