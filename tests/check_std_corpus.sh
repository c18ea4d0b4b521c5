#!/usr/bin/env bash
# tests/check_std_corpus.sh — `heapmap check` reports zero type errors on all of std and
# on corpus A (tests/oracle/corpus-a.pkgs, GOPATH mode), as go/types does.
#
# Usage: tests/check_std_corpus.sh HEAPMAP   (GOROOT defaults to /usr/lib/go-1.19, the
# corpus GOPATH to /usr/share/gocode). Exit 1 on any error line or non-zero exit.
set -uo pipefail
heapmap=$(realpath "${1:?usage: check_std_corpus.sh HEAPMAP}")
here=$(cd "$(dirname "$0")" && pwd)
export GOROOT=${GOROOT:-/usr/lib/go-1.19}
gopath=${CORPUS_GOPATH:-/usr/share/gocode}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0

check() {  # name dir [env...] -- patterns...
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && env "$@") >"$out/$name.out" 2>"$out/$name.err"
  local rc=$? n
  n=$(wc -l <"$out/$name.out")
  echo "$name: exit $rc, $n error lines; $(tail -n 1 "$out/$name.err")"
  if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
    head -n 30 "$out/$name.out" "$out/$name.err"
    fail=1
  fi
}

check std "$here" "$heapmap" check std
# shellcheck disable=SC2046
check corpus-a "$gopath/src" GO111MODULE=off GOPATH="$gopath" \
  "$heapmap" check $(cat "$here/oracle/corpus-a.pkgs")
exit $fail
