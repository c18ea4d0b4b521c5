#!/usr/bin/env bash
# bench/run_parse_bench.sh — parse throughput over std: heapmap vs Go's go/parser, same run.
#
# Usage: bench/run_parse_bench.sh [BUILD_DIR]   (default: build)
# Needs golang-1.19-go (a benchmark dependency only). The file list is what
# `go list std` selects for linux/amd64 with CGO_ENABLED=0; both parsers get the same list.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build}
GO=${GO:-/usr/lib/go-1.19/bin/go}
export GOROOT=${GOROOT:-$("$GO" env GOROOT)} CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$GO" list -f '{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' std > "$work/files"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "files: $(wc -l < "$work/files"), bytes: $(xargs cat < "$work/files" | wc -c)"

(cd "$here/goparser" && GOCACHE="$work/gocache" "$GO" build -o "$work/goparser" .)
for j in 1 2; do
  for mode in fast default; do
    GOMAXPROCS=$j "$work/goparser" -files "$work/files" -j "$j" -mode "$mode"
  done
done
HEAPMAP_BENCH_FILES="$work/files" "$build/bench/parse_benchmark" --benchmark_counters_tabular=true
