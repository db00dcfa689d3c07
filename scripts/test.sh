#!/bin/sh
# Builds everything and runs every test suite; prints meson's summary (criterion's details
# for any failure). Extra arguments go to `meson test` (e.g. a suite name).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
meson test -C "${ASTRA_BUILD_DIR:-$root/build}" --print-errorlogs "$@"
