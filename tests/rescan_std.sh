#!/usr/bin/env bash
# tests/rescan_std.sh — the package cache on std: cold, warm, a body edit and an API edit.
#
# Usage: tests/rescan_std.sh HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
# On a copy of GOROOT/src (the edits must not touch the installed tree), with a fresh
# cache: every scan's output must be byte-identical to a scan of the same tree without the
# cache, and the stats line must show what was reused:
#   cold      everything rebuilt (one wave)
#   warm      everything reused, nothing rebuilt
#   body edit a string constant inside strconv.formatBits (not inlinable; same summary):
#             strconv alone rebuilt, its importers cut off
#   API edit  a new exported function in strconv: strconv and its importers rebuilt,
#             the rest reused; then a warm rescan rebuilds nothing
# For each of `analyze -m` (inlining on) and `analyze -m -l`.
set -euo pipefail
heapmap=$(realpath "$1")
goroot=${2:-/usr/lib/go-1.19}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/goroot"
cp -r "$(readlink -f "$goroot/src")" "$work/goroot/src"
cp "$goroot/VERSION" "$work/goroot/VERSION"
cd "$work/goroot/src"
export GOROOT="$work/goroot" HEAPMAP_CACHE="$work/cache"
fail=0

# scan NAME FLAGS...: runs analyze with the cache and without it; compares the outputs and
# leaves the stats line in $work/NAME.stats.
scan() {
  local name=$1
  shift
  "$heapmap" analyze "$@" std >"$work/$name.out" 2>"$work/$name.err" || true
  "$heapmap" analyze -q -cache off "$@" std >"$work/$name.off" 2>/dev/null || true
  grep '^heapmap analyze: [0-9]* packages' "$work/$name.err" >"$work/$name.stats" || true
  if ! cmp -s "$work/$name.out" "$work/$name.off"; then
    echo "FAIL $name: output differs from a scan without the cache"
    diff "$work/$name.out" "$work/$name.off" | head -5
    fail=1
  fi
  if [ "$(wc -l <"$work/$name.out")" -lt 1000 ]; then
    echo "FAIL $name: only $(wc -l <"$work/$name.out") lines"
    fail=1
  fi
  echo "$name: $(cat "$work/$name.stats")"
}
# expect NAME REUSED REBUILT: the stats line's counts (REUSED "any" for any number).
expect() {
  local stats reused rebuilt
  stats=$(cat "$work/$1.stats")
  reused=$(sed -n 's/.*(\([0-9]*\) named reused.*/\1/p' <<<"$stats")
  rebuilt=$(sed -n 's/.* \([0-9]*\) named rebuilt.*/\1/p' <<<"$stats")
  if [ "$2" != any ] && [ "$reused" != "$2" ]; then
    echo "FAIL $1: $reused named packages reused, want $2"
    fail=1
  fi
  if [ "$3" != any ] && [ "$rebuilt" != "$3" ]; then
    echo "FAIL $1: $rebuilt named packages rebuilt, want $3"
    fail=1
  fi
}

# Named packages: std without unsafe (the checker's own, never analyzed).
npkgs=$("$heapmap" list std | grep -vcx unsafe)
for flags in "-m" "-m -l"; do
  tag=${flags// /}
  cp "$(readlink -f "$goroot/src")/strconv/itoa.go" strconv/itoa.go
  rm -rf "$work/cache"
  # shellcheck disable=SC2086
  scan "cold$tag" $flags
  expect "cold$tag" 0 "$npkgs"
  # shellcheck disable=SC2086
  scan "warm$tag" $flags
  expect "warm$tag" "$npkgs" 0
  sed -i 's|panic("strconv: illegal AppendInt/FormatInt base")|panic("strconv: illegal base")|' \
    strconv/itoa.go
  # shellcheck disable=SC2086
  scan "body$tag" $flags
  expect "body$tag" $((npkgs - 1)) 1
  if ! grep -q ' [1-9][0-9]* cut off' "$work/body$tag.stats"; then
    echo "FAIL body$tag: no importer cut off"
    fail=1
  fi
  printf '\n// NewAPI is new.\nfunc NewAPI(p *int) *int { return p }\n' >>strconv/itoa.go
  # shellcheck disable=SC2086
  scan "api$tag" $flags
  expect "api$tag" any any
  rebuilt=$(sed -n 's/.* \([0-9]*\) named rebuilt.*/\1/p' "$work/api$tag.stats")
  if [ "$rebuilt" -le 1 ] || [ "$rebuilt" -ge "$npkgs" ]; then
    echo "FAIL api$tag: $rebuilt rebuilt, want strconv and its importers only"
    fail=1
  fi
  if ! grep -q 'strconv/itoa.go:[0-9]*:[0-9]*: leaking param: p to result' "$work/api$tag.out"; then
    echo "FAIL api$tag: NewAPI's line missing"
    fail=1
  fi
  # shellcheck disable=SC2086
  scan "again$tag" $flags
  expect "again$tag" "$npkgs" 0
done
exit $fail
