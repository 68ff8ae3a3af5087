#!/usr/bin/env bash
# HTTP benchmark of `aims serve`: cold start to the first 200 on /healthz, idle RSS, wrk
# (2 threads, 32 connections, 127.0.0.1) on GET /api/v1/me and authenticated lists, and reading
# one record by id (2 threads, 16 connections) with the database round trips that read costs.
#   bench/platform/http.sh BUILD_DIR sqlite|postgres [SECONDS]
set -euo pipefail
build=$(realpath "${1:?build dir}")
backend=${2:?sqlite or postgres}
seconds=${3:-10}
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
work=$(mktemp -d)
chmod 755 "$work"  # the throwaway PostgreSQL runs as the postgres user
export AIMS_KEY_FILE="$work/trail.key"  # the audit trail's key (PostgreSQL has no default place)
server=""
trap 'kill "$server" 2>/dev/null || true; bench_stop_database "$backend" "$work"; rm -rf "$work"' EXIT

bench_database "$backend" "$work" bench
bench_organisation "$aims" "$db"
for i in $(seq 1 40); do
  AIMS_USER_PASSWORD="a long benchmark passphrase" "$aims" user add --db "$db" --org Bench \
    --email "user$i@bench.test" --role viewer >/dev/null
done
token=$(bench_token "$aims" "$db")
"$aims" systems add --db "$db" --set name="Read benchmark" --set purpose="Benchmark" \
  --set org_role=deployer --set owner_id=1 >/dev/null
port=$((20000 + RANDOM % 20000))

echo "== $backend: cold start (ms) and idle RSS (KiB), 5 runs"
"$build/bench/platform/aims_cold_start" "$aims" "$db" "$port" 5

"$aims" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
for target in /api/v1/me "/api/v1/audit-events?limit=50" "/api/v1/users?limit=50"; do
  echo "== $backend: wrk -t2 -c32 -d${seconds}s GET $target"
  wrk -t2 -c32 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$target" |
    grep -E "Requests/sec|Transfer/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
done
one=/api/v1/ai-systems/1
echo "== $backend: wrk -t2 -c16 -d${seconds}s GET $one"
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "http://127.0.0.1:$port$one" |
  grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
if [[ $backend == postgres ]] && command -v strace >/dev/null; then
  # libpq sends each message batch with one send() (the sendto system call) and waits for the
  # answer, while the HTTP side uses sendmsg/writev: sendto calls are the database round trips.
  requests=1000
  strace -f -c -e trace=sendto -o "$work/strace" -p "$server" &
  tracer=$!
  sleep 1  # strace attaches to every thread before the requests start
  curl -sf -o /dev/null -H "Authorization: Bearer $token" \
    $(for _ in $(seq "$requests"); do printf 'http://127.0.0.1:%s%s ' "$port" "$one"; done)
  kill -INT "$tracer"
  wait "$tracer" || true
  calls=$(awk '$NF == "sendto" {print $4}' "$work/strace")
  echo "== $backend: database round trips per GET $one: $(bc <<<"scale=2; ${calls:-0} / $requests")"
fi
echo "== $backend: RSS after load (KiB): $(grep VmRSS /proc/$server/status | awk '{print $2}')"
