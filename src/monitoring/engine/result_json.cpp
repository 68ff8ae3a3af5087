// to_json(const RunResult&): the stable result document described in docs/monitoring.md.
#include <nlohmann/json.hpp>

#include "base/time.h"
#include "monitoring/engine/drift.h"
#include "monitoring/engine/engine.h"
#include "monitoring/engine/fairness.h"
#include "monitoring/engine/performance.h"

namespace aims::monitoring {

namespace {

using Json = nlohmann::ordered_json;

constexpr int kResultVersion = 1;

Json metric(const MetricValue& value) {
  Json out;
  out["value"] = value.value ? Json(*value.value) : Json(nullptr);
  if (!value.value) out["undefined"] = value.undefined_reason;
  out["count"] = value.count;
  return out;
}

Json optional_timestamp(const std::optional<int64_t>& micros) {
  return micros ? Json(format_timestamp(*micros)) : Json(nullptr);
}

Json config_json(const MonitorConfig& config) {
  const ColumnMapping& columns = config.columns;
  Json features = Json::array();
  for (const auto& feature : columns.features) {
    features.push_back({{"name", feature.name}, {"kind", to_string(feature.kind)}});
  }
  return {
      {"task", to_string(config.task)},
      {"positive_label", config.positive_label},
      {"decision_threshold", config.decision_threshold},
      {"min_group_size", config.min_group_size},
      {"columns",
       {{"id", columns.id},
        {"timestamp", columns.timestamp},
        {"prediction", columns.prediction},
        {"score", columns.score},
        {"label", columns.label},
        {"sensitive_attributes", columns.sensitive_attributes},
        {"features", features}}},
  };
}

// The fixed choices behind the numbers, so a stored result explains itself.
Json methods_json() {
  return {
      {"calibration", {{"bins", kCalibrationBins}, {"binning", "equal-width on [0, 1]"}}},
      {"roc_auc", {{"score_bins", kScoreBins}, {"ties", "scores in one bin count as tied"}}},
      {"log_loss", {{"epsilon", kLogLossEpsilon}, {"log_base", "e"}}},
      {"fairness",
       {{"convention", "fairlearn between_groups: max - min, min / max"},
        {"four_fifths_threshold", kFourFifths}}},
      {"psi",
       {{"bins", "reference coarse bins plus under/overflow when the log has values there"},
        {"empty_bins", "Evidently zero fill"}}},
      {"jensen_shannon", {{"bins", "as psi"}, {"log_base", "e"}}},
      {"ks", {{"bins", "reference fine bins"}, {"p_value", "asymptotic Kolmogorov (kstwobign)"}}},
      {"wasserstein",
       {{"order", 1},
        {"points", "fine bin means"},
        {"normed_by", "max(reference population std, min_std)"},
        {"min_std", kMinNormalisingStd}}},
      {"chi_square", {{"test", "goodness of fit to reference shares"}}},
  };
}

Json performance_json(const GroupPerformance& performance, TaskType task) {
  Json out;
  out["group"] = performance.group;
  out["rows"] = performance.rows;
  out["compared"] = performance.compared;
  if (task == TaskType::classification) {
    const ClassificationMetrics& m = performance.classification;
    out["classification"] = {
        {"predicted", m.predicted},
        {"labelled", m.labelled},
        {"scored", m.scored},
        {"confusion",
         {{"true_positives", m.true_positives},
          {"false_positives", m.false_positives},
          {"true_negatives", m.true_negatives},
          {"false_negatives", m.false_negatives}}},
        {"selection_rate", metric(m.selection_rate)},
        {"true_positive_rate", metric(m.true_positive_rate)},
        {"false_positive_rate", metric(m.false_positive_rate)},
        {"false_negative_rate", metric(m.false_negative_rate)},
        {"precision", metric(m.precision)},
        {"accuracy", metric(m.accuracy)},
        {"f1", metric(m.f1)},
        {"roc_auc", metric(m.roc_auc)},
        {"log_loss", metric(m.log_loss)},
        {"brier_score", metric(m.brier_score)},
        {"expected_calibration_error", metric(m.expected_calibration_error)},
    };
  } else {
    const RegressionMetrics& m = performance.regression;
    out["regression"] = {
        {"pairs", m.pairs},
        {"mean_absolute_error", metric(m.mean_absolute_error)},
        {"root_mean_squared_error", metric(m.root_mean_squared_error)},
        {"r_squared", metric(m.r_squared)},
    };
  }
  return out;
}

Json comparison_json(const FairnessComparison& comparison) {
  Json out = metric(comparison.value);
  out["basis"] = comparison.basis;
  if (comparison.value.value) {
    out["max_group"] = comparison.max_group;
    out["max_rate"] = comparison.max_rate;
    out["min_group"] = comparison.min_group;
    out["min_rate"] = comparison.min_rate;
  }
  out["groups_compared"] = comparison.groups_compared;
  Json excluded = Json::array();
  for (const auto& group : comparison.excluded) {
    excluded.push_back({{"group", group.group}, {"reason", group.reason}});
  }
  out["excluded"] = excluded;
  return out;
}

Json fairness_json(const AttributeFairness& attribute, TaskType task) {
  Json groups = Json::array();
  for (const auto& group : attribute.groups)
    groups.push_back(performance_json(group, task));
  return {
      {"attribute", attribute.attribute},
      {"groups", groups},
      {"demographic_parity_difference", comparison_json(attribute.demographic_parity_difference)},
      {"disparate_impact", comparison_json(attribute.disparate_impact)},
      {"four_fifths_rule_met",
       attribute.four_fifths_rule_met ? Json(*attribute.four_fifths_rule_met) : Json(nullptr)},
      {"equal_opportunity_difference", comparison_json(attribute.equal_opportunity_difference)},
      {"equalized_odds_difference", comparison_json(attribute.equalized_odds_difference)},
      {"predictive_parity_difference", comparison_json(attribute.predictive_parity_difference)},
  };
}

Json drift_json(const ColumnDrift& drift) {
  Json out = {
      {"column", drift.column},
      {"role", drift.role},
      {"kind", to_string(drift.kind)},
      {"reference_count", drift.reference_count},
      {"current_count", drift.current_count},
      {"psi", metric(drift.psi)},
      {"jensen_shannon_distance", metric(drift.jensen_shannon_distance)},
  };
  if (drift.kind == ColumnKind::numeric) {
    out["ks_statistic"] = metric(drift.ks_statistic);
    out["ks_p_value"] = metric(drift.ks_p_value);
    out["wasserstein_distance"] = metric(drift.wasserstein_distance);
    out["wasserstein_distance_normed"] = metric(drift.wasserstein_distance_normed);
  } else {
    out["chi_square_statistic"] = metric(drift.chi_square_statistic);
    out["chi_square_p_value"] = metric(drift.chi_square_p_value);
    out["chi_square_degrees_of_freedom"] = drift.chi_square_degrees_of_freedom;
    out["unseen_category_share"] = metric(drift.unseen_category_share);
  }
  out["current_bin_counts"] = drift.current_bin_counts;
  return out;
}

Json quality_json(const RunResult& result) {
  Json columns = Json::array();
  for (const auto& column : result.quality) {
    columns.push_back({
        {"column", column.column},
        {"role", column.role},
        {"missing", column.missing},
        {"type_errors", column.type_errors},
        {"out_of_range", column.out_of_range},
        {"missing_share", metric(column.missing_share)},
        {"type_error_share", metric(column.type_error_share)},
        {"out_of_range_share", metric(column.out_of_range_share)},
    });
  }
  const DuplicateReport& duplicates = result.duplicates;
  return {
      {"columns", columns},
      {"duplicates",
       {{"rows_with_id", duplicates.rows_with_id},
        {"distinct_ids", duplicates.distinct_ids},
        {"duplicated_ids", duplicates.duplicated_ids},
        {"duplicate_rows", duplicates.duplicate_rows},
        {"conflicting_ids", duplicates.conflicting_ids},
        {"duplicate_row_share", metric(duplicates.duplicate_row_share)},
        {"conflicting_label_share", metric(duplicates.conflicting_label_share)}}},
  };
}

Json scope_json(const MetricScope& scope) {
  switch (scope.kind) {
    case ScopeKind::overall:
      return {{"kind", "overall"}};
    case ScopeKind::group:
      return {{"kind", "group"}, {"attribute", scope.attribute}, {"group", scope.group}};
    case ScopeKind::attribute:
      return {{"kind", "attribute"}, {"attribute", scope.attribute}};
    case ScopeKind::column:
      return {{"kind", "column"}, {"column", scope.column}, {"role", scope.role}};
  }
  return nullptr;
}

}  // namespace

std::string to_json(const RunResult& result) {
  Json out;
  out["format"] = "aims.monitoring.run_result";
  out["version"] = kResultVersion;
  out["input"] = {
      {"sha256", result.input_sha256},
      {"bytes", result.input_bytes},
      {"gzip", result.gzip},
      {"format", to_string(result.format)},
      {"rows", result.rows},
      {"first_timestamp", optional_timestamp(result.first_timestamp_micros)},
      {"last_timestamp", optional_timestamp(result.last_timestamp_micros)},
  };
  out["config"] = config_json(result.config);
  out["reference_sha256"] =
      result.reference_sha256.empty() ? Json(nullptr) : Json(result.reference_sha256);
  out["methods"] = methods_json();
  out["performance"] = performance_json(result.overall, result.config.task);
  Json fairness = Json::array();
  for (const auto& attribute : result.fairness) {
    fairness.push_back(fairness_json(attribute, result.config.task));
  }
  out["fairness"] = fairness;
  Json drift = Json::array();
  for (const auto& column : result.drift)
    drift.push_back(drift_json(column));
  out["drift"] = drift;
  out["quality"] = quality_json(result);
  Json samples = Json::array();
  for (const auto& sample : result.samples) {
    Json entry = {{"key", sample.key}, {"scope", scope_json(sample.scope)}};
    entry.update(metric(sample.value));
    samples.push_back(std::move(entry));
  }
  out["samples"] = samples;
  // Group and category names come from the log: replace invalid UTF-8 rather than fail.
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace aims::monitoring
