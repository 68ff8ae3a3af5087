// Runs: the engine reads the log outside any transaction; what it found is then stored as one
// piece of evidence, with the alerts, incident and oversight change that follow from it.
#include <sstream>

#include "base/json_text.h"
#include "base/text.h"
#include "base/time.h"
#include "improvement/improvement.h"
#include "inventory/inventory.h"
#include "monitoring/monitoring.h"
#include "monitoring/rules.h"
#include "monitoring/store.h"
#include "records/records.h"

namespace aims::monitoring {
namespace {

trail::Fields run_fields(const Run& r) {
  return {{"monitor_id", json_text::number(r.monitor_id)},
          {"status", json_text::quote(r.status)},
          {"source", json_text::quote(r.source)},
          {"input_name", json_text::quote(r.input_name)},
          {"input_sha256", json_text::quote(r.input_sha256)},
          {"rows", json_text::number(r.rows)},
          {"breaches", json_text::number(r.breaches)},
          {"error", json_text::quote(r.error)}};
}

trail::Fields alert_fields(const Alert& a) {
  return {
      {"metric", json_text::quote(a.metric)},        {"scope", json_text::quote(a.scope)},
      {"value", json_text::number(a.value)},         {"comparison", json_text::quote(a.comparison)},
      {"threshold", json_text::number(a.threshold)}, {"severity", json_text::quote(a.severity)},
      {"status", json_text::quote(a.status)},        {"run_id", json_text::number(a.run_id)}};
}

trail::Fields oversight_fields(const Oversight& o) {
  return {{"human_review_required", json_text::boolean(o.human_review_required)},
          {"since", json_text::optional_string(o.since)},
          {"set_by", json_text::quote(o.set_by)},
          {"reason", json_text::quote(o.reason)},
          {"source", json_text::quote(o.source)}};
}

std::string describe(const rules::Breach& b) {
  std::ostringstream out;
  out << b.sample->key << " (" << rules::scope_text(b.sample->scope)
      << ") = " << *b.sample->value.value << ", " << b.threshold->comparison << " "
      << b.threshold->value << " [" << b.severity << "]";
  return out.str();
}

std::vector<BreachListener>& breach_listeners() {
  static std::vector<BreachListener> listeners;
  return listeners;
}

Status tell_listeners(store::Tx& tx, int64_t org, const Monitor& monitor, const Run& run,
                      const std::vector<rules::Breach>& breaches, const trail::Actor& actor) {
  if (breach_listeners().empty()) return {};
  BreachNotice notice{monitor.system_id, monitor.id, monitor.name, run.id, run.finished_at, {}};
  for (const auto& b : breaches) {
    notice.metrics.push_back({b.sample->key, rules::scope_text(b.sample->scope),
                              *b.sample->value.value, b.threshold->comparison, b.threshold->value,
                              b.severity});
  }
  for (const auto& listener : breach_listeners())
    TRY(listener(tx, org, notice, actor));
  return {};
}

std::optional<std::string> micros_text(const std::optional<int64_t>& micros) {
  if (!micros) return std::nullopt;
  return format_timestamp(*micros);
}

// Everything a breaching run changes besides itself, inside its transaction.
Status record_breaches(store::Tx& tx, int64_t org, const Monitor& monitor,
                       const std::string& system_name, Run& run,
                       const std::vector<rules::Breach>& breaches, const trail::Actor& actor) {
  std::vector<std::string> severities;
  std::string summary;
  for (const auto& b : breaches) {
    severities.push_back(b.severity);
    summary += (summary.empty() ? "" : "\n") + describe(b);
  }
  improvement::Breach report{
      monitor.system_id,
      monitor.id,
      "Monitoring breach: " + system_name + " (" + monitor.name + ")",
      "run #" + std::to_string(run.id) + " of " + run.input_name + ":\n" + summary,
      rules::worst(severities),
      static_cast<int64_t>(breaches.size())};
  TRY_ASSIGN(auto incident, improvement::record_breach(tx, org, report, actor));
  run.incident_id = incident.id;
  for (const auto& b : breaches) {
    Alert a{0,
            monitor.system_id,
            monitor.id,
            run.id,
            incident.id,
            b.sample->key,
            rules::scope_text(b.sample->scope),
            *b.sample->value.value,
            b.threshold->comparison,
            b.threshold->value,
            b.severity,
            "open",
            1,
            run.finished_at};
    TRY_ASSIGN(a.id, sql::insert_alert(tx, org, a));
    TRY(trail::record(tx, org, actor, {"alert", a.id, "create", {}, alert_fields(a)}));
    run.alerts.push_back(a);
  }
  TRY(tell_listeners(tx, org, monitor, run, breaches, actor));
  if (!monitor.human_review_on_breach) return {};
  TRY_ASSIGN(auto current, sql::oversight(tx, org, monitor.system_id));
  Oversight before = current.value_or(Oversight{monitor.system_id});
  if (before.human_review_required) return {};  // already routed to people; keep who and since
  Oversight after{monitor.system_id,
                  true,
                  run.finished_at,
                  "monitor " + monitor.name,
                  "breach in run #" + std::to_string(run.id) + ": " + describe(breaches.front()),
                  "breach",
                  run.alerts.front().id,
                  before.version};
  TRY_ASSIGN(auto saved, sql::save_oversight(tx, org, after, before.version));
  if (saved != 1) return Error::unavailable("the oversight status changed meanwhile; retry");
  TRY(trail::record(tx, org, actor,
                    {"ai_system_oversight", monitor.system_id, "require_human_review",
                     oversight_fields(before), oversight_fields(after)}));
  return {};
}

Result<int64_t> store_failed(store::Database& db, int64_t org, Run run, const trail::Actor& actor) {
  return db.write([&](store::Tx& tx) -> Result<int64_t> {
    TRY_ASSIGN(const int64_t id, sql::insert_run(tx, org, run));
    TRY(trail::record(tx, org, actor, {"monitor_run", id, "create", {}, run_fields(run)}));
    return id;
  });
}

}  // namespace

Result<Run> record_failed_run(store::Database& db, int64_t org, const RunRequest& request,
                              const std::string& reason, const trail::Actor& actor) {
  TRY_ASSIGN(auto monitor, get_monitor(db, org, request.monitor_id));
  Run run;
  run.monitor_id = monitor.id;
  run.system_id = monitor.system_id;
  run.source = request.source;
  run.input_name = request.input_name;
  run.actor_label = actor.label;
  run.started_at = run.finished_at = now_timestamp();
  run.status = "failed";
  run.error = reason;
  TRY_ASSIGN(run.id, store_failed(db, org, run, actor));
  return run;
}

Result<Run> run_monitor(store::Database& db, int64_t org, const RunRequest& request,
                        const trail::Actor& actor) {
  // The name is kept with the run and shown on pages and in the audit trail.
  const std::string& name = request.input_name;
  if (name.empty() || name.size() > 200 || !is_one_line(name) || !is_valid_utf8(name)) {
    return Error::invalid("name", "the log's name must be 1 to 200 characters on one line");
  }
  TRY_ASSIGN(auto monitor, get_monitor(db, org, request.monitor_id));
  if (monitor.archived_at)
    return Error{
        ErrorCode::failed_precondition, "the monitor is archived; restore it to run it", {}};
  TRY_ASSIGN(auto stored_profile,
             db.read([&](store::Tx& tx) { return sql::reference_profile(tx, org, monitor.id); }));
  std::optional<ReferenceProfile> profile;
  if (stored_profile.has_value()) {
    auto parsed = profile_from_json(*stored_profile);
    if (!parsed)
      return Error::internal("stored reference profile is unreadable: " + parsed.error().message);
    profile = std::move(*parsed);
  }
  TRY_ASSIGN(auto system, records::get(db, inventory::ai_systems(), org, monitor.system_id));

  Run run;
  run.monitor_id = monitor.id;
  run.system_id = monitor.system_id;
  run.source = request.source;
  run.input_name = request.input_name;
  run.actor_label = actor.label;
  run.started_at = now_timestamp();
  auto result =
      analyze(request.log, monitor.config, profile ? &*profile : nullptr, request.options);
  run.finished_at = now_timestamp();
  if (!result) {
    // Evidence that the log could not be used, never mistaken for a completed run.
    run.status = "failed";
    run.error = result.error().message;
    TRY(store_failed(db, org, run, actor));
    return result.error();
  }
  run.status = "completed";
  run.input_sha256 = result->input_sha256;
  run.input_bytes = static_cast<int64_t>(result->input_bytes);
  run.rows = static_cast<int64_t>(result->rows);
  run.window_from = micros_text(result->first_timestamp_micros);
  run.window_to = micros_text(result->last_timestamp_micros);
  run.reference_sha256 = result->reference_sha256;
  run.result_json = to_json(*result);
  const auto breaches = rules::breaches(result->samples, monitor.thresholds);
  run.breaches = static_cast<int64_t>(breaches.size());
  // Trends are drawn over the time the data covers, when the log says it.
  const std::string at = run.window_to.value_or(run.finished_at);

  return db.write([&](store::Tx& tx) -> Result<Run> {
    Run stored = run;
    TRY_ASSIGN(stored.id, sql::insert_run(tx, org, stored));
    for (const auto& sample : result->samples) {
      TRY(sql::insert_sample(tx, org, stored.id, monitor.id, at, sample,
                             rules::scope_text(sample.scope)));
    }
    TRY(trail::record(tx, org, actor,
                      {"monitor_run", stored.id, "create", {}, run_fields(stored)}));
    if (!breaches.empty()) {
      TRY(record_breaches(tx, org, monitor, system.text("name"), stored, breaches, actor));
    }
    return stored;
  });
}

Result<Run> get_run(store::Database& db, int64_t org, int64_t run_id) {
  return db.read([&](store::Tx& tx) -> Result<Run> {
    TRY_ASSIGN(auto run, sql::run(tx, org, run_id));
    if (!run.has_value()) return Error::not_found("no such run");
    TRY_ASSIGN(auto alerts, sql::alerts_of_run(tx, org, run_id));
    Run r = std::move(*run);
    r.alerts = std::move(alerts);
    if (!r.alerts.empty()) r.incident_id = r.alerts.front().incident_id;
    return r;
  });
}

Result<std::vector<Run>> list_runs(store::Database& db, int64_t org, int64_t monitor_id,
                                   int limit) {
  return db.read([&](store::Tx& tx) { return sql::runs(tx, org, monitor_id, limit); });
}

// A monitor run by hand (uploads, CI) counts as current for a month: the cadence of the monthly
// evaluations the seed documents describe. A scheduled one for its own interval. Twenty runs back
// is far enough: a monitor whose last twenty runs all failed shows nothing.
constexpr int64_t kUploadIntervalHours = 24 * 31;
constexpr int kRunsLookedAt = 20;

Result<RunEvidence> run_evidence(store::Database& db, int64_t org, const Monitor& monitor,
                                 int64_t now_micros) {
  TRY_ASSIGN(auto runs, list_runs(db, org, monitor.id, kRunsLookedAt));
  RunEvidence out;
  out.interval_hours = monitor.run_mode == "schedule" && monitor.schedule_hours
                           ? *monitor.schedule_hours
                           : kUploadIntervalHours;
  for (auto& r : runs) {
    if (r.status != "completed") continue;
    const auto finished = parse_timestamp(r.finished_at);
    out.current = finished && now_micros - *finished <= out.interval_hours * 3'600'000'000LL;
    out.latest = std::move(r);
    break;
  }
  return out;
}

Result<std::vector<TrendPoint>> trend(store::Database& db, int64_t org, int64_t monitor_id,
                                      const std::string& metric, const std::string& scope,
                                      int limit) {
  return db.read(
      [&](store::Tx& tx) { return sql::trend(tx, org, monitor_id, metric, scope, limit); });
}

Result<std::vector<std::string>> scopes_of_run(store::Database& db, int64_t org, int64_t run_id,
                                               const std::string& metric) {
  return db.read([&](store::Tx& tx) { return sql::scopes_of_run(tx, org, run_id, metric); });
}

Result<std::vector<Alert>> list_alerts(store::Database& db, int64_t org, const AlertQuery& query) {
  if (query.status && *query.status != "open" && *query.status != "acknowledged" &&
      *query.status != "resolved" && *query.status != "active") {
    return Error::invalid("status", "status must be open, acknowledged, resolved or active");
  }
  return db.read([&](store::Tx& tx) { return sql::alerts(tx, org, query); });
}

Result<Summary> summary(store::Database& db, int64_t org) {
  return db.read([&](store::Tx& tx) { return sql::summary(tx, org); });
}

Result<Alert> set_alert_status(store::Database& db, int64_t org, int64_t id,
                               const std::string& status, int64_t expected_version,
                               const trail::Actor& actor) {
  if (status != "open" && status != "acknowledged" && status != "resolved") {
    return Error::invalid("status", "status must be open, acknowledged or resolved");
  }
  return db.write([&](store::Tx& tx) -> Result<Alert> {
    TRY_ASSIGN(auto found, sql::alert(tx, org, id));
    if (!found.has_value()) return Error::not_found("no such alert");
    const Alert before = *found;
    if (before.version != expected_version) {
      return Error{ErrorCode::stale_version, "the alert was changed since you read it", {}};
    }
    if (before.status == status) return before;
    TRY_ASSIGN(auto changed,
               sql::set_alert_status(tx, org, id, status, expected_version, now_timestamp()));
    if (changed != 1) return Error{ErrorCode::stale_version, "the alert was changed meanwhile", {}};
    Alert after = before;
    after.status = status;
    after.version += 1;
    TRY(trail::record(tx, org, actor,
                      {"alert", id, "update", alert_fields(before), alert_fields(after)}));
    return after;
  });
}

Result<Oversight> oversight(store::Database& db, int64_t org, int64_t system_id) {
  return db.read([&](store::Tx& tx) -> Result<Oversight> {
    TRY_ASSIGN(auto system, records::exists(tx, inventory::ai_systems(), org, system_id));
    if (!system) return Error::not_found("no such AI system");
    TRY_ASSIGN(auto row, sql::oversight(tx, org, system_id));
    return row.value_or(Oversight{system_id});
  });
}

Result<Oversight> oversight_in(store::Tx& tx, int64_t org, int64_t system_id) {
  TRY_ASSIGN(auto row, sql::oversight(tx, org, system_id));
  return row.value_or(Oversight{system_id});
}

Result<ScopedValues> latest_values(store::Tx& tx, int64_t org, int64_t system_id,
                                   const std::string& metric) {
  ScopedValues out;
  TRY_ASSIGN(const auto run,
             tx.query_row("SELECT r.id, m.name, r.finished_at FROM monitor_runs r JOIN monitors m "
                          "ON m.id = r.monitor_id WHERE r.org_id = $1 AND r.system_id = $2 AND "
                          "r.status = 'completed' AND EXISTS (SELECT 1 FROM metric_samples s "
                          "WHERE s.run_id = r.id AND s.metric = $3) "
                          "ORDER BY r.finished_at DESC, r.id DESC LIMIT 1",
                          {org, system_id, metric}));
  if (!run) return out;
  out.run_id = run->int64(0);
  out.monitor_name = run->text(1);
  out.finished_at = run->text(2);
  TRY_ASSIGN(const auto rows, tx.query("SELECT scope, value FROM metric_samples WHERE org_id = $1 "
                                       "AND run_id = $2 AND metric = $3 ORDER BY scope",
                                       {org, out.run_id, metric}));
  for (const auto& row : rows)
    out.values.emplace_back(
        row.text(0), row.is_null(1) ? std::optional<double>() : std::optional<double>(row.real(1)));
  return out;
}

Result<Oversight> set_oversight(store::Database& db, int64_t org, int64_t system_id, bool required,
                                const std::string& reason, int64_t expected_version,
                                const trail::Actor& actor) {
  if (trim(reason).empty() || reason.size() > 2000 || has_control_chars(reason) ||
      !is_valid_utf8(reason)) {
    return Error::invalid(
        "reason", "say why (1 to 2000 characters): people and systems relying on it will read it");
  }
  return db.write([&](store::Tx& tx) -> Result<Oversight> {
    TRY_ASSIGN(auto system, records::exists(tx, inventory::ai_systems(), org, system_id));
    if (!system) return Error::not_found("no such AI system");
    TRY_ASSIGN(auto row, sql::oversight(tx, org, system_id));
    const Oversight before = row.value_or(Oversight{system_id});
    if (before.version != expected_version) {
      return Error{ErrorCode::stale_version,
                   "the oversight status was changed since you read it (now version " +
                       std::to_string(before.version) + ")",
                   {}};
    }
    Oversight after{system_id, required, now_timestamp(), actor.label,
                    reason,    "manual", std::nullopt,    before.version + 1};
    TRY_ASSIGN(auto saved, sql::save_oversight(tx, org, after, expected_version));
    if (saved != 1)
      return Error{ErrorCode::stale_version, "the oversight status was changed meanwhile", {}};
    TRY(trail::record(tx, org, actor,
                      {"ai_system_oversight", system_id,
                       required ? "require_human_review" : "release_human_review",
                       oversight_fields(before), oversight_fields(after)}));
    return after;
  });
}

void on_breach(BreachListener listener) {
  breach_listeners().push_back(std::move(listener));
}

}  // namespace aims::monitoring
