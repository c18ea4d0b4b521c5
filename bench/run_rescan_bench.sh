#!/usr/bin/env bash
# bench/run_rescan_bench.sh — rescans of std with the package cache, against the go
# command's build cache in the same run.
#
# Usage: bench/run_rescan_bench.sh [HEAPMAP] [RUNS]   (default build/heapmap, 3 runs each)
# On a copy of GOROOT/src (edits must not touch the installed tree; bin/ and pkg/ are
# linked so that the go command runs from the copy), linux/amd64, CGO_ENABLED=0:
#   cold       a fresh cache: every package computed, the cache filled
#   warm       nothing changed
#   body edit  a string inside strconv.formatBits (strconv alone recomputed; importers cut off)
#   API edit   a new exported function in strconv (strconv and its importers)
# for `heapmap analyze -m std` (-j N), and `go build -gcflags=-m std` with GOCACHE in the
# same states (gc's cache keys importers by their imports' export data, so it cuts off
# too). Each edit is timed from a cache that holds the unedited tree. Median wall and the
# largest peak RSS, from /usr/bin/time. Needs golang-1.19-go for the go rows only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
heapmap=$(realpath "${1:-$here/../build/heapmap}")
runs=${2:-3}
GO=${GO:-/usr/lib/go-1.19/bin/go}
goroot_src=${GOROOT:-/usr/lib/go-1.19}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/goroot"
cp -r "$(readlink -f "$goroot_src/src")" "$work/goroot/src"
cp "$goroot_src/VERSION" "$work/goroot/"
ln -s "$(readlink -f "$goroot_src/pkg")" "$work/goroot/pkg"
ln -s "$(readlink -f "$goroot_src/bin")" "$work/goroot/bin"
export GOROOT="$work/goroot" CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOFLAGS=
cd "$GOROOT/src"
jobs=$(nproc)
itoa="$GOROOT/src/strconv/itoa.go"
cp "$itoa" "$work/itoa.orig"

echo "machine: $jobs cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
source "$here/measure.sh"

# Tree states.
orig() { cp "$work/itoa.orig" "$itoa"; }
body() {
  orig
  sed -i 's|panic("strconv: illegal AppendInt/FormatInt base")|panic("strconv: illegal base")|' "$itoa"
}
api() {
  orig
  printf '\n// NewAPI is new.\nfunc NewAPI(p *int) *int { return p }\n' >>"$itoa"
}
# Caches holding the unedited tree, copied before each timed run.
orig
"$heapmap" analyze -q -m -cache "$work/hm.filled" std >/dev/null
if [ -x "$GO" ]; then
  GOCACHE="$work/go.filled" "$GO" build -gcflags=-m std 2>/dev/null
fi
hm_fresh() { rm -rf "$work/hm"; cp -r "$work/hm.filled" "$work/hm"; }
go_fresh() { rm -rf "$work/go"; cp -r "$work/go.filled" "$work/go"; }

echo "| command | wall s (median) | peak RSS MB | runs |"
echo "|---|---|---|---|"
hm=("$heapmap" analyze -q -m -j "$jobs" -cache "$work/hm" std)
measure "heapmap analyze -m std: cold, filling the cache" 'orig; rm -rf "$work/hm"' "${hm[@]}"
measure "heapmap analyze -m std: no cache" 'orig' "$heapmap" analyze -q -m -cache off -j "$jobs" std
measure "heapmap analyze -m std: warm, no change" 'orig; hm_fresh' "${hm[@]}"
measure "heapmap analyze -m std: strconv body edit" 'body; hm_fresh' "${hm[@]}"
measure "heapmap analyze -m std: strconv API edit" 'api; hm_fresh' "${hm[@]}"
if [ -x "$GO" ]; then
  gob=(env GOCACHE="$work/go" "$GO" build -gcflags=-m std)
  measure "go build -gcflags=-m std: cold GOCACHE" 'orig; rm -rf "$work/go"' "${gob[@]}"
  measure "go build -gcflags=-m std: warm, no change" 'orig; go_fresh' "${gob[@]}"
  measure "go build -gcflags=-m std: strconv body edit" 'body; go_fresh' "${gob[@]}"
  measure "go build -gcflags=-m std: strconv API edit" 'api; go_fresh' "${gob[@]}"
fi
orig
