#!/bin/bash
# tests/escape_errorcheck.sh [--inlining] HEAPMAP MIN_RECALL MAX_UNEXPECTED PINNED_FILE
#
# --inlining: the tests whose flags keep inlining on instead, analyzed with `heapmap
# analyze -m` and scored on every kind (the inliner's lines too); multi-package (.dir)
# tests and -m=2 tests (explanations) are left out for now, and listed.
#
# The Go test suite's escape tests with inlining off: every errorcheck test of
# $GOROOT/test whose flags hold -m and -l (selected by ../shared/oracle/errorcheck-expect,
# which also turns their `// ERROR "..."` annotations into expectations). Each test's files
# are analyzed as one package with `heapmap analyze -m -l FILES`, and escape-score (the
# errorcheck rule: every regexp must match a message on its line, every other message is
# unexpected) scores all of them. Prints the per-kind table and each file's verdict.
#
# Fails if recall over the expectations falls below MIN_RECALL, if unexpected messages
# exceed MAX_UNEXPECTED of the lines heapmap printed, or if a file listed in PINNED_FILE
# (one path per line, relative to $GOROOT/test; files that once passed fully) fails.
set -euo pipefail
inlining=off
if [ "${1:-}" = --inlining ]; then inlining=on; shift; fi
heapmap=$(realpath "$1"); min_recall=$2; max_unexpected=$3; pinned=$(realpath "$4")
top=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
oracle="$top/../shared/oracle"
if [ ! -x "$oracle/errorcheck-expect" ] || [ ! -x "$oracle/escape-score" ]; then
  echo "escape_errorcheck: FAIL: missing $oracle/errorcheck-expect or escape-score" \
       "(the oracle scripts must be checked out as shared/ beside the repository)" >&2
  exit 1
fi
go=/usr/lib/go-1.19/bin/go
[ -x "$go" ] || go=$(command -v go)
testdir="$(realpath "$("$go" env GOROOT)")/test"
[ -d "$testdir" ] || { echo "escape_errorcheck: FAIL: no $testdir (golang-1.19-src)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$oracle/errorcheck-expect" --testdir "$testdir" -o "$tmp/expect.tsv" \
  --manifest "$tmp/manifest.tsv" > "$tmp/expect.log" 2>&1 ||
  { cat "$tmp/expect.log" >&2; echo "escape_errorcheck: FAIL: errorcheck-expect failed" >&2; exit 1; }

# Tests with inlining off (manifest column 5): their files (column 7, comma-separated)
# and flags (column 3; heapmap takes the ones that change escape decisions: -smallframes).
if [ "$inlining" = on ]; then
  awk -F'\t' '!/^#/ && $5 == "on" && $3 !~ /-m=2|-m -m|-race|-std|-\+/ { print $7 "\t" $3 }' \
    "$tmp/manifest.tsv" > "$tmp/tests.txt"
  echo "left out (-m=2, -race, -std):"
  awk -F'\t' '!/^#/ && $5 == "on" && $3 ~ /-m=2|-m -m|-race|-std|-\+/ { print "  " $1 }' \
    "$tmp/manifest.tsv"
  analyze=(analyze -q -m); score_kinds=(--kinds all)
else
  awk -F'\t' '!/^#/ && $5 == "off" { print $7 "\t" $3 }' "$tmp/manifest.tsv" > "$tmp/tests.txt"
  analyze=(analyze -q -m -l); score_kinds=()
fi
cut -f1 "$tmp/tests.txt" | tr ', ' '\n\n' | sort -u > "$tmp/files.txt"
# Keep the expectations of those files only (the others need inlining).
python3 - "$tmp/expect.tsv" "$tmp/files.txt" > "$tmp/expect-l.tsv" <<'PY'
import sys
files = set(open(sys.argv[2]).read().split())
for line in open(sys.argv[1]):
    if line.startswith("#file"):
        if line.rstrip("\n").split("\t")[1] in files:
            sys.stdout.write(line)
    elif line.startswith("#") or line.split("\t", 1)[0] in files:
        sys.stdout.write(line)
PY
: > "$tmp/hm.txt"
while IFS=$'\t' read -r files flags; do
  args=()
  case " $flags " in *" -smallframes "*) args+=(-smallframes) ;; esac
  if [[ "$files" == *" "* ]]; then
    # A .dir test: one package per file, compiled in order, each importing the earlier
    # ones as "./name" (run.go compiles with -I .). heapmap reads them as GOPATH-mode
    # local imports: the last file's package in a directory, the earlier ones in
    # subdirectories named after their files. Paths are mapped back to the test's.
    read -r -a list <<< "$files"
    root="$tmp/dir.$(basename "$(dirname "${list[0]}")")"
    mkdir -p "$root"
    pkgs=()
    sedargs=()
    for f in "${list[@]}"; do
      base=$(basename "$f" .go)
      if [ "$f" = "${list[-1]}" ]; then
        cp "$testdir/$f" "$root/"; pkgs+=(.); sedargs+=(-e "s|^\./$base\.go:|$f:|")
      else
        mkdir -p "$root/$base"; cp "$testdir/$f" "$root/$base/"; pkgs+=("./$base")
        sedargs+=(-e "s|^$base/$base\.go:|$f:|")
      fi
    done
    (cd "$root" && GO111MODULE=off GOPATH="$tmp/gopath" "$heapmap" "${analyze[@]}" "${args[@]}" \
      "${pkgs[@]}") 2>> "$tmp/hm.err" | sed "${sedargs[@]}" >> "$tmp/hm.txt" || true
    continue
  fi
  IFS=',' read -r -a list <<< "$files"
  for f in "${list[@]}"; do args+=("./$f"); done
  # A test heapmap cannot analyze (errors, unsupported flags) simply scores no lines.
  (cd "$testdir" && "$heapmap" "${analyze[@]}" "${args[@]}") 2>> "$tmp/hm.err" |
    sed 's|^\./||' >> "$tmp/hm.txt" || true
done < "$tmp/tests.txt"

"$oracle/escape-score" "${score_kinds[@]}" --cwd "$testdir" "$tmp/expect-l.tsv" "$tmp/hm.txt" \
  -n 1000 > "$tmp/score.txt"
sed -n '/== per-kind/,/^TOTAL/p' "$tmp/score.txt"
tail -1 "$tmp/score.txt"
python3 - "$tmp/score.txt" "$tmp/files.txt" "$pinned" "$min_recall" "$max_unexpected" <<'PY'
import re, sys
score, files_txt, pinned_txt, min_recall, max_unexpected = sys.argv[1:]
text = open(score).read()
files = open(files_txt).read().split()
pinned = [l.strip() for l in open(pinned_txt) if l.strip() and not l.startswith("#")]
m = re.search(r"^failing files:(.*)$", text, re.M)
failing = set(m.group(1).split()) if m else set()
mismatches = {}
for line in text.splitlines():
    f = re.match(r"^(FN|FP)\s+(\S+?):\d+:", line)
    if f:
        mismatches[f.group(2)] = mismatches.get(f.group(2), 0) + 1
print("per file:")
for f in files:
    print(f"  {'FAIL' if f in failing else 'pass'} {f}" +
          (f" ({mismatches.get(f, 0)} mismatches)" if f in failing else ""))
last = text.strip().splitlines()[-1]
kv = dict(x.split("=") for x in last.split())
tp, fp = int(kv["tp"]), int(kv["fp"])
recall = float(kv["recall"])
unexpected = fp / (tp + fp) if tp + fp else 1.0
bad = 0
print(f"{'ok  ' if recall >= float(min_recall) else 'FAIL'} recall {recall:.4f} (min {min_recall})")
bad += recall < float(min_recall)
print(f"{'ok  ' if unexpected <= float(max_unexpected) else 'FAIL'} unexpected {fp}/{tp + fp} = "
      f"{unexpected:.4f} (max {max_unexpected})")
bad += unexpected > float(max_unexpected)
for f in pinned:
    if f not in files:
        print(f"FAIL pinned {f}: not among the selected errorcheck tests"); bad += 1
    elif f in failing:
        print(f"FAIL pinned {f}: passed before, fails now"); bad += 1
newly = [f for f in files if f not in failing and f not in pinned]
if newly:
    print("passing but not pinned (add to the pinned list):", " ".join(newly))
sys.exit(1 if bad else 0)
PY
