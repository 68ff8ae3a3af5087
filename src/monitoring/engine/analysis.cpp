// analyze(): one pass over a prediction log, then the metrics assembled into a RunResult.
#include <algorithm>
#include <numeric>
#include <optional>

#include "monitoring/engine/analysis_accumulator.h"
#include "monitoring/engine/drift.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/fairness.h"
#include "monitoring/engine/id_spill.h"
#include "monitoring/engine/metric_samples.h"
#include "monitoring/engine/pipeline.h"
#include "monitoring/engine/profile_validation.h"

namespace aims::monitoring {

namespace {

GroupPerformance performance_of(const ScopeTally& tally, std::string group,
                                const AnalysisPlan& plan) {
  GroupPerformance performance;
  performance.group = std::move(group);
  performance.rows = tally.rows;
  performance.compared = tally.rows >= plan.config.min_group_size;
  if (plan.config.task == TaskType::classification) {
    performance.classification = tally.classification.metrics(plan.roles);
  } else {
    performance.regression = tally.regression.metrics(plan.roles);
  }
  return performance;
}

std::vector<AttributeFairness> fairness_of(const AnalysisAccumulator& total) {
  const AnalysisPlan& plan = total.plan();
  std::vector<AttributeFairness> attributes;
  for (size_t a = 0; a < total.attributes().size(); ++a) {
    const GroupTallies& tallies = total.attributes()[a];
    std::vector<GroupPerformance> groups;
    for (size_t g = 0; g < tallies.size(); ++g) {
      if (tallies.tally(g).rows == 0) continue;
      groups.push_back(performance_of(tallies.tally(g), tallies.name(g), plan));
    }
    std::sort(
        groups.begin(), groups.end(),
        [](const GroupPerformance& x, const GroupPerformance& y) { return x.group < y.group; });
    attributes.push_back(compare_groups(plan.config.columns.sensitive_attributes[a],
                                        std::move(groups), plan.config));
  }
  return attributes;
}

std::vector<ColumnDrift> drift_of(const AnalysisAccumulator& total) {
  const AnalysisPlan& plan = total.plan();
  std::vector<ColumnDrift> drift;
  for (size_t i = 0; i < plan.drift.size(); ++i) {
    const auto& column = plan.drift[i];
    if (column.kind == ColumnKind::numeric) {
      const auto& counter = total.numeric_drift()[i];
      drift.push_back(numeric_drift(column, counter ? &*counter : nullptr));
    } else {
      const auto& counter = total.categorical_drift()[i];
      drift.push_back(categorical_drift(column, counter ? &*counter : nullptr));
    }
  }
  return drift;
}

MetricValue share(uint64_t part, uint64_t whole, const char* empty_reason) {
  if (whole == 0) return MetricValue::undefined(empty_reason);
  return MetricValue::of(static_cast<double>(part) / static_cast<double>(whole), whole);
}

std::vector<ColumnQuality> quality_of(const AnalysisAccumulator& total) {
  const AnalysisPlan& plan = total.plan();
  std::vector<bool> ranged(plan.schema.slots().size(), false);  // numeric features and the score
  for (const auto& column : plan.drift)
    ranged[column.slot] = column.kind == ColumnKind::numeric;
  std::vector<ColumnQuality> quality;
  for (size_t slot = 0; slot < plan.schema.slots().size(); ++slot) {
    const Slot& info = plan.schema.slots()[slot];
    const SlotQuality& counts = total.quality()[slot];
    ColumnQuality column;
    column.column = info.column;
    column.role = std::string(to_string(info.role));
    column.missing = counts.missing;
    column.type_errors = counts.type_errors;
    column.out_of_range = counts.out_of_range;
    column.missing_share = share(counts.missing, total.rows(), "no rows");
    column.type_error_share = share(counts.type_errors, total.rows(), "no rows");
    if (!ranged[slot]) {
      column.out_of_range_share =
          MetricValue::undefined("range checks apply to numeric features and the score");
    } else if (!plan.reference_range[slot]) {
      column.out_of_range_share = MetricValue::undefined("no reference range for this column");
    } else {
      column.out_of_range_share =
          share(counts.out_of_range, total.rows() - counts.missing - counts.type_errors,
                "no valid values in the log");
    }
    quality.push_back(std::move(column));
  }
  return quality;
}

DuplicateReport duplicates_of(const DuplicateCounts& counts, bool has_label) {
  DuplicateReport report;
  report.rows_with_id = counts.rows;
  report.distinct_ids = counts.distinct;
  report.duplicated_ids = counts.duplicated_ids;
  report.duplicate_rows = counts.duplicate_rows;
  report.conflicting_ids = counts.conflicting_ids;
  report.duplicate_row_share = share(counts.duplicate_rows, counts.rows, "no rows with an id");
  report.conflicting_label_share =
      has_label ? share(counts.conflicting_ids, counts.distinct, "no rows with an id")
                : MetricValue::undefined("no label column mapped");
  return report;
}

}  // namespace

Result<RunResult> analyze(const LogInput& input, const MonitorConfig& config,
                          const ReferenceProfile* reference, const RunOptions& options) {
  const RunClock clock(options);
  TRY_ASSIGN(auto schema, LogSchema::create(config));
  if (reference != nullptr) {
    TRY(validate_profile(*reference));
  }
  const AnalysisPlan plan(config, schema, reference);
  std::optional<IdSpill> spill;
  if (schema.id() >= 0) {
    spill.emplace(options.spill_directory, SpillLimits{.disk_bytes = options.max_spill_bytes});
  }
  IdSpill* const ids = spill ? &*spill : nullptr;

  AnalysisAccumulator total(plan, nullptr);
  TRY_ASSIGN(auto pass,
             run_pass(
                 input, schema, options, clock,
                 [&plan, ids] { return std::make_unique<AnalysisAccumulator>(plan, ids); }, total));
  total.finish();

  RunResult result;
  result.input_sha256 = pass.sha256;
  result.input_bytes = pass.input_bytes;
  result.gzip = pass.gzip;
  result.format = pass.format;
  result.rows = total.rows();
  result.first_timestamp_micros = total.first_timestamp();
  result.last_timestamp_micros = total.last_timestamp();
  result.config = config;
  if (reference != nullptr) result.reference_sha256 = reference->input_sha256;
  result.overall = performance_of(total.overall(), "", plan);
  result.fairness = fairness_of(total);
  result.drift = drift_of(total);
  result.quality = quality_of(total);
  if (spill) {
    TRY_ASSIGN(auto counts, spill->count(worker_threads(options), clock));
    result.duplicates = duplicates_of(counts, plan.roles.label);
  } else {
    const auto no_id = MetricValue::undefined("no id column mapped");
    result.duplicates.duplicate_row_share = result.duplicates.conflicting_label_share = no_id;
  }
  result.samples = metric_samples(result);
  return result;
}

}  // namespace aims::monitoring
