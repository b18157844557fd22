#!/bin/sh
# Runs "$@" in a private session bus with an unlocked gnome-keyring (password "test") whose
# files live in a temporary home, so the user's own keyring is never touched.
set -eu
home=$(mktemp -d "${TMPDIR:-/tmp}/cab-keyring-XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
