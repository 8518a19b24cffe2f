#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from a configured, built tree (argument: the build directory),
# extracts it into a temporary root, runs the installed consilium-cli from there, checks the
# installed files, and runs lintian (no errors allowed).
set -euo pipefail
build=$(realpath "$1")
umask 022
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/consilium_*.deb)
echo "package: $(basename "$deb")"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
root="$work/root"
dpkg-deb -x "$deb" "$root"

cli="$root/usr/bin/consilium-cli"
"$cli" --version | tee "$work/version"
grep -q '^consilium-cli [0-9]' "$work/version"
grep -q '^pack consilium-reference 2026.2 sha256:[0-9a-f]\{64\}$' "$work/version"
"$cli" check-rules | tail -n 1 | grep -qx '20 passed, 0 failed'
"$cli" check-rules "$root/usr/share/consilium/packs/consilium-reference.json" | tail -n 1 | grep -qx '20 passed, 0 failed'
"$cli" check-rules "$root/usr/share/consilium/packs/consilium-reference-2026.1.json" | tail -n 1 | grep -qx '12 passed, 0 failed'
# Not grep -q: the text of pack 2026.2 (with options) is written in more than one chunk, and grep -q would
# close the pipe after the first match (SIGPIPE for the CLI, a failure under pipefail).
"$cli" evaluate "$root/usr/share/consilium/examples/V01-sle-ln-si-units.json" --format text | grep 'ELIGIBLE WITH CAUTIONS' >/dev/null

for f in usr/bin/consilium usr/share/applications/consilium.desktop usr/share/mime/packages/consilium-case.xml \
         usr/share/icons/hicolor/scalable/apps/consilium.svg usr/share/metainfo/io.github.consilium.Consilium.metainfo.xml \
         usr/share/man/man1/consilium.1.gz usr/share/man/man1/consilium-cli.1.gz usr/share/doc/consilium/copyright; do
    test -f "$root/$f" || { echo "missing from the package: /$f" >&2; exit 1; }
done
dpkg-deb --field "$deb" Depends | grep -q 'libqt6core6' || { echo "shlibdeps did not compute Qt dependencies" >&2; exit 1; }

if command -v lintian >/dev/null; then
    lintian --fail-on error --allow-root --suppress-tags-from-file /dev/null "$deb"
else
    echo "lintian is not installed (packaging/install-deps.sh installs it)" >&2
    exit 1
fi
echo "package test passed"
