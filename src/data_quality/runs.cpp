// Data-quality runs: a dataset file measured against the dataset's requirements, kept as evidence.
#include "base/time.h"
#include "data_quality/data_quality.h"
#include "data_quality/schedule.h"
#include "trail/trail.h"

namespace aims::data_quality {
namespace {

using records::Record;

// The person who ran it by name; empty for the command line.
constexpr const char* kRunColumns =
    "SELECT r.id, r.dataset_id, r.started_at, r.finished_at, r.file_name, r.sha256, r.row_count, "
    "r.malformed_rows, r.passed, r.report, r.run_by, COALESCE(u.name, '') FROM data_quality_runs r "
    "LEFT JOIN users u ON u.id = r.run_by ";

StoredRun run_of(store::Row& row) {
  store::RowReader r(row);
  StoredRun run;
  run.id = r.int64();
  run.dataset_id = r.int64();
  run.started_at = r.text();
  run.finished_at = r.text();
  run.file_name = r.text();
  run.sha256 = r.text();
  run.rows = r.int64();
  run.malformed_rows = r.int64();
  run.pass = r.boolean();
  run.report = nlohmann::json::parse(r.text(), nullptr, false);
  run.run_by = r.opt_int64();
  run.run_by_name = r.text();
  return run;
}

const records::Description& datasets() {
  const records::Description* d = records::find("dataset");
  if (d == nullptr) throw std::logic_error("data quality needs the inventory's dataset register");
  return *d;
}

Result<std::vector<Record>> requirements_of(store::Tx& tx, int64_t org, int64_t dataset_id) {
  TRY_ASSIGN(const bool known, records::exists(tx, datasets(), org, dataset_id));
  if (!known) return Error::not_found("no such dataset");
  return records::list_all_in(tx, requirements(), org,
                              {.filters = {{"dataset_id", std::to_string(dataset_id)}}});
}

Status stamp_requirements(const records::WriteContext& ctx, const std::vector<Record>& measured,
                          const monitoring::QualityReport& report) {
  const std::string day = ctx.now.substr(0, 10);
  for (size_t i = 0; i < measured.size(); ++i) {
    Record changes;
    changes.values["last_run_on"] = day;
    changes.values["last_outcome"] = std::string(report.results[i].pass ? "pass" : "fail");
    changes.values["next_check_due"] = next_check_after(measured[i], day);
    TRY(records::update_kept_in(ctx, requirements(), measured[i].id, changes));
  }
  return {};
}

trail::Fields trail_fields(int64_t dataset_id, const std::string& file_name,
                           const monitoring::QualityReport& report) {
  return {{"dataset_id", std::to_string(dataset_id)},
          {"file_name", nlohmann::json(file_name).dump()},
          {"sha256", nlohmann::json(report.sha256).dump()},
          {"rows", std::to_string(report.rows)},
          {"malformed_rows", std::to_string(report.malformed_rows)},
          {"passed", report.pass ? "true" : "false"}};
}

}  // namespace

Result<StoredRun> run_quality(store::Database& db, int64_t org, int64_t dataset_id,
                              const monitoring::LogInput& file, const std::string& file_name,
                              const records::Caller& caller,
                              const monitoring::RunOptions& options) {
  const std::string started_at = now_timestamp();
  TRY_ASSIGN(const std::vector<Record> measured,
             db.read([&](store::Tx& tx) { return requirements_of(tx, org, dataset_id); }));
  if (measured.empty()) {
    return Error{ErrorCode::failed_precondition,
                 "the dataset has no data-quality requirements to measure the file against",
                 {}};
  }
  std::vector<monitoring::QualityRequirement> checks;
  for (const auto& record : measured) {
    TRY_ASSIGN(auto check, engine_requirement(record));
    checks.push_back(std::move(check));
  }
  TRY_ASSIGN(const monitoring::QualityReport report,
             monitoring::evaluate_quality(file, checks, options));
  return db.write([&](store::Tx& tx) -> Result<StoredRun> {
    const records::WriteContext ctx{tx, org, caller, now_timestamp()};
    StoredRun run{.dataset_id = dataset_id,
                  .started_at = started_at,
                  .finished_at = ctx.now,
                  .file_name = file_name,
                  .sha256 = report.sha256,
                  .rows = static_cast<int64_t>(report.rows),
                  .malformed_rows = static_cast<int64_t>(report.malformed_rows),
                  .pass = report.pass,
                  .report = monitoring::to_json(report),
                  .run_by = caller.user_id};
    TRY_ASSIGN(run.id,
               tx.insert("INSERT INTO data_quality_runs (org_id, dataset_id, started_at, "
                         "finished_at, file_name, sha256, input_bytes, row_count, malformed_rows, "
                         "passed, report, run_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                         "$11, $12) RETURNING id",
                         {org, dataset_id, run.started_at, run.finished_at, file_name, run.sha256,
                          static_cast<int64_t>(report.input_bytes), run.rows, run.malformed_rows,
                          run.pass, run.report.dump(), run.run_by}));
    TRY(stamp_requirements(ctx, measured, report));
    TRY(trail::record(tx, org, caller.actor,
                      {.entity_type = "data_quality_run",
                       .entity_id = run.id,
                       .action = "create",
                       .after = trail_fields(dataset_id, file_name, report)}));
    TRY_ASSIGN(auto named, tx.query_row("SELECT name FROM users WHERE id = $1", {run.run_by}));
    if (named) run.run_by_name = named->text(0);
    return run;
  });
}

Result<StoredRun> get_run(store::Database& db, int64_t org, int64_t run_id) {
  return db.read([&](store::Tx& tx) -> Result<StoredRun> {
    TRY_ASSIGN(auto row,
               tx.query_row(std::string(kRunColumns) + "WHERE r.org_id = $1 AND r.id = $2",
                            {org, run_id}));
    if (!row) return Error::not_found("no such data-quality run");
    return run_of(*row);
  });
}

Result<std::vector<StoredRun>> runs_of(store::Database& db, int64_t org, int64_t dataset_id,
                                       int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<StoredRun>> {
    TRY_ASSIGN(auto rows,
               tx.query(std::string(kRunColumns) + "WHERE r.org_id = $1 AND r.dataset_id = $2 "
                                                   "ORDER BY r.id DESC LIMIT $3",
                        {org, dataset_id, int64_t{limit}}));
    std::vector<StoredRun> runs;
    for (auto& row : rows)
      runs.push_back(run_of(row));
    return runs;
  });
}

Result<std::vector<StoredRun>> recent_runs(store::Database& db, int64_t org, int limit) {
  return db.read([&](store::Tx& tx) -> Result<std::vector<StoredRun>> {
    TRY_ASSIGN(auto rows, tx.query(std::string(kRunColumns) +
                                       "WHERE r.org_id = $1 ORDER BY r.id DESC LIMIT $2",
                                   {org, int64_t{limit}}));
    std::vector<StoredRun> runs;
    for (auto& row : rows)
      runs.push_back(run_of(row));
    return runs;
  });
}

Result<std::optional<StoredRun>> latest_run(store::Database& db, int64_t org, int64_t dataset_id) {
  TRY_ASSIGN(auto runs, runs_of(db, org, dataset_id, 1));
  if (runs.empty()) return std::optional<StoredRun>();
  return std::optional<StoredRun>(std::move(runs.front()));
}

}  // namespace aims::data_quality
