#include "monitoring/engine/metric_samples.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace aims::monitoring {

namespace {

template <typename Metrics>
using Field = std::pair<const char*, MetricValue Metrics::*>;

constexpr Field<ClassificationMetrics> kClassificationKeys[] = {
    {"performance.selection_rate", &ClassificationMetrics::selection_rate},
    {"performance.true_positive_rate", &ClassificationMetrics::true_positive_rate},
    {"performance.false_positive_rate", &ClassificationMetrics::false_positive_rate},
    {"performance.false_negative_rate", &ClassificationMetrics::false_negative_rate},
    {"performance.precision", &ClassificationMetrics::precision},
    {"performance.accuracy", &ClassificationMetrics::accuracy},
    {"performance.f1", &ClassificationMetrics::f1},
    {"performance.roc_auc", &ClassificationMetrics::roc_auc},
    {"performance.log_loss", &ClassificationMetrics::log_loss},
    {"performance.brier_score", &ClassificationMetrics::brier_score},
    {"performance.expected_calibration_error", &ClassificationMetrics::expected_calibration_error},
};

constexpr Field<RegressionMetrics> kRegressionKeys[] = {
    {"performance.mean_absolute_error", &RegressionMetrics::mean_absolute_error},
    {"performance.root_mean_squared_error", &RegressionMetrics::root_mean_squared_error},
    {"performance.r_squared", &RegressionMetrics::r_squared},
};

using Comparison = std::pair<const char*, FairnessComparison AttributeFairness::*>;
constexpr Comparison kFairnessKeys[] = {
    {"fairness.demographic_parity_difference", &AttributeFairness::demographic_parity_difference},
    {"fairness.disparate_impact", &AttributeFairness::disparate_impact},
    {"fairness.equal_opportunity_difference", &AttributeFairness::equal_opportunity_difference},
    {"fairness.equalized_odds_difference", &AttributeFairness::equalized_odds_difference},
    {"fairness.predictive_parity_difference", &AttributeFairness::predictive_parity_difference},
};

constexpr Field<ColumnDrift> kNumericDriftKeys[] = {
    {"drift.psi", &ColumnDrift::psi},
    {"drift.jensen_shannon_distance", &ColumnDrift::jensen_shannon_distance},
    {"drift.ks_statistic", &ColumnDrift::ks_statistic},
    {"drift.ks_p_value", &ColumnDrift::ks_p_value},
    {"drift.wasserstein_distance", &ColumnDrift::wasserstein_distance},
    {"drift.wasserstein_distance_normed", &ColumnDrift::wasserstein_distance_normed},
};

constexpr Field<ColumnDrift> kCategoricalDriftKeys[] = {
    {"drift.psi", &ColumnDrift::psi},
    {"drift.jensen_shannon_distance", &ColumnDrift::jensen_shannon_distance},
    {"drift.chi_square_statistic", &ColumnDrift::chi_square_statistic},
    {"drift.chi_square_p_value", &ColumnDrift::chi_square_p_value},
    {"drift.unseen_category_share", &ColumnDrift::unseen_category_share},
};

constexpr const char* kRowCount = "quality.row_count";
constexpr const char* kMissingShare = "quality.missing_share";
constexpr const char* kTypeErrorShare = "quality.type_error_share";
constexpr const char* kOutOfRangeShare = "quality.out_of_range_share";
constexpr const char* kDuplicateRowShare = "quality.duplicate_row_share";
constexpr const char* kConflictingLabelShare = "quality.conflicting_label_share";

class SampleList {
 public:
  void add(const char* key, MetricScope scope, const MetricValue& value) {
    samples_.push_back({key, std::move(scope), value});
  }
  void add_performance(const GroupPerformance& performance, const MetricScope& scope,
                       TaskType task) {
    if (task == TaskType::classification) {
      for (const auto& [key, member] : kClassificationKeys) {
        add(key, scope, performance.classification.*member);
      }
    } else {
      for (const auto& [key, member] : kRegressionKeys)
        add(key, scope, performance.regression.*member);
    }
  }
  std::vector<MetricSample> take() { return std::move(samples_); }

 private:
  std::vector<MetricSample> samples_;
};

MetricScope column_scope(const std::string& column, const std::string& role) {
  return {ScopeKind::column, {}, {}, column, role};
}

}  // namespace

std::vector<MetricSample> metric_samples(const RunResult& result) {
  SampleList samples;
  const TaskType task = result.config.task;
  samples.add_performance(result.overall, MetricScope{}, task);
  for (const auto& attribute : result.fairness) {
    for (const auto& group : attribute.groups) {
      samples.add_performance(group, {ScopeKind::group, attribute.attribute, group.group, {}, {}},
                              task);
    }
    if (task != TaskType::classification) continue;
    for (const auto& [key, member] : kFairnessKeys) {
      samples.add(key, {ScopeKind::attribute, attribute.attribute, {}, {}, {}},
                  (attribute.*member).value);
    }
  }
  for (const auto& drift : result.drift) {
    const auto scope = column_scope(drift.column, drift.role);
    if (drift.kind == ColumnKind::numeric) {
      for (const auto& [key, member] : kNumericDriftKeys)
        samples.add(key, scope, drift.*member);
    } else {
      for (const auto& [key, member] : kCategoricalDriftKeys)
        samples.add(key, scope, drift.*member);
    }
  }
  std::set<std::pair<std::string, std::string>> ranged;  // numeric features and the score
  for (const auto& drift : result.drift) {
    if (drift.kind == ColumnKind::numeric) ranged.emplace(drift.column, drift.role);
  }
  samples.add(kRowCount, MetricScope{},
              MetricValue::of(static_cast<double>(result.rows), result.rows));
  for (const auto& column : result.quality) {
    const auto scope = column_scope(column.column, column.role);
    samples.add(kMissingShare, scope, column.missing_share);
    samples.add(kTypeErrorShare, scope, column.type_error_share);
    if (ranged.count({column.column, column.role}) > 0) {
      samples.add(kOutOfRangeShare, scope, column.out_of_range_share);
    }
  }
  if (!result.config.columns.id.empty()) {
    samples.add(kDuplicateRowShare, MetricScope{}, result.duplicates.duplicate_row_share);
    samples.add(kConflictingLabelShare, MetricScope{}, result.duplicates.conflicting_label_share);
  }
  return samples.take();
}

const std::vector<std::string>& metric_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    auto add = [&out](const char* key) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.emplace_back(key);
    };
    for (const auto& field : kClassificationKeys)
      add(field.first);
    for (const auto& field : kRegressionKeys)
      add(field.first);
    for (const auto& comparison : kFairnessKeys)
      add(comparison.first);
    for (const auto& field : kNumericDriftKeys)
      add(field.first);
    for (const auto& field : kCategoricalDriftKeys)
      add(field.first);
    for (const char* key : {kRowCount, kMissingShare, kTypeErrorShare, kOutOfRangeShare,
                            kDuplicateRowShare, kConflictingLabelShare})
      add(key);
    return out;
  }();
  return keys;
}

}  // namespace aims::monitoring
