#!/usr/bin/env bash
# bench/run_escape_bench.sh — escape analysis of all of std: `heapmap analyze -m -l` vs
# gc's `go build -gcflags='-m -l' std`, and with inlining on (`analyze -m` vs
# `-gcflags=-m`), same run.
#
# Usage: bench/run_escape_bench.sh [HEAPMAP] [RUNS]   (default build/heapmap, 3 runs each)
# gc: `go build -a -gcflags=-m -l std` with an empty private GOCACHE every run (cold: every
# package compiled, as a user's first build; -a so that std is rebuilt rather than taken
# from $GOROOT/pkg). heapmap: a fresh process loading, parsing, type-checking, lowering and
# solving all of std, -j 1 and -j N, no summary cache; then with -cache DIR warm (a rescan
# where nothing changed). linux/amd64, CGO_ENABLED=0. Wall time and peak RSS from
# /usr/bin/time; the table shows the median wall and the largest RSS.
# Needs golang-1.19-go (a benchmark dependency only).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
heapmap=$(realpath "${1:-$here/../build/heapmap}")
runs=${2:-3}
GO=${GO:-/usr/lib/go-1.19/bin/go}
export GOROOT=${GOROOT:-/usr/lib/go-1.19} CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$GOROOT/src"
jobs=$(nproc)

echo "machine: $jobs cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "std: $("$GO" list std | wc -l) packages"
"$heapmap" analyze -q -m -l -cache off std >/dev/null  # warm the OS file cache

source "$here/measure.sh"

echo "| command | wall s (median) | peak RSS MB | runs |"
echo "|---|---|---|---|"
measure "go build -a -gcflags='-m -l' std (cold GOCACHE)" \
  'rm -rf "$work/gocache"' env GOCACHE="$work/gocache" "$GO" build -a -gcflags='-m -l' std
measure "heapmap analyze -m -l -j $jobs std (no cache)" : "$heapmap" analyze -q -m -l -cache off -j "$jobs" std
measure "heapmap analyze -m -l -j 1 std (no cache)" : "$heapmap" analyze -q -m -l -cache off -j 1 std
measure "go build -a -gcflags=-m std (cold GOCACHE)" \
  'rm -rf "$work/gocache"' env GOCACHE="$work/gocache" "$GO" build -a -gcflags=-m std
measure "heapmap analyze -m -j $jobs std (no cache)" : "$heapmap" analyze -q -m -cache off -j "$jobs" std
measure "heapmap analyze -m -j 1 std (no cache)" : "$heapmap" analyze -q -m -cache off -j 1 std
"$heapmap" analyze -q -m -l -cache "$work/hmcache" std >/dev/null
measure "heapmap analyze -m -l -j $jobs std (warm -cache)" : \
  "$heapmap" analyze -q -m -l -j "$jobs" -cache "$work/hmcache" std
