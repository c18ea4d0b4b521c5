#!/usr/bin/env bash
# tests/generics_samples.sh HEAPMAP MAX_FN_M MAX_FP_M MAX_FN_L MAX_FP_L
#
# Generic code against gc 1.19, line for line: every module under tests/generics/ is built
# with `go build -gcflags=-m ./...` and `-gcflags='-m -l'` (a private GOCACHE, so gc
# prints every line) and analyzed with `heapmap analyze -m [-l] ./...` in a copy of the
# module (gc prints imported generics with their full file names, so both run in the same
# directory). The lines are compared as sets per module (heapmap orders a package's lines
# by position, gc prints shape instances first). Fails when the lines gc prints that
# heapmap misses (fn), or the other way round (fp), summed over the modules, exceed the
# maxima: the gaps measured and listed in bench/RESULTS.md ("Generics"); they may only
# fall.
set -euo pipefail
heapmap=$1
max_fn_m=$2 max_fp_m=$3 max_fn_l=$4 max_fp_l=$5
go=${GO:-/usr/lib/go-1.19/bin/go}
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GOCACHE="$tmp/cache" GOFLAGS=-mod=mod GO111MODULE=on GOPATH="$tmp/gopath"
fn_m=0 fp_m=0 fn_l=0 fp_l=0
for dir in "$top"/tests/generics/*/; do
  name=$(basename "$dir")
  cp -r "$dir" "$tmp/$name"
  cd "$tmp/$name"
  for mode in m l; do
    if [ $mode = m ]; then flags=(-m); else flags=(-m -l); fi
    "$go" build -gcflags="${flags[*]}" ./... > gc.out 2>&1 || true
    grep -v '^#' gc.out | sort > gc.txt
    [ -s gc.txt ] || { echo "generics_samples: FAIL: gc printed nothing for $name" >&2; cat gc.out >&2; exit 1; }
    PWD="$tmp/$name" "$heapmap" analyze "${flags[@]}" -q ./... > hm.out 2> hm.err ||
      { cat hm.err >&2; echo "generics_samples: FAIL: heapmap failed on $name" >&2; exit 1; }
    grep -v '^#' hm.out | sort > hm.txt
    fn=$(comm -23 gc.txt hm.txt | wc -l)
    fp=$(comm -13 gc.txt hm.txt | wc -l)
    echo "$name -${flags[*]}: gc $(wc -l < gc.txt) lines, fn $fn, fp $fp"
    comm -23 gc.txt hm.txt | sed 's/^/  fn  /'
    comm -13 gc.txt hm.txt | sed 's/^/  fp  /'
    if [ $mode = m ]; then fn_m=$((fn_m + fn)); fp_m=$((fp_m + fp)); else fn_l=$((fn_l + fn)); fp_l=$((fp_l + fp)); fi
  done
  cd "$top"
done
echo "total -m: fn $fn_m (max $max_fn_m), fp $fp_m (max $max_fp_m); -m -l: fn $fn_l (max $max_fn_l), fp $fp_l (max $max_fp_l)"
if [ "$fn_m" -gt "$max_fn_m" ] || [ "$fp_m" -gt "$max_fp_m" ] || [ "$fn_l" -gt "$max_fn_l" ] ||
   [ "$fp_l" -gt "$max_fp_l" ]; then
  echo "generics_samples: FAIL: above the recorded maxima" >&2
  exit 1
fi
