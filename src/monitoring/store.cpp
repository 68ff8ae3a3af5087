#include "monitoring/store.h"

namespace aims::monitoring::sql {
namespace {

#define AIMS_MONITOR_COLUMNS                                                                      \
  "id, system_id, name, config, thresholds, run_mode, schedule_hours, schedule_source, "          \
  "next_run_at, "                                                                                 \
  "human_review_on_breach, reference_sha256, reference_rows, reference_at, version, created_at, " \
  "updated_at, archived_at"

MonitorRow monitor_from(store::RowReader& r) {
  MonitorRow row;
  Monitor& m = row.monitor;
  m.id = r.int64();
  m.system_id = r.int64();
  m.name = r.text();
  row.config_json = r.text();
  row.thresholds_json = r.text();
  m.run_mode = r.text();
  m.schedule_hours = r.opt_int64();
  m.schedule_source = r.text();
  m.next_run_at = r.opt_text();
  m.human_review_on_breach = r.boolean();
  m.reference_sha256 = r.text();
  m.reference_rows = r.opt_int64();
  m.reference_at = r.opt_text();
  m.version = r.int64();
  m.created_at = r.text();
  m.updated_at = r.text();
  m.archived_at = r.opt_text();
  return row;
}

#define AIMS_RUN_COLUMNS                                                                    \
  "id, monitor_id, system_id, source, status, error, started_at, finished_at, input_name, " \
  "input_sha256, "                                                                          \
  "input_bytes, row_count, window_from, window_to, reference_sha256, breaches, actor_label"

Run run_from(store::RowReader& r) {
  Run run;
  run.id = r.int64();
  run.monitor_id = r.int64();
  run.system_id = r.int64();
  run.source = r.text();
  run.status = r.text();
  run.error = r.text();
  run.started_at = r.text();
  run.finished_at = r.text();
  run.input_name = r.text();
  run.input_sha256 = r.text();
  run.input_bytes = r.int64();
  run.rows = r.int64();
  run.window_from = r.opt_text();
  run.window_to = r.opt_text();
  run.reference_sha256 = r.text();
  run.breaches = r.int64();
  run.actor_label = r.text();
  return run;
}

#define AIMS_ALERT_COLUMNS                                                                        \
  "id, system_id, monitor_id, run_id, incident_id, metric, scope, value, comparison, threshold, " \
  "severity, "                                                                                    \
  "status, version, created_at"

Alert alert_from(store::RowReader& r) {
  Alert a;
  a.id = r.int64();
  a.system_id = r.int64();
  a.monitor_id = r.int64();
  a.run_id = r.int64();
  a.incident_id = r.opt_int64();
  a.metric = r.text();
  a.scope = r.text();
  a.value = r.real();
  a.comparison = r.text();
  a.threshold = r.real();
  a.severity = r.text();
  a.status = r.text();
  a.version = r.int64();
  a.created_at = r.text();
  return a;
}

template <typename T, typename F>
Result<std::vector<T>> all(Result<store::Rows> rows, F decode) {
  TRY_ASSIGN(auto found, std::move(rows));
  std::vector<T> out;
  for (auto& row : found) {
    store::RowReader r(row);
    out.push_back(decode(r));
  }
  return out;
}

}  // namespace

Result<std::optional<MonitorRow>> monitor(Tx& tx, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT " AIMS_MONITOR_COLUMNS
                                    " FROM monitors WHERE org_id = $1 AND id = $2",
                                    {org, id}));
  if (!row.has_value()) return std::optional<MonitorRow>();
  store::RowReader r(*row);
  return std::optional<MonitorRow>(monitor_from(r));
}

Result<std::vector<MonitorRow>> monitors(Tx& tx, int64_t org, std::optional<int64_t> system_id) {
  return all<MonitorRow>(
      tx.query("SELECT " AIMS_MONITOR_COLUMNS " FROM monitors WHERE org_id = $1"
               " AND (CAST($2 AS BIGINT) IS NULL OR system_id = $2) ORDER BY system_id, name_key",
               {org, system_id}),
      monitor_from);
}

Result<std::vector<records::Named>> monitor_names(Tx& tx, int64_t org) {
  TRY_ASSIGN(auto rows, tx.query("SELECT m.id, m.name, s.name, m.archived_at FROM monitors m"
                                 " JOIN ai_systems s ON s.id = m.system_id AND s.org_id = m.org_id"
                                 " WHERE m.org_id = $1 ORDER BY m.name_key, m.id",
                                 {org}));
  std::vector<records::Named> out;
  for (auto& row : rows) {
    store::RowReader r(row);
    records::Named n;
    n.id = r.int64();
    n.name = r.text();
    n.name += " (" + r.text() + ")";
    n.archived = r.opt_text().has_value();
    out.push_back(std::move(n));
  }
  return out;
}

Result<std::optional<std::string>> reference_profile(Tx& tx, int64_t org, int64_t monitor_id) {
  TRY_ASSIGN(auto row,
             tx.query_row("SELECT reference_profile FROM monitors WHERE org_id = $1 AND id = $2",
                          {org, monitor_id}));
  if (!row.has_value()) return std::optional<std::string>();
  return row->opt_text(0);
}

Result<int64_t> insert_monitor(Tx& tx, int64_t org, const Monitor& m,
                               const std::string& config_json, const std::string& thresholds_json) {
  return tx.insert(
      "INSERT INTO monitors (org_id, system_id, name, name_key, config, thresholds, run_mode, "
      "schedule_hours,"
      " schedule_source, next_run_at, human_review_on_breach, version, created_at, updated_at)"
      " VALUES ($1, $2, $3, LOWER($3), $4, $5, $6, $7, $8, $9, $10, 1, $11, $11) RETURNING id",
      {org, m.system_id, m.name, config_json, thresholds_json, m.run_mode, m.schedule_hours,
       m.schedule_source, m.next_run_at, m.human_review_on_breach, m.created_at});
}

Result<int64_t> update_monitor(Tx& tx, int64_t org, const Monitor& m,
                               const std::string& config_json, const std::string& thresholds_json,
                               int64_t expected_version) {
  return tx.exec(
      "UPDATE monitors SET name = $3, name_key = LOWER($3), config = $4, thresholds = $5, run_mode "
      "= $6,"
      " schedule_hours = $7, schedule_source = $8, next_run_at = $9, human_review_on_breach = $10,"
      " updated_at = $11, version = version + 1 WHERE org_id = $1 AND id = $2 AND version = $12",
      {org, m.id, m.name, config_json, thresholds_json, m.run_mode, m.schedule_hours,
       m.schedule_source, m.next_run_at, m.human_review_on_breach, m.updated_at, expected_version});
}

Result<int64_t> set_monitor_archived(Tx& tx, int64_t org, int64_t id,
                                     const std::optional<std::string>& at, const std::string& now) {
  return tx.exec(
      "UPDATE monitors SET archived_at = $3, updated_at = $4, version = version + 1 WHERE org_id = "
      "$1 AND id = $2",
      {org, id, at, now});
}

Result<int64_t> save_reference(Tx& tx, int64_t org, int64_t id, const std::string& profile_json,
                               const std::string& sha256, int64_t rows, const std::string& now) {
  return tx.exec(
      "UPDATE monitors SET reference_profile = $3, reference_sha256 = $4, reference_rows = $5, "
      "reference_at = $6,"
      " updated_at = $6, version = version + 1 WHERE org_id = $1 AND id = $2",
      {org, id, profile_json, sha256, rows, now});
}

Result<bool> name_taken(Tx& tx, int64_t org, int64_t system_id, const std::string& name,
                        int64_t except_id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT COUNT(*) FROM monitors WHERE org_id = $1"
                                    " AND system_id = $2 AND name_key = LOWER($3) AND id <> $4",
                                    {org, system_id, name, except_id}));
  return row->int64(0) > 0;
}

Result<int64_t> insert_run(Tx& tx, int64_t org, const Run& r) {
  return tx.insert(
      "INSERT INTO monitor_runs (org_id, monitor_id, system_id, source, status, error, started_at, "
      "finished_at,"
      " input_name, input_sha256, input_bytes, row_count, window_from, window_to, "
      "reference_sha256, result,"
      " breaches, actor_label) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16,"
      " $17, $18) RETURNING id",
      {org, r.monitor_id, r.system_id, r.source, r.status, r.error, r.started_at, r.finished_at,
       r.input_name, r.input_sha256, r.input_bytes, r.rows, r.window_from, r.window_to,
       r.reference_sha256,
       r.result_json.empty() ? std::optional<std::string>()
                             : std::optional<std::string>(r.result_json),
       r.breaches, r.actor_label});
}

Status insert_sample(Tx& tx, int64_t org, int64_t run_id, int64_t monitor_id, const std::string& at,
                     const MetricSample& s, const std::string& scope) {
  TRY(
      tx.exec("INSERT INTO metric_samples (org_id, run_id, monitor_id, at, metric, scope, value,"
              " undefined_reason, sample_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
              {org, run_id, monitor_id, at, s.key, scope, s.value.value, s.value.undefined_reason,
               static_cast<int64_t>(s.value.count)}));
  return {};
}

Result<std::optional<Run>> run(Tx& tx, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT " AIMS_RUN_COLUMNS
                                    ", result FROM monitor_runs WHERE org_id = $1 AND id = $2",
                                    {org, id}));
  if (!row.has_value()) return std::optional<Run>();
  store::RowReader reader(*row);
  Run r = run_from(reader);
  r.result_json = reader.text();
  return std::optional<Run>(std::move(r));
}

Result<std::vector<Run>> runs(Tx& tx, int64_t org, int64_t monitor_id, int limit) {
  return all<Run>(
      tx.query("SELECT " AIMS_RUN_COLUMNS " FROM monitor_runs WHERE org_id = $1 AND monitor_id = $2"
               " ORDER BY id DESC LIMIT $3",
               {org, monitor_id, limit}),
      run_from);
}

Result<std::vector<TrendPoint>> trend(Tx& tx, int64_t org, int64_t monitor_id,
                                      const std::string& metric, const std::string& scope,
                                      int limit) {
  TRY_ASSIGN(auto rows, tx.query("SELECT at, value FROM metric_samples WHERE org_id = $1"
                                 " AND monitor_id = $2 AND metric = $3 AND scope = $4"
                                 " ORDER BY at DESC LIMIT $5",
                                 {org, monitor_id, metric, scope, limit}));
  std::vector<TrendPoint> points;
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    store::RowReader r(*it);
    points.push_back({r.text(), r.opt_real()});
  }
  return points;
}

Result<std::vector<std::string>> scopes_of_run(Tx& tx, int64_t org, int64_t run_id,
                                               const std::string& metric) {
  return all<std::string>(
      tx.query("SELECT DISTINCT scope FROM metric_samples WHERE org_id = $1 AND run_id = $2"
               " AND metric = $3 ORDER BY scope",
               {org, run_id, metric}),
      [](store::RowReader& r) { return r.text(); });
}

Result<int64_t> insert_alert(Tx& tx, int64_t org, const Alert& a) {
  return tx.insert(
      "INSERT INTO alerts (org_id, system_id, monitor_id, run_id, incident_id, metric, scope, "
      "value, comparison,"
      " threshold, severity, status, version, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) RETURNING id",
      {org, a.system_id, a.monitor_id, a.run_id, a.incident_id, a.metric, a.scope, a.value,
       a.comparison, a.threshold, a.severity, a.status, a.created_at});
}

Result<std::optional<Alert>> alert(Tx& tx, int64_t org, int64_t id) {
  TRY_ASSIGN(auto row,
             tx.query_row("SELECT " AIMS_ALERT_COLUMNS " FROM alerts WHERE org_id = $1 AND id = $2",
                          {org, id}));
  if (!row.has_value()) return std::optional<Alert>();
  store::RowReader r(*row);
  return std::optional<Alert>(alert_from(r));
}

Result<std::vector<Alert>> alerts(Tx& tx, int64_t org, const AlertQuery& q) {
  return all<Alert>(
      tx.query("SELECT " AIMS_ALERT_COLUMNS " FROM alerts WHERE org_id = $1"
               " AND (CAST($2 AS BIGINT) IS NULL OR system_id = $2)"
               " AND (CAST($3 AS TEXT) IS NULL OR status = $3"
               " OR ($3 = 'active' AND status <> 'resolved')) ORDER BY id DESC LIMIT $4",
               {org, q.system_id, q.status, q.limit}),
      alert_from);
}

Result<Summary> summary(Tx& tx, int64_t org) {
  Summary out;
  TRY_ASSIGN(auto monitored, tx.query_row("SELECT count(DISTINCT system_id) FROM monitors"
                                          " WHERE org_id = $1 AND archived_at IS NULL",
                                          {org}));
  out.monitored_systems = monitored->int64(0);
  TRY_ASSIGN(auto review, tx.query_row("SELECT count(*) FROM ai_system_oversight"
                                       " WHERE org_id = $1 AND human_review_required = 1",
                                       {org}));
  out.systems_in_review = review->int64(0);
  TRY_ASSIGN(
      auto alerts,
      tx.query_row("SELECT count(*), count(CASE WHEN severity = 'critical' THEN 1 END) FROM alerts"
                   " WHERE org_id = $1 AND status <> 'resolved'",
                   {org}));
  store::RowReader counts(*alerts);
  out.active_alerts = counts.int64();
  out.critical_alerts = counts.int64();
  return out;
}

Result<std::vector<Alert>> alerts_of_run(Tx& tx, int64_t org, int64_t run_id) {
  return all<Alert>(tx.query("SELECT " AIMS_ALERT_COLUMNS
                             " FROM alerts WHERE org_id = $1 AND run_id = $2 ORDER BY id",
                             {org, run_id}),
                    alert_from);
}

Result<int64_t> set_alert_status(Tx& tx, int64_t org, int64_t id, const std::string& status,
                                 int64_t expected_version, const std::string& now) {
  return tx.exec(
      "UPDATE alerts SET status = $3, updated_at = $4, version = version + 1"
      " WHERE org_id = $1 AND id = $2 AND version = $5",
      {org, id, status, now, expected_version});
}

Result<std::optional<Oversight>> oversight(Tx& tx, int64_t org, int64_t system_id) {
  TRY_ASSIGN(auto row, tx.query_row("SELECT human_review_required, since, set_by, reason, source,"
                                    " alert_id, version FROM ai_system_oversight"
                                    " WHERE org_id = $1 AND system_id = $2",
                                    {org, system_id}));
  if (!row.has_value()) return std::optional<Oversight>();
  store::RowReader r(*row);
  return std::optional<Oversight>(Oversight{system_id, r.boolean(), r.opt_text(), r.text(),
                                            r.text(), r.text(), r.opt_int64(), r.int64()});
}

Result<int64_t> save_oversight(Tx& tx, int64_t org, const Oversight& o, int64_t expected_version) {
  if (expected_version == 0) {
    return tx.exec(
        "INSERT INTO ai_system_oversight (system_id, org_id, human_review_required, since, set_by, "
        "reason, source,"
        " alert_id, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1) ON CONFLICT (system_id) DO "
        "NOTHING",
        {o.system_id, org, o.human_review_required, o.since, o.set_by, o.reason, o.source,
         o.alert_id});
  }
  return tx.exec(
      "UPDATE ai_system_oversight SET human_review_required = $3, since = $4, set_by = $5, reason "
      "= $6, source = $7,"
      " alert_id = $8, version = version + 1 WHERE org_id = $2 AND system_id = $1 AND version = $9",
      {o.system_id, org, o.human_review_required, o.since, o.set_by, o.reason, o.source, o.alert_id,
       expected_version});
}

Result<std::vector<Due>> due_monitors(Tx& tx, const std::string& now) {
  return all<Due>(
      tx.query("SELECT org_id, id, next_run_at FROM monitors WHERE run_mode = 'schedule'"
               " AND archived_at IS NULL AND next_run_at IS NOT NULL AND next_run_at <= $1 ORDER "
               "BY next_run_at",
               {now}),
      [](store::RowReader& r) {
        return Due{r.int64(), r.int64(), r.text()};
      });
}

Result<int64_t> claim(Tx& tx, int64_t org, int64_t id, const std::string& due,
                      const std::string& next) {
  return tx.exec(
      "UPDATE monitors SET next_run_at = $4 WHERE org_id = $1 AND id = $2 AND next_run_at = $3",
      {org, id, due, next});
}

}  // namespace aims::monitoring::sql
