// Fairness comparisons across groups, on logs whose per-group rates are worked out by hand.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::analyze_ok;
using testing::expect_undefined;
using testing::expect_value;

MonitorConfig fairness_config(uint64_t min_group_size = 3) {
  MonitorConfig config;
  config.columns.prediction = "prediction";
  config.columns.label = "label";
  config.columns.sensitive_attributes = {"group"};
  config.min_group_size = min_group_size;
  return config;
}

// Group A: (ŷ, y) = (1,1) (1,0) (1,0) (0,0): SR 3/4, TP 1 FP 2 TN 1: TPR 1, FPR 2/3, PPV 1/3.
// Group B: (1,1) (0,1) (0,0) (0,0):         SR 1/4, TP 1 FN 1 TN 2: TPR 1/2, FPR 0, PPV 1.
// Group C: two rows only, below the minimum group size of 3.
const char* const kThreeGroups =
    "group,prediction,label\n"
    "A,1,1\nA,1,0\nA,1,0\nA,0,0\n"
    "B,1,1\nB,0,1\nB,0,0\nB,0,0\n"
    "C,1,1\nC,0,0\n";

const AttributeFairness& only_attribute(const RunResult& result) {
  EXPECT_EQ(result.fairness.size(), 1u);
  return result.fairness.at(0);
}

TEST(Fairness, DemographicParityAndDisparateImpact) {
  const RunResult result = analyze_ok(kThreeGroups, fairness_config());
  const AttributeFairness& fairness = only_attribute(result);
  const auto& dp = fairness.demographic_parity_difference;
  expect_value(dp.value, 0.75 - 0.25);  // max SR (A) - min SR (B)
  EXPECT_EQ(dp.max_group, "A");
  EXPECT_EQ(dp.min_group, "B");
  EXPECT_EQ(dp.value.count, 8u);                               // rows of A and B
  expect_value(fairness.disparate_impact.value, 0.25 / 0.75);  // min SR / max SR
  ASSERT_TRUE(fairness.four_fifths_rule_met.has_value());
  EXPECT_FALSE(*fairness.four_fifths_rule_met);  // 1/3 < 0.8
  EXPECT_EQ(dp.groups_compared, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(dp.excluded.size(), 1u);
  EXPECT_EQ(dp.excluded[0].group, "C");
  EXPECT_EQ(dp.excluded[0].reason, "fewer than 3 rows");
}

TEST(Fairness, OpportunityOddsAndPredictiveParity) {
  const AttributeFairness fairness = only_attribute(analyze_ok(kThreeGroups, fairness_config()));
  expect_value(fairness.equal_opportunity_difference.value, 1.0 - 0.5);  // TPR A - TPR B
  EXPECT_EQ(fairness.equal_opportunity_difference.max_group, "A");
  // Equalized odds: max(TPR spread 1/2, FPR spread 2/3 - 0) = 2/3, carried by the FPRs.
  expect_value(fairness.equalized_odds_difference.value, 2.0 / 3);
  EXPECT_EQ(fairness.equalized_odds_difference.basis, "false_positive_rate");
  EXPECT_EQ(fairness.equalized_odds_difference.max_group, "A");
  EXPECT_EQ(fairness.equalized_odds_difference.min_group, "B");
  // Predictive parity: PPV B 1 - PPV A 1/3.
  expect_value(fairness.predictive_parity_difference.value, 1.0 - 1.0 / 3);
  EXPECT_EQ(fairness.predictive_parity_difference.max_group, "B");
  EXPECT_EQ(fairness.predictive_parity_difference.min_group, "A");
}

TEST(Fairness, ReportsSmallGroupsWithTheirMetrics) {
  const AttributeFairness fairness = only_attribute(analyze_ok(kThreeGroups, fairness_config()));
  ASSERT_EQ(fairness.groups.size(), 3u);
  const GroupPerformance& c = fairness.groups[2];
  EXPECT_EQ(c.group, "C");
  EXPECT_EQ(c.rows, 2u);
  EXPECT_FALSE(c.compared);
  expect_value(c.classification.selection_rate, 0.5);
  EXPECT_TRUE(fairness.groups[0].compared);
}

TEST(Fairness, AGroupWithoutPositivesIsLeftOutOfOpportunityWithAReason) {
  // Group D has only negative labels: TPR undefined, FPR 1/3, SR 1/3.
  const std::string log = std::string(kThreeGroups) + "D,1,0\nD,0,0\nD,0,0\n";
  const AttributeFairness fairness = only_attribute(analyze_ok(log, fairness_config()));
  const auto& opportunity = fairness.equal_opportunity_difference;
  EXPECT_EQ(opportunity.groups_compared, (std::vector<std::string>{"A", "B"}));
  ASSERT_EQ(opportunity.excluded.size(), 2u);
  EXPECT_EQ(opportunity.excluded[1].group, "D");
  EXPECT_EQ(opportunity.excluded[1].reason, "true_positive_rate undefined: no actual positives");
  // Demographic parity still compares D: SRs 3/4, 1/4, 1/3.
  EXPECT_EQ(fairness.demographic_parity_difference.groups_compared,
            (std::vector<std::string>{"A", "B", "D"}));
  expect_value(fairness.demographic_parity_difference.value, 0.5);
}

TEST(Fairness, MissingValuesFormTheirOwnGroup) {
  const std::string log = "group,prediction,label\nA,1,1\n,0,1\n,1,0\n";
  const AttributeFairness fairness = only_attribute(analyze_ok(log, fairness_config(1)));
  ASSERT_EQ(fairness.groups.size(), 2u);
  EXPECT_EQ(fairness.groups[0].group, "(missing)");
  EXPECT_EQ(fairness.groups[0].rows, 2u);
  expect_value(fairness.demographic_parity_difference.value, 1.0 - 0.5);
  EXPECT_EQ(fairness.demographic_parity_difference.min_group, "(missing)");
}

TEST(Fairness, OneComparableGroupLeavesEveryMetricUndefined) {
  const std::string log = "group,prediction,label\nA,1,1\nA,0,0\nA,1,0\nB,1,1\n";
  const AttributeFairness fairness = only_attribute(analyze_ok(log, fairness_config()));
  expect_undefined(fairness.demographic_parity_difference.value,
                   "fewer than two groups with at least 3 rows and a defined selection_rate");
  EXPECT_FALSE(fairness.four_fifths_rule_met.has_value());
  EXPECT_TRUE(fairness.demographic_parity_difference.max_group.empty());
}

TEST(Fairness, NoPositivePredictionsLeaveDisparateImpactUndefined) {
  const std::string log = "group,prediction,label\nA,0,1\nA,0,0\nB,0,1\nB,0,0\n";
  const AttributeFairness fairness = only_attribute(analyze_ok(log, fairness_config(1)));
  expect_value(fairness.demographic_parity_difference.value, 0.0);
  expect_undefined(fairness.disparate_impact.value,
                   "no compared group has a positive selection rate");
}

TEST(Fairness, EqualRatesMeetTheFourFifthsRule) {
  const std::string log = "group,prediction,label\nA,1,1\nA,0,0\nB,1,0\nB,0,1\n";
  const AttributeFairness fairness = only_attribute(analyze_ok(log, fairness_config(1)));
  expect_value(fairness.disparate_impact.value, 1.0);
  EXPECT_TRUE(fairness.four_fifths_rule_met.value_or(false));
  // Ties keep the first group by name at both ends.
  EXPECT_EQ(fairness.disparate_impact.max_group, "A");
  EXPECT_EQ(fairness.disparate_impact.min_group, "A");
}

TEST(Fairness, EachAttributeIsComparedSeparately) {
  MonitorConfig config = fairness_config(1);
  config.columns.sensitive_attributes = {"group", "region"};
  const std::string log =
      "group,region,prediction,label\nA,north,1,1\nA,south,0,1\nB,north,1,0\nB,south,1,1\n";
  const RunResult result = analyze_ok(log, config);
  ASSERT_EQ(result.fairness.size(), 2u);
  // group: SR A 1/2, B 1. region: SR north 1, south 1/2.
  expect_value(result.fairness[0].demographic_parity_difference.value, 0.5);
  EXPECT_EQ(result.fairness[0].demographic_parity_difference.min_group, "A");
  EXPECT_EQ(result.fairness[1].attribute, "region");
  EXPECT_EQ(result.fairness[1].demographic_parity_difference.min_group, "south");
}

TEST(Fairness, RefusesAnAttributeWithTooManyGroups) {
  std::string log = "group,prediction,label\n";
  for (int i = 0; i < 257; ++i)
    log += "g" + std::to_string(i) + ",1,1\n";
  auto result = analyze(LogInput::memory(log), fairness_config(), nullptr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(result.error().field, "group");
}

TEST(Fairness, RegressionHasGroupsButNoComparisons) {
  MonitorConfig config = fairness_config(1);
  config.task = TaskType::regression;
  const AttributeFairness fairness =
      only_attribute(analyze_ok("group,prediction,label\nA,1,2\nB,3,3\n", config));
  expect_value(fairness.groups[0].regression.mean_absolute_error, 1.0);
  expect_undefined(fairness.demographic_parity_difference.value,
                   "fairness metrics need a classification task");
}

}  // namespace
}  // namespace aims::monitoring
