#!/usr/bin/env bash
# bench/count_instructions.sh — instructions retired by `heapmap analyze -m -l std` and
# `heapmap analyze -m std` (-j 1, no cache), and how much inlining adds.
#
# Usage: bench/count_instructions.sh [HEAPMAP...]   (default build/heapmap)
# Wall time on a shared 2-core VM swings by a third between identical runs (first-touch
# page clearing shows up as sys time); instructions retired (cachegrind, no cache
# simulation) do not, so small speed changes are measured here first. Each binary costs
# about 30 s per mode under valgrind; the two modes run side by side.
# Needs valgrind (a benchmark dependency only).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -gt 0 ] || set -- "$root/build/heapmap"
command -v valgrind >/dev/null || { echo "count_instructions: needs valgrind" >&2; exit 2; }
goroot=${GOROOT:-/usr/lib/go-1.19}  # as run_escape_bench.sh
[ -f "$goroot/src/runtime/runtime.go" ] || { echo "count_instructions: no GOROOT at $goroot" >&2; exit 2; }
src=$(cd "$goroot/src" && pwd -P)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {  # BINARY FLAGS... -> the "I refs" figure
  local bin=$1
  shift
  (cd "$src" && PWD=$src valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
     "$bin" analyze -q "$@" -cache off -j 1 std 2>&1 >/dev/null) |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}
echo "| binary | analyze -m -l | analyze -m | inlining adds |"
echo "|---|---|---|---|"
for bin in "$@"; do
  bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
  count "$bin" -m -l > "$tmp/l" &
  count "$bin" -m > "$tmp/m" &
  wait
  l=$(cat "$tmp/l") m=$(cat "$tmp/m")
  [ -n "$l" ] && [ -n "$m" ] || { echo "count_instructions: $bin: no count" >&2; exit 1; }
  awk -v b="$bin" -v l="$l" -v m="$m" \
    'BEGIN { printf "| %s | %.3f G | %.3f G | %.1f%% |\n", b, l / 1e9, m / 1e9, (m / l - 1) * 100 }'
done
