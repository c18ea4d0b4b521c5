#!/usr/bin/env bash
# fuzz/run.sh — build the libFuzzer targets (clang, ASan + UBSan) and run each for N seconds.
#
# Usage: fuzz/run.sh [SECONDS] [TARGET...]   (default 60 s for each of parser_fuzzer,
# checker_fuzzer, cache_fuzzer, export_fuzzer, profile_fuzzer and package_list_fuzzer; name targets to run only those). Exit non-zero on any crash, hang,
# leak or sanitizer report; the reproducer is left in build-fuzz/artifacts/.
# The seed corpus in fuzz/corpus/<target>/ is copied, so runs never write into the repo;
# it holds every crash found so far (crash-*.go), so each run replays them first. The
# checker's corpus also gets ir/testdata/rules/*.go (and the inliner's import-free rule files), which reach
# the escape pipeline and the inliner.
# The random seed is fixed (FUZZ_SEED, default 1) so that CI explores the same inputs on
# every run: a red CI is reproducible, and a longer local run with the same seed covers it.
# Use another FUZZ_SEED locally to explore further.
#
# Deep inputs: both targets read fuzz/go.dict (tokens that grow chains and nesting: ".f",
# "[0]", ".M()", " + ", "(", "else if"...), and after the normal runs each runs SECONDS/2
# more with long inputs (-max_len 262144 for the parser, 65536 for the checker), seeded
# with fuzz/corpus/deep/ (chains and nests a few hundred long).
#
# `fuzz/run.sh --build TARGET...` only configures and builds (e.g. the sanitizer `heapmap`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
configure() {
  if [ ! -f "$build/build.ninja" ]; then
    CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DHEAPMAP_FUZZ=ON \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++
  fi
}
if [ "${1:-}" = --build ]; then
  shift
  configure
  ninja -C "$build" "$@"
  exit 0
fi
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parser_fuzzer checker_fuzzer cache_fuzzer export_fuzzer profile_fuzzer package_list_fuzzer)
configure
ninja -C "$build" "${targets[@]}"
mkdir -p "$build/artifacts"
for target in "${targets[@]}"; do
  corpus="$build/corpus/${target%_fuzzer}"
  rm -rf "$corpus" && mkdir -p "$corpus"
  cp "$root/fuzz/corpus/${target%_fuzzer}/"* "$corpus/" 2>/dev/null || true
  # The escape rule tests are type-correct Go files: seeds that reach lowering and solving.
  if [ "$target" = checker_fuzzer ] || [ "$target" = export_fuzzer ]; then
    cp "$root/ir/testdata/rules/"*.go "$corpus/"
    # The inliner's rule files (without imports: the fuzzer has none but "a").
    for f in "$root/ir/testdata/inline/"*.go "$root/ir/testdata/inlined/"*.go; do
      grep -q "^import" "$f" || cp "$f" "$corpus/inline_$(basename "$f")"
    done
  fi
  run() {  # run LABEL SECONDS [libFuzzer flags...]
    local label=$1 secs=$2
    shift 2
    echo "fuzz: $target ($label) for ${secs}s"
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      LSAN_OPTIONS="print_suppressions=0:suppressions=$root/fuzz/lsan.supp" \
      "$build/$target" -seed="${FUZZ_SEED:-1}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 \
      -dict="$root/fuzz/go.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
      "$@" "$corpus" 2>"$build/$target.log" ||
      { tail -n 60 "$build/$target.log"; echo "fuzz: $target FAILED"; exit 1; }
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$build/$target.log" || true
    echo "fuzz: $target ($label) passed, no crash in ${secs}s"
  }
  run default "$seconds"
  cp "$root/fuzz/corpus/deep/"* "$corpus/"
  if [ "$target" = parser_fuzzer ]; then max_len=262144; else max_len=65536; fi
  run "long inputs, -max_len=$max_len" $(( (seconds + 1) / 2 )) -max_len=$max_len
done
