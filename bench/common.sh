# Sourced by the benchmark scripts: a throwaway database of either backend, and the organisation
# "Bench" that the scripts measure, with its administrator admin@bench.test.
#   bench_database BACKEND WORK_DIR NAME   sets db (PostgreSQL: a throwaway server in WORK_DIR/pg)
#   bench_stop_database BACKEND WORK_DIR
#   bench_organisation AIMS DB             creates the organisation
#   bench_token AIMS DB                    prints an API token of its administrator
bench_database() {
  local backend=$1 work=$2 name=$3
  if [[ $backend == postgres ]]; then
    "$root/scripts/pg-throwaway" start "$work/pg" >/dev/null
    db=$(cat "$work/pg/url")
  else
    db="sqlite:$work/$name.db"
  fi
}

bench_stop_database() {
  if [[ $1 == postgres ]]; then "$root/scripts/pg-throwaway" stop "$2/pg" >/dev/null; fi
}

bench_organisation() {
  AIMS_ADMIN_PASSWORD="a long benchmark passphrase" "$1" init --db "$2" --org Bench \
    --admin admin@bench.test >/dev/null
}

bench_token() {
  "$1" token create --db "$2" --org Bench --user admin@bench.test --name bench 2>/dev/null
}
