#!/usr/bin/env bash
# Every shipped conformance scenario against the reference served over the
# harness protocol: what a QA engineer's CI job does with their own system,
# here with `provsim serve rating`, `provsim serve address` and `provsim
# serve provisioning` as the systems under test.
#   conformance_against_serve.sh PROVSIM SOURCE_DIR
# For each scenario in SOURCE_DIR/scenarios/conformance (the week-long
# over-allocation ones cut to two days): one run of the
# reference alone, then one run in shadow mode and one in drive mode with
# the three servers under test (the provisioning manager is shadowed in
# both: it has no drive mode yet). Each harness run must exit 0 with no divergence
# and a JUnit file without failures, and write every result file of the
# reference's run byte for byte (summary.json but for its harness and
# wall-clock lines; the report page shows the harness, so it differs).
# The servers listen on 127.0.0.1 at ports they pick, and are stopped at
# the end, also on failure.
#
# The GoogleTest harness tests run the same checks on a few scenarios under
# the sanitizers; this runs all of them on the release build, where they
# take seconds instead of minutes.
set -euo pipefail

provsim=$1
source_dir=$(cd "$2" && pwd)
tmp=$(mktemp -d /tmp/provsim-conformance-serve.XXXXXX)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

scenarios=()
for dir in "$source_dir"/scenarios/conformance/*/; do scenarios+=("${dir%/}"); done
[ "${#scenarios[@]}" -ge 20 ] || fail "only ${#scenarios[@]} conformance scenarios found in $source_dir"

# serve COMPONENT: starts the server on every scenario, sets $url once it
# prints "listening on URL" (within 60 s).
serve() {
  local component=$1 args=() log="$tmp/serve-$1.out"
  for s in "${scenarios[@]}"; do args+=(--scenario "$s"); done
  "$provsim" serve "$component" --listen 127.0.0.1:0 "${args[@]}" >"$log" 2>"$tmp/serve-$component.err" &
  servers+=($!)
  for _ in $(seq 600); do
    url=$(sed -n 's/^listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$log")
    [ -n "$url" ] && return 0
    kill -0 "${servers[-1]}" 2>/dev/null || fail "provsim serve $component stopped: $(cat "$tmp/serve-$component.err")"
    sleep 0.1
  done
  fail "provsim serve $component did not say where it listens within 60 s"
}
serve rating
rating_url=$url
serve address
address_url=$url
serve provisioning
provisioning_url=$url

# Summary lines that must agree: all but the harness's own and wall-clock figures.
figures() { grep -v -e '"harness\.' -e 'wall' "$1"; }

for scenario in "${scenarios[@]}"; do
  name=$(basename "$scenario")
  # The week-long over-allocation scenarios are cut to two days: their
  # pools are full within hours, and every request is a round trip.
  set_args=()
  case "$name" in ip-*) set_args=(--set run.duration=2d) ;; esac
  work="$tmp/$name"
  mkdir -p "$work"
  start=$SECONDS
  "$provsim" run "$scenario" --out "$work/alone" -q "${set_args[@]}" >"$work/alone.log" 2>&1 ||
    fail "$name: the reference alone failed: $(cat "$work/alone.log")"
  for mode in shadow drive; do
    out="$work/$mode"
    status=0
    "$provsim" run "$scenario" --out "$out" -q "${set_args[@]}" --sut "rating=$rating_url" --sut "address=$address_url" \
      --sut "provisioning=$provisioning_url" --sut-mode "rating=$mode,address=$mode,provisioning=shadow" \
      --junit "$work/$mode.xml" >"$work/$mode.log" 2>&1 || status=$?
    [ "$status" -eq 0 ] || fail "$name, $mode: exit $status: $(cat "$work/$mode.log"; head -5 "$out/divergences.csv" 2>/dev/null)"
    [ "$(wc -l <"$out/divergences.csv")" -eq 1 ] || fail "$name, $mode: divergences: $(head -5 "$out/divergences.csv")"
    [ "$(wc -l <"$out/sut_requests.csv")" -gt 1 ] || fail "$name, $mode: no request reached the systems under test"
    grep -q 'failures="0"' "$work/$mode.xml" || fail "$name, $mode: the JUnit file has failures"
    compared=0
    for file in "$work/alone"/*; do
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
done
echo "all ${#scenarios[@]} conformance scenarios pass against provsim serve rating, address and provisioning"
