// Classification and regression metrics on small logs computed by hand.
#include "monitoring/engine/performance.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using testing::analyze_ok;
using testing::expect_undefined;
using testing::expect_value;

// Eight scored rows; with threshold 0.5 the first five are predicted positive.
//   score label  prediction  outcome
//   0.9   1      1           TP
//   0.8   1      1           TP
//   0.7   0      1           FP
//   0.6   1      1           TP
//   0.55  0      1           FP
//   0.4   1      0           FN
//   0.3   0      0           TN
//   0.2   0      0           TN
const char* const kEightRows =
    "score,label\n0.9,1\n0.8,1\n0.7,0\n0.6,1\n0.55,0\n0.4,1\n0.3,0\n0.2,0\n";

TEST(Classification, ConfusionRatesOnEightRows) {
  const auto m = analyze_ok(kEightRows, testing::score_label_config()).overall.classification;
  EXPECT_EQ(m.true_positives, 3u);
  EXPECT_EQ(m.false_positives, 2u);
  EXPECT_EQ(m.true_negatives, 2u);
  EXPECT_EQ(m.false_negatives, 1u);
  expect_value(m.selection_rate, 5.0 / 8);       // (TP + FP) / n = 5 / 8 = 0.625
  expect_value(m.true_positive_rate, 3.0 / 4);   // TP / P = 3 / 4
  expect_value(m.false_positive_rate, 2.0 / 4);  // FP / N = 2 / 4
  expect_value(m.false_negative_rate, 1.0 / 4);  // FN / P = 1 / 4
  expect_value(m.precision, 3.0 / 5);            // TP / (TP + FP) = 3 / 5
  expect_value(m.accuracy, 5.0 / 8);             // (TP + TN) / n = 5 / 8
  expect_value(m.f1, 6.0 / 9);                   // 2TP / (2TP + FP + FN) = 6 / 9
  EXPECT_EQ(m.true_positive_rate.count, 4u);
  EXPECT_EQ(m.precision.count, 5u);
}

TEST(Classification, ScoreMetricsOnEightRows) {
  const auto m = analyze_ok(kEightRows, testing::score_label_config()).overall.classification;
  // Pairs (positive, negative) ranked correctly: 0.9 beats all 4 negatives, 0.8 all 4, 0.6 beats
  // 0.55, 0.3, 0.2 (3), 0.4 beats 0.3, 0.2 (2): 13 of 16.
  expect_value(m.roc_auc, 13.0 / 16);
  // Brier: (0.1² + 0.2² + 0.7² + 0.4² + 0.55² + 0.6² + 0.3² + 0.2²) / 8 = 1.4925 / 8.
  expect_value(m.brier_score, 1.4925 / 8);
  // Log loss: -(ln 0.9 + ln 0.8 + ln 0.3 + ln 0.6 + ln 0.45 + ln 0.4 + ln 0.7 + ln 0.8) / 8.
  const double log_loss = -(std::log(0.9) + std::log(0.8) + std::log(0.3) + std::log(0.6) +
                            std::log(0.45) + std::log(0.4) + std::log(0.7) + std::log(0.8)) /
                          8;
  expect_value(m.log_loss, log_loss, 1e-12);
  // ECE, 10 equal-width bins: each row sits alone in bins 9, 8, 7, 6, 5, 4, 3, 2, so
  // ECE = Σ |y - p| / 8 = (0.1 + 0.2 + 0.7 + 0.4 + 0.55 + 0.6 + 0.3 + 0.2) / 8 = 3.05 / 8.
  expect_value(m.expected_calibration_error, 3.05 / 8);
  EXPECT_EQ(m.roc_auc.count, 8u);
}

TEST(Classification, CalibrationPoolsRowsOfOneBin) {
  // Bin [0.8, 0.9): scores 0.8, 0.85 with labels 1, 0 -> |1/2 - 0.825| = 0.325, weight 2/3.
  // Bin [0.1, 0.2): score 0.1, label 0 -> |0 - 0.1| = 0.1, weight 1/3.
  // ECE = 2/3 · 0.325 + 1/3 · 0.1 = 0.25.
  const auto m = analyze_ok("score,label\n0.8,1\n0.85,0\n0.1,0\n", testing::score_label_config())
                     .overall.classification;
  expect_value(m.expected_calibration_error, 0.25);
}

TEST(Classification, RocAucCountsTiesAsHalf) {
  // Positives 0.5, 0.5; negatives 0.5, 0.1: two ties (½ each) and two wins -> 3 / 4.
  const auto m =
      analyze_ok("score,label\n0.5,1\n0.5,1\n0.5,0\n0.1,0\n", testing::score_label_config())
          .overall.classification;
  expect_value(m.roc_auc, 0.75);
}

TEST(Classification, RocAucIsUndefinedForASingleClass) {
  const auto m = analyze_ok("score,label\n0.5,1\n0.7,1\n", testing::score_label_config())
                     .overall.classification;
  expect_undefined(m.roc_auc, "only positive labels among scored rows");
  expect_undefined(m.false_positive_rate, "no actual negatives");
  expect_value(m.true_positive_rate, 1.0);  // both predicted positive at threshold 0.5
}

TEST(Classification, RatesWithoutPositivesAreUndefinedNotZero) {
  // All labels negative, nothing predicted positive.
  const auto m = analyze_ok("score,label\n0.1,0\n0.2,0\n", testing::score_label_config())
                     .overall.classification;
  expect_undefined(m.true_positive_rate, "no actual positives");
  expect_undefined(m.false_negative_rate, "no actual positives");
  expect_undefined(m.precision, "no predicted positives");
  expect_undefined(m.f1, "no predicted or actual positives");
  expect_undefined(m.roc_auc, "only negative labels among scored rows");
  expect_value(m.false_positive_rate, 0.0);
  expect_value(m.accuracy, 1.0);
}

TEST(Classification, AThresholdMovesPredictions) {
  MonitorConfig config = testing::score_label_config();
  config.decision_threshold = 0.65;  // now 0.9, 0.8, 0.7 are positive: TP 2, FP 1
  const auto m = analyze_ok(kEightRows, config).overall.classification;
  expect_value(m.selection_rate, 3.0 / 8);
  expect_value(m.precision, 2.0 / 3);
}

TEST(Classification, APredictionColumnWinsOverTheScore) {
  // The prediction column says positive for the 0.1 row and negative for the 0.9 row.
  const auto m = analyze_ok("score,label,prediction\n0.9,1,0\n0.1,0,1\n",
                            testing::score_label_config("prediction"))
                     .overall.classification;
  EXPECT_EQ(m.false_negatives, 1u);
  EXPECT_EQ(m.false_positives, 1u);
  expect_value(m.accuracy, 0.0);
  expect_value(m.roc_auc, 1.0);  // the score still ranks the positive first
}

TEST(Classification, UsesTheConfiguredPositiveLabel) {
  MonitorConfig config = testing::score_label_config("prediction");
  config.positive_label = "approved";
  const auto m = analyze_ok(
                     "score,label,prediction\n0.9,approved,approved\n0.2,denied,approved\n"
                     "0.3,denied,denied\n",
                     config)
                     .overall.classification;
  EXPECT_EQ(m.true_positives, 1u);
  EXPECT_EQ(m.false_positives, 1u);
  EXPECT_EQ(m.true_negatives, 1u);
}

TEST(Classification, RowsWithoutLabelsCountOnlyForSelectionRate) {
  const auto m = analyze_ok("score,label\n0.9,1\n0.8,\n0.1,\n", testing::score_label_config())
                     .overall.classification;
  EXPECT_EQ(m.predicted, 3u);
  EXPECT_EQ(m.labelled, 1u);
  expect_value(m.selection_rate, 2.0 / 3);  // 0.9 and 0.8 of 3
  expect_value(m.accuracy, 1.0);            // the one labelled row is right
}

TEST(Classification, AScoreOutsideZeroOneIsATypeError) {
  const RunResult result =
      analyze_ok("score,label\n1.5,1\n-0.1,0\n0.7,1\n", testing::score_label_config());
  EXPECT_EQ(testing::quality_of(result, "score", "score").type_errors, 2u);
  EXPECT_EQ(result.overall.classification.scored, 1u);
}

TEST(Classification, LogLossClipsCertainWrongPredictions) {
  // p = 0 for a positive: -ln(ε) with ε = 2^-52, not infinity.
  const auto m =
      analyze_ok("score,label\n0,1\n", testing::score_label_config()).overall.classification;
  expect_value(m.log_loss, -std::log(kLogLossEpsilon));
}

TEST(Classification, MetricsWithoutALabelColumnSaySo) {
  MonitorConfig config;
  config.columns.score = "score";
  const auto m = analyze_ok("score\n0.9\n0.1\n", config).overall.classification;
  expect_value(m.selection_rate, 0.5);
  expect_undefined(m.accuracy, "no label column mapped");
  expect_undefined(m.roc_auc, "no label column mapped");
}

TEST(CalibrationBin, FollowsExactDecimalEdges) {
  // Edges are b / 10 as doubles; 0.3 lands in bin 3 although 0.3 * 10 rounds from below.
  EXPECT_EQ(calibration_bin(0.0), 0);
  EXPECT_EQ(calibration_bin(0.3), 3);
  EXPECT_EQ(calibration_bin(0.7), 7);
  EXPECT_EQ(calibration_bin(0.0999999), 0);
  EXPECT_EQ(calibration_bin(1.0), 9);
  EXPECT_EQ(score_bin(1.0), kScoreBins - 1);
  EXPECT_EQ(score_bin(0.0), 0);
}

TEST(ScoreHistogram, FoldsSixteenBitCountsBeforeTheyOverflow) {
  ScoreHistogram histogram;
  for (int i = 0; i < 200000; ++i)
    histogram.add(5);
  histogram.add(ScoreHistogram::kPageBins + 1);
  ScoreHistogram other;
  for (int i = 0; i < 65000; ++i)
    other.add(5);
  histogram.add(other);  // keeps `other`
  histogram.absorb(other);
  ScoreHistogram::Page counts;
  ASSERT_TRUE(histogram.read_page(0, counts));
  EXPECT_EQ(counts[5], 330000u);
  EXPECT_EQ(counts[4], 0u);
  ASSERT_TRUE(histogram.read_page(1, counts));
  EXPECT_EQ(counts[1], 1u);
  EXPECT_FALSE(histogram.read_page(2, counts));
  ASSERT_TRUE(other.read_page(0, counts));
  EXPECT_EQ(counts[5], 0u);  // absorbed
}

TEST(Classification, RocAucCountsBeyondSixteenBitsInOneBlock) {
  // 85 000 rows of one group in one block, 40 000 of them tied in one bin: U counts positives
  // above negatives plus half the ties. At 0.2: 40 000 negatives, 10 000 positives; at 0.8: 5 000
  // negatives, 30 000 positives. U = 10 000 · 20 000 + 30 000 · (40 000 + 2 500) = 1.475e9,
  // P · N = 40 000 · 45 000 = 1.8e9. The whole log's histograms are the group's.
  std::string log = "score,label,g\n";
  const auto rows = [&log](const char* row, int count) {
    for (int i = 0; i < count; ++i)
      log += row;
  };
  rows("0.2,0,a\n", 40000);
  rows("0.2,1,a\n", 10000);
  rows("0.8,0,a\n", 5000);
  rows("0.8,1,a\n", 30000);
  MonitorConfig config = testing::score_label_config();
  config.columns.sensitive_attributes = {"g"};
  const RunResult result = analyze_ok(log, config);
  expect_value(result.overall.classification.roc_auc, 1.475e9 / 1.8e9);
  EXPECT_EQ(result.overall.classification.roc_auc.count, 85000u);
  ASSERT_EQ(result.fairness.size(), 1u);
  expect_value(result.fairness[0].groups.at(0).classification.roc_auc, 1.475e9 / 1.8e9);
}

MonitorConfig regression_config() {
  MonitorConfig config;
  config.task = TaskType::regression;
  config.columns.prediction = "prediction";
  config.columns.label = "label";
  return config;
}

TEST(Regression, ErrorsAndRSquared) {
  // scikit-learn's r2_score example: y = [3, -0.5, 2, 7], ŷ = [2.5, 0, 2, 8].
  // Errors 0.5, 0.5, 0, 1: MAE = 2 / 4 = 0.5; MSE = (0.25 + 0.25 + 0 + 1) / 4 = 0.375.
  // mean y = 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875; SS_res = 1.5.
  const auto m = analyze_ok("prediction,label\n2.5,3\n0,-0.5\n2,2\n8,7\n", regression_config())
                     .overall.regression;
  EXPECT_EQ(m.pairs, 4u);
  expect_value(m.mean_absolute_error, 0.5);
  expect_value(m.root_mean_squared_error, std::sqrt(0.375));
  expect_value(m.r_squared, 1 - 1.5 / 29.1875);
}

TEST(Regression, RSquaredIsUndefinedForConstantLabels) {
  const auto m = analyze_ok("prediction,label\n1,2\n3,2\n", regression_config()).overall.regression;
  expect_undefined(m.r_squared, "labels are constant");
  expect_value(m.mean_absolute_error, 1.0);
}

TEST(Regression, SkipsRowsWithoutBothNumbers) {
  const RunResult result =
      analyze_ok("prediction,label\n1,2\nabc,2\n3,\n5,4\n", regression_config());
  EXPECT_EQ(result.overall.regression.pairs, 2u);
  expect_value(result.overall.regression.mean_absolute_error, 1.0);  // |1-2| and |5-4|
  EXPECT_EQ(testing::quality_of(result, "prediction", "prediction").type_errors, 1u);
  EXPECT_EQ(testing::quality_of(result, "label", "label").missing, 1u);
}

}  // namespace
}  // namespace aims::monitoring
