// Monitoring of AI systems (ISO/IEC 42001 clause 9.1, Annex A.6.2.6): monitors that run the
// engine over prediction logs, runs stored as evidence with their metric samples, thresholds whose
// breaches raise alerts, open or update incidents and may switch a system to human review, and the
// oversight status a production system reads before acting on its own output.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "monitoring/engine/engine.h"
#include "monitoring/run_pool.h"
#include "readiness/readiness.h"
#include "records/records.h"
#include "store/database.h"
#include "trail/trail.h"

namespace aims::monitoring {

// One rule: the metric `metric` in scope `scope` ("*" for every scope) must not go `comparison`
// ("below" or "above") `value`.
struct Threshold {
  std::string metric;
  std::string scope = "*";
  std::string comparison;
  double value = 0;
};

struct Monitor {
  int64_t id = 0;
  int64_t system_id = 0;
  std::string name;
  MonitorConfig config;
  std::vector<Threshold> thresholds;
  std::string run_mode = "upload";  // "upload" or "schedule"
  std::optional<int64_t> schedule_hours;
  std::string schedule_source;  // a file below the organisation's monitoring folder
  std::optional<std::string> next_run_at;
  bool human_review_on_breach = false;
  std::string reference_sha256;  // empty until a reference log was profiled
  std::optional<int64_t> reference_rows;
  std::optional<std::string> reference_at;
  int64_t version = 1;
  std::string created_at;
  std::string updated_at;
  std::optional<std::string> archived_at;
};

// Thresholds a new monitor starts with (docs/monitoring.md explains where they come from).
std::vector<Threshold> default_thresholds(TaskType task);

struct MonitorInput {
  int64_t system_id = 0;
  std::string name;
  std::string config_json;  // {"columns":{...},"task":...,...}; see docs/monitoring.md
  std::optional<std::string> thresholds_json;  // a JSON array; defaults when absent
  std::string run_mode = "upload";
  std::optional<int64_t> schedule_hours;
  std::string schedule_source;
  bool human_review_on_breach = false;
};

// Errors: invalid_argument naming the field (config.columns.label, thresholds[2].metric, ...).
Result<Monitor> create_monitor(store::Database& db, int64_t org, const MonitorInput& input,
                               const trail::Actor& actor);
struct MonitorChanges {
  std::optional<std::string> name;
  std::optional<std::string> config_json;
  std::optional<std::string> thresholds_json;
  std::optional<std::string> run_mode;
  std::optional<int64_t> schedule_hours;
  std::optional<std::string> schedule_source;
  std::optional<bool> human_review_on_breach;
  int64_t expected_version = 0;
};
Result<Monitor> update_monitor(store::Database& db, int64_t org, int64_t id,
                               const MonitorChanges& changes, const trail::Actor& actor);
Result<Monitor> get_monitor(store::Database& db, int64_t org, int64_t id);
Result<Monitor> archive_monitor(store::Database& db, int64_t org, int64_t id, bool archive,
                                const trail::Actor& actor);
// The monitors of one system, or of the whole organisation when system_id is empty.
Result<std::vector<Monitor>> list_monitors(store::Database& db, int64_t org,
                                           std::optional<int64_t> system_id);
// The same in the caller's transaction (a record that freezes what it read).
Result<std::vector<Monitor>> list_monitors_in(store::Tx& tx, int64_t org,
                                              std::optional<int64_t> system_id);

// Profiles a reference log and stores it as the monitor's drift reference. Errors: those of the
// engine (malformed names the line and column), not_found.
Result<Monitor> set_reference(store::Database& db, int64_t org, int64_t monitor_id,
                              const LogInput& log, const RunOptions& options,
                              const trail::Actor& actor);

// Adds the readiness rule monitoring proves (A.6.2.6: systems in operation are monitored); once.
void define_readiness_rules();
// Makes monitors a target of reference fields, so a record can cite one ("monitor"); once.
void define_reference_target();

// One threshold a run breached, as another module reads it.
struct BreachedMetric {
  std::string metric;  // the metric's key: "fairness.disparate_impact"
  std::string scope;   // "attribute:sex"
  double value = 0;
  std::string comparison;  // "below", "above"
  double threshold = 0;
  std::string severity;
};
struct BreachNotice {
  int64_t system_id = 0;
  int64_t monitor_id = 0;
  std::string monitor_name;
  int64_t run_id = 0;
  std::string at;  // when the run finished
  std::vector<BreachedMetric> metrics;
};
// Another module's effect of a breach (a risk whose indicator is the breached metric raises its
// review), run in the run's transaction after its alerts are written. Added once at start-up.
using BreachListener = std::function<Status(store::Tx& tx, int64_t org, const BreachNotice& notice,
                                            const trail::Actor& actor)>;
void on_breach(BreachListener listener);

// ---- runs --------------------------------------------------------------------------------------

struct Alert {
  int64_t id = 0;
  int64_t system_id = 0;
  int64_t monitor_id = 0;
  int64_t run_id = 0;
  std::optional<int64_t> incident_id;
  std::string metric;
  std::string scope;
  double value = 0;
  std::string comparison;
  double threshold = 0;
  std::string severity;
  std::string status;  // open, acknowledged, resolved
  int64_t version = 1;
  std::string created_at;
};

struct Run {
  int64_t id = 0;
  int64_t monitor_id = 0;
  int64_t system_id = 0;
  std::string source;  // upload, cli, schedule
  std::string status;  // completed, failed
  std::string error;
  std::string started_at;
  std::string finished_at;
  std::string input_name;
  std::string input_sha256;
  int64_t input_bytes = 0;
  int64_t rows = 0;
  std::optional<std::string> window_from;
  std::optional<std::string> window_to;
  std::string reference_sha256;
  std::string result_json;  // the engine's full result; empty for failed runs
  int64_t breaches = 0;
  std::string actor_label;
  std::vector<Alert> alerts;  // raised by this run
  std::optional<int64_t> incident_id;
};

struct RunRequest {
  int64_t monitor_id = 0;
  LogInput log;
  std::string input_name;  // the file name people know the log by
  std::string source = "upload";
  RunOptions options;
};

// Runs the engine over the log, then stores, in one transaction: the run, its metric samples,
// an alert per breached threshold, the incident opened or updated, the system's switch to human
// review (when the monitor asks for it), and their audit events. A log that cannot be read is
// stored as a failed run (status "failed", no metrics) and answered with the engine's error.
// Errors: invalid_argument on "name" (1 to 200 characters, one line), not_found (monitor),
// failed_precondition (archived monitor), the engine's errors.
Result<Run> run_monitor(store::Database& db, int64_t org, const RunRequest& request,
                        const trail::Actor& actor);
// Stores a run that could not start (its log was missing or refused before reading) as failed,
// so the evidence shows the gap instead of silence.
Result<Run> record_failed_run(store::Database& db, int64_t org, const RunRequest& request,
                              const std::string& reason, const trail::Actor& actor);
Result<Run> get_run(store::Database& db, int64_t org, int64_t run_id);
// Newest first, without result_json.
Result<std::vector<Run>> list_runs(store::Database& db, int64_t org, int64_t monitor_id, int limit);

// What a monitor shows as evidence: its latest completed run, and whether that run finished within
// the monitor's interval of `now_micros` (its schedule; a month for monitors run by upload or CI).
struct RunEvidence {
  std::optional<Run> latest;
  bool current = false;
  int64_t interval_hours = 0;
};
Result<RunEvidence> run_evidence(store::Database& db, int64_t org, const Monitor& monitor,
                                 int64_t now_micros);

struct TrendPoint {
  std::string at;
  std::optional<double> value;
};
// The series of one metric and scope of a monitor, oldest first (at most `limit` points).
Result<std::vector<TrendPoint>> trend(store::Database& db, int64_t org, int64_t monitor_id,
                                      const std::string& metric, const std::string& scope,
                                      int limit);

// The scopes the run has values of for `metric`, e.g. each sensitive attribute.
Result<std::vector<std::string>> scopes_of_run(store::Database& db, int64_t org, int64_t run_id,
                                               const std::string& metric);

struct AlertQuery {
  std::optional<int64_t> system_id;
  std::optional<std::string> status;  // a status, or "active" for open and acknowledged
  int limit = 100;
};
Result<std::vector<Alert>> list_alerts(store::Database& db, int64_t org, const AlertQuery& query);
// Errors: invalid_argument on "status", not_found, stale_version.
Result<Alert> set_alert_status(store::Database& db, int64_t org, int64_t id,
                               const std::string& status, int64_t expected_version,
                               const trail::Actor& actor);

// The organisation's monitoring at a glance, for the dashboard.
struct Summary {
  int64_t monitored_systems = 0;  // AI systems with an active monitor
  int64_t systems_in_review = 0;  // AI systems switched to human review
  int64_t active_alerts = 0;      // alerts not yet resolved
  int64_t critical_alerts = 0;    // of those, critical
};
Result<Summary> summary(store::Database& db, int64_t org);

// ---- oversight ---------------------------------------------------------------------------------

struct Oversight {
  int64_t system_id = 0;
  bool human_review_required = false;
  std::optional<std::string> since;
  std::string set_by;
  std::string reason;
  std::string source;  // "manual" or "breach"
  std::optional<int64_t> alert_id;
  int64_t version = 0;  // 0 while it was never switched
};

// Errors: not_found for an AI system of another organisation.
Result<Oversight> oversight(store::Database& db, int64_t org, int64_t system_id);
// The same in the caller's transaction, without checking the system exists.
Result<Oversight> oversight_in(store::Tx& tx, int64_t org, int64_t system_id);

// The values of one metric in each scope of the system's latest completed run that measured it
// (any of its monitors), read in the caller's transaction so another record can freeze them.
struct ScopedValues {
  int64_t run_id = 0;  // 0: no completed run measured the metric
  std::string monitor_name;
  std::string finished_at;
  std::vector<std::pair<std::string, std::optional<double>>> values;  // scope text, value
};
Result<ScopedValues> latest_values(store::Tx& tx, int64_t org, int64_t system_id,
                                   const std::string& metric);
// Errors: invalid_argument on "reason" (required), stale_version, not_found.
Result<Oversight> set_oversight(store::Database& db, int64_t org, int64_t system_id, bool required,
                                const std::string& reason, int64_t expected_version,
                                const trail::Actor& actor);

// ---- event logging (A.6.2.8) --------------------------------------------------------------------

// Logging requirements: title (unique), the AI system, what is logged, where it is kept, the
// retention in months (refused under 6 for a high-risk system we deploy), the monitor receiving
// the logs, how often new logs are expected (hours) and the owner.
const records::Description& logging_requirements();
// Defines the logging requirements register (and monitors as a reference target); once.
void define_registers();

// EU AI Act Art. 19 and 26(6): a deployer keeps a high-risk system's logs at least this long.
constexpr int64_t kHighRiskRetentionMonths = 6;
// Whether an AI system's logs must be kept kHighRiskRetentionMonths: high-risk, and we deploy it.
bool needs_six_months(const records::Record& system);

// Logs stopped arriving: none ever, or the newest is more than `cadence_hours` older than `now`
// (exactly the cadence is still on time). Pure: tests fix the instants.
bool logs_stopped(std::optional<int64_t> last_log_micros, int64_t cadence_hours,
                  int64_t now_micros);

// What the stale-log check found for one logging requirement.
struct LogCheck {
  bool checked = false;                    // a monitor and a cadence are named
  bool stopped = false;                    // "logs stopped arriving"
  std::optional<std::string> last_log_at;  // the newest log entry its monitor read
  std::string reason;                      // in words
};
// The newest log is the latest completed run's newest entry (window_to), or when aims read it
// for a log without timestamps: when the system last logged, not when someone uploaded.
Result<LogCheck> check_logs(store::Database& db, int64_t org, const records::Record& requirement,
                            int64_t now_micros);

// A.6.2.8 at `now_micros`: every AI system in scope in operation has a logging requirement, those
// of high-risk systems we deploy keep logs 6 months, and none has stopped receiving logs.
Result<readiness::Finding> logging_finding(store::Database& db, int64_t org, int64_t now_micros);

// ---- scheduled runs ----------------------------------------------------------------------------

// The folder of the monitoring directory that holds an organisation's scheduled logs: its id,
// which never changes or passes to another organisation (a name could do both).
std::string organisation_folder(int64_t org);

// Starts every scheduled monitor that is due on `pool`, reading its log from below the
// organisation's folder of `directory`; a log that leads outside it (a link, say) is refused.
// Several processes may call this at once: each due run is claimed by exactly one. A log that
// cannot be found or is refused is recorded as a failed run at once; a run the pool cannot take
// stays due. Returns runs started or recorded as failed.
Result<int> run_due_monitors(store::Database& db, const std::string& directory, RunPool& pool);

}  // namespace aims::monitoring
