#!/usr/bin/env bash
# The records platform at scale: 100,000 records in one register (AI systems, generated), imported
# from CSV, then one client alone lists a page of 50, filters, searches the full-text index and
# sorts; then wrk reads one record by id with 2 threads and 16 connections.
#   bench/records/run.sh BUILD_DIR [sqlite|postgres|both] [SECONDS] [RECORDS]
set -euo pipefail
build=$(realpath "${1:?build dir}")
backends=${2:-both}
seconds=${3:-10}
count=${4:-100000}
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
[[ $backends == both ]] && backends="sqlite postgres"

# One client alone, so the latency is the request's own and not a queue's.
alone() {
  echo "== $backend: wrk -t1 -c1 -d${seconds}s GET $1"
  wrk -t1 -c1 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$1" |
    grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx"
}

for backend in $backends; do
  work=$(mktemp -d); chmod 755 "$work"
  export AIMS_KEY_FILE="$work/trail.key"  # the audit trail's key (PostgreSQL has no default place)
  server=""
  bench_database "$backend" "$work" records
  bench_organisation "$aims" "$db"
  token=$(bench_token "$aims" "$db")
  "$build/bench/inventory/aims_generate_systems" "$count" admin@bench.test >"$work/systems.csv"
  echo "== $backend: CSV import of $count records ($(du -k "$work/systems.csv" | cut -f1) KiB), one transaction"
  /usr/bin/time -f "   %e s elapsed, %M KiB peak RSS" "$aims" systems import --db "$db" --org Bench --file "$work/systems.csv"
  [[ $backend == postgres ]] && psql -q "$db" -c "VACUUM ANALYZE"  # as autovacuum would within a minute
  # Sign the import's 100,000 audit events now, as a server does within a minute of an import:
  # otherwise the first seconds measured share the CPU with that one-off check of the chain.
  "$aims" audit checkpoint --db "$db" --org Bench >/dev/null

  port=$((20000 + RANDOM % 20000))
  "$aims" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
  base="http://127.0.0.1:$port"
  alone "/api/v1/ai-systems?limit=50"
  alone "/api/v1/ai-systems?limit=50&lifecycle_stage=operation_monitoring&risk_tier=high"
  alone "/api/v1/ai-systems?limit=50&q=triage%20unit%2042"
  alone "/api/v1/ai-systems?limit=50&q=fraud"
  alone "/api/v1/ai-systems?limit=50&sort=-updated_at"
  alone "/api/v1/search?q=forecasting%20payments"
  one=/api/v1/ai-systems/4242
  # Three runs after a warm-up: on a shared host one run can land in another tenant's burst.
  wrk -t2 -c16 -d1s -H "Authorization: Bearer $token" "$base$one" >/dev/null
  for run in 1 2 3; do
    echo "== $backend: wrk -t2 -c16 -d${seconds}s GET $one (run $run of 3)"
    wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$one" |
      grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
  done
  if [[ $backend == postgres ]]; then
    # libpq sends each batch of messages with one sendto() and waits for the answer (the HTTP side
    # writes with sendmsg/writev), so sendto calls count the database round trips.
    requests=1000
    strace -f -c -e trace=sendto -o "$work/strace" -p "$server" &
    tracer=$!
    sleep 1
    curl -sf -H "Authorization: Bearer $token" \
      $(for _ in $(seq "$requests"); do printf -- '-o /dev/null %s%s ' "$base" "$one"; done)
    kill -INT "$tracer"; wait "$tracer" || true
    calls=$(awk '$NF == "sendto" {print $4}' "$work/strace")
    echo "== $backend: database round trips per GET $one: $(bc <<<"scale=2; ${calls:-0} / $requests")"
  fi
  echo "== $backend: server RSS after the run: $(awk '/VmRSS/{print $2, $3}' /proc/$server/status)"
  kill "$server"; wait "$server" 2>/dev/null || true
  bench_stop_database "$backend" "$work"
  rm -rf "$work"
done
