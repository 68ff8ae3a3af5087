#include "controls/monitor_evidence.h"

#include <set>

#include "base/time.h"
#include "inventory/inventory.h"

namespace aims::controls {

std::string MonitorEvidence::summary() const {
  std::string out = "Monitor " + name + " (" + system + ")";
  if (!latest) return out + ", never run to completion";
  const std::string day = latest->finished_at.substr(0, 10);
  if (archived) return out + ", archived, last run " + day;
  return out + (current ? ", run " + day : ", last run " + day + ", older than its interval");
}

Result<std::map<int64_t, MonitorEvidence>> monitor_evidence(
    store::Database& db, int64_t org, const std::vector<records::Record>& entries) {
  std::set<int64_t> cited;
  for (const auto& e : entries) {
    for (int64_t id : e.ids("monitor_ids"))
      cited.insert(id);
  }
  std::map<int64_t, MonitorEvidence> out;
  if (cited.empty()) return out;
  TRY_ASSIGN(const auto monitors, monitoring::list_monitors(db, org, std::nullopt));
  TRY_ASSIGN(const auto systems, records::all_names(db, inventory::ai_systems(), org));
  std::map<int64_t, std::string> system_name;
  for (const auto& s : systems)
    system_name[s.id] = s.name;
  const int64_t now = now_micros();
  for (const auto& m : monitors) {
    if (!cited.count(m.id)) continue;
    TRY_ASSIGN(auto run, monitoring::run_evidence(db, org, m, now));
    out[m.id] = {.monitor_id = m.id,
                 .name = m.name,
                 .system = system_name[m.system_id],
                 .latest = std::move(run.latest),
                 .current = run.current && !m.archived_at,
                 .interval_hours = run.interval_hours,
                 .archived = m.archived_at.has_value()};
  }
  return out;
}

}  // namespace aims::controls
