#!/usr/bin/env bash
# An installed provsim works away from the trees it was built in.
#   installed_tool_test.sh prefix SOURCE_DIR BUILD_DIR
#       cmake --install into a temporary prefix, moves the prefix elsewhere
#   installed_tool_test.sh deb SOURCE_DIR BUILD_DIR
#       cpack -G DEB, checks the declared Depends cover every shared library
#       the binary needs, installs the .deb with apt (root), removes it after
# Then, in both cases: with the source and build trees hidden (an empty
# folder mounted over them in a private mount namespace, when the system
# allows one), PROVSIM_ASSET_DIR unset and a fresh working folder, the
# installed provsim runs a scenario and writes its report again, and the
# report must hold the chart libraries.
set -euo pipefail

mode=$1
source_dir=$(cd "$2" && pwd)
build_dir=$(cd "$3" && pwd)
tmp=$(mktemp -d /tmp/provsim-install-test.XXXXXX)
installed_deb=""
cleanup() {
  if [ -n "$installed_deb" ]; then
    apt-get remove -y -qq -o DPkg::Lock::Timeout=300 provsim >/dev/null || dpkg -r provsim >/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# The scenario the installed provsim runs: the baseline, one simulated day,
# copied out before the trees are hidden.
mkdir -p "$tmp/work"
cp -r "$source_dir/scenarios/baseline" "$tmp/work/baseline"

case "$mode" in
  prefix)
    cmake --install "$build_dir" --prefix "$tmp/prefix" >/dev/null
    for f in bin/provsim share/provsim/vega/build/vega.min.js share/provsim/vega-lite/build/vega-lite.min.js \
             share/provsim/vega-embed/build/vega-embed.min.js share/provsim/vega/LICENSE \
             share/doc/provsim/README.md share/doc/provsim/docs/sweeps.md \
             share/doc/provsim/scenarios/baseline/scenario.ini share/doc/provsim/scenarios/sweeps/workload.ini; do
      [ -e "$tmp/prefix/$f" ] || fail "cmake --install did not install $f"
    done
    # Moved as a whole after installing: provsim must find share/ relative to itself.
    mv "$tmp/prefix" "$tmp/moved"
    provsim="$tmp/moved/bin/provsim"
    lib="$tmp/moved/share/provsim/vega/build/vega.min.js"
    ;;
  deb)
    [ "$(id -u)" -eq 0 ] || { echo "SKIP: installing a .deb needs root"; exit 77; }
    if [ -e /usr/bin/provsim ] && ! dpkg -S /usr/bin/provsim >/dev/null 2>&1; then
      echo "SKIP: /usr/bin/provsim exists and belongs to no package; not overwriting it"; exit 77
    fi
    (cd "$build_dir" && cpack -G DEB -B "$tmp/pkg" >/dev/null)
    deb=$(ls "$tmp"/pkg/provsim_*.deb)
    depends=$(dpkg-deb -f "$deb" Depends)
    echo "Depends: $depends"
    contents=$(dpkg-deb -c "$deb")
    for f in ./usr/bin/provsim ./usr/share/provsim/vega/build/vega.min.js ./usr/share/doc/provsim/scenarios/baseline/scenario.ini; do
      grep -q " $f\$" <<<"$contents" || fail "the .deb lacks $f"
    done
    # Every library the binary loads must come from a package named in Depends.
    depends_names=$(sed 's/([^)]*)//g; s/|/,/g' <<<"$depends" | tr ',' '\n' | awk 'NF {print $1}')
    dpkg-deb -x "$deb" "$tmp/extract"
    for soname in $(readelf -d "$tmp/extract/usr/bin/provsim" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
      # awk reads to the end: an early exit would end ldconfig with SIGPIPE,
      # which pipefail turns into a failure of the whole test.
      path=$(ldconfig -p | awk -v s="$soname" '$1 == s && /x86-64|64bit|AArch64/ && !p {p = $NF} END {print p}')
      [ -n "$path" ] || path=$(ldconfig -p | awk -v s="$soname" '$1 == s && !p {p = $NF} END {print p}')
      [ -n "$path" ] || fail "cannot find $soname on this system"
      pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | awk -F: 'NR == 1 {print $1}') ||
        pkg=$(dpkg -S "$path" | awk -F: 'NR == 1 {print $1}')
      grep -qxF "$pkg" <<<"$depends_names" || fail "$soname comes from $pkg, which Depends does not name"
    done
    installed_deb=yes
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$deb" >/dev/null
    [ "$(dpkg-query -W -f='${Status}' provsim)" = "install ok installed" ] || fail "apt did not install the .deb"
    provsim=/usr/bin/provsim
    lib=/usr/share/provsim/vega/build/vega.min.js
    ;;
  *) echo "usage: $0 prefix|deb SOURCE_DIR BUILD_DIR" >&2; exit 2 ;;
esac

# What the installed provsim does, as a script of its own: bash reads a
# script as it runs, so this one (inside the source tree) must not be hidden
# from itself.
cat >"$tmp/use.sh" <<INNER
set -euo pipefail
unset PROVSIM_ASSET_DIR
cd "$tmp/work"
if [ "\${HIDE:-}" = yes ]; then
  [ ! -e "$source_dir/CMakeLists.txt" ] || { echo "FAIL: the source tree is still visible" >&2; exit 1; }
  [ ! -e "$build_dir/CMakeCache.txt" ] || { echo "FAIL: the build tree is still visible" >&2; exit 1; }
fi
"$provsim" run baseline --set run.duration=1d --out results/baseline --quiet
rm results/baseline/report.html
"$provsim" report results/baseline >/dev/null
INNER
mkdir -p "$tmp/empty"
hide="mount --bind $(printf %q "$tmp/empty") $(printf %q "$build_dir") && mount --bind $(printf %q "$tmp/empty") $(printf %q "$source_dir")"
if unshare --mount --propagation private true 2>/dev/null; then
  unshare --mount --propagation private env HIDE=yes bash -c "$hide && bash $(printf %q "$tmp/use.sh")"
else
  echo "note: no private mount namespace here; the trees stay visible (nothing compiled in points at them)"
  bash "$tmp/use.sh"
fi

report="$tmp/work/results/baseline/report.html"
[ -s "$report" ] || fail "no report.html"
! grep -q 'missing-assets' "$report" || fail "the report says the chart libraries are missing"
python3 - "$report" "$lib" <<'PY' || fail "the report does not inline the installed chart library"
import sys
report = open(sys.argv[1], encoding="utf-8").read()
lib = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if lib[:4000] in report else 1)
PY
echo "PASS: $mode"
