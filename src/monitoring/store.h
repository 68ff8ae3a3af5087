// SQL of the monitoring module (private to monitoring/).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "monitoring/monitoring.h"
#include "records/records.h"

namespace aims::monitoring::sql {

using store::Tx;

// A monitor as stored: the configuration and thresholds stay JSON text until rules parse them.
struct MonitorRow {
  Monitor monitor;
  std::string config_json;
  std::string thresholds_json;
};

Result<std::optional<MonitorRow>> monitor(Tx& tx, int64_t org, int64_t id);
Result<std::vector<MonitorRow>> monitors(Tx& tx, int64_t org, std::optional<int64_t> system_id);
// Every monitor as people know it: "Drift and fairness (Retail credit scoring)".
Result<std::vector<records::Named>> monitor_names(Tx& tx, int64_t org);
Result<std::optional<std::string>> reference_profile(Tx& tx, int64_t org, int64_t monitor_id);
Result<int64_t> insert_monitor(Tx& tx, int64_t org, const Monitor& m,
                               const std::string& config_json, const std::string& thresholds_json);
// Writes the editable fields when `expected_version` is current; returns rows changed.
Result<int64_t> update_monitor(Tx& tx, int64_t org, const Monitor& m,
                               const std::string& config_json, const std::string& thresholds_json,
                               int64_t expected_version);
Result<int64_t> set_monitor_archived(Tx& tx, int64_t org, int64_t id,
                                     const std::optional<std::string>& at, const std::string& now);
Result<int64_t> save_reference(Tx& tx, int64_t org, int64_t id, const std::string& profile_json,
                               const std::string& sha256, int64_t rows, const std::string& now);
Result<bool> name_taken(Tx& tx, int64_t org, int64_t system_id, const std::string& name,
                        int64_t except_id);

Result<int64_t> insert_run(Tx& tx, int64_t org, const Run& run);
Status insert_sample(Tx& tx, int64_t org, int64_t run_id, int64_t monitor_id, const std::string& at,
                     const MetricSample& sample, const std::string& scope);
Result<std::optional<Run>> run(Tx& tx, int64_t org, int64_t id);
Result<std::vector<Run>> runs(Tx& tx, int64_t org, int64_t monitor_id, int limit);
Result<std::vector<TrendPoint>> trend(Tx& tx, int64_t org, int64_t monitor_id,
                                      const std::string& metric, const std::string& scope,
                                      int limit);

// The scopes a run has samples of for `metric` (e.g. every attribute for a fairness metric).
Result<std::vector<std::string>> scopes_of_run(Tx& tx, int64_t org, int64_t run_id,
                                               const std::string& metric);

Result<int64_t> insert_alert(Tx& tx, int64_t org, const Alert& alert);
Result<std::optional<Alert>> alert(Tx& tx, int64_t org, int64_t id);
Result<std::vector<Alert>> alerts(Tx& tx, int64_t org, const AlertQuery& query);
Result<Summary> summary(Tx& tx, int64_t org);
Result<std::vector<Alert>> alerts_of_run(Tx& tx, int64_t org, int64_t run_id);
Result<int64_t> set_alert_status(Tx& tx, int64_t org, int64_t id, const std::string& status,
                                 int64_t expected_version, const std::string& now);

Result<std::optional<Oversight>> oversight(Tx& tx, int64_t org, int64_t system_id);
// Inserts (expected_version 0) or updates the system's row; returns rows changed.
Result<int64_t> save_oversight(Tx& tx, int64_t org, const Oversight& o, int64_t expected_version);

// Monitors with run_mode "schedule" whose next run is due, across organisations: (org, id, due).
struct Due {
  int64_t org = 0;
  int64_t id = 0;
  std::string next_run_at;
};
Result<std::vector<Due>> due_monitors(Tx& tx, const std::string& now);
// Moves the next run from `due` to `next`; returns 1 when this caller claimed the run.
Result<int64_t> claim(Tx& tx, int64_t org, int64_t id, const std::string& due,
                      const std::string& next);

}  // namespace aims::monitoring::sql
