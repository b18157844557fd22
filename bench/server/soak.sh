#!/usr/bin/env bash
# Soak: one server on 127.0.0.1 under mixed hostile traffic for a bounded time, watched from
# /proc. Prints descriptors, threads and RSS at start, at the peak and at the end (after the
# load stops and the server's timeouts have passed). Nothing may grow without bound: the end
# figures must come back near the start ones. A benchmark, not a test: read the figures.
#
#   bench/server/soak.sh [BUILD-DIR]      (default _build)
#   env: DURATION (seconds of load, default 60; the whole run stays under 2 minutes at 90)
#
# At the same time, for DURATION seconds:
#   - normal traffic: wrk, 20 keep-alive connections on GET /api/v1/health;
#   - closed keep-alive connections: one request each, then closed by the client (the libsoup
#     3.2 leak), as fast as they go from 4 workers;
#   - slowloris: 300 connections sending a header byte every 2 s, reopened when dropped;
#   - a login flood: 32 concurrent wrong-password sign-ins, each from another address
#     (--behind-proxy with X-Forwarded-For), so that every one costs a password hash.
# The server runs with --request-timeout=5 --idle-timeout=10 so that its timeouts act within
# the run. Only loopback is used.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
duration=${DURATION:-60}
request_timeout=5
idle_timeout=10

tmp=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

ulimit -n "$(ulimit -Hn)"
CAB_SERVER_NO_PRERENDER=1 "$build/src/server/tek-cabinet-server" --demo --db "$tmp/cabinet.db" \
  --mail-dir "$tmp/mail" --listen 127.0.0.1:0 --behind-proxy \
  --request-timeout=$request_timeout --idle-timeout=$idle_timeout > "$tmp/out" 2> "$tmp/err" &
server_pid=$!
for _ in $(seq 300); do
  grep -q '^Listening on ' "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$tmp/out")
url=${url%/}
port=${url##*:}
echo "Server $server_pid at $url, $duration s of load"

python3 - "$server_pid" "$port" "$duration" "$request_timeout" "$idle_timeout" "$url" <<'EOF'
import asyncio, os, random, subprocess, sys, time

pid, port, duration = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
request_timeout, idle_timeout, url = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
HOST = "127.0.0.1"
HEALTH = b"GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n"

def sample():
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    threads = rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("Threads:"):
                threads = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss = int(line.split()[1]) // 1024
    return fds, threads, rss

counts = {"closed": 0, "slow_reopened": 0, "sign_in": {}, "errors": 0}

async def read_answer(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return int(head[9:12])

async def closed_keepalive(stop):
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(HEALTH)
            await read_answer(reader)
            writer.close()
            counts["closed"] += 1
        except Exception:
            counts["errors"] += 1
            await asyncio.sleep(0.05)

async def slowloris(stop):
    while time.monotonic() < stop:
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(b"GET /api/v1/health HTTP/1.1\r\n")
            while time.monotonic() < stop:
                await asyncio.sleep(2)
                writer.write(b"X")
                await writer.drain()
                if reader.at_eof():
                    break
            writer.close()
            counts["slow_reopened"] += 1
        except Exception:
            counts["slow_reopened"] += 1
            await asyncio.sleep(0.1)

async def login_flood(stop):
    while time.monotonic() < stop:
        body = b'{"login":"9%09d","password":"wrong-password"}' % random.randrange(10**9)
        forwarded = "10.%d.%d.%d" % tuple(random.randrange(256) for _ in range(3))
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(b"POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\n"
                         b"Content-Type: application/json\r\nX-Forwarded-For: %s\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (forwarded.encode(), len(body), body))
            status = await asyncio.wait_for(read_answer(reader), 60)
            counts["sign_in"][status] = counts["sign_in"].get(status, 0) + 1
            writer.close()
        except Exception:
            counts["errors"] += 1

async def monitor(stop, figures):
    while time.monotonic() < stop:
        fds, threads, rss = sample()
        figures["peak"] = tuple(max(a, b) for a, b in zip(figures["peak"], (fds, threads, rss)))
        await asyncio.sleep(0.25)

async def main():
    figures = {"start": sample()}
    figures["peak"] = figures["start"]
    stop = time.monotonic() + duration
    wrk = await asyncio.create_subprocess_exec(
        "wrk", "-t1", "-c20", "-d%ds" % int(duration), "--latency", url + "/api/v1/health",
        stdout=asyncio.subprocess.PIPE)
    tasks = [closed_keepalive(stop) for _ in range(4)]
    tasks += [slowloris(stop) for _ in range(300)]
    tasks += [login_flood(stop) for _ in range(32)]
    tasks.append(monitor(stop + request_timeout + idle_timeout + 3, figures))
    # A normal request in the middle of it all, timed.
    async def probe():
        await asyncio.sleep(duration / 2)
        t0 = time.monotonic()
        reader, writer = await asyncio.open_connection(HOST, port)
        writer.write(HEALTH)
        status = await read_answer(reader)
        figures["probe"] = (status, time.monotonic() - t0)
        writer.close()
    tasks.append(probe())
    await asyncio.gather(*tasks)
    wrk_out = (await wrk.communicate())[0].decode()
    figures["end"] = sample()
    print("wrk (GET /api/v1/health, 20 connections):")
    for line in wrk_out.splitlines():
        if "Requests/sec" in line or "Latency" in line or "99%" in line or "Socket errors" in line:
            print("   ", line.strip())
    print("closed keep-alive connections: %d; slowloris connections dropped and reopened: %d"
          % (counts["closed"], counts["slow_reopened"]))
    print("sign-ins by status: %s; client-side errors: %d" % (counts["sign_in"], counts["errors"]))
    print("a normal request during the load: status %d in %.3f s" % figures["probe"])
    print("%-6s %12s %8s %8s" % ("", "descriptors", "threads", "RSS MiB"))
    for name in ("start", "peak", "end"):
        print("%-6s %12d %8d %8d" % ((name,) + figures[name]))

asyncio.run(main())
EOF
echo "Server's stderr (last lines):"
tail -n 5 "$tmp/err"
