// The documented shape of to_json(RunResult) and the metric keys (docs/monitoring.md).
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using Json = nlohmann::json;

const char* const kLog =
    "id,ts,score,label,group,x,c\n"
    "1,2026-01-01T00:00:00Z,0.9,1,a,1.5,red\n"
    "2,2026-01-01T00:01:00Z,0.2,0,a,2.5,blue\n"
    "3,2026-01-02T00:00:00Z,0.7,0,b,3.5,red\n"
    "3,2026-01-02T00:00:00Z,0.4,1,b,,green\n";

RunResult run_with_profile() {
  const ReferenceProfile profile = testing::profile_ok(kLog, testing::classification_config());
  return testing::analyze_ok(kLog, testing::classification_config(), &profile);
}

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it)
    keys.push_back(it.key());
  return keys;
}

TEST(ResultJson, TopLevelShape) {
  const Json json = Json::parse(to_json(run_with_profile()));
  // nlohmann::json sorts keys; the document itself keeps the order written in the docs.
  EXPECT_EQ(keys_of(json), (std::vector<std::string>{"config", "drift", "fairness", "format",
                                                     "input", "methods", "performance", "quality",
                                                     "reference_sha256", "samples", "version"}));
  EXPECT_EQ(json["format"], "aims.monitoring.run_result");
  EXPECT_EQ(json["version"], 1);
  EXPECT_EQ(json["input"]["rows"], 4);
  EXPECT_EQ(json["input"]["format"], "csv");
  EXPECT_EQ(json["input"]["first_timestamp"], "2026-01-01T00:00:00.000000Z");
  EXPECT_EQ(json["input"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(json["config"]["columns"]["features"][1]["kind"], "categorical");
  EXPECT_EQ(json["performance"]["classification"]["confusion"]["true_positives"], 1);
  EXPECT_EQ(json["fairness"][0]["attribute"], "group");
  EXPECT_EQ(json["drift"][0]["column"], "x");
  EXPECT_EQ(json["quality"]["duplicates"]["duplicate_rows"], 1);
}

TEST(ResultJson, MetricsCarryValueOrReasonAndCount) {
  const Json json = Json::parse(to_json(run_with_profile()));
  const Json& accuracy = json["performance"]["classification"]["accuracy"];
  EXPECT_EQ(accuracy["value"], 0.5);  // TP 1 (0.9), TN 1 (0.2), FP 1 (0.7), FN 1 (0.4)
  EXPECT_EQ(accuracy["count"], 4);
  EXPECT_FALSE(accuracy.contains("undefined"));
  // An undefined metric reads {"value": null, "undefined": reason, "count": n}.
  const Json& out_of_range = json["quality"]["columns"][0]["out_of_range_share"];
  EXPECT_EQ(json["quality"]["columns"][0]["column"], "id");
  EXPECT_TRUE(out_of_range["value"].is_null());
  EXPECT_EQ(out_of_range["undefined"], "range checks apply to numeric features and the score");
}

// metric_keys() is what thresholds may name: every key a classification run reports (the run
// above covers them all) plus the three regression keys, and nothing else (docs/monitoring.md,
// section 10: 34 keys).
TEST(ResultJson, MetricKeysAreEveryReportableKey) {
  const RunResult result = run_with_profile();
  std::set<std::string> expected = {"performance.mean_absolute_error",
                                    "performance.root_mean_squared_error", "performance.r_squared"};
  for (const auto& sample : result.samples)
    expected.insert(sample.key);
  const std::set<std::string> keys(metric_keys().begin(), metric_keys().end());
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(metric_keys().size(), 34u);
}

TEST(ResultJson, SampleKeysAreTheDocumentedOnes) {
  const RunResult result = run_with_profile();
  std::set<std::string> keys;
  for (const auto& sample : result.samples)
    keys.insert(sample.key);
  EXPECT_EQ(keys, (std::set<std::string>{
                      "performance.selection_rate",
                      "performance.true_positive_rate",
                      "performance.false_positive_rate",
                      "performance.false_negative_rate",
                      "performance.precision",
                      "performance.accuracy",
                      "performance.f1",
                      "performance.roc_auc",
                      "performance.log_loss",
                      "performance.brier_score",
                      "performance.expected_calibration_error",
                      "fairness.demographic_parity_difference",
                      "fairness.disparate_impact",
                      "fairness.equal_opportunity_difference",
                      "fairness.equalized_odds_difference",
                      "fairness.predictive_parity_difference",
                      "drift.psi",
                      "drift.jensen_shannon_distance",
                      "drift.ks_statistic",
                      "drift.ks_p_value",
                      "drift.wasserstein_distance",
                      "drift.wasserstein_distance_normed",
                      "drift.chi_square_statistic",
                      "drift.chi_square_p_value",
                      "drift.unseen_category_share",
                      "quality.row_count",
                      "quality.missing_share",
                      "quality.type_error_share",
                      "quality.out_of_range_share",
                      "quality.duplicate_row_share",
                      "quality.conflicting_label_share",
                  }));
  // Scopes: the disparate impact of attribute "group", a group's accuracy, a column's PSI.
  const auto* impact = testing::find_sample(result, "fairness.disparate_impact",
                                            {ScopeKind::attribute, "group", {}, {}, {}});
  ASSERT_NE(impact, nullptr);
  EXPECT_EQ(impact->value.value, 1.0);  // both groups select half their rows
  EXPECT_NE(testing::find_sample(result, "performance.accuracy",
                                 {ScopeKind::group, "group", "b", {}, {}}),
            nullptr);
  EXPECT_NE(testing::find_sample(result, "drift.psi", {ScopeKind::column, {}, {}, "x", "feature"}),
            nullptr);
  // Out-of-range shares only for numeric features and the score.
  EXPECT_EQ(testing::find_sample(result, "quality.out_of_range_share",
                                 {ScopeKind::column, {}, {}, "c", "feature"}),
            nullptr);
}

TEST(ResultJson, SamplesSerialiseWithKeyScopeValueAndCount) {
  const Json json = Json::parse(to_json(run_with_profile()));
  const Json& first = json["samples"][0];
  EXPECT_EQ(first["key"], "performance.selection_rate");
  EXPECT_EQ(first["scope"]["kind"], "overall");
  EXPECT_EQ(first["value"], 0.5);
  EXPECT_EQ(first["count"], 4);
  bool saw_column_scope = false;
  for (const auto& sample : json["samples"]) {
    if (sample["scope"]["kind"] != "column") continue;
    saw_column_scope = true;
    EXPECT_TRUE(sample["scope"].contains("column"));
    EXPECT_TRUE(sample["scope"].contains("role"));
  }
  EXPECT_TRUE(saw_column_scope);
}

TEST(ResultJson, RegressionRunsUseRegressionKeys) {
  MonitorConfig config;
  config.task = TaskType::regression;
  config.columns.prediction = "prediction";
  config.columns.label = "label";
  config.columns.sensitive_attributes = {"group"};
  const RunResult result = testing::analyze_ok("prediction,label,group\n1,2,a\n2,2,b\n", config);
  std::set<std::string> keys;
  for (const auto& sample : result.samples)
    keys.insert(sample.key);
  EXPECT_TRUE(keys.count("performance.r_squared"));
  EXPECT_FALSE(keys.count("performance.accuracy"));
  EXPECT_FALSE(keys.count("fairness.disparate_impact"));
  const Json json = Json::parse(to_json(result));
  EXPECT_TRUE(json["performance"].contains("regression"));
  EXPECT_FALSE(json["performance"].contains("classification"));
}

TEST(ResultJson, InvalidUtf8FromTheLogIsReplacedNotFatal) {
  MonitorConfig config = testing::score_label_config();
  config.columns.sensitive_attributes = {"group"};
  const RunResult result = testing::analyze_ok("score,label,group\n0.5,1,\xff\xfe\n", config);
  const Json json = Json::parse(to_json(result));
  EXPECT_EQ(json["fairness"][0]["groups"][0]["group"], "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace aims::monitoring
