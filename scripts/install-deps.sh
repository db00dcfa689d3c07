#!/bin/sh
# Installs every Debian package Astra needs. Idempotent: does nothing when all are present.
set -eu

PACKAGES="rustc-web cargo-web rust-web-src meson ninja-build pkg-config gcc libc6-dev \
clang libclang-rt-14-dev \
libcriterion-dev newlib-source qemu-system-x86 xz-utils python3 \
librust-regex-dev librust-serde-dev librust-serde+serde-derive-dev librust-serde-derive-dev \
librust-serde-json-dev librust-rayon-dev librust-crossbeam-channel-dev librust-tiny-http-dev \
librust-itoa-dev librust-strsim-dev librust-fixedbitset-dev librust-once-cell-dev \
librust-crossbeam-deque-dev librust-crossbeam-utils-dev librust-lazy-static-dev librust-rand-dev \
librust-aho-corasick-dev librust-regex-syntax-dev librust-lock-api-dev librust-thread-id-dev \
librust-os-pipe-dev librust-spin-dev librust-either-dev librust-scopeguard-dev \
librust-unicode-width-dev librust-minimal-lexical-dev librust-adler-dev librust-miniz-oxide-dev \
librust-rand-chacha-dev librust-memchr-dev librust-quickcheck-dev \
librust-clap-dev librust-clap-derive-dev librust-tempfile-dev librust-nix-dev librust-signal-hook-dev \
librust-socket2-dev librust-memmap2-dev librust-indicatif-dev librust-mio-dev librust-tokio-dev \
librust-tokio-macros-dev \
librust-sha2-dev \
busybox-static strace gdb curl debian-archive-keyring \
linux-image-amd64"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "astra: installing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
