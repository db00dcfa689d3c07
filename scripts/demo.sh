#!/bin/sh
# Builds everything (runtime, newlib, std for Astra, the kernel, examples, tests) and boots
# the Rust demo on the Astra kernel in QEMU.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ASTRA_BUILD_DIR:-$root/build}
"$root/scripts/build.sh"
echo "---- examples/rust/hello: Rust std on the Astra kernel (QEMU, TCG) ----"
ASTRA_RUN_KERNEL="$build/kernel/astra-kernel.bin" ASTRA_GREETING="hello from the environment" \
    "$root/rust-target/astra-run" "$build/examples/rust/rust-hello" first "second arg"
