#!/bin/sh
# Runs the end-to-end AT-SPI test in a private session bus with a temporary home, so that the
# accessibility bus, the settings and any keyring are the test's own.
# usage: run-e2e.sh test-e2e.py TEK_CABINET TEK_CABINET_SERVER SCHEMA_DIR LOG_DIR
set -eu
home=$(mktemp -d "${TMPDIR:-/tmp}/cab-e2e-XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# the app must talk to the accessibility bus
unset NO_AT_BRIDGE
exec dbus-run-session -- /usr/bin/python3 "$@"
