#!/bin/sh
# Installs the Debian packages, configures build/ (or $ASTRA_BUILD_DIR) and builds everything.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASTRA_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$root"
ninja -C "$build"
