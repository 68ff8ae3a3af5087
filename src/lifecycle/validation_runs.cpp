// Validation runs: the validation log (and a robustness pair) through the monitoring engine,
// checked against the system's agreed acceptance criteria and kept as evidence.
#include <filesystem>

#include "base/time.h"
#include "lifecycle/lifecycle.h"
#include "lifecycle/measure.h"
#include "monitoring/engine/robustness.h"
#include "monitoring/monitoring.h"
#include "trail/trail.h"

namespace aims::lifecycle {
namespace {

using nlohmann::json;
using records::Record;

constexpr const char* kRunColumns =
    "SELECT r.id, r.validation_id, r.started_at, r.finished_at, r.log_name, r.log_sha256, "
    "r.row_count, r.perturbed_name, r.perturbed_sha256, r.passed, r.criteria, r.robustness, "
    "r.run_by, COALESCE(u.name, '') FROM validation_runs r LEFT JOIN users u ON u.id = r.run_by ";

ValidationRun run_of(store::Row& row) {
  store::RowReader r(row);
  ValidationRun run;
  run.id = r.int64();
  run.validation_id = r.int64();
  run.started_at = r.text();
  run.finished_at = r.text();
  run.log_name = r.text();
  run.log_sha256 = r.text();
  run.rows = r.int64();
  run.perturbed_name = r.text();
  run.perturbed_sha256 = r.text();
  run.pass = r.boolean();
  run.criteria = json::parse(r.text(), nullptr, false);
  run.robustness = json::parse(r.text(), nullptr, false);
  run.run_by = r.opt_int64();
  run.run_by_name = r.text();
  return run;
}

Error precondition(std::string message) {
  return Error{ErrorCode::failed_precondition, std::move(message), {}};
}

int64_t first(const Record& r, const char* key) {
  const auto ids = r.ids(key);
  return ids.empty() ? 0 : ids.front();
}

}  // namespace

Result<std::vector<Criterion>> agreed_criteria(store::Database& db, int64_t org,
                                               const Record& validation) {
  TRY_ASSIGN(const auto agreed,
             records::list_all(
                 db, requirements(), org,
                 {.filters = {{"ai_system_id", std::to_string(first(validation, "ai_system_id"))},
                              {"state", "agreed"}}}));
  std::vector<Criterion> criteria;
  const int64_t model = first(validation, "model_id");
  for (const auto& r : agreed) {
    const int64_t of_model = first(r, "model_id");
    if (model != 0 && of_model != 0 && of_model != model) continue;
    if (auto c = criterion_of(r)) criteria.push_back(std::move(*c));
  }
  return criteria;
}

namespace {

// The validation's monitor, which must be one of its system's.
Result<monitoring::Monitor> monitor_for(store::Database& db, int64_t org,
                                        const Record& validation) {
  const int64_t monitor_id = first(validation, "monitor_id");
  if (monitor_id == 0)
    return precondition("name the monitor whose column mapping reads the validation logs");
  TRY_ASSIGN(auto monitor, monitoring::get_monitor(db, org, monitor_id));
  if (monitor.system_id != first(validation, "ai_system_id"))
    return precondition("the monitor named belongs to another AI system");
  return monitor;
}

}  // namespace

json criteria_json(const std::vector<CriterionResult>& results) {
  json out = json::array();
  for (const auto& r : results) {
    out.push_back({{"requirement_id", r.criterion.requirement_id},
                   {"name", r.criterion.name},
                   {"metric", r.criterion.metric},
                   {"scope", r.criterion.scope},
                   {"comparison", r.criterion.at_least ? "at_least" : "at_most"},
                   {"threshold", r.criterion.threshold},
                   {"measured", r.measured ? json(*r.measured) : json(nullptr)},
                   {"where", r.where},
                   {"pass", r.pass},
                   {"reason", r.reason}});
  }
  return out;
}

Result<Measured> measure(const monitoring::Monitor& monitor, const ValidationLogs& logs) {
  TRY_ASSIGN(auto result, monitoring::analyze(logs.log, monitor.config, nullptr, logs.options));
  Measured m{result.input_sha256, static_cast<int64_t>(result.rows), "", std::move(result.samples),
             nullptr};
  if (logs.perturbed) {
    TRY_ASSIGN(auto pair, monitoring::evaluate_robustness(logs.log, *logs.perturbed, monitor.config,
                                                          logs.options));
    m.perturbed_sha256 = pair.perturbed_sha256;
    m.robustness = monitoring::to_json(pair);
    m.samples.insert(m.samples.end(), pair.samples.begin(), pair.samples.end());
  }
  return m;
}

ValidationLogs logs_from_files(const std::string& log, const std::string& perturbed) {
  ValidationLogs logs;
  logs.log_name = std::filesystem::path(log).filename().string();
  logs.log = monitoring::LogInput::file(log);
  if (!perturbed.empty()) {
    logs.perturbed_name = std::filesystem::path(perturbed).filename().string();
    logs.perturbed = monitoring::LogInput::file(perturbed);
  }
  return logs;
}

Result<ValidationRun> run_validation(store::Database& db, int64_t org, int64_t validation_id,
                                     const ValidationLogs& logs, const records::Caller& caller) {
  const std::string started_at = now_timestamp();
  TRY_ASSIGN(const Record validation, records::get(db, validations(), org, validation_id));
  if (validation.archived_at) return precondition("the validation is archived");
  if (validation.state != "draft")
    return precondition("only a draft validation takes runs: return it to draft first");
  TRY_ASSIGN(const auto monitor, monitor_for(db, org, validation));
  TRY_ASSIGN(const auto criteria, agreed_criteria(db, org, validation));
  if (criteria.empty()) {
    return precondition(
        "the AI system has no agreed requirement with an acceptance criterion to validate "
        "against: agree one first");
  }
  TRY_ASSIGN(const Measured measured, measure(monitor, logs));
  const auto results = evaluate_criteria(criteria, measured.samples);
  const bool pass =
      std::all_of(results.begin(), results.end(), [](const auto& r) { return r.pass; });

  return db.write([&](store::Tx& tx) -> Result<ValidationRun> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    // Submitted while the logs were read: the result no longer belongs on it.
    TRY_ASSIGN(const auto current, records::find(ctx, validations(), validation_id));
    if (!current || current->state != "draft")
      return precondition("the validation left draft while its logs were read");
    ValidationRun run{.validation_id = validation_id,
                      .started_at = started_at,
                      .finished_at = ctx.now,
                      .log_name = logs.log_name,
                      .log_sha256 = measured.log_sha256,
                      .rows = measured.rows,
                      .perturbed_name = logs.perturbed ? logs.perturbed_name : "",
                      .perturbed_sha256 = measured.perturbed_sha256,
                      .pass = pass,
                      .criteria = criteria_json(results),
                      .robustness = measured.robustness,
                      .run_by = caller.user_id};
    TRY_ASSIGN(run.id,
               tx.insert("INSERT INTO validation_runs (org_id, validation_id, started_at, "
                         "finished_at, log_name, log_sha256, row_count, perturbed_name, "
                         "perturbed_sha256, passed, criteria, robustness, run_by) VALUES ($1, $2, "
                         "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                         {org, validation_id, run.started_at, run.finished_at, run.log_name,
                          run.log_sha256, run.rows, run.perturbed_name, run.perturbed_sha256,
                          run.pass, run.criteria.dump(), run.robustness.dump(), run.run_by}));
    Record changes;
    changes.values["outcome"] = std::string(pass ? "passed" : "failed");
    changes.values["last_run_on"] = ctx.now.substr(0, 10);
    TRY(records::update_kept_in(ctx, validations(), validation_id, changes));
    TRY(trail::record(tx, org, caller.actor,
                      {.entity_type = "validation_run",
                       .entity_id = run.id,
                       .action = "create",
                       .after = {{"validation_id", std::to_string(validation_id)},
                                 {"log_sha256", json(run.log_sha256).dump()},
                                 {"perturbed_sha256", json(run.perturbed_sha256).dump()},
                                 {"rows", std::to_string(run.rows)},
                                 {"passed", pass ? "true" : "false"}}}));
    TRY_ASSIGN(auto named, tx.query_row("SELECT name FROM users WHERE id = $1", {run.run_by}));
    if (named) run.run_by_name = named->text(0);
    return run;
  });
}

Result<ValidationRun> get_run(store::Database& db, int64_t org, int64_t run_id) {
  return db.read([&](store::Tx& tx) -> Result<ValidationRun> {
    TRY_ASSIGN(auto row,
               tx.query_row(std::string(kRunColumns) + "WHERE r.org_id = $1 AND r.id = $2",
                            {org, run_id}));
    if (!row) return Error::not_found("no such validation run");
    return run_of(*row);
  });
}

Result<std::vector<ValidationRun>> runs_of(store::Database& db, int64_t org, int64_t validation_id,
                                           int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<ValidationRun>> {
    TRY_ASSIGN(auto rows,
               tx.query(std::string(kRunColumns) + "WHERE r.org_id = $1 AND r.validation_id = $2 "
                                                   "ORDER BY r.id DESC LIMIT $3",
                        {org, validation_id, int64_t{limit}}));
    std::vector<ValidationRun> runs;
    for (auto& row : rows)
      runs.push_back(run_of(row));
    return runs;
  });
}

json to_json(const ValidationRun& run) {
  json out = {{"id", run.id},
              {"validation_id", run.validation_id},
              {"started_at", run.started_at},
              {"finished_at", run.finished_at},
              {"log", {{"name", run.log_name}, {"sha256", run.log_sha256}, {"rows", run.rows}}},
              {"passed", run.pass},
              {"criteria", run.criteria},
              {"robustness", run.robustness},
              {"run_by", run.run_by ? json(*run.run_by) : json(nullptr)},
              {"run_by_name", run.run_by_name}};
  if (!run.perturbed_name.empty() || !run.perturbed_sha256.empty())
    out["perturbed"] = {{"name", run.perturbed_name}, {"sha256", run.perturbed_sha256}};
  return out;
}

}  // namespace aims::lifecycle
