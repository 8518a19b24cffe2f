#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command on a minimal, freshly bootstrapped Debian 12 (debootstrap --variant=minbase plus git
# only), in a chroot, on a clone of the committed HEAD: a new user's machine. CI runs the README's
# commands here rather than on the development machine, where a package installed by hand once
# hides a missing install step (issue 9). Kept
# in the repository so that CI does not depend on anything outside the clone.
#
#   tests/fresh-debian.sh 'CMD'     # CMD runs in the clone's root inside the chroot, as root
#
# Needs root (debootstrap, chroot, mounts) and a Debian mirror. The bootstrapped base system is
# cached in $FRESH_CACHE (default /var/cache/consilium-fresh); every run starts from a fresh copy
# of it. Exit status: that of CMD. The whole log is kept in $FRESH_CACHE/last.log.
set -uo pipefail
[[ $# -eq 1 ]] || { echo "usage: tests/fresh-debian.sh 'CMD'" >&2; exit 64; }
[[ $(id -u) -eq 0 ]] || { echo "fresh-debian: run as root (debootstrap and chroot need it)" >&2; exit 2; }
proj=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel) || exit 2
cache=${FRESH_CACHE:-/var/cache/consilium-fresh}
mkdir -p "$cache"
command -v debootstrap >/dev/null || "$proj/packaging/install-deps.sh" --ci >&2 || exit 2
if [[ ! -f $cache/base.tar ]]; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
    [[ -n $mirror ]] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
    [[ -n $mirror ]] || { echo "fresh-debian: no Debian mirror configured on this machine" >&2; exit 2; }
    echo "fresh-debian: bootstrapping a minimal Debian 12 (once; cached in $cache)" >&2
    rm -rf "$cache/root"
    debootstrap --variant=minbase bookworm "$cache/root" "$mirror" >"$cache/debootstrap.log" 2>&1 \
        || { echo "fresh-debian: debootstrap failed, see $cache/debootstrap.log" >&2; exit 2; }
    cp /etc/resolv.conf "$cache/root/etc/" 2>/dev/null
    mount -t proc proc "$cache/root/proc"
    chroot "$cache/root" /bin/bash -c \
        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq git ca-certificates" \
        >>"$cache/debootstrap.log" 2>&1
    rc=$?
    umount "$cache/root/proc"
    [[ $rc -eq 0 ]] || { echo "fresh-debian: installing git failed, see $cache/debootstrap.log" >&2; exit 2; }
    tar -C "$cache/root" -cf "$cache/base.tar.part" . && mv "$cache/base.tar.part" "$cache/base.tar" && rm -rf "$cache/root"
fi
root=$(mktemp -d "$cache/run.XXXX")
cleanup() {
    # Stop whatever the command left running in the chroot (an X server, say), detach the mounts,
    # and only then delete the tree, never crossing into a mount (the host's /dev is bound in it).
    local pid
    for pid in $(ls /proc | grep -E '^[0-9]+$'); do
        [[ $(readlink "/proc/$pid/root" 2>/dev/null) == "$root" ]] && kill -9 "$pid" 2>/dev/null
    done
    umount -l "$root/dev/pts" 2>/dev/null
    umount -l "$root/dev" 2>/dev/null
    umount -l "$root/proc" 2>/dev/null
    if mountpoint -q "$root/dev" || mountpoint -q "$root/proc"; then
        echo "fresh-debian: $root still has mounts; left in place" >&2
        return
    fi
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$cache/base.tar"
mkdir -p "$root/src"
git clone -q --bare "$proj" "$root/src/repo.git" || exit 2
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts" 2>/dev/null
cp /etc/resolv.conf "$root/etc/" 2>/dev/null
# The network's own certificate authorities (a TLS-inspecting proxy's, added under
# /usr/local/share/ca-certificates on this machine) are part of the network, not of the new
# user's system: trusted in the chroot too, so `npm ci` (tests/run.sh) reaches the registry as
# it does here. Node reads them through NODE_EXTRA_CA_CERTS when this machine sets it.
extra_env=()
if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null 2>&1 || echo "fresh-debian: update-ca-certificates failed" >&2
fi
[[ -n ${NODE_EXTRA_CA_CERTS:-} ]] && extra_env+=("NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS")
echo "fresh-debian: on a fresh Debian 12, in a clone of $(git -C "$proj" rev-parse --short HEAD): $1" >&2
SECONDS=0
# A new user's shell: no display, no CI caches, HOME of its own.
chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 CI=true "${extra_env[@]}" /bin/bash -c "cd /src && git clone -q /src/repo.git consilium && cd consilium && $1" 2>&1 \
    | tee "$cache/last.log" | tail -n 60
rc=${PIPESTATUS[0]}
echo "fresh-debian: exit $rc after ${SECONDS} s (log: $cache/last.log)" >&2
exit "$rc"
