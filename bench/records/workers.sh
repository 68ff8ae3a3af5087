#!/usr/bin/env bash
# Reads of one record by id with wrk -t2 -c16, for several `aims serve` settings (a binary and its
# options) on the same data, the settings alternating round by round (a shared host drifts within
# minutes); in each round, also while a client uploads a CSV of RECORDS rows to the import API
# (a dry run, so every round uploads the same file), which is how a long request meets the reads.
#   bench/records/workers.sh GENERATOR BACKEND RECORDS SECONDS ROUNDS "AIMS [OPTIONS]"...
# e.g. bench/records/workers.sh build/release/bench/inventory/aims_generate_systems sqlite \
#        100000 5 3 "build/release/aims --workers 8" "build/release/aims"
set -euo pipefail
generator=$(realpath "$1") backend=$2 count=$3 seconds=$4 rounds=$5
shift 5
settings=("$@")
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
work=$(mktemp -d); chmod 755 "$work"
export AIMS_KEY_FILE="$work/trail.key"
read -r -a first <<<"${settings[0]}"
aims=${first[0]}
bench_database "$backend" "$work" workers
bench_organisation "$aims" "$db"
token=$(bench_token "$aims" "$db")
"$generator" "$count" admin@bench.test >"$work/systems.csv"
"$aims" systems import --db "$db" --org Bench --file "$work/systems.csv" >/dev/null
[[ $backend == postgres ]] && psql -q "$db" -c "VACUUM ANALYZE"
"$aims" audit checkpoint --db "$db" --org Bench >/dev/null
# The uploaded file: the same rows under names not yet taken, so the dry run finds no problem.
sed '2,$s/^System /Uploaded system /' "$work/systems.csv" >"$work/upload.csv"
one=/api/v1/ai-systems/42
server=""
trap '[[ -n $server ]] && kill "$server" 2>/dev/null; bench_stop_database "$backend" "$work"; rm -rf "$work"' EXIT

reads() {
  wrk -t2 -c16 -d"$1s" --latency -H "Authorization: Bearer $token" "$base$one" |
    grep -E "Requests/sec|^ +50%|^ +99%|Non-2xx|Socket errors" | tr -s ' ' | paste -sd' '
}

for round in $(seq "$rounds"); do
  for setting in "${settings[@]}"; do
    read -r -a command <<<"$setting"
    port=$((20000 + RANDOM % 20000))
    "${command[@]:0:1}" serve --db "$db" --listen "127.0.0.1:$port" "${command[@]:1}" \
      >"$work/serve.log" 2>&1 &
    server=$!
    until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.05; done
    base="http://127.0.0.1:$port"
    workers=$("${command[@]:0:1}" serve --db "$db" "${command[@]:1}" --print-config |
      grep -E '^(upload-)?workers=' | paste -sd' ')
    echo "== round $round: $setting ($workers; load $(cut -d' ' -f1-3 /proc/loadavg))"
    wrk -t2 -c16 -d1s -H "Authorization: Bearer $token" "$base$one" >/dev/null
    echo "   reads alone:          $(reads "$seconds")"
    # The upload starts first; the reads are measured while it is handled.
    /usr/bin/time -f "%e" -o "$work/upload.time" curl -s -o "$work/upload.json" \
      -w '%{http_code}' -H "Authorization: Bearer $token" -H "Content-Type: text/csv" \
      --data-binary "@$work/upload.csv" "$base/api/v1/ai-systems/import?dry_run=true" \
      >"$work/upload.status" &
    uploader=$!
    sleep 0.5
    echo "   reads during upload:  $(reads 2)"
    wait "$uploader"
    echo "   the upload: HTTP $(cat "$work/upload.status") in $(cat "$work/upload.time") s"
    kill "$server"; wait "$server" 2>/dev/null || true
    server=""
  done
done
