#!/bin/sh
# The host test suites (criterion) and the kernel's unit tests under AddressSanitizer and
# UBSan: configures build-sanitize/ (or $ASTRA_SANITIZE_BUILD_DIR) with -Dsanitize=true, builds
# and runs them; any sanitizer report fails its test. Extra arguments go to `meson test`.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASTRA_SANITIZE_BUILD_DIR:-$root/build-sanitize}
"$root/scripts/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$root" -Dsanitize=true -Dfuzz=disabled
ninja -C "$build"
if [ $# -eq 0 ]; then
    set -- abi hermit-abi translate fs net threads sync alloc string syscall crt0 newlib examples \
        compat kernel-unit
fi
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    meson test -C "$build" --print-errorlogs "$@"
