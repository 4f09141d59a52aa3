#!/usr/bin/env bash
# Every shipped conformance scenario against the reference served over the
# harness protocol: what a QA engineer's CI job does with their own system,
# here with `provsim serve rating`, `provsim serve address` and `provsim
# serve provisioning` as the systems under test.
#   conformance_against_serve.sh PROVSIM SOURCE_DIR [WORKERS]
# For each scenario in SOURCE_DIR/scenarios/conformance (the week-long
# over-allocation ones cut to two days): one run of the reference alone,
# then one run in shadow mode and one in drive mode with the three servers
# under test (in drive mode the served provisioning manager calls the
# parties' systems the run serves it). Each harness run must exit 0 with no divergence and a JUnit
# file without failures, and write every result file of the reference's
# run byte for byte (summary.json but for its harness and wall-clock lines;
# the report page shows the harness, so it differs).
#
# Every request is a round trip in lock-step, so one run keeps a core
# mostly waiting: WORKERS (default 3) take the scenarios in turn, each with
# servers of its own (a server serves one run at a time). The servers
# listen on 127.0.0.1 at ports they pick, and are stopped at the end, also
# on failure.
#
# The GoogleTest harness tests run the same checks on a few scenarios under
# the sanitizers; this runs all of them on the release build.
set -euo pipefail

provsim=$1
source_dir=$(cd "$2" && pwd)
workers=${3:-3}
tmp=$(mktemp -d /tmp/provsim-conformance-serve.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

scenarios=()
for dir in "$source_dir"/scenarios/conformance/*/; do scenarios+=("${dir%/}"); done
[ "${#scenarios[@]}" -ge 20 ] || fail "only ${#scenarios[@]} conformance scenarios found in $source_dir"

# Summary lines that must agree: all but the harness's own and wall-clock figures.
figures() { grep -v -e '"harness\.' -e 'wall' "$1"; }

# check SCENARIO RATING_URL ADDRESS_URL PROVISIONING_URL: the three runs of one scenario.
check() {
  local scenario=$1 rating_url=$2 address_url=$3 provisioning_url=$4
  local name work start set_args=()
  name=$(basename "$scenario")
  # The week-long over-allocation scenarios are cut to two days: their
  # pools are full within hours, and every request is a round trip.
  case "$name" in ip-*) set_args=(--set run.duration=2d) ;; esac
  work="$tmp/$name"
  mkdir -p "$work"
  start=$SECONDS
  "$provsim" run "$scenario" --out "$work/alone" -q "${set_args[@]}" >"$work/alone.log" 2>&1 ||
    fail "$name: the reference alone failed: $(cat "$work/alone.log")"
  for mode in shadow drive; do
    local out="$work/$mode" status=0 compared=0
    "$provsim" run "$scenario" --out "$out" -q "${set_args[@]}" --sut "rating=$rating_url" --sut "address=$address_url" \
      --sut "provisioning=$provisioning_url" --sut-mode "$mode" \
      --junit "$work/$mode.xml" >"$work/$mode.log" 2>&1 || status=$?
    [ "$status" -eq 0 ] || fail "$name, $mode: exit $status: $(cat "$work/$mode.log"; head -5 "$out/divergences.csv" 2>/dev/null)"
    [ "$(wc -l <"$out/divergences.csv")" -eq 1 ] || fail "$name, $mode: divergences: $(head -5 "$out/divergences.csv")"
    [ "$(wc -l <"$out/sut_requests.csv")" -gt 1 ] || fail "$name, $mode: no request reached the systems under test"
    grep -q 'failures="0"' "$work/$mode.xml" || fail "$name, $mode: the JUnit file has failures"
    for file in "$work/alone"/*; do
      local base
      base=$(basename "$file")
      case "$base" in report.html|summary.json) continue ;; esac
      cmp -s "$file" "$out/$base" || fail "$name, $mode: $base differs from the reference's alone"
      compared=$((compared + 1))
    done
    [ "$compared" -gt 5 ] || fail "$name, $mode: only $compared result files compared"
    cmp -s <(figures "$work/alone/summary.json") <(figures "$out/summary.json") ||
      fail "$name, $mode: summary.json differs: $(diff <(figures "$work/alone/summary.json") <(figures "$out/summary.json") | head -5)"
  done
  echo "$name: shadow and drive agree with the reference ($((SECONDS - start)) s)"
  rm -rf "$work"
}

# worker K: its own three servers, then every WORKERS-th scenario from the K-th.
worker() {
  local k=$1 servers=() urls=()
  trap 'for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait' EXIT
  for component in rating address provisioning; do
    local log="$tmp/serve-$k-$component" args=() url=""
    for s in "${scenarios[@]}"; do args+=(--scenario "$s"); done
    "$provsim" serve "$component" --listen 127.0.0.1:0 "${args[@]}" >"$log.out" 2>"$log.err" &
    servers+=($!)
    for _ in $(seq 600); do
      # The server may not have opened its output file yet.
      url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$log.out" 2>/dev/null || true)
      [ -n "$url" ] && break
      kill -0 "${servers[-1]}" 2>/dev/null || fail "provsim serve $component stopped: $(cat "$log.err")"
      sleep 0.1
    done
    [ -n "$url" ] || fail "provsim serve $component did not say where it listens within 60 s"
    urls+=("$url")
  done
  for ((i = k; i < ${#scenarios[@]}; i += workers)); do check "${scenarios[$i]}" "${urls[@]}"; done
}

pids=()
for ((k = 0; k < workers; ++k)); do
  worker "$k" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
[ "$failed" -eq 0 ] || fail "a scenario failed (above)"
echo "all ${#scenarios[@]} conformance scenarios pass against provsim serve rating, address and provisioning"
