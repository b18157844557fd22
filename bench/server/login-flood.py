#!/usr/bin/env python3
# login-flood.py: 200 concurrent sign-ins against the real tek-cabinet-server on 127.0.0.1,
# printing the server's RSS at the start, its peak during the flood and after it.
#
# Usage: bench/server/login-flood.py PATH-TO-tek-cabinet-server [CONCURRENT]
#
# Each sign-in comes from its own loopback address (127.0.1.N: all of 127/8 is loopback) with
# its own unknown login, so the rate limits (per address and per login) do not refuse it and
# each one costs a full Argon2id check (an unknown login is checked against a dummy hash).
# The peak is VmHWM, the kernel's high-water mark of the resident set, plus VmRSS sampled
# every 10 ms. "After" is VmRSS 3 s after the last answer. Run by hand; never a timed test.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import collections
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time


def status_kib(pid, field):
    """A number from /proc/PID/status (in KiB for the Vm* fields)."""
    with open(f"/proc/{pid}/status") as f:
        match = re.search(rf"^{field}:\s+(\d+)", f.read(), re.M)
    return int(match.group(1)) if match else 0


def sign_in(host, port, i, results):
    body = json.dumps({"login": f"flood-{i}", "password": "wrong-password"})
    source = f"127.0.{1 + i // 250}.{1 + i % 250}"
    try:
        conn = http.client.HTTPConnection(host, port, timeout=120, source_address=(source, 0))
        conn.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
        results.append(conn.getresponse().status)
        conn.close()
    except OSError as e:
        results.append(type(e).__name__)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: login-flood.py PATH-TO-tek-cabinet-server [CONCURRENT]")
    binary = sys.argv[1]
    concurrent = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    folder = tempfile.mkdtemp(prefix="login-flood-")
    server = subprocess.Popen([binary, "--demo", "--listen", "127.0.0.1:0",
                               "--db", os.path.join(folder, "cabinet.db"),
                               "--mail-dir", os.path.join(folder, "mail")],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        match = re.match(r"Listening on http://([\d.]+):(\d+)/", line)
        if not match:
            sys.exit(f"unexpected first line: {line!r}")
        host, port = match.group(1), int(match.group(2))
        pid = server.pid

        # One sign-in first, so that the dummy hash and the first worker exist.
        warm = []
        sign_in(host, port, concurrent, warm)
        time.sleep(1)
        start = status_kib(pid, "VmRSS")

        results = []
        threads = [threading.Thread(target=sign_in, args=(host, port, i, results))
                   for i in range(concurrent)]
        began = time.monotonic()
        for t in threads:
            t.start()
        peak_sampled = start
        while any(t.is_alive() for t in threads):
            peak_sampled = max(peak_sampled, status_kib(pid, "VmRSS"))
            time.sleep(0.01)
        took = time.monotonic() - began
        peak_hwm = status_kib(pid, "VmHWM")
        time.sleep(3)
        after = status_kib(pid, "VmRSS")
        threads_after = status_kib(pid, "Threads")

        counts = collections.Counter(results)
        print(f"sign-ins: {concurrent} concurrent in {took:.1f} s;"
              f" answers: {dict(sorted(counts.items(), key=str))}")
        print(f"RSS start: {start / 1024:.0f} MiB")
        print(f"RSS peak:  {max(peak_hwm, peak_sampled) / 1024:.0f} MiB"
              f" (VmHWM {peak_hwm / 1024:.0f} MiB, sampled {peak_sampled / 1024:.0f} MiB)")
        print(f"RSS after: {after / 1024:.0f} MiB (3 s later; {threads_after} threads)")
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
