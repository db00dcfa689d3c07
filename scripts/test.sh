#!/bin/sh
# Builds everything and runs every test suite; prints meson's summary (criterion's details
# for any failure), under nohup too. Extra arguments go to `meson test` (e.g. a suite name).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
# Every test starts from default signal dispositions and an empty mask (scripts/default-signals).
exec "$root/scripts/default-signals" meson test -C "${ASTRA_BUILD_DIR:-$root/build}" --print-errorlogs "$@"
