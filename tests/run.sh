#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one command that sets up and runs all tests: installs the Debian packages, builds
# everything (warnings are errors) and runs the whole CTest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
# The pinned FHIR validators (docs/fhir.md#validation), installed again only when the lock changed.
fv=tests/fhir-validate
if ! cmp -s "$fv/package-lock.json" "$fv/node_modules/.consilium-lock" 2>/dev/null; then
    (cd "$fv" && npm ci --no-audit --no-fund) && cp "$fv/package-lock.json" "$fv/node_modules/.consilium-lock"
fi
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCONSILIUM_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
