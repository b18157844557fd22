#!/usr/bin/env bash
# The server benchmark: balance and statement requests at 50 connections with wrk against a
# generated database of PARTNERS partners x 3 accounts x 10 years of monthly documents.
#
#   bench/server/run.sh [BUILD-DIR]      (default _build)
#   env: PARTNERS (10000), DURATION (30s), CONNECTIONS (50), DB (BUILD-DIR/bench/server/bench.db,
#        or a PostgreSQL database: postgresql://... or a libpq key=value string, which must be
#        empty the first time), ROUTES (mix: half balance, half one-year statements; or
#        balance, or statement)
#
# Prints wrk's requests per second and latency percentiles, and the database size per
# account-year. The database is generated once and kept for the next run.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
partners=${PARTNERS:-10000}
accounts=3
years=10
db=${DB:-$build/bench/server/bench.db}
# Where the tokens and the shape of the generated data are kept: beside an SQLite file, or
# under the build folder for a PostgreSQL database (named by its connection string's hash).
case "$db" in
  postgresql://*|postgres://*|*=*)
    pg=1
    state=$build/bench/server/pg-$(printf '%s' "$db" | sha256sum | cut -c1-16) ;;
  *)
    pg=0
    state=$db ;;
esac
duration=${DURATION:-30s}
connections=${CONNECTIONS:-50}
routes=${ROUTES:-mix}
last_year=$(( $(date +%Y) - 1 ))
first_year=$(( last_year - years + 1 ))

if [ ! -f "$state.info" ]; then
  echo "Generating $db ($partners partners x $accounts accounts x $years years)..."
  start=$(date +%s)
  "$build/bench/server/cab-bench-generate" --generate-bench-db "$db" --partners "$partners" \
    --accounts "$accounts" --years "$years" --tokens "$state.tokens"
  echo "$partners $accounts $years" > "$state.info"
  echo "Generated in $(( $(date +%s) - start )) s"
fi
read -r partners accounts years < "$state.info"

tmp=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
CAB_SERVER_NO_PRERENDER=1 "$build/src/server/tek-cabinet-server" --db "$db" \
  --listen 127.0.0.1:0 --mail-dir "$tmp/mail" > "$tmp/out" &
server_pid=$!
for _ in $(seq 6000); do
  grep -q '^Listening on ' "$tmp/out" 2>/dev/null && break
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$tmp/out")
url=${url%/}
echo "Server at $url"

# Startup may migrate the schema first (minutes on a large database): wait for it.
# A warm-up pass fills SQLite's page cache as a running server would have it.
wrk -t2 -c"$connections" -d5s -s "$top/bench/server/bench.lua" "$url" \
  -- "$state.tokens" "$first_year" "$last_year" > /dev/null
wrk -t2 -c"$connections" -d"$duration" --latency -s "$top/bench/server/bench.lua" "$url" \
  -- "$state.tokens" "$first_year" "$last_year" "$routes"

if [ "$pg" = 1 ]; then
  size=$(psql "$db" -Atc 'SELECT pg_database_size (current_database ())')
else
  size=$(stat -c %s "$db")
fi
account_years=$(( partners * accounts * years ))
echo "Database: $size bytes for $account_years account-years:" \
     "$(( size / account_years )) bytes per account-year"
