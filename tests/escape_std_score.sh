#!/bin/bash
# tests/escape_std_score.sh HEAPMAP KIND=PRECISION:RECALL ...
# Generates gc's escape truth for std (gc-escape-truth -l, ~30 s, from shared/oracle beside
# the repository), runs `heapmap analyze -m -l std`, scores with escape-score and fails if
# any listed kind's precision or recall is below its threshold. Prints both wall times.
set -euo pipefail
heapmap=$(realpath "$1"); shift
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
oracle="$top/../shared/oracle"
if [ ! -x "$oracle/gc-escape-truth" ] || [ ! -x "$oracle/escape-score" ]; then
  echo "escape_std_score: FAIL: missing $oracle/gc-escape-truth or escape-score" \
       "(the oracle scripts must be checked out as shared/ beside the repository)" >&2
  exit 1
fi
go=/usr/lib/go-1.19/bin/go
[ -x "$go" ] || go=$(command -v go)
src="$("$go" env GOROOT)/src"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
t0=$(date +%s.%N)
"$oracle/gc-escape-truth" -l -o "$tmp/std-l.tsv" std > "$tmp/truth.log" 2>&1 ||
  { cat "$tmp/truth.log" >&2; echo "escape_std_score: FAIL: gc-escape-truth failed" >&2; exit 1; }
t1=$(date +%s.%N)
(cd "$src" && "$heapmap" analyze -m -l std > "$tmp/hm.txt" 2> "$tmp/hm.err") ||
  { tail -20 "$tmp/hm.err" >&2; echo "escape_std_score: FAIL: heapmap analyze failed" >&2; exit 1; }
t2=$(date +%s.%N)
"$oracle/escape-score" --cwd "$src" "$tmp/std-l.tsv" "$tmp/hm.txt" -n 0 > "$tmp/score.txt"
sed -n '/== per-kind/,/^TOTAL/p' "$tmp/score.txt"
tail -1 "$tmp/score.txt"
python3 - "$tmp/score.txt" "$t0" "$t1" "$t2" "$@" <<'PY'
import sys
score, t0, t1, t2, *want = sys.argv[1:]
print(f"gc-escape-truth -l std: {float(t1)-float(t0):.1f} s; heapmap analyze -m -l std: {float(t2)-float(t1):.1f} s")
got = {}
for line in open(score):
    f = line.split()
    if len(f) == 7 and f[1].isdigit():
        got[f[0]] = (float(f[4]), float(f[5]))
bad = 0
for w in want:
    kind, thr = w.split("=")
    p, r = (float(x) for x in thr.split(":"))
    if kind not in got:
        print(f"FAIL {kind}: not in escape-score's per-kind table"); bad += 1; continue
    gp, gr = got[kind]
    ok = gp >= p and gr >= r
    print(f"{'ok  ' if ok else 'FAIL'} {kind}: precision {gp:.4f} (min {p}) recall {gr:.4f} (min {r})")
    bad += not ok
sys.exit(1 if bad else 0)
PY
