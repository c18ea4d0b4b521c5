# bench/measure.sh — sourced by the run_*_bench.sh scripts.
#
# measure LABEL SETUP CMD...: runs CMD $runs times (SETUP, untimed, before each run; ":" for
# none) under /usr/bin/time and prints one markdown row: label, median wall seconds, the
# largest peak RSS in MB, every run's wall time. Needs $runs and $work (a scratch dir).
measure() {
  local label=$1 setup=$2
  shift 2
  local walls=() rss=0 i wall kb median
  for ((i = 0; i < runs; i++)); do
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
      { tail -5 "$work/err"; echo "FAILED: $label"; exit 1; }
    read -r wall kb <"$work/time"
    walls+=("$wall")
    ((kb > rss)) && rss=$kb
  done
  median=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")
  printf '| %-52s | %7s | %8d | %s |\n' "$label" "$median" $((rss / 1024)) "$(printf '%s ' "${walls[@]}")"
}
