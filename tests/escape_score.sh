#!/bin/bash
# tests/escape_score.sh TARGET HEAPMAP KIND=PRECISION:RECALL ...
# TARGET: std, corpus (-m -l), std-inline, corpus-inline (the inliner's lines), std-m,
# corpus-m (escape lines with inlining on: gc's default flags, `heapmap analyze -m`),
# std-explain, corpus-explain (-m=2 -l: gc's escape explanations, kind "other"),
# std-explain-m (the same with inlining on).
# Generates gc's escape truth (gc-escape-truth -l, from shared/oracle beside the
# repository) for std (~30 s) or for corpus A (the 678 import paths of
# tests/oracle/corpus-a.pkgs in GOPATH mode under /usr/share/gocode, ~2 min), runs
# `heapmap analyze -m -l` on the same packages, scores with escape-score and fails if any
# listed kind's precision or recall is below its threshold. Prints both wall times.
# The -inline targets score the inliner instead: gc's truth with inlining on (default
# flags, its can-inline and inlining-call lines) against `heapmap inline -m`.
set -euo pipefail
target=$1; shift
mode=escape
case "$target" in
  *-explain-m) mode=explain_m; target=${target%-explain-m} ;;
  *-inline) mode=inline; target=${target%-inline} ;;
  *-m) mode=inlined; target=${target%-m} ;;
  *-explain) mode=explain; target=${target%-explain} ;;
esac
heapmap=$(realpath "$1"); shift
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
oracle="$top/../shared/oracle"
if [ ! -x "$oracle/gc-escape-truth" ] || [ ! -x "$oracle/escape-score" ]; then
  echo "escape_score: FAIL: missing $oracle/gc-escape-truth or escape-score" \
       "(the oracle scripts must be checked out as shared/ beside the repository)" >&2
  exit 1
fi
go=/usr/lib/go-1.19/bin/go
[ -x "$go" ] || go=$(command -v go)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
case "$target" in
  std)
    src="$("$go" env GOROOT)/src"
    truth_args=(std); pkgs=(std); env_args=() ;;
  corpus)
    src=/usr/share/gocode/src
    mapfile -t pkgs < <(grep -v '^#' "$top/tests/oracle/corpus-a.pkgs" | grep -v '^$')
    truth_args=(--env GO111MODULE=off --env GOPATH=/usr/share/gocode -C "$src" "${pkgs[@]}")
    env_args=(GO111MODULE=off GOPATH=/usr/share/gocode) ;;
  *) echo "escape_score: first argument must be std or corpus" >&2; exit 2 ;;
esac
t0=$(date +%s.%N)
if [ "$mode" = inline ]; then
  truth_flags=(-o "$tmp/all.tsv" --inline-out "$tmp/truth.tsv")
  heapmap_cmd=(inline -m); score_flags=(--kinds can-inline,inlining-call)
elif [ "$mode" = explain_m ]; then
  # -m=2 with inlining on: the escape kinds and the explanations (the inliner's lines are
  # scored by the -m targets).
  truth_flags=(-m 2 -o "$tmp/truth-abs.tsv" --inline-out "$tmp/inline.tsv")
  heapmap_cmd=(analyze -m=2)
  score_flags=(--kinds moved-to-heap,escapes,does-not-escape,leaking-param,leaking-param-content,leaking-param-to-result,other)
elif [ "$mode" = explain ]; then
  # -m=2 -l: the explanation lines ("other"; the escape kinds too).
  truth_flags=(-l -m 2 -o "$tmp/truth-abs.tsv")
  heapmap_cmd=(analyze -m=2 -l); score_flags=(--kinds all)
elif [ "$mode" = inlined ]; then
  # analyze -m prints the inliner's lines too (with the shape instances' ones, which only
  # lowering finds): scored with the escape kinds.
  truth_flags=(-o "$tmp/escapes.tsv" --inline-out "$tmp/inline.tsv")
  heapmap_cmd=(analyze -m)
  score_flags=(--kinds moved-to-heap,escapes,does-not-escape,leaking-param,leaking-param-content,leaking-param-to-result,can-inline,inlining-call)
else
  truth_flags=(-l -o "$tmp/truth.tsv")
  heapmap_cmd=(analyze -m -l); score_flags=()
fi
"$oracle/gc-escape-truth" "${truth_flags[@]}" "${truth_args[@]}" > "$tmp/truth.log" 2>&1 ||
  { tail -20 "$tmp/truth.log" >&2; echo "escape_score: FAIL: gc-escape-truth failed" >&2; exit 1; }
t1=$(date +%s.%N)
if [ "$mode" = explain ] || [ "$mode" = explain_m ]; then
  # gc (run outside the tree) names the files of "from ... at FILE" by absolute path; the go
  # command run inside it, as heapmap is here, names them relative to it.
  sed "s| at $src/| at |g" "$tmp/truth-abs.tsv" > "$tmp/truth.tsv"
fi
(cd "$src" && env "${env_args[@]}" "$heapmap" "${heapmap_cmd[@]}" "${pkgs[@]}" > "$tmp/hm.txt" 2> "$tmp/hm.err") ||
  { tail -20 "$tmp/hm.err" >&2; echo "escape_score: FAIL: heapmap ${heapmap_cmd[*]} failed" >&2; exit 1; }
t2=$(date +%s.%N)
truth="$tmp/truth.tsv"
[ "$mode" = inlined ] && truth="$tmp/escapes.tsv,$tmp/inline.tsv"
"$oracle/escape-score" "${score_flags[@]}" --cwd "$src" "$truth" "$tmp/hm.txt" -n 0 > "$tmp/score.txt"
sed -n '/== per-kind/,/^TOTAL/p' "$tmp/score.txt"
tail -1 "$tmp/score.txt"
python3 - "$tmp/score.txt" "$t0" "$t1" "$t2" "$target" "${truth_flags[0]}" "${heapmap_cmd[*]}" "$@" <<'PY'
import sys
score, t0, t1, t2, target, gcflag, hmcmd, *want = sys.argv[1:]
gcflag = "-l " if gcflag == "-l" else ""
print(f"gc-escape-truth {gcflag}{target}: {float(t1)-float(t0):.1f} s; "
      f"heapmap {hmcmd} {target}: {float(t2)-float(t1):.1f} s")
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
