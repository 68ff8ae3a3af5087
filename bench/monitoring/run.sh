#!/usr/bin/env bash
# Monitoring at scale: the engine alone (monitoring_engine_bench: read floor, hashing, profile,
# analyze with 1 and 2 workers), then the whole `aims monitor run` a user types, database write,
# alerts and incident included, on SQLite and on PostgreSQL.
#   bench/monitoring/run.sh BUILD_DIR [ROWS] [REFERENCE_ROWS]
# The generated logs are kept in $AIMS_BENCH_DIR (default /tmp/aims-bench) for the next run.
set -euo pipefail
build=$(realpath "${1:?build dir}")
rows=${2:-10000000}
reference_rows=${3:-1000000}
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
data=${AIMS_BENCH_DIR:-/tmp/aims-bench}
mkdir -p "$data"

echo "== engine: $rows-row log against a $reference_rows-row reference"
"$build/bench/monitoring/monitoring_engine_bench" --dir "$data" --rows "$rows" \
  --reference-rows "$reference_rows" --repeat 3
log="$data/current-$rows.csv"
reference="$data/reference-$reference_rows.csv"

source "$root/bench/monitoring/monitored_org.sh"

for backend in sqlite postgres; do
  work=$(mktemp -d); chmod 755 "$work"
  bench_database "$backend" "$work" monitoring
  bench_monitored_org "$aims" "$db" "$work"
  echo "== $backend: aims monitor reference ($(du -m "$reference" | cut -f1) MB)"
  /usr/bin/time -f "   %e s elapsed, %U s user, %S s system, %M KiB peak RSS" \
    "$aims" monitor reference --db "$db" --system 1 --log "$reference" --quiet >/dev/null
  echo "== $backend: aims monitor run ($(du -m "$log" | cut -f1) MB, $rows rows)"
  /usr/bin/time -f "   %e s elapsed, %U s user, %S s system, %M KiB peak RSS" \
    "$aims" monitor run --db "$db" --system 1 --log "$log" --quiet >"$work/run.txt"
  head -n 3 "$work/run.txt" | sed 's/^/   /'
  bench_stop_database "$backend" "$work"
  rm -rf "$work"
done
