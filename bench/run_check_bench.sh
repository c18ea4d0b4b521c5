#!/usr/bin/env bash
# bench/run_check_bench.sh — type-check all of std: `heapmap check` vs Go 1.19's go/types, same run.
#
# Usage: bench/run_check_bench.sh [HEAPMAP] [RUNS]   (default build/heapmap, 3 runs each)
# Each run is a fresh process (cold: nothing cached in-process; the OS file cache is
# warm after the first run) that loads std, parses it and type-checks every package in
# dependency order. heapmap: `heapmap check -q -j N std`. go/types: bench/gotypes
# (`go list -deps -json`, go/parser, go/types with a full Info, -j 1 sequential,
# -j N > 1 a scheduler of N), GOMAXPROCS=N. Both: linux/amd64, CGO_ENABLED=0. Wall time
# and peak RSS from /usr/bin/time; the table shows the median wall and the largest RSS.
# Needs golang-1.19-go (a benchmark dependency only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
heapmap=$(realpath "${1:-$here/../build/heapmap}")
runs=${2:-3}
GO=${GO:-/usr/lib/go-1.19/bin/go}
export GO GOROOT=${GOROOT:-/usr/lib/go-1.19} CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here/gotypes" && GOCACHE="$work/gocache" "$GO" build -o "$work/gotypes" .)
export GOCACHE="$work/gocache"  # go list's own cache, warmed by the first run

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "std: $("$GO" list std | wc -l) packages (all dependencies are in std)"
"$work/gotypes" -j 1 std 2>/dev/null || true  # warm the OS cache and go list's cache

source "$here/measure.sh"

printf '| %-52s | %7s | %8s | %s |\n' "run" "wall s" "RSS MB" "all runs (s)"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------" "---------" "----------" "---"
measure "heapmap check -j1 std" : "$heapmap" check -q -j 1 std
measure "go/types -j1 (GOMAXPROCS=1)" : env GOMAXPROCS=1 "$work/gotypes" -j 1 std
measure "go/types -j1 (GOMAXPROCS=2: GC on the 2nd core)" : env GOMAXPROCS=2 "$work/gotypes" -j 1 std
measure "heapmap check -j2 std" : "$heapmap" check -q -j 2 std
measure "go/types -j2 (GOMAXPROCS=2)" : env GOMAXPROCS=2 "$work/gotypes" -j 2 std
