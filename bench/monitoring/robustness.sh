#!/usr/bin/env bash
# Robustness from paired logs at scale: `aims monitor robustness` over an original log of ROWS
# scored predictions and a perturbed copy (every score nudged, about 3 % of decisions flipped),
# with one sensitive attribute of four groups; elapsed time and peak memory (the original log is
# held by id while the perturbed one is read).
#   bench/monitoring/robustness.sh BUILD_DIR [ROWS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/bench/common.sh"
aims="$(realpath "${1:?build dir}")/aims"
rows=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="sqlite:$work/bench.db"
bench_organisation "$aims" "$db"
# A fresh database's first user, the administrator, has id 1.
system=$("$aims" systems add --db "$db" --set name=Bench --set purpose=bench --set org_role=deployer \
  --set owner_id=1 | python3 -c 'import json,sys; t=sys.stdin.read(); print(json.loads(t[t.index("{"):])["id"])')
cat >"$work/monitor.json" <<JSON
{"name": "Scores", "config": {"columns": {"id": "id", "score": "score", "label": "label",
 "sensitive_attributes": ["group"]}}}
JSON
"$aims" monitor create --db "$db" --system "$system" --file "$work/monitor.json" >/dev/null

python3 - "$rows" "$work" <<'PY'
import random, sys
rows, work = int(sys.argv[1]), sys.argv[2]
r = random.Random(20261207)
with open(work + "/original.csv", "w") as o, open(work + "/perturbed.csv", "w") as p:
    o.write("id,score,label,group\n"); p.write("id,score,label,group\n")
    for i in range(rows):
        s = r.random(); g = "abcd"[i % 4]; label = int(r.random() < s)
        t = min(1.0, max(0.0, s + r.uniform(-0.03, 0.03)))
        o.write("c%09d,%.6f,%d,%s\n" % (i, s, label, g))
        p.write("c%09d,%.6f,%d,%s\n" % (i, t, label, g))
PY
echo "== $rows pairs, $(du -m "$work/original.csv" | cut -f1) MiB a log; $(nproc) cores"
/usr/bin/time -f "   %e s elapsed, %M KiB peak RSS" \
  "$aims" monitor robustness --db "$db" --system "$system" --original "$work/original.csv" \
  --perturbed "$work/perturbed.csv" | sed -n 1,3p
