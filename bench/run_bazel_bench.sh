#!/usr/bin/env bash
# bench/run_bazel_bench.sh — std through Bazel (bazel/scan.sh) against `heapmap analyze` on
# the same tree: cold, warm, one body edit; and a clean output base against a remote
# cache (nginx on loopback) filled by the cold build. Wall times, one run each.
#
# On a copy of GOROOT (src and VERSION: the edit must not touch the installed tree).
# Usage: bench/run_bazel_bench.sh HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
heapmap=$(realpath "$1")
goroot=${2:-/usr/lib/go-1.19}
work=$(mktemp -d)
cache_dir=$work/remote
cleanup() {
  "$here/../bazel/remote_cache.sh" stop "$cache_dir" >/dev/null 2>&1 || true
  for b in "$work"/base*; do
    [ -d "$b" ] && (cd "$work" && bazel --output_base="$b" shutdown >/dev/null 2>&1 || true)
  done
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/goroot"
cp -r "$(readlink -f "$goroot/src")" "$work/goroot/src"
cp "$goroot/VERSION" "$work/goroot/VERSION"
src=$work/goroot/src
export GOROOT=$work/goroot HEAPMAP=$heapmap

# seconds CMD...: runs CMD (output discarded) and prints its wall time.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", b - a }'
}
analyze() { (cd "$src" && PWD=$src "$heapmap" analyze -q -m -cache "$work/hmcache" std); }
analyze_off() { (cd "$src" && PWD=$src "$heapmap" analyze -q -m -cache off std); }
bazel_scan() { "$here/../bazel/scan.sh" "$@" "$src" std "$work/out"; }

url=$("$here/../bazel/remote_cache.sh" start "$cache_dir" 8739)
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print $2/1048576 " GiB"}'); $(bazel --version 2>/dev/null || echo bazel)"
echo "heapmap analyze -m std, no cache:      $(seconds analyze_off) s"
echo "heapmap analyze -m std, cold cache:    $(seconds analyze) s"
echo "heapmap analyze -m std, warm cache:    $(seconds analyze) s"
echo "bazel cold (new output base, empty remote cache): $(seconds bazel_scan -output_base "$work/base1" -remote_cache "$url") s"
echo "bazel warm (no change):                $(seconds bazel_scan -output_base "$work/base1" -remote_cache "$url") s"
echo "bazel clean output base, remote cache: $(seconds bazel_scan -output_base "$work/base2" -remote_cache "$url") s"
# One body edit that keeps strconv's API (tests/rescan_std.sh's).
sed -i 's|panic("strconv: illegal AppendInt/FormatInt base")|panic("strconv: illegal base")|' \
  "$src/strconv/itoa.go"
echo "heapmap analyze, strconv body edit:    $(seconds analyze) s"
export BAZEL_FLAGS="--execution_log_json_file=$work/edit.json"
echo "bazel, strconv body edit:              $(seconds bazel_scan -output_base "$work/base1" -remote_cache "$url") s"
unset BAZEL_FLAGS
python3 - "$work/edit.json" <<'PY'
import json, sys
text, dec, i, ran = open(sys.argv[1]).read(), json.JSONDecoder(), 0, []
while i < len(text):
    if text[i].isspace():
        i += 1
        continue
    s, i = dec.raw_decode(text, i)
    args = s.get("commandArgs", [])
    if "-p" in args and not s.get("remoteCacheHit"):
        ran.append(args[args.index("-p") + 1])
print(f"  heapmap actions run after the edit: {len(ran)} ({' '.join(sorted(ran))})")
PY
(cd "$src" && PWD=$src "$heapmap" analyze -q -m -cache off std) | cmp - "$work/out/escape.txt" &&
  echo "bazel's escape.txt after the edit = heapmap analyze -m std"
