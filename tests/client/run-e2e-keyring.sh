#!/bin/sh
# Like run-e2e.sh, with an unlocked gnome-keyring in the private session too (password "test"),
# for end-to-end tests that need «Remember me» enabled.
# usage: run-e2e-keyring.sh TEST.py ARG...
exec /usr/bin/python3 "$(dirname "$0")/../private-session.py" --a11y --keyring --prefix cab-e2e-keyring -- \
  /usr/bin/python3 "$@"
