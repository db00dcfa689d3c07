#!/bin/sh
# Builds everything (runtime, newlib, std for Astra, examples, tests) and runs the Rust demo.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
echo "---- examples/rust/hello, a Rust std program built for Astra (running on the Linux host) ----"
ASTRA_GREETING="hello from the environment" \
    "${ASTRA_BUILD_DIR:-$root/build}/examples/rust/rust-hello" first "second arg"
