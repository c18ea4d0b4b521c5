#!/usr/bin/env bash
# scripts/test.sh — the README's test command.
#
#   scripts/test.sh          the full tier: builds build/ and the sanitizer build (build-fuzz/),
#                            runs every ctest test, then each fuzzer (fuzz/run.sh 60)
#   scripts/test.sh fast     the fast tier (ctest -L fast), for the edit-compile-test loop
#
# Assumes scripts/install-deps.sh has run (scripts/bootstrap.sh and .ci/run do that).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tier=${1:-full}
"$root/scripts/build.sh"
if [ "$tier" = fast ]; then
  ctest --test-dir "$root/build" -L fast --output-on-failure
  exit 0
fi
# The ASan + UBSan heapmap of the fuzz build, for tests/deep_inputs.py (ctest test
# deep_inputs): the same generated inputs run under the sanitizers.
"$root/fuzz/run.sh" --build heapmap
export HEAPMAP_SANITIZER_BIN="${FUZZ_BUILD_DIR:-$root/build-fuzz}/heapmap"
ctest --test-dir "$root/build" --output-on-failure --timeout 1800
"$root/fuzz/run.sh" 60
