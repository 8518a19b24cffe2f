#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Static analysis with zero findings allowed in our code (issue 6):
#   clang-tidy (curated checks in .clang-tidy), clazy (Qt-specific), cppcheck.
# Argument: a configured build directory with compile_commands.json (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
jobs=$(nproc)
# Our production sources: the engine, store, trust store, CLI, UI and GUI (tests excluded).
mapfile -t sources < <(git ls-files 'core/*.cpp' 'app/*.cpp' 'ui/*.cpp' | grep -v '^tests/')

# clang-tidy and clazy analyse the sources in batches of files compiled alike, one translation unit
# each, so that the Qt and standard headers are walked once per batch instead of once per file
# (tests/tools/analysis_batches.py: 2 min instead of 12 for clang-tidy on two cores; a batch that
# does not compile together is analysed file by file).
echo "== clang-tidy (${#sources[@]} files)" >&2
if ! python3 tests/tools/analysis_batches.py clang-tidy "$build" "$jobs" "${sources[@]}" >"$build/clang-tidy.log"; then
    cat "$build/clang-tidy.log"
    echo "clang-tidy: findings above" >&2
    exit 1
fi

echo "== clazy" >&2
export CLAZY_CHECKS="level0,level1,no-non-pod-global-static,no-qstring-allocations"
export CLAZY_IGNORE_DIRS="(/usr/.*|.*_autogen.*|.*/build.*)"
if ! python3 tests/tools/analysis_batches.py clazy "$build" "$jobs" "${sources[@]}" >"$build/clazy.log"; then
    cat "$build/clazy.log"
    echo "clazy: findings above" >&2
    exit 1
fi

echo "== cppcheck" >&2
cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability --inline-suppr --std=c++20 \
    --suppress=missingIncludeSystem --suppress=unknownMacro --suppress='*:/usr/*' \
    -j "$jobs" -I core "${sources[@]}"
echo "static analysis: no findings" >&2
