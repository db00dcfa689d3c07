#!/bin/sh
# Fetches lwIP 2.1.3 (Debian's source package `lwip`) once and compiles its core into a static
# library for the kernel, inside the build directory; nothing of lwIP is in the repository.
# Usage: build-lwip.sh <workdir> <output.a> <ready-file> <port-dir> <cc> <cflags...>
# The source comes through apt with a private sources list, lists and cache directory under
# <workdir>/apt, so the machine's apt configuration is neither read nor changed; apt checks
# the download against the signed Sources index. <ready-file> is written last (empty);
# <port-dir> holds lwipopts.h and arch/cc.h.
set -eu
work=$1 out=$2 ready=$3 port=$4 cc=$5
shift 5
version=2.1.3
tarball=$work/download/lwip_$version+dfsg1.orig.tar.xz

if [ ! -f "$tarball" ]; then
    apt=$work/apt
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/parts" "$work/download"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
        >"$apt/sources.list"
    opts="-o Dir::Etc::SourceList=$apt/sources.list -o Dir::Etc::SourceParts=$apt/parts \
        -o Dir::State::Lists=$apt/lists -o Dir::Cache=$apt/cache"
    # shellcheck disable=SC2086
    apt-get -q $opts update >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; exit 1; }
    # shellcheck disable=SC2086
    (cd "$work/download" && apt-get -q $opts source --download-only "lwip=$version+dfsg1-2") \
        >>"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; exit 1; }
    [ -f "$tarball" ] || { echo "build-lwip: apt gave no $tarball" >&2; exit 1; }
fi
src=$work/lwip-$version
if [ ! -d "$src/src/include" ]; then
    rm -rf "$src"
    tar -C "$work" -xf "$tarball"
fi

# The core, IPv4 and Ethernet: what NO_SYS with the raw API uses (options off compile to nothing).
files="core/def.c core/inet_chksum.c core/init.c core/ip.c core/mem.c core/memp.c core/netif.c
    core/pbuf.c core/raw.c core/stats.c core/sys.c core/tcp.c core/tcp_in.c core/tcp_out.c
    core/timeouts.c core/udp.c core/ipv4/dhcp.c core/ipv4/etharp.c core/ipv4/icmp.c
    core/ipv4/ip4.c core/ipv4/ip4_addr.c core/ipv4/ip4_frag.c netif/ethernet.c"
rm -rf "$work/obj"
mkdir -p "$work/obj"
objs=
for f in $files; do
    o=$work/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')
    "$cc" "$@" -I"$port" -I"$port/libc" -I"$src/src/include" -c "$src/src/$f" -o "$o"
    objs="$objs $o"
done
rm -f "$out"
# shellcheck disable=SC2086
ar rcs "$out" $objs
: >"$ready"
