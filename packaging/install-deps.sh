#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Consilium needs to build, test and run (non-interactive).
# Uses sudo when not run as root. Installs nothing that is already present.
set -euo pipefail

packages=(
    build-essential cmake ccache git pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-qpa-plugins libqt6sql6-sqlite libqt6svg6 qt6-translations-l10n libgl-dev libssl-dev
    libboost-dev libboost-graph-dev rapidjson-dev libbenchmark-dev
    fonts-dejavu-core poppler-utils sqlite3 xvfb xauth lintian dpkg-dev file
    python3 # tests/tools/check_pack.py: an independent re-implementation that checks the pack (ctest check_pack)
    # The PostgreSQL store (issue 13): the Qt driver, and the server the store suite's _pg tests run a
    # throw-away cluster of (tests/store/pg-cluster.sh; psql is the shell those tests tamper with);
    # openssl makes the certificates of the TLS test's cluster (tests/store/pg-tls-cluster.sh).
    libqt6sql6-psql postgresql postgresql-common postgresql-client openssl
    nodejs # the FHIR export's validators (tests/fhir-validate, docs/fhir.md#validation)
)
# npm for them: Debian's package, unless the installed nodejs brings its own (NodeSource's does).
command -v npm >/dev/null || packages+=(npm)
# Hardening stages (tests/hardening.sh): sanitizers, libFuzzer, static analysis, formatting.
if [ "${1:-}" = "--hardening" ] || [ "${1:-}" = "--ci" ]; then
    packages+=(clang libclang-rt-14-dev clang-tidy clang-format clazy cppcheck)
fi
# CI (.ci/run) also bootstraps a fresh Debian 12 to run the README's commands in (tests/fresh-debian.sh).
if [ "${1:-}" = "--ci" ]; then
    packages+=(debootstrap)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo (missing: ${missing[*]})" >&2; exit 1; }
    sudo=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
