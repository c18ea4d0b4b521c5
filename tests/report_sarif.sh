#!/usr/bin/env bash
# tests/report_sarif.sh — `heapmap report -format sarif std` is valid SARIF 2.1.0: the
# SARIF Multitool (npm @microsoft/sarif-multitool-linux, installed by
# scripts/install-deps.sh) validates it with no error, and it has one result per site of
# `-format json`, each with its stable ID as partial fingerprint.
#
# Usage: tests/report_sarif.sh HEAPMAP [GOROOT]   (default GOROOT /usr/lib/go-1.19)
# $SARIF_MULTITOOL overrides the validator's path.
set -euo pipefail
heapmap=$(realpath "$1")
goroot=${2:-/usr/lib/go-1.19}
tool=${SARIF_MULTITOOL:-/opt/heapmap-tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool}
if [ ! -x "$tool" ]; then
  echo "FAIL: no SARIF Multitool at $tool (scripts/install-deps.sh installs it)"
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$goroot/src"
export GOROOT="$goroot" HEAPMAP_CACHE=off
"$heapmap" report -q -format sarif -o "$work/std.sarif" std
"$heapmap" report -q -format json -o "$work/std.json" std
# The validator writes its own SARIF log of what it found (std's report is over its default
# 10 MB limit); warnings (no informationUri, no tool version) are not errors.
"$tool" validate "$work/std.sarif" --output "$work/validation.sarif" --max-file-size-in-kb 1000000 \
  >"$work/validate.out" 2>&1 || true
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
log = json.load(open(f"{work}/validation.sarif"))
errors = [r for run in log["runs"] for r in run.get("results", []) if r.get("level") == "error"]
for r in errors[:5]:
    print("validator:", r["message"].get("text", r["message"]))
sarif = json.load(open(f"{work}/std.sarif"))
sites = json.load(open(f"{work}/std.json"))["sites"]
results = sarif["runs"][0]["results"]
ids = [r["partialFingerprints"]["heapmapSiteId/v1"] for r in results]
ok = not errors and len(results) == len(sites) and ids == [s["id"] for s in sites]
print(f"{'ok' if ok else 'FAIL'}: {len(results)} results, {len(sites)} sites, "
      f"{len(errors)} validation errors")
sys.exit(0 if ok else 1)
PY
