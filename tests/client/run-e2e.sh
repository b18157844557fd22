#!/bin/sh
# Runs the end-to-end AT-SPI test in a private session (temporary home, own session bus), so
# that the accessibility bus, the settings and any keyring are the test's own, and ends every
# daemon started on the way with the test (tests/private-session.py says why).
# usage: run-e2e.sh test-e2e.py TEK_CABINET TEK_CABINET_SERVER SCHEMA_DIR LOG_DIR
exec /usr/bin/python3 "$(dirname "$0")/../private-session.py" --a11y --prefix cab-e2e -- \
  /usr/bin/python3 "$@"
