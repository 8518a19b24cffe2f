#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hardening stages run by CI after the normal test suite:
#   1. the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/);
#   2. each libFuzzer target for a bounded time from its seed corpus;
#   3. static analysis (tests/static-analysis.sh on the build-asan/ tree of stage 1);
#   4. formatting (tests/check-format.sh: every tracked source matches .clang-format).
# Any sanitizer report, fuzzer crash or analysis finding fails the run.
#
#   tests/hardening.sh          # everything, in order
#   tests/hardening.sh build    # only the two builds (build-asan/, build-fuzz/)
#   tests/hardening.sh check    # everything after the builds (they must be up to date)
#
# `.ci/run` starts `build` at the lowest CPU priority while the fresh-Debian stage runs (that stage
# leaves the CPU idle while it downloads and installs packages and while its tests wait), then runs
# `check`. In `check`, static analysis runs at the lowest priority beside the sanitizer suite (whose
# tests wait on servers, timers and child processes), and the three fuzzers run side by side.
#
# FUZZ_SECONDS (default 60) is each fuzzer's wall time; the three share the machine's cores, so on
# two cores each gets about 40 s of CPU.
#
# Both builds keep line tables only (-g1): sanitizer and fuzzer reports still name file and line,
# and a file compiles in 11 % less time than with full debug information (-g), to half the size.
set -euo pipefail
cd "$(dirname "$0")/.."
phase=${1:-all}
[[ $phase == all || $phase == build || $phase == check ]] \
    || { echo "usage: tests/hardening.sh [all|build|check]" >&2; exit 64; }
packaging/install-deps.sh --hardening
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-60}
fuzz_targets=(case pack expression)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp
# Qt's own plugins are not instrumented; keep leak reports to our code.
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp

build() {
    echo "== build: ASan/UBSan tree" >&2
    cmake --preset asan -DCONSILIUM_BUILD_GUI="${CONSILIUM_ASAN_GUI:-ON}" >/dev/null
    cmake --build --preset asan -j"$jobs"
    echo "== build: libFuzzer targets" >&2
    CXX=clang++ cmake -S . -B build-fuzz -DCONSILIUM_BUILD_FUZZERS=ON -DCONSILIUM_BUILD_GUI=OFF \
        -DCONSILIUM_BUILD_TESTS=OFF -DCONSILIUM_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" >/dev/null
    cmake --build build-fuzz -j"$jobs" --target "${fuzz_targets[@]/#/fuzz_}"
}

fuzz() {
    echo "== libFuzzer (${#fuzz_targets[@]} targets side by side, ${fuzz_seconds} s each)" >&2
    local target work pids=() failed=0
    for target in "${fuzz_targets[@]}"; do
        work=$(mktemp -d)
        cp -r "tests/fuzz/corpus/$target/." "$work/"
        (
            rc=0
            build-fuzz/tests/fuzz/fuzz_$target -max_total_time="$fuzz_seconds" -max_len=65536 -timeout=10 \
                -print_final_stats=1 "$work" >"$work.log" 2>&1 || rc=$?
            grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY" "$work.log" | sed "s/^/fuzz_$target: /" >&2 || true
            [[ $rc -eq 0 ]] || tail -n 60 "$work.log" >&2
            rm -rf "$work" "$work.log"
            exit "$rc"
        ) &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || failed=1
    done
    [[ $failed -eq 0 ]] || { echo "libFuzzer: a target failed (above)" >&2; exit 1; }
}

check() {
    echo "== ASan/UBSan test suite, static analysis beside it at the lowest priority" >&2
    local analysis_log=build-asan/static-analysis.out
    nice -n 19 tests/static-analysis.sh build-asan >"$analysis_log" 2>&1 &
    local analysis=$!
    local suite=0
    ctest --preset asan -j"$jobs" || suite=$?
    local analysis_rc=0
    wait "$analysis" || analysis_rc=$?
    echo "== static analysis" >&2
    cat "$analysis_log" >&2
    [[ $suite -eq 0 ]] || { echo "ASan/UBSan test suite failed (above)" >&2; exit 1; }
    [[ $analysis_rc -eq 0 ]] || exit 1
    fuzz
    echo "== formatting" >&2
    tests/check-format.sh
}

case $phase in
    build) build ;;
    check) check ;;
    all)
        build
        check
        ;;
esac
