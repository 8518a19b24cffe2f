#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the README's run command: app/run.sh must build and start the application, which creates
# its demo database with the example cases and keeps running. Used by CI on a fresh Debian 12
# (tests/fresh-debian.sh). Not interactive: the application is stopped once it is seen running.
set -uo pipefail
cd "$(dirname "$0")/.."
# A first start of its own: fresh data and settings folders, not the user's.
scratch=$(mktemp -d)
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
db=$XDG_DATA_HOME/consilium/consilium.sqlite
examples=$(ls resources/examples/*.json | wc -l)
log=$scratch/run-command.log
setsid app/run.sh >"$log" 2>&1 &
pid=$!
status=1
for _ in $(seq 600); do # up to 10 minutes: run.sh configures and builds first
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "check-run-command: app/run.sh ended early:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    if [[ -s $db ]] && n=$(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM cases" 2>/dev/null) && [[ $n -eq $examples ]]; then
        sleep 3 # still running a moment later: it started, not crashed after creating the database
        if kill -0 "$pid" 2>/dev/null; then
            echo "check-run-command: the application started with a demo database of $n cases" >&2
            status=0
        else
            echo "check-run-command: the application exited after creating its database:" >&2
            tail -n 30 "$log" >&2
        fi
        break
    fi
    sleep 1
done
[[ $status -eq 0 ]] || [[ -n ${n:-} ]] || echo "check-run-command: no demo database at $db after 10 minutes" >&2
kill -TERM -- -"$pid" 2>/dev/null # run.sh, xvfb-run, Xvfb and the application
wait "$pid" 2>/dev/null
rm -rf "$scratch"
exit "$status"
