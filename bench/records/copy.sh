#!/usr/bin/env bash
# Moving a grown organisation between engines: RECORDS generated AI systems imported into SQLite
# (one audit event and one search row each), then `aims db copy` to an empty PostgreSQL database
# and back to a new SQLite file, each timed with its peak memory.
#   bench/records/copy.sh BUILD_DIR [RECORDS]
set -euo pipefail
build=$(realpath "${1:?build dir}")
count=${2:-100000}
aims="$build/aims"
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
work=$(mktemp -d); chmod 755 "$work"
export AIMS_KEY_FILE="$work/trail.key"
trap 'bench_stop_database postgres "$work"; rm -rf "$work"' EXIT
bench_database sqlite "$work" source
source_db=$db
bench_organisation "$aims" "$source_db"
"$build/bench/inventory/aims_generate_systems" "$count" admin@bench.test >"$work/systems.csv"
"$aims" systems import --db "$source_db" --org Bench --file "$work/systems.csv" >/dev/null
"$aims" audit checkpoint --db "$source_db" --org Bench >/dev/null
echo "== source: $count AI systems, $(du -m "$work/source.db" | cut -f1) MiB of SQLite"
bench_database postgres "$work" unused
postgres_db=$db
echo "== aims db copy: SQLite to PostgreSQL"
/usr/bin/time -o "$work/time" -f "   %e s elapsed, %M KiB peak RSS" \
  "$aims" db copy --from "$source_db" --to "$postgres_db" 2>/dev/null | grep -E 'Copied|audit trail'
cat "$work/time"
echo "== aims db copy: PostgreSQL to a new SQLite file"
/usr/bin/time -o "$work/time" -f "   %e s elapsed, %M KiB peak RSS" \
  "$aims" db copy --from "$postgres_db" --to "sqlite:$work/back.db" 2>/dev/null |
  grep -E 'Copied|audit trail'
cat "$work/time"
