#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Hardening stages run by CI after the normal test suite:
#   1. the whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/);
#   2. each libFuzzer target for a bounded time (FUZZ_SECONDS, default 60) from its seed corpus.
#   3. static analysis (tests/static-analysis.sh on the build-asan/ tree of stage 1);
#   4. formatting (tests/check-format.sh: every tracked source matches .clang-format).
# Any sanitizer report, fuzzer crash or analysis finding fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --hardening
jobs=$(nproc)
fuzz_seconds=${FUZZ_SECONDS:-60}

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/ubsan.supp
# Qt's own plugins are not instrumented; keep leak reports to our code.
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp

echo "== ASan/UBSan test suite" >&2
cmake --preset asan -DCONSILIUM_BUILD_GUI=${CONSILIUM_ASAN_GUI:-ON} >/dev/null
cmake --build --preset asan -j"$jobs"
ctest --preset asan -j"$jobs"

echo "== libFuzzer (${fuzz_seconds} s per target)" >&2
CXX=clang++ cmake -S . -B build-fuzz -DCONSILIUM_BUILD_FUZZERS=ON -DCONSILIUM_BUILD_GUI=OFF -DCONSILIUM_BUILD_TESTS=OFF \
    -DCONSILIUM_BUILD_BENCHMARKS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz_case fuzz_pack fuzz_expression
for target in case pack expression; do
    work=$(mktemp -d)
    cp -r "tests/fuzz/corpus/$target/." "$work/"
    echo "-- fuzz_$target" >&2
    build-fuzz/tests/fuzz/fuzz_$target -max_total_time="$fuzz_seconds" -max_len=65536 -timeout=10 \
        -print_final_stats=1 "$work" 2>&1 | grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY" >&2
    rm -rf "$work"
done

echo "== static analysis" >&2
tests/static-analysis.sh build-asan

echo "== formatting" >&2
tests/check-format.sh
