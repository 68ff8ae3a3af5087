#!/usr/bin/env bash
# Inventory at scale: 10,000 generated AI systems imported from CSV, then listed, filtered and
# searched through the API and the page with wrk (2 threads, 32 connections), then exported.
#   bench/inventory/run.sh BUILD_DIR [sqlite|postgres|both] [SECONDS]
set -euo pipefail
build=$(realpath "${1:?build dir}")
backends=${2:-both}
seconds=${3:-10}
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
[[ $backends == both ]] && backends="sqlite postgres"

for backend in $backends; do
  work=$(mktemp -d); chmod 755 "$work"
  export AIMS_KEY_FILE="$work/trail.key"  # the audit trail's key (PostgreSQL has no default place)
  server=""
  bench_database "$backend" "$work" inventory
  bench_organisation "$aims" "$db"
  token=$(bench_token "$aims" "$db")
  "$build/bench/inventory/aims_generate_systems" 10000 admin@bench.test >"$work/systems.csv"
  echo "== $backend: CSV import of 10,000 AI systems ($(du -k "$work/systems.csv" | cut -f1) KiB)"
  /usr/bin/time -f "   %e s elapsed, %M KiB peak RSS" "$aims" systems import --db "$db" --org Bench --file "$work/systems.csv"
  # Autovacuum visits a table within a minute of a bulk insert; measure that steady state, not the
  # first minute, when PostgreSQL's planner has no statistics for the 10,000 new rows yet.
  [[ $backend == postgres ]] && psql -q "$db" -c "VACUUM ANALYZE"

  port=$((20000 + RANDOM % 20000))
  "$aims" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
  base="http://127.0.0.1:$port"
  echo "== $backend: one client alone, wrk -t1 -c1 -d5s GET /api/v1/ai-systems?limit=50"
  wrk -t1 -c1 -d5s --latency -H "Authorization: Bearer $token" "$base/api/v1/ai-systems?limit=50" |
    grep -E "Requests/sec|^ +50%|^ +99%"
  for target in "/api/v1/ai-systems?limit=50" \
                "/api/v1/ai-systems?limit=50&lifecycle_stage=operation_monitoring&risk_tier=high" \
                "/api/v1/ai-systems?limit=50&q=triage%20for%20unit%2042" \
                "/api/v1/ai-systems?limit=50&sort=-risk_tier" \
                "/inventory/systems?q=fraud&eu_ai_act_class=high_risk"; do
    echo "== $backend: wrk -t2 -c32 -d${seconds}s GET $target"
    wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$target" |
      grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
  done
  echo "== $backend: exports of 10,000 systems (seconds, bytes)"
  for format in csv xlsx; do
    curl -s -o /dev/null -w "   $format: %{time_total} s, %{size_download} bytes\n" \
      -H "Authorization: Bearer $token" "$base/api/v1/ai-systems/export?format=$format"
  done
  # RssFile is SQLite's memory-mapped database file (mmap_size): page cache the kernel can drop.
  echo "== $backend: server memory after the run (KiB):" \
    "$(grep -E 'VmRSS|RssAnon|RssFile' /proc/$server/status | awk '{printf "%s %s  ", $1, $2}')"
  kill "$server"; wait "$server" 2>/dev/null || true
  bench_stop_database "$backend" "$work"
  rm -rf "$work"
done
