#include "monitoring/engine/fairness.h"

#include <string>

namespace aims::monitoring {

namespace {

using Rate = MetricValue ClassificationMetrics::*;

// The spread of one rate over the groups that are large enough and have it defined.
FairnessComparison spread(const std::vector<GroupPerformance>& groups, Rate rate,
                          const std::string& basis, const MonitorConfig& config) {
  FairnessComparison comparison;
  comparison.basis = basis;
  uint64_t rows = 0;
  for (const auto& group : groups) {
    const MetricValue& value = group.classification.*rate;
    if (!group.compared) {
      comparison.excluded.push_back(
          {group.group, "fewer than " + std::to_string(config.min_group_size) + " rows"});
      continue;
    }
    if (!value.value) {
      comparison.excluded.push_back({group.group, basis + " undefined: " + value.undefined_reason});
      continue;
    }
    // Groups come sorted by name; strict comparisons keep the first name on ties.
    if (comparison.groups_compared.empty() || *value.value > comparison.max_rate) {
      comparison.max_rate = *value.value;
      comparison.max_group = group.group;
    }
    if (comparison.groups_compared.empty() || *value.value < comparison.min_rate) {
      comparison.min_rate = *value.value;
      comparison.min_group = group.group;
    }
    comparison.groups_compared.push_back(group.group);
    rows += group.rows;
  }
  if (comparison.groups_compared.size() < 2) {
    comparison.value = MetricValue::undefined("fewer than two groups with at least " +
                                                  std::to_string(config.min_group_size) +
                                                  " rows and a defined " + basis,
                                              rows);
    comparison.max_group.clear();
    comparison.min_group.clear();
    comparison.max_rate = comparison.min_rate = 0;
    return comparison;
  }
  comparison.value = MetricValue::of(comparison.max_rate - comparison.min_rate, rows);
  return comparison;
}

FairnessComparison ratio_of_extremes(FairnessComparison comparison) {
  if (!comparison.value.value) return comparison;
  if (comparison.max_rate == 0) {
    comparison.value = MetricValue::undefined("no compared group has a positive selection rate",
                                              comparison.value.count);
    return comparison;
  }
  comparison.value.value = comparison.min_rate / comparison.max_rate;
  return comparison;
}

// fairlearn's equalized_odds_difference(agg="worst_case"): the larger of the TPR and FPR spreads.
FairnessComparison worst_of(FairnessComparison tpr, FairnessComparison fpr) {
  if (!tpr.value.value) return tpr;
  if (!fpr.value.value) return fpr;
  return *fpr.value.value > *tpr.value.value ? fpr : tpr;
}

FairnessComparison not_applicable() {
  FairnessComparison comparison;
  comparison.value = MetricValue::undefined("fairness metrics need a classification task");
  return comparison;
}

}  // namespace

AttributeFairness compare_groups(std::string attribute, std::vector<GroupPerformance> groups,
                                 const MonitorConfig& config) {
  AttributeFairness fairness;
  fairness.attribute = std::move(attribute);
  fairness.groups = std::move(groups);
  if (config.task != TaskType::classification) {
    fairness.demographic_parity_difference = fairness.disparate_impact = not_applicable();
    fairness.equal_opportunity_difference = fairness.equalized_odds_difference = not_applicable();
    fairness.predictive_parity_difference = not_applicable();
    return fairness;
  }
  const auto& groups_ref = fairness.groups;
  const auto selection =
      spread(groups_ref, &ClassificationMetrics::selection_rate, "selection_rate", config);
  fairness.demographic_parity_difference = selection;
  fairness.disparate_impact = ratio_of_extremes(selection);
  if (fairness.disparate_impact.value.value) {
    fairness.four_fifths_rule_met = *fairness.disparate_impact.value.value >= kFourFifths;
  }
  const auto tpr =
      spread(groups_ref, &ClassificationMetrics::true_positive_rate, "true_positive_rate", config);
  fairness.equal_opportunity_difference = tpr;
  fairness.equalized_odds_difference =
      worst_of(tpr, spread(groups_ref, &ClassificationMetrics::false_positive_rate,
                           "false_positive_rate", config));
  fairness.predictive_parity_difference =
      spread(groups_ref, &ClassificationMetrics::precision, "precision", config);
  return fairness;
}

}  // namespace aims::monitoring
