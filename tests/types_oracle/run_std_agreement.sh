#!/bin/bash
# tests/types_oracle/run_std_agreement.sh — heapmap check's recorded types vs go/types (and gc's sizes), regenerated and compared.
#
# Usage: run_std_agreement.sh HEAPMAP SET KIND MIN
#   SET   std | corpus (corpus A: the packages of tests/oracle/corpus-a.pkgs, GOPATH mode,
#         GOPATH=/usr/share/gocode) | quirks (testdata/src/quirks against its committed
#         golden dumps: needs no Go toolchain)
#   KIND  types (expressions, compare_types.py) | objects (Defs/Uses, compare_types.py
#         --objects) | sizes (compare_sizes.py)
#   MIN   --min-agreement for the compare script (the figure measured when it was set,
#         rounded down: it may only rise)
#
# In a private temporary directory (removed on exit; KEEP=1 keeps it): builds the Go dumper
# (dumptypes or dumpsizes, README.md) with its own GOCACHE, dumps go/types' (gc's) view,
# runs `heapmap check -dump-KIND` on the same packages, compares. Exit status: the
# compare script's (1 below MIN), 2 on a tool failure, 77 (ctest SKIP_RETURN_CODE) when
# Go 1.19 or corpus A is not installed.
set -u -o pipefail

if [ $# -ne 4 ]; then
  sed -n '3,14p' "$0" >&2
  exit 2
fi
HEAPMAP=$(realpath "$1")
SET=$2
KIND=$3
MIN=$4
HERE=$(cd "$(dirname "$0")" && pwd)
PKGS_FILE=$HERE/../oracle/corpus-a.pkgs

export GOROOT=${GOROOT:-/usr/lib/go-1.19}
GO=$GOROOT/bin/go
if [ "$SET" != quirks ] && [ ! -x "$GO" ]; then
  echo "SKIP: no Go toolchain at $GO" >&2
  exit 77
fi
case $SET in
  std|quirks) ;;
  corpus)
    if [ ! -d /usr/share/gocode/src ] || [ ! -f "$PKGS_FILE" ]; then
      echo "SKIP: corpus A (/usr/share/gocode, $PKGS_FILE) not installed" >&2
      exit 77
    fi ;;
  *) echo "unknown SET $SET (std, corpus)" >&2; exit 2 ;;
esac
case $KIND in
  types|objects) DUMPER=dumptypes ;;
  sizes) DUMPER=dumpsizes ;;
  *) echo "unknown KIND $KIND (types, objects, sizes)" >&2; exit 2 ;;
esac

TMP=$(mktemp -d "${TMPDIR:-/tmp}/heapmap-agreement.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  echo "keeping $TMP" >&2
else
  trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
fi
export GOCACHE=$TMP/gocache GOFLAGS= CGO_ENABLED=0 GOOS=linux GOARCH=amd64 GOTOOLCHAIN=local

GO_OUT=$TMP/go.$KIND
HM_OUT=$TMP/heapmap.$KIND
go_flags=()
[ "$KIND" = objects ] && go_flags=(-objects)

start=$SECONDS
if [ "$SET" = quirks ]; then
  GO_OUT=$HERE/testdata/src/quirks/quirks.$KIND
  (cd "$HERE/testdata/src" && GO111MODULE=off GOPATH=$HERE/testdata \
     "$HEAPMAP" check -q "-dump-$KIND" "$HM_OUT" quirks) || { echo "heapmap check failed" >&2; exit 2; }
elif [ "$SET" = std ]; then
  (cd "$HERE/$DUMPER" && "$GO" build -o "$TMP/$DUMPER" .) || { echo "building $DUMPER failed" >&2; exit 2; }
  echo "built $DUMPER in $((SECONDS - start)) s" >&2
  start=$SECONDS
  (cd "$TMP" && "$TMP/$DUMPER" "${go_flags[@]}" -o "$GO_OUT" std) || { echo "$DUMPER failed" >&2; exit 2; }
  echo "$DUMPER std: $((SECONDS - start)) s" >&2
  start=$SECONDS
  (cd "$TMP" && "$HEAPMAP" check -q "-dump-$KIND" "$HM_OUT" std) || { echo "heapmap check failed" >&2; exit 2; }
else
  (cd "$HERE/$DUMPER" && "$GO" build -o "$TMP/$DUMPER" .) || { echo "building $DUMPER failed" >&2; exit 2; }
  echo "built $DUMPER in $((SECONDS - start)) s" >&2
  start=$SECONDS
  export GO111MODULE=off GOPATH=/usr/share/gocode
  (cd /usr/share/gocode/src && "$TMP/$DUMPER" "${go_flags[@]}" -pkgs "$PKGS_FILE" -o "$GO_OUT") ||
    { echo "$DUMPER failed" >&2; exit 2; }
  echo "$DUMPER corpus: $((SECONDS - start)) s" >&2
  start=$SECONDS
  # shellcheck disable=SC2046
  (cd /usr/share/gocode/src && "$HEAPMAP" check -q "-dump-$KIND" "$HM_OUT" $(cat "$PKGS_FILE")) ||
    { echo "heapmap check failed" >&2; exit 2; }
fi
echo "heapmap check -dump-$KIND: $((SECONDS - start)) s" >&2

start=$SECONDS
if [ "$KIND" = sizes ]; then
  python3 "$HERE/compare_sizes.py" --min-agreement "$MIN" "$GO_OUT" "$HM_OUT"
else
  cmp_flags=()
  [ "$KIND" = objects ] && cmp_flags=(--objects)
  python3 "$HERE/compare_types.py" "${cmp_flags[@]}" --min-agreement "$MIN" "$GO_OUT" "$HM_OUT"
fi
status=$?
echo "compare: $((SECONDS - start)) s" >&2
exit $status
