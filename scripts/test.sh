#!/bin/sh
# Builds everything and runs every test suite; prints meson's summary (criterion's details
# for any failure). Extra arguments go to `meson test` (e.g. a suite name).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASTRA_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$root"
ninja -C "$build"
meson test -C "$build" --print-errorlogs "$@"
