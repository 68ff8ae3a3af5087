// Monitors as evidence of a control: an SoA entry cites monitors, and the latest completed run of
// each counts as current evidence while it is within the monitor's interval.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "monitoring/monitoring.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::controls {

struct MonitorEvidence {
  int64_t monitor_id = 0;
  std::string name;                       // the monitor's own name
  std::string system;                     // the AI system it watches
  std::optional<monitoring::Run> latest;  // the latest completed run
  bool current = false;
  int64_t interval_hours = 0;
  bool archived = false;

  std::string href() const { return "/monitoring/monitors/" + std::to_string(monitor_id); }
  // "Monitor Drift and fairness (Retail credit scoring), run 2026-12-01" and the like.
  std::string summary() const;
};

// Every monitor the entries cite, by id. Monitors of another organisation are never read.
Result<std::map<int64_t, MonitorEvidence>> monitor_evidence(
    store::Database& db, int64_t org, const std::vector<records::Record>& entries);

}  // namespace aims::controls
