#!/usr/bin/env bash
# The server benchmark: /health, /balance, one-year /statement and their mix, each at 50
# connections with wrk, in one run against one server, on a generated database of PARTNERS
# partners x 3 accounts x 10 years of monthly documents; prints each route's requests per
# second, p50 and p99, its ratio to /health's throughput in the same run, and the server's
# CPU time per request, PostgreSQL's included (steadier than the throughput on a shared
# machine).
#
#   bench/server/run.sh [BUILD-DIR]      (default _build; build it with --buildtype=release)
#   env: STORE       sqlite (default) or postgresql: a PostgreSQL 15 cluster of the bench's own
#                    (initdb once into BUILD-DIR/bench/server/pg-PARTNERS, started for the run
#                    on a unix socket in that folder and stopped at the end)
#        PARTNERS    10000 (PostgreSQL's entries and documents load by COPY: ~12 min on this
#                    shared 2-core machine, 9 GB; SQLite's row by row in process)
#        DURATION    10s per route and round; ROUNDS 3 (the table gives each route's median)
#        CONNECTIONS 50; ROUTES "health balance statement mix" (in this order each round)
#        DB          an SQLite file instead of BUILD-DIR/bench/server/bench-PARTNERS.db
#        PERF        a file: `perf record -g` of the server during the first balance run
#        SERVER      another tek-cabinet-server binary (to compare builds in the same conditions)
#
# The database is generated once and kept for the next run (with its users' tokens).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$top/_build}" && pwd)
store=${STORE:-sqlite}
accounts=3
years=10
duration=${DURATION:-10s}
connections=${CONNECTIONS:-50}
rounds=${ROUNDS:-3}
routes=${ROUTES:-health balance statement mix}
pg_bin=/usr/lib/postgresql/15/bin
mkdir -p "$build/bench/server"

tmp=$(mktemp -d)
server_pid=
pg_pid=
cleanup () {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  # Fast shutdown: the generated data is kept for the next run.
  [ -n "$pg_pid" ] && kill -INT "$pg_pid" 2>/dev/null && wait "$pg_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

# As root, PostgreSQL runs as nobody (it refuses root), as in tests/server/server-test-pg.c.
as_pg_user () {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
  else
    "$@"
  fi
}

case "$store" in
  sqlite)
    partners=${PARTNERS:-10000}
    db=${DB:-$build/bench/server/bench-$partners.db}
    state=$db ;;
  postgresql)
    partners=${PARTNERS:-10000}
    cluster=$build/bench/server/pg-$partners
    if [ ! -d "$cluster/data" ]; then
      mkdir -p "$cluster"
      [ "$(id -u)" = 0 ] && chown nobody:nogroup "$cluster"
      as_pg_user "$pg_bin/initdb" --pgdata "$cluster/data" --username cab --auth trust \
        --encoding UTF8 --locale C --no-sync > "$cluster/initdb.log"
    fi
    # exec: $! is then postgres itself (setpriv execs it too), which the cleanup stops.
    ( exec_as=(); [ "$(id -u)" = 0 ] && exec_as=(setpriv --reuid=nobody --regid=nogroup \
        --clear-groups --)
      exec "${exec_as[@]}" "$pg_bin/postgres" -D "$cluster/data" -k "$cluster" \
        -c listen_addresses= -c shared_buffers=128MB -c synchronous_commit=off -c fsync=off \
        -c max_connections=100 ) > "$cluster/postgres.log" 2>&1 &
    pg_pid=$!
    for _ in $(seq 600); do
      "$pg_bin/pg_isready" -q -h "$cluster" -U cab && break
      sleep 0.1
    done
    if [ -z "$(psql "host=$cluster user=cab dbname=postgres" -Atc \
               "SELECT 1 FROM pg_database WHERE datname = 'bench'")" ]; then
      psql "host=$cluster user=cab dbname=postgres" -qc 'CREATE DATABASE bench'
    fi
    db="host=$cluster user=cab dbname=bench"
    state=$cluster/bench ;;
  *)
    echo "STORE is sqlite or postgresql" >&2
    exit 2 ;;
esac

if [ ! -f "$state.info" ]; then
  echo "Generating $store database ($partners partners x $accounts accounts x $years years)..."
  start=$(date +%s)
  "$build/bench/server/cab-bench-generate" --generate-bench-db "$db" --partners "$partners" \
    --accounts "$accounts" --years "$years" --tokens "$state.tokens"
  echo "$partners $accounts $years $(( $(date +%Y) - 1 ))" > "$state.info"
  echo "Generated in $(( $(date +%s) - start )) s"
fi
read -r partners accounts years last_year < "$state.info"
first_year=$(( last_year - years + 1 ))

CAB_SERVER_NO_PRERENDER=1 "${SERVER:-$build/src/server/tek-cabinet-server}" --db "$db" \
  --listen 127.0.0.1:0 --mail-dir "$tmp/mail" > "$tmp/out" &
server_pid=$!
for _ in $(seq 6000); do
  grep -q '^Listening on ' "$tmp/out" 2>/dev/null && break
  kill -0 "$server_pid" || { echo "The server did not start" >&2; exit 1; }
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$tmp/out")
url=${url%/}
echo "$store, $partners partners x $accounts accounts x $years years ($first_year-$last_year);" \
     "server at $url; wrk -t2 -c$connections -d$duration;" \
     "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# wrk's "1.23ms" / "456.00us" / "1.02s" in milliseconds.
to_ms () {
  awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/) v *= 1000; printf "%.2f\n", v }'
}

# The server's CPU time so far (all its threads), in clock ticks: the CPU a request costs does
# not depend on what else the shared machine runs, as its throughput does.
# On PostgreSQL, its processes' time is added (the backends stay for the whole run).
server_cpu_ticks () {
  local pids=$server_pid
  [ -n "$pg_pid" ] && pids="$pids $pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"
  for pid in $pids; do cat "/proc/$pid/stat" 2>/dev/null; done |
    awk '{ t += $14 + $15 } END { print t }'
}

# One wrk run of @1; appends "RPS P50 P99 NON2XX CPU-US-PER-REQUEST" to $tmp/@1.
measure () {
  local route=$1 perf_pid= out
  if [ "$route" = balance ] && [ -n "${PERF:-}" ] && [ ! -e "$tmp/perf-done" ]; then
    perf record -g -o "$PERF" -p "$server_pid" > /dev/null 2>&1 &
    perf_pid=$!
    touch "$tmp/perf-done"
  fi
  cpu_before=$(server_cpu_ticks)
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency -s "$top/bench/server/bench.lua" \
          "$url" -- "$state.tokens" "$first_year" "$last_year" "$route")
  cpu_after=$(server_cpu_ticks)
  if [ -n "$perf_pid" ]; then
    kill -INT "$perf_pid"
    wait "$perf_pid" || true
  fi
  printf '%s %s %s %s %s\n' \
    "$(awk '/^Requests\/sec:/ { print $2 }' <<< "$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<< "$out" | to_ms)" \
    "$(awk '$1 == "99%" { print $2 }' <<< "$out" | to_ms)" \
    "$(awk '/Non-2xx or 3xx responses:/ { print $NF } END { }' <<< "$out" | grep . || echo 0)" \
    "$(awk -v t="$(( cpu_after - cpu_before ))" -v hz="$(getconf CLK_TCK)" \
         '/ requests in / { printf "%.0f", t * 1e6 / hz / $1 }' <<< "$out")" \
    >> "$tmp/$route"
}

# A server that has run for a while has its database in the OS page cache (when the
# machine's memory allows, as this one's does): read it once, or the first run after a
# reboot measures the disk (a one-year statement's p99 was 60 ms instead of 18).
if [ "$store" = postgresql ]; then
  find "$cluster/data/base" -type f -exec cat {} + > /dev/null
else
  cat "$db" > /dev/null
fi
# Startup may migrate the schema first (minutes on a large database): wait for it. The
# warm-up fills the caches of the server and of PostgreSQL.
wrk -t2 -c"$connections" -d5s -s "$top/bench/server/bench.lua" "$url" \
  -- "$state.tokens" "$first_year" "$last_year" mix > /dev/null

for round in $(seq "$rounds"); do
  for route in $routes; do
    measure "$route"
    echo "round $round: $route $(tail -n1 "$tmp/$route")" |
      awk '{ printf "%s %s %-10s %9s req/s  p50 %7s ms  p99 %7s ms  non-2xx %s  CPU %s us/req\n",
                    $1, $2, $3, $4, $5, $6, $7, $8 }'
  done
done

# Column @2 of @1's rounds: the median (the lower middle one for an even count).
median () {
  cut -d' ' -f"$2" "$tmp/$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

health_rps=
[ -f "$tmp/health" ] && health_rps=$(median health 1)
echo
echo "Medians of $rounds round(s):"
printf '%-10s %10s %10s %10s %10s %8s %12s\n' route 'req/s' 'p50 ms' 'p99 ms' '× health' 'non-2xx' \
  'CPU us/req'
for route in $routes; do
  rps=$(median "$route" 1)
  ratio=-
  [ -n "$health_rps" ] && ratio=$(awk -v a="$rps" -v b="$health_rps" 'BEGIN { printf "%.2f", a / b }')
  non2xx=$(cut -d' ' -f4 "$tmp/$route" | awk '{ s += $1 } END { print s }')
  printf '%-10s %10s %10s %10s %10s %8s %12s\n' "$route" "$rps" "$(median "$route" 2)" \
    "$(median "$route" 3)" "$ratio" "$non2xx" "$(median "$route" 5)"
done

if [ "$store" = postgresql ]; then
  size=$(psql "$db" -Atc 'SELECT pg_database_size (current_database ())')
else
  size=$(stat -c %s "$db")
fi
account_years=$(( partners * accounts * years ))
echo "Database: $size bytes for $account_years account-years:" \
     "$(( size / account_years )) bytes per account-year"
