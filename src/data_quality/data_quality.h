// Data quality (ISO/IEC 42001 Annex A.7.4): the requirements a dataset's quality is held to, and
// the runs that measure a dataset file against them with the monitoring engine, kept as evidence.
// When a dataset's latest run fails a representativeness requirement, the dataset, the models
// trained on it and the AI systems using it are flagged as under-representing a group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "monitoring/engine/data_quality.h"
#include "records/records.h"
#include "store/database.h"

namespace aims::data_quality {

// The requirements register: the dataset, the kind of check and what it reads (columns, label,
// bounds, allowed values, group column and target shares), its threshold, how often it is checked,
// its owner, and the last run's date and outcome with the next check due.
const records::Description& requirements();
void define_registers();

inline constexpr int kDefaultCheckDays = 91;  // quarterly

// The engine's form of a requirement record. Errors: invalid_argument naming the field (target
// shares that no longer parse).
Result<monitoring::QualityRequirement> engine_requirement(const records::Record& record);

struct StoredRun {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::string started_at;
  std::string finished_at;
  std::string file_name;
  std::string sha256;
  int64_t rows = 0;
  int64_t malformed_rows = 0;
  bool pass = false;
  nlohmann::json report;  // monitoring::to_json(QualityReport)
  std::optional<int64_t> run_by;
  std::string run_by_name;
};

// Measures `file` against every requirement of the dataset, stores the run with its audit event
// and stamps each requirement's last run, all in one transaction. Errors: not_found (no such
// dataset in the organisation), failed_precondition (the dataset has no requirements), and the
// engine's (malformed file, limits).
Result<StoredRun> run_quality(store::Database& db, int64_t org, int64_t dataset_id,
                              const monitoring::LogInput& file, const std::string& file_name,
                              const records::Caller& caller,
                              const monitoring::RunOptions& options = {});

// Errors: not_found (also another organisation's run).
Result<StoredRun> get_run(store::Database& db, int64_t org, int64_t run_id);
// Newest first.
Result<std::vector<StoredRun>> runs_of(store::Database& db, int64_t org, int64_t dataset_id,
                                       int limit = 20);
// The organisation's newest runs, of every dataset.
Result<std::vector<StoredRun>> recent_runs(store::Database& db, int64_t org, int limit = 100);
Result<std::optional<StoredRun>> latest_run(store::Database& db, int64_t org, int64_t dataset_id);

// A group the dataset's latest run found below its minimum share.
struct Shortfall {
  int64_t dataset_id = 0;
  std::string dataset;
  int64_t run_id = 0;
  std::string text;  // "under-represents: age_band 65+ at 3.1 %, minimum 8 %"
};

// The dataset's shortfalls (none when its latest run passed every representativeness check).
// Errors: not_found (also another organisation's dataset).
Result<std::vector<Shortfall>> shortfalls_of_dataset(store::Database& db, int64_t org,
                                                     int64_t dataset_id);
// Those of the model's training datasets, and of the AI system's datasets, direct or through its
// models.
Result<std::vector<Shortfall>> shortfalls_of_model(store::Database& db, int64_t org,
                                                   int64_t model_id);
Result<std::vector<Shortfall>> shortfalls_of_system(store::Database& db, int64_t org,
                                                    int64_t system_id);

}  // namespace aims::data_quality
