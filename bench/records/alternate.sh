#!/usr/bin/env bash
# Reads one record on PostgreSQL with two builds of aims on the same data: each build's database
# round trips (strace), then wrk alternating the builds (a shared host drifts within minutes).
#   bench/records/alternate.sh BEFORE_AIMS AFTER_AIMS GENERATOR RECORDS SECONDS ROUNDS
set -euo pipefail
before=$1 after=$2 generator=$3 count=$4 seconds=$5 rounds=$6
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
work=$(mktemp -d); chmod 755 "$work"
export AIMS_KEY_FILE="$work/trail.key"
bench_database postgres "$work" records
bench_organisation "$after" "$db"
token=$(bench_token "$after" "$db")
"$generator" "$count" admin@bench.test >"$work/systems.csv"
"$after" systems import --db "$db" --org Bench --file "$work/systems.csv" >/dev/null
psql -q "$db" -c "VACUUM ANALYZE"
"$after" audit checkpoint --db "$db" --org Bench >/dev/null
one=/api/v1/ai-systems/42
serve() {
  port=$((20000 + RANDOM % 20000))
  "$1" serve --db "$db" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  server=$!
  until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
  base="http://127.0.0.1:$port"
}
round_trips() {
  local requests=1000
  strace -f -c -e trace=sendto -o "$work/strace" -p "$server" &
  local tracer=$!
  sleep 1
  curl -sf -H "Authorization: Bearer $token" \
    $(for _ in $(seq "$requests"); do printf -- '-o /dev/null %s%s ' "$base" "$one"; done)
  kill -INT "$tracer"; wait "$tracer" || true
  local calls=$(awk '$NF == "sendto" {print $4}' "$work/strace")
  echo "   round trips per read alone: $(bc <<<"scale=2; ${calls:-0} / $requests")"
}
for name in before after; do
  serve "${!name}"
  echo "== $name: $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$base$one")"
  round_trips
  kill "$server"; wait "$server" 2>/dev/null || true
done
for round in $(seq "$rounds"); do
  for name in before after; do
    serve "${!name}"
    wrk -t2 -c16 -d1s -H "Authorization: Bearer $token" "$base$one" >/dev/null
    echo "== round $round $name ($(uptime | sed 's/.*load average: //'))"
    wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$base$one" |
      grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors"
    kill "$server"; wait "$server" 2>/dev/null || true
  done
done
bench_stop_database postgres "$work"
rm -rf "$work"
