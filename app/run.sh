#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The one command that sets up and runs Consilium: installs the Debian packages, builds the
# application and starts it. On first start it creates a demo database with the example cases.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)" --target consilium consilium-cli
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run.sh: no display found; starting under a virtual X server (xvfb-run)." >&2
    exec xvfb-run -a build/app/gui/consilium "$@"
fi
exec build/app/gui/consilium "$@"
