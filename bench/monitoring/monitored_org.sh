# Sourced by benchmark scripts: an organisation "Bench" with one AI system and the monitor of the
# synthetic log (bench/monitoring/synthetic_log.cpp), as a user would set them up.
#   bench_monitored_org AIMS DB WORK_DIR
bench_monitored_org() {
  local aims=$1 db=$2 work=$3
  bench_organisation "$aims" "$db"
  "$aims" systems add --db "$db" --set name="Synthetic credit" --set purpose="Benchmark" \
    --set org_role=deployer --set owner_id=1 >/dev/null
  cat >"$work/monitor.json" <<'JSON'
{"name": "Synthetic decisions", "config": {"task": "classification",
  "columns": {"id": "id", "timestamp": "ts", "prediction": "prediction", "score": "score",
              "label": "label", "sensitive_attributes": ["group"],
              "features": [{"name": "amount"}, {"name": "age"}, {"name": "ratio"},
                           {"name": "channel", "kind": "categorical"}]}}}
JSON
  "$aims" monitor create --db "$db" --system 1 --file "$work/monitor.json" >/dev/null
}
