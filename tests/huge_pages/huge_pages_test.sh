#!/usr/bin/env bash
# provsim puts its heap on transparent huge pages when the kernel gives them
# only on request (sim/huge_pages.hpp). This runs the release binary on a
# million subscribers for an hour (about 4 s, most of it loading them) and
# asks the kernel, while it runs, how much of it sits on huge pages
# (AnonHugePages in /proc/PID/smaps_rollup); then checks that the user's
# settings win and that the results are the same either way.
#   huge_pages_test.sh PROVSIM SOURCE_DIR
# Exit 77 (skipped) when the kernel's mode is not madvise: with always every
# process has huge pages already, with never there are none to have.
set -euo pipefail
provsim=$1
source_dir=$2
mode=$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null || true)
if [ "$mode" != madvise ]; then
  echo "transparent huge pages: '$mode', not madvise: nothing to ask for here"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Runs provsim with the environment given as NAME=VALUE words (or -u NAME),
# into results folder $1, and prints the most AnonHugePages seen (kB).
run() {
  local out=$1; shift
  env "$@" "$provsim" run "$source_dir/scenarios/capacity-1m" --set run.duration=1h --quiet --out "$work/$out" &
  local pid=$! most=0 kb
  while kill -0 "$pid" 2>/dev/null; do
    kb=$(awk '/^AnonHugePages:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || true)
    [ -n "$kb" ] && [ "$kb" -gt "$most" ] && most=$kb
    sleep 0.2
  done
  wait "$pid" || fail "provsim run ($*) exited $?"
  echo "$most"
}
flag() { python3 -c 'import json,sys; print(str(json.load(open(sys.argv[1]))["wall"]["huge_pages"]).lower())' "$work/$1/summary.json"; }

on=$(run on -u GLIBC_TUNABLES -u PROVSIM_HUGE_PAGES)
echo "default: AnonHugePages up to $on kB, summary says $(flag on)"
[ "$on" -ge 32768 ] || fail "the heap of a million subscribers had only $on kB on huge pages"
[ "$(flag on)" = true ] || fail "summary.json does not say huge_pages: true"

off=$(run off -u GLIBC_TUNABLES PROVSIM_HUGE_PAGES=0)
echo "PROVSIM_HUGE_PAGES=0: AnonHugePages up to $off kB, summary says $(flag off)"
[ "$(flag off)" = false ] || fail "PROVSIM_HUGE_PAGES=0 was not obeyed"

theirs=$(run theirs -u PROVSIM_HUGE_PAGES GLIBC_TUNABLES=glibc.malloc.hugetlb=0)
echo "GLIBC_TUNABLES=glibc.malloc.hugetlb=0: up to $theirs kB, summary says $(flag theirs)"
[ "$(flag theirs)" = false ] || fail "the user's glibc.malloc.hugetlb=0 was overridden"

beside=$(run beside -u PROVSIM_HUGE_PAGES GLIBC_TUNABLES=glibc.malloc.tcache_count=0)
echo "GLIBC_TUNABLES=glibc.malloc.tcache_count=0: up to $beside kB, summary says $(flag beside)"
[ "$(flag beside)" = true ] || fail "huge pages were not added beside the user's own tunable"

# The same results with and without (the wall block and the report's line showing it aside).
for f in "$work/on"/*; do
  name=$(basename "$f")
  [ "$name" = report.html ] && continue
  if [ "$name" = summary.json ]; then
    python3 - "$f" "$work/off/$name" <<'PY' || fail "summary.json differs with huge pages"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("wall"); b.pop("wall")
sys.exit(a != b)
PY
  else
    cmp -s "$f" "$work/off/$name" || fail "$name differs with huge pages"
  fi
done
echo "results identical with and without huge pages"
# The process keeps its name (ps, top, pgrep provsim).
"$provsim" run "$source_dir/scenarios/capacity-1m" --set run.duration=1h --quiet --out "$work/name" &
pid=$!
sleep 1
name=$(cat "/proc/$pid/comm" 2>/dev/null || echo gone)
wait "$pid"
[ "$name" = provsim ] || fail "started again under the name '$name'"
echo ok
