#!/usr/bin/env bash
# The import benchmark: tek-cabinet-admin imports ROWS entries rows (default 1,000,000) into
# a fresh database, then the same folder again (the idempotent path: every row looked up,
# nothing written). Prints wall time and peak RSS of each run (GNU time).
#
#   bench/admin/run.sh [BUILD-DIR]      (default _build)
#   env: ROWS (1000000), PARTNERS (1000), WORK (BUILD-DIR/bench/admin/work)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$top/_build}
rows=${ROWS:-1000000}
partners=${PARTNERS:-1000}
work=${WORK:-$build/bench/admin/work}
admin=$build/src/admin/tek-cabinet-admin

rm -rf "$work"
mkdir -p "$work"
python3 "$top/bench/admin/generate.py" "$work/import" "$rows" "$partners"
ls -l "$work/import"

for run in first again; do
  echo "== import ($run)"
  /usr/bin/time -f "wall %e s, peak RSS %M KiB" \
    "$admin" --db "$work/cabinet.db" --mail-dir "$work/mail" import "$work/import" </dev/null
done
ls -l "$work"/cabinet.db*
rm -rf "$work"
