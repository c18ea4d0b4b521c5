#!/usr/bin/env bash
# scripts/test.sh — the README's test command.
#
#   scripts/test.sh          the full tier: every ctest test, then the parser fuzzer for 60 s
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
ctest --test-dir "$root/build" --output-on-failure --timeout 1800
"$root/fuzz/run.sh" 60
