#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one command that sets up and runs all tests: installs the Debian packages, builds
# everything (warnings are errors) and runs the whole CTest suite.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCONSILIUM_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"
