#!/usr/bin/env bash
# scripts/nightly.sh — what a nightly cron job runs in the tree it watches.
#
#   scripts/nightly.sh -db FILE [-dashboard DIR] [-heapmap BIN] [-label L] [scan flags] [packages]
#
# 1. `heapmap scan -db FILE` stores tonight's report as one scan (label: the date and time,
#    UTC, unless -label; the git commit is recorded by heapmap itself);
# 2. `heapmap diff -db FILE -fail-on new-hot last~1 last` prints what changed since the
#    scan before (heap allocations introduced and fixed, by stable ID);
# 3. with -dashboard DIR, `heapmap dashboard` writes the site of every scan there;
# 4. exit status, for alerting: 0 nothing to report, 1 a hot heap allocation (in a loop or
#    called in one, or sampled by a -profile) was introduced, 2 the scan failed.
# Flags other than -db, -heapmap and -label (-l, -profile FILE, -cache DIR, ...) and the
# packages (default ./...) go to `heapmap scan`.
set -uo pipefail
db= dashboard= heapmap=${HEAPMAP:-heapmap} label=$(date -u +%Y-%m-%dT%H:%M:%SZ)
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    -db) db=$2; shift 2 ;;
    -dashboard) dashboard=$2; shift 2 ;;
    -heapmap) heapmap=$2; shift 2 ;;
    -label) label=$2; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
if [ -z "$db" ]; then
  echo "usage: scripts/nightly.sh -db FILE [-dashboard DIR] [-heapmap BIN] [-label L] [scan flags] [packages]" >&2
  exit 2
fi
has_pattern=0
for a in "${args[@]+"${args[@]}"}"; do
  case "$a" in -*) ;; *) has_pattern=1 ;; esac
done
[ $has_pattern -eq 1 ] || args+=(./...)
# Exit status 1 with the scan stored: some packages failed (listed on stderr); their sites
# are not compared. Anything else unstored is a failed scan.
stored=$("$heapmap" scan -q -db "$db" -label "$label" "${args[@]}")
echo "$stored"
case "$stored" in
  *"stored in"*) ;;
  *) echo "nightly: the scan failed" >&2; exit 2 ;;
esac
if [ -n "$dashboard" ] && ! "$heapmap" dashboard -q -db "$db" -o "$dashboard"; then
  echo "nightly: the dashboard could not be written" >&2
  exit 2
fi
scans=$("$heapmap" history -db "$db" -format json | wc -l)
if [ "$scans" -lt 2 ]; then
  echo "nightly: first scan stored; nothing to compare with yet"
  exit 0
fi
"$heapmap" diff -db "$db" -fail-on new-hot last~1 last
status=$?
if [ $status -eq 1 ]; then
  echo "nightly: a hot heap allocation was introduced since the last scan" >&2
  exit 1
fi
[ $status -eq 0 ] || exit 2
exit 0
