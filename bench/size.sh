#!/bin/sh
# Stripped size of one Rust program built for Astra and for x86_64-unknown-linux-gnu with a
# static glibc (same source, same release profile), and the time to build std for Astra.
# Usage: bench/size.sh [cargo project dir]   (default: examples/rust/hello)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
project=$(cd "${1:-$root/examples/rust/hello}" && pwd)
name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$project/Cargo.toml" | head -n1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s.%N)
"$root/rust-target/astra-cargo" build --release --quiet --manifest-path "$project/Cargo.toml" \
    --target-dir "$work/astra"
end=$(date +%s.%N)
RUSTFLAGS="-C target-feature=+crt-static" /usr/bin/cargo build --release --quiet \
    --manifest-path "$project/Cargo.toml" --target x86_64-unknown-linux-gnu --target-dir "$work/gnu"

strip -o "$work/astra.bin" "$work/astra/x86_64-unknown-astra/release/$name"
strip -o "$work/gnu.bin" "$work/gnu/x86_64-unknown-linux-gnu/release/$name"
a=$(stat -c %s "$work/astra.bin")
g=$(stat -c %s "$work/gnu.bin")
echo "| program | Astra (bytes) | linux-gnu static glibc (bytes) | Astra/glibc |"
echo "| --- | --: | --: | --: |"
echo "| $name (stripped) | $a | $g | $(awk -v a="$a" -v g="$g" 'BEGIN { printf "%.3f", a / g }') |"
echo
echo "std + $name built for Astra from scratch in $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s"
