#!/usr/bin/env bash
# The start-up benchmark: time from exec to the first window mapped, for `tek-cabinet` (its
# sign-in window) against a minimal libadwaita window built here (bench-startup-window.c: the
# same toolkit initialisation, one header bar and a label), in turn, RUNS times each; prints
# both medians and the ratio tek-cabinet / minimal window. With gnome-text-editor installed,
# the same against it too.
#
# Usage: bench/startup/run.sh [BUILD_DIR] [RUNS]   (default _build-bench, 9; configured if missing)
#
# Each start is a fresh process under one Xvfb and one private D-Bus session (a unique
# GApplication registers its name there); settings in memory, no accessibility bus, no keyring
# (so a stored password is neither looked up nor waited for). Never part of meson test.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build-bench}
runs=${2:-9}
cd "$top"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=release >/dev/null
fi
targets=(src/client/tek-cabinet data/gschemas.compiled bench/startup/bench-startup
         bench/startup/bench-startup-window)
ninja -C "$build" -j2 "${targets[@]}" >/dev/null || { ninja -C "$build" -j2 "${targets[@]}"; exit 1; }

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_CACHE_HOME=$home/cache
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR=$build/data GTK_A11Y=none NO_AT_BRIDGE=1
unset DBUS_SESSION_BUS_ADDRESS

run () {
  xvfb-run -a -s '-screen 0 1280x1024x24' dbus-run-session -- "$@" \
    2> >(grep -v -e 'Failed to set fd limit' -e '^$' >&2)
}

# Xvfb has no GPU: GTK's default GL renderer runs on llvmpipe, the cairo one is the closer
# stand-in for a desktop with a GPU; both are shown.
echo "== tek-cabinet vs the minimal window, GTK's default renderer (GL on llvmpipe under Xvfb)"
run "$build/bench/startup/bench-startup" "$runs" "$build/src/client/tek-cabinet" -- \
  "$build/bench/startup/bench-startup-window"
echo "== tek-cabinet vs the minimal window, GSK_RENDERER=cairo"
GSK_RENDERER=cairo run "$build/bench/startup/bench-startup" "$runs" \
  "$build/src/client/tek-cabinet" -- "$build/bench/startup/bench-startup-window"
if command -v gnome-text-editor >/dev/null; then
  echo "== tek-cabinet vs gnome-text-editor, GTK's default renderer"
  run "$build/bench/startup/bench-startup" "$runs" "$build/src/client/tek-cabinet" -- \
    gnome-text-editor --standalone --ignore-session
fi
