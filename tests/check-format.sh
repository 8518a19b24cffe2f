#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when a tracked C++ source differs from .clang-format (CI; Debian 12's clang-format 14).
#   tests/check-format.sh          # check, list the files that differ, exit 1 if any
#   tests/check-format.sh --fix    # reformat them in place (also: cmake --build build --target format)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed (packaging/install-deps.sh --hardening)" >&2; exit 2; }
mapfile -t sources < <(git ls-files '*.cpp' '*.h')
if [[ ${1:-} == --fix ]]; then
    printf '%s\n' "${sources[@]}" | xargs -P "$(nproc)" -n 16 clang-format -i
    exit 0
fi
differ=()
for f in "${sources[@]}"; do
    clang-format "$f" | cmp -s - "$f" || differ+=("$f")
done
if [[ ${#differ[@]} -gt 0 ]]; then
    echo "check-format: ${#differ[@]} file(s) differ from .clang-format ($(clang-format --version | grep -o 'version [0-9.]*')):" >&2
    printf '  %s\n' "${differ[@]}" >&2
    echo "check-format: run tests/check-format.sh --fix (or cmake --build build --target format)" >&2
    exit 1
fi
echo "check-format: ${#sources[@]} files match .clang-format" >&2
