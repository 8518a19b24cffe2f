#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole-process side-by-side of the summary batch (issue 15) with the speed references of the shared
# bench (its README): cql-execution and json-rules-engine on their 60-criterion workload, and the
# hand-written floor (floor/ref_floor.cpp, which encodes pack 2026.1) and `consilium-cli evaluate
# --batch … --output summary` on the same consilium-case/1 JSONL, generated for pack 2026.1.
# Everything runs in one go, one after the other, in a temporary directory; nothing is written into
# the shared bench. Not run by CI. Usage (from the repository root, after building consilium-cli and
# consilium-gen-jsonl):
#   tests/benchmarks/side-by-side.sh PATH/TO/shared/bench [BUILD_DIR=build] [N=10000]
# Prints, per program, wall and CPU (user + sys) seconds and peak RSS from /usr/bin/time -v, and
# the ratios to the summary batch.
set -eu
bench=$(cd "${1:?usage: $0 SHARED_BENCH [BUILD_DIR] [N]}" && pwd)
build=$(cd "${2:-build}" && pwd)
n=${3:-10000}
repo=$(cd "$(dirname "$0")/../.." && pwd)
pack="$repo/resources/packs/consilium-reference-2026.1.json"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/side-by-side.XXXXXX")
echo "working in $tmp" >&2

# The peers' workload: their own generator (fixed seed), their pinned packages.
mkdir "$tmp/peers"
for f in "$bench"/peers/*.js "$bench"/peers/*.json; do cp "$f" "$tmp/peers/"; done
(cd "$tmp/peers" && npm ci --silent --no-audit --no-fund >/dev/null && node gen.js "$n" >/dev/null)

# The floor and Consilium read the same consilium-case/1 JSONL (pack 2026.1).
g++ -std=c++20 -O2 -o "$tmp/ref_floor" "$bench/floor/ref_floor.cpp"
"$build/tests/benchmarks/consilium-gen-jsonl" "$n" "$pack" > "$tmp/cases.jsonl"

run() { # NAME COMMAND…: one whole-process run, stdout discarded
    name=$1
    shift
    /usr/bin/time -v -o "$tmp/$name.time" "$@" > /dev/null 2> "$tmp/$name.err" || {
        echo "$name failed:" >&2
        cat "$tmp/$name.err" >&2
        exit 1
    }
}
run consilium "$build/app/cli/consilium-cli" evaluate --batch "$tmp/cases.jsonl" --output summary \
    --rules "$pack" --allow-unsigned
run ref_floor "$tmp/ref_floor" "$tmp/cases.jsonl" --dump /dev/null
(cd "$tmp/peers" && run cql node bench.js cql "$n" --reps 1 --warmup 0)
(cd "$tmp/peers" && run jre_2v node bench.js jre "$n" --mode 2v --reps 1 --warmup 0)
(cd "$tmp/peers" && run jre_3v node bench.js jre "$n" --mode 3v --reps 1 --warmup 0)

seconds() { # m:ss.ss or h:mm:ss -> seconds
    echo "$1" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}
field() { grep "$2" "$tmp/$1.time" | sed 's/.*: //'; }
wall_of() { seconds "$(field "$1" 'Elapsed (wall clock)')"; }
cpu_of() { echo "$(field "$1" 'User time') $(field "$1" 'System time')" | awk '{ print $1 + $2 }'; }

cw=$(wall_of consilium)
cc=$(cpu_of consilium)
echo "$n cases, $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-42s %8s %8s %8s %12s %12s\n' program "wall s" "CPU s" "RSS MB" "wall / ours" "CPU / ours"
for name in consilium ref_floor cql jre_2v jre_3v; do
    w=$(wall_of $name)
    c=$(cpu_of $name)
    rss=$(field $name 'Maximum resident set size')
    case $name in
    consilium) label="consilium-cli --batch --output summary" ;;
    ref_floor) label="hand-written floor (ref_floor)" ;;
    cql) label="cql-execution 3v (60 criteria)" ;;
    jre_2v) label="json-rules-engine 2v (60 criteria)" ;;
    jre_3v) label="json-rules-engine 3v (60 criteria)" ;;
    esac
    printf '%-42s %8.2f %8.2f %8.1f %12.2f %12.2f\n' "$label" "$w" "$c" "$(echo "$rss" | awk '{ print $1 / 1024 }')" \
        "$(echo "$w $cw" | awk '{ print $1 / $2 }')" "$(echo "$c $cc" | awk '{ print $1 / $2 }')"
done
echo "(the files stay in $tmp)" >&2
