#!/bin/sh
# Builds newlib (Debian's newlib-source) for x86_64 with the host gcc, inside the build
# directory. Usage: build-newlib.sh <workdir> <prefix> <stamp>
# Output: <prefix>/x86_64-elf/{include,lib/libc.a,lib/libm.a}. Reruns only when the stamp is
# missing or records other flags.
set -eu
work=$1 prefix=$2 stamp=$3
tarball=/usr/src/newlib/newlib-3.3.0.tar.xz
[ -f "$tarball" ] || { echo "build-newlib: $tarball missing (apt-get install newlib-source)" >&2; exit 1; }

# -fno-pie: the programs are static non-PIE; -ffreestanding keeps gcc from assuming a host libc.
# newlib's x86_64-elf defaults call read() instead of _read() (MISSING_SYSCALL_NAMES) and
# leave out __libc_init_array; Astra wants the underscore OS layer and init_array constructors.
# MALLOC_PROVIDED: malloc and friends are libastra's allocator (libastra/newlib/malloc.c).
flags="-O2 -g0 -ffreestanding -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables -Wa,--noexecstack \
    -D_DEFAULT_SOURCE -UMISSING_SYSCALL_NAMES -UHAVE_INIT_FINI -DHAVE_INITFINI_ARRAY -DMALLOC_PROVIDED"
# The stamp records the flags: a build made with other flags is redone.
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$flags" ] && [ -f "$prefix/x86_64-elf/lib/libc.a" ]; then
    touch "$stamp"
    exit 0
fi
rm -rf "$work" "$prefix"
mkdir -p "$work/obj" "$prefix"
tar -C "$work" -xf "$tarball"
src=$(find "$work" -maxdepth 1 -type d -name 'newlib-*' | head -n1)

cd "$work/obj"
"$src/configure" --target=x86_64-elf --prefix="$prefix" \
    --disable-multilib --disable-nls --disable-libgloss \
    --disable-newlib-supplied-syscalls \
    --enable-newlib-retargetable-locking \
    --enable-newlib-io-long-long --enable-newlib-io-c99-formats \
    CC_FOR_TARGET=gcc AR_FOR_TARGET=ar AS_FOR_TARGET=as LD_FOR_TARGET=ld \
    RANLIB_FOR_TARGET=ranlib NM_FOR_TARGET=nm \
    CFLAGS_FOR_TARGET="$flags" >"$work/configure.log" 2>&1 \
    || { tail -30 "$work/configure.log" >&2; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs" all-target-newlib >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
make install-target-newlib >"$work/install.log" 2>&1 || { tail -30 "$work/install.log" >&2; exit 1; }
printf "%s" "$flags" >"$stamp"
