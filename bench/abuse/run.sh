#!/usr/bin/env bash
# Load and abuse on loopback, bounded in time (a minute or two): 500 idle sockets, 50 concurrent
# uploads of 100 MiB (half anonymous, half real prediction logs), 10 gzip bombs and 200 wrong
# sign-ins, while one client measures GET /api/v1/me. Fails when its p99 reaches 50 ms, any answer
# is a 5xx, the server dies, or an upload is left on disk.
#   bench/abuse/run.sh BUILD_DIR [sqlite|postgres] [abuse_bench options, e.g. --bombs 0]
set -euo pipefail
build=$(realpath "${1:?build dir}")
backend=${2:-sqlite}
shift $(($# < 2 ? $# : 2))
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
data=${AIMS_BENCH_DIR:-/tmp/aims-bench}
mkdir -p "$data"
source "$root/bench/monitoring/monitored_org.sh"
[[ -f "$data/abuse-log.csv" && -f "$data/abuse-bomb.csv.gz" ]] ||
  "$build/bench/abuse/abuse_bench" --make-log "$data/abuse-log.csv" --make-bomb "$data/abuse-bomb.csv.gz"

work=$(mktemp -d); chmod 755 "$work"
export AIMS_KEY_FILE="$work/trail.key"  # the audit trail's key (PostgreSQL has no default place)
server=""
cleanup() {
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  bench_stop_database "$backend" "$work"
  rm -rf "$work"
}
trap cleanup EXIT
bench_database "$backend" "$work" abuse
bench_monitored_org "$aims" "$db" "$work"
token=$(bench_token "$aims" "$db")

port=$((20000 + RANDOM % 20000))
"$aims" serve --db "$db" --listen "127.0.0.1:$port" --upload-dir "$work/uploads" >"$work/server.log" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
echo "== $backend: abuse against aims serve (pid $server)"
status=0
"$build/bench/abuse/abuse_bench" --port "$port" --token "$token" --monitor 1 \
  --email admin@bench.test --upload-dir "$work/uploads" \
  --log "$data/abuse-log.csv" --bomb "$data/abuse-bomb.csv.gz" "$@" || status=$?
if kill -0 "$server" 2>/dev/null; then
  echo "   server still running; RSS $(awk '/VmRSS/{print $2, $3}' /proc/$server/status)," \
    "$(grep -c '"status":5' "$work/server.log" || true) 5xx lines in its access log"
else
  echo "   the server died"; status=1
fi
exit $status
