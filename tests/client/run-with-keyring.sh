#!/bin/sh
# Runs "$@" in a private session (temporary home, own session bus) with an unlocked
# gnome-keyring (password "test"), so the user's own keyring is never touched. Every daemon
# started on the way is ended with the test (tests/private-session.py says why).
exec /usr/bin/python3 "$(dirname "$0")/../private-session.py" --keyring --prefix cab-keyring -- "$@"
