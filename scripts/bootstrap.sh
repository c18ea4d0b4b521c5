#!/usr/bin/env bash
# scripts/bootstrap.sh — the README's first command: install, build, run the main job.
#
# The main job: list, parse, type-check and escape-analyze (-m -l) the Go standard library of the installed
# toolchain (GOROOT found as heapmap finds it: $GOROOT, /usr/local/go, /usr/lib/go-1.*).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
echo "== heapmap list std"
"$root/build/heapmap" list std | tee /tmp/heapmap-list-std.txt | head -n 5
echo "... $(wc -l < /tmp/heapmap-list-std.txt) packages"
echo "== heapmap parse std"
"$root/build/heapmap" parse std
echo "== heapmap check std"
"$root/build/heapmap" check std
echo "== heapmap analyze -m -l std   (gc-compatible escape lines, into build/std-escape.txt)"
"$root/build/heapmap" analyze -m -l std > "$root/build/std-escape.txt"
head -n 5 "$root/build/std-escape.txt"
echo "... $(wc -l < "$root/build/std-escape.txt") lines"
echo "== heapmap analyze -m std   (with gc's inlining, into build/std-escape-inlined.txt)"
"$root/build/heapmap" analyze -m std > "$root/build/std-escape-inlined.txt"
head -n 5 "$root/build/std-escape-inlined.txt"
echo "... $(wc -l < "$root/build/std-escape-inlined.txt") lines"
echo "== heapmap report -n 15 std   (every heap allocation, ranked, with what holds it)"
"$root/build/heapmap" report -n 15 std
