#!/usr/bin/env bash
# bazel/scan.sh — heapmap's escape analysis of a Go tree, run by Bazel: one action per
# package, cached (and shared through a remote cache) by Bazel.
#
#   bazel/scan.sh [-remote_cache URL] [-output_base DIR] [-l] [-m=2] TREE PATTERN OUT
#
# TREE is a GOROOT (or its src/), a module (go.mod or go.work) or a GOPATH tree (or its
# src/); PATTERN as for `heapmap analyze` run in TREE (std, ./..., all, net/...; several,
# separated by spaces, in one argument). Writes the Bazel
# workspace (`heapmap buildfiles`) to OUT/workspace, builds its //:escape target, and
# writes OUT/escape.txt: the -m lines of the packages PATTERN matches, as `heapmap analyze
# -m PATTERN` run in TREE prints them. -remote_cache is passed to Bazel (e.g. the nginx of
# bazel/remote_cache.sh); -output_base too (else Bazel's default for the workspace).
# $HEAPMAP names the heapmap binary (default: build/heapmap beside this script);
# $BAZEL_FLAGS adds flags to `bazel build`. Packages that fail to load are reported and
# left out with their importers, as `analyze` skips them (exit status 1 at the end).
# Exit status: Bazel's if it fails, 2 for bad usage, 1 when packages were left out.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
usage() {
  echo "usage: bazel/scan.sh [-remote_cache URL] [-output_base DIR] [-l] [-m=2] TREE PATTERN OUT" >&2
  exit 2
}
remote_cache= output_base= flags=()
while [ $# -gt 0 ]; do
  case "$1" in
  -remote_cache | --remote_cache) [ $# -ge 2 ] || usage; remote_cache=$2; shift 2 ;;
  -remote_cache=* | --remote_cache=*) remote_cache=${1#*=}; shift ;;
  -output_base | --output_base) [ $# -ge 2 ] || usage; output_base=$2; shift 2 ;;
  -output_base=* | --output_base=*) output_base=${1#*=}; shift ;;
  -l | -m=2) flags+=("$1"); shift ;;
  -h | -help | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  -*) echo "scan.sh: unknown flag $1" >&2; usage ;;
  *) break ;;
  esac
done
[ $# -eq 3 ] || usage
tree=$(cd "$1" && pwd) pattern=$2 out=$3
heapmap=${HEAPMAP:-$here/../build/heapmap}
if [ ! -x "$heapmap" ]; then
  echo "scan.sh: no heapmap binary at $heapmap (build it, or set HEAPMAP)" >&2
  exit 2
fi
heapmap=$(cd "$(dirname "$heapmap")" && pwd)/$(basename "$heapmap")
bazel=$(command -v bazel || true)
if [ -z "$bazel" ]; then
  echo "scan.sh: bazel is not installed (Debian: apt-get install bazel-bootstrap)" >&2
  exit 2
fi

# What kind of tree: the environment `heapmap analyze` would be run with in it.
if [ -f "$tree/src/runtime/runtime.go" ]; then
  export GOROOT=$tree
elif [ -f "$tree/runtime/runtime.go" ] && [ -d "$tree/../pkg" -o -f "$tree/../VERSION" ]; then
  export GOROOT=$(dirname "$tree")
elif [ -f "$tree/go.mod" ] || [ -f "$tree/go.work" ]; then
  export GO111MODULE=on
elif [ -d "$tree/src" ]; then
  export GO111MODULE=off GOPATH=$tree
elif [ "$(basename "$tree")" = src ]; then
  export GO111MODULE=off GOPATH=$(dirname "$tree")
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
workspace=$out/workspace
touch "$out/.scan-start"
set +e -f
# shellcheck disable=SC2086
(cd "$tree" && PWD=$tree "$heapmap" buildfiles -o "$workspace" "${flags[@]}" $pattern)
status=$?
set -e +f
# Exit 1 with the workspace written: packages left out (reported above).
if [ $status -gt 1 ] || [ ! "$workspace/.heapmap-workspace" -nt "$out/.scan-start" ]; then
  echo "scan.sh: heapmap buildfiles failed (exit $status)" >&2
  exit $((status == 0 ? 1 : status))
fi

startup=()
[ -n "$output_base" ] && startup+=("--output_base=$output_base")
# Debian's linux-sandbox writes debug lines on each action's stderr, which Bazel would show
# ("INFO: From heapmap action ..."): successful actions' output is filtered out (heapmap's
# actions print nothing when they succeed; a failing action's errors are still shown).
build=(--color=no --curses=no --output_filter=DONT_MATCH_ANYTHING)
[ -n "$remote_cache" ] && build+=("--remote_cache=$remote_cache")
# shellcheck disable=SC2206
build+=(${BAZEL_FLAGS:-})
(cd "$workspace" && "$bazel" "${startup[@]}" build "${build[@]}" //:escape)
bin=$(cd "$workspace" && "$bazel" "${startup[@]}" info "${build[@]}" bazel-bin 2>/dev/null)
cp "$bin/escape.txt" "$out/escape.txt.tmp"
chmod u+w "$out/escape.txt.tmp"
mv "$out/escape.txt.tmp" "$out/escape.txt"
echo "scan.sh: $(grep -vc '^#' "$out/escape.txt" || true) lines in $out/escape.txt" >&2
exit $status
