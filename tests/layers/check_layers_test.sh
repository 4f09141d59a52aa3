#!/usr/bin/env bash
# tools/check_layers passes on the source tree, and fails, naming the file and
# line, on a copy where a model header includes a simulation header.
set -euo pipefail
src=$1
"$src/tools/check_layers" "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$src/model" "$src/sim" "$src/reports" "$src/sweep" "$src/compare" "$src/sut" "$tmp/"
printf '#include "sim/world.hpp"\n' >> "$tmp/model/core/money.hpp"
line=$(wc -l < "$tmp/model/core/money.hpp")
if "$src/tools/check_layers" "$tmp" 2> "$tmp/err"; then
  echo "check_layers accepted a model header that includes sim/world.hpp" >&2
  exit 1
fi
grep -q "^model/core/money.hpp:$line: the model layer includes sim/world.hpp of the simulation layer$" "$tmp/err" || {
  echo "check_layers did not name the file and line:" >&2; cat "$tmp/err" >&2; exit 1; }
echo "check_layers: passes on the tree, fails on a bad include"
