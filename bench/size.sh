#!/bin/sh
# Stripped sizes of Rust programs built for Astra (the Hermit-based target and the unix target,
# x86_64-astra-linux-musl) and for x86_64-unknown-linux-gnu with a static glibc (same source,
# same profile), and build times once the Astra sysroot exists:
#  - PROJECT (default examples/rust/hello, which uses panic = "abort"),
#  - a fresh `cargo new` hello with cargo's defaults (panics unwind), timed from scratch.
# Also draws the table as an SVG chart (bench/svgchart.py): $ASTRA_SIZE_CHART, by default
# bench/charts/size.svg.
# Usage: bench/size.sh [cargo project dir]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
project=$(cd "${1:-$root/examples/rust/hello}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATH="/usr/bin:$PATH"
"$root/scripts/build.sh" >/dev/null

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", e - s }'; }

# size NAME DIR: builds DIR both ways, prints a table row, sets $astra_time.
size() {
    name=$(sed -n 's/^name *= *"\(.*\)"/\1/p' "$2/Cargo.toml" | head -n1)
    start=$(now)
    (cd "$2" && "$root/rust-target/astra-cargo" build --release --quiet --target-dir "$work/astra-$1")
    astra_time=$(elapsed "$start" "$(now)")
    (cd "$2" && "$root/rust-target/astra-cargo" build --release --quiet --target x86_64-astra-linux-musl \
        --target-dir "$work/astra-$1")
    (cd "$2" && RUSTFLAGS="-C target-feature=+crt-static" /usr/bin/cargo build --release --quiet \
        --target x86_64-unknown-linux-gnu --target-dir "$work/gnu-$1")
    strip -o "$work/$1.astra" "$work/astra-$1/x86_64-unknown-astra/release/$name"
    strip -o "$work/$1.unix" "$work/astra-$1/x86_64-astra-linux-musl/release/$name"
    strip -o "$work/$1.gnu" "$work/gnu-$1/x86_64-unknown-linux-gnu/release/$name"
    a=$(stat -c %s "$work/$1.astra")
    u=$(stat -c %s "$work/$1.unix")
    g=$(stat -c %s "$work/$1.gnu")
    echo "| $1 (stripped) | $a | $u | $g | $(awk -v a="$a" -v g="$g" 'BEGIN { printf "%.3f", a / g }') |" \
        "$(awk -v a="$u" -v g="$g" 'BEGIN { printf "%.3f", a / g }') |"
}

(cd "$work" && /usr/bin/cargo new --quiet --vcs none fresh)
{
    echo "| program | Astra (bytes) | Astra unix (bytes) | linux-gnu static glibc (bytes) | Astra/glibc | unix/glibc |"
    echo "| --- | --: | --: | --: | --: | --: |"
    size "$(basename "$project")" "$project"
    size fresh "$work/fresh"
} >"$work/table.md"
cat "$work/table.md"
chart=${ASTRA_SIZE_CHART:-$root/bench/charts/size.svg}
mkdir -p "$(dirname "$chart")"
python3 "$root/bench/svgchart.py" --title "Stripped size of the same Rust program (bytes)" \
    --columns "Astra (bytes),Astra unix (bytes),linux-gnu static glibc (bytes)" "$work/table.md" "$chart"
echo
echo "Chart: $chart"
echo "first build of a fresh cargo new project for Astra (sysroot prebuilt): $astra_time s"
