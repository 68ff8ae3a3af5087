// The engine against an independent implementation: reference/expected.json holds values that
// scikit-learn 1.2.1, SciPy 1.10.1, NumPy 1.24.2 and pandas 1.5.3 (Debian 12 packages) computed on
// the same fixture logs; reference/compute_expected.py generated all three files.
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "base/time.h"
#include "monitoring/engine/engine_test_support.h"

namespace aims::monitoring {
namespace {

using Json = nlohmann::json;
using testing::expect_value;

const std::string kDirectory = AIMS_ENGINE_REFERENCE_DIR;

Json expected_values() {
  std::ifstream file(kDirectory + "/expected.json");
  std::stringstream text;
  text << file.rdbuf();
  return Json::parse(text.str());
}

MonitorConfig dataset_config() {
  MonitorConfig config = testing::classification_config();
  config.columns.features = {{"age", ColumnKind::numeric},
                             {"tenure", ColumnKind::numeric},
                             {"income", ColumnKind::numeric},
                             {"channel", ColumnKind::categorical}};
  config.min_group_size = 30;
  return config;
}

class ReferenceDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    expected_ = new Json(expected_values());
    RunOptions options;
    options.block_bytes = 32 << 10;  // several blocks per file
    auto profile =
        build_profile(LogInput::file(kDirectory + "/reference.csv"), dataset_config(), options);
    ASSERT_TRUE(profile) << profile.error().message;
    // Through JSON, as the platform stores it.
    auto stored = profile_from_json(to_json(*profile));
    ASSERT_TRUE(stored) << stored.error().message;
    profile_ = new ReferenceProfile(std::move(*stored));
    auto result =
        analyze(LogInput::file(kDirectory + "/current.csv"), dataset_config(), profile_, options);
    ASSERT_TRUE(result) << result.error().message;
    result_ = new RunResult(std::move(*result));
  }
  static void TearDownTestSuite() {
    delete expected_;
    delete profile_;
    delete result_;
  }

  static const Json& expected() { return *expected_; }
  static const RunResult& result() { return *result_; }

  static inline Json* expected_ = nullptr;
  static inline ReferenceProfile* profile_ = nullptr;
  static inline RunResult* result_ = nullptr;
};

// Sums run in a different order than NumPy's; beyond that the values must agree.
constexpr double kSummationTolerance = 1e-12;

void expect_matches(const MetricValue& actual, const Json& expected,
                    double tolerance = kSummationTolerance) {
  if (expected.is_null()) {
    EXPECT_FALSE(actual.value.has_value());
    return;
  }
  expect_value(actual, expected.get<double>(), tolerance);
}

void expect_classification(const GroupPerformance& actual, const Json& expected) {
  const ClassificationMetrics& m = actual.classification;
  EXPECT_EQ(actual.rows, expected["rows"].get<uint64_t>()) << actual.group;
  EXPECT_EQ(m.true_positives, expected["true_positives"].get<uint64_t>()) << actual.group;
  EXPECT_EQ(m.false_positives, expected["false_positives"].get<uint64_t>()) << actual.group;
  EXPECT_EQ(m.true_negatives, expected["true_negatives"].get<uint64_t>()) << actual.group;
  EXPECT_EQ(m.false_negatives, expected["false_negatives"].get<uint64_t>()) << actual.group;
  expect_matches(m.selection_rate, expected["selection_rate"]);
  expect_matches(m.true_positive_rate, expected["true_positive_rate"]);
  expect_matches(m.false_positive_rate, expected["false_positive_rate"]);
  expect_matches(m.false_negative_rate, expected["false_negative_rate"]);
  expect_matches(m.precision, expected["precision"]);
  expect_matches(m.accuracy, expected["accuracy"]);
  expect_matches(m.f1, expected["f1"]);
  // Scores have four decimals, so the engine's 2^14 score bins separate every distinct score and
  // its AUC is exact.
  expect_matches(m.roc_auc, expected["roc_auc"]);
  expect_matches(m.log_loss, expected["log_loss"]);
  expect_matches(m.brier_score, expected["brier_score"]);
  expect_matches(m.expected_calibration_error, expected["expected_calibration_error"]);
}

TEST_F(ReferenceDataset, OverallPerformanceMatchesScikitLearn) {
  EXPECT_EQ(result().rows, expected()["rows"].get<uint64_t>());
  expect_classification(result().overall, expected()["overall"]);
}

TEST_F(ReferenceDataset, GroupPerformanceMatchesScikitLearn) {
  ASSERT_EQ(result().fairness.size(), 1u);
  const auto& groups = result().fairness[0].groups;
  ASSERT_EQ(groups.size(), expected()["groups"].size());
  for (const auto& group : groups) {
    SCOPED_TRACE(group.group);
    expect_classification(group, expected()["groups"][group.group]);
  }
}

TEST_F(ReferenceDataset, FairnessMatchesGroupRates) {
  const AttributeFairness& fairness = result().fairness[0];
  const Json& want = expected()["fairness"];
  const auto check = [](const FairnessComparison& actual, const Json& expected) {
    expect_value(actual.value, expected["value"].get<double>(), kSummationTolerance);
    if (expected.contains("max_group")) {
      EXPECT_EQ(actual.max_group, expected["max_group"].get<std::string>());
      EXPECT_EQ(actual.min_group, expected["min_group"].get<std::string>());
    }
  };
  check(fairness.demographic_parity_difference, want["demographic_parity_difference"]);
  check(fairness.disparate_impact, want["disparate_impact"]);
  check(fairness.equal_opportunity_difference, want["equal_opportunity_difference"]);
  check(fairness.equalized_odds_difference, want["equalized_odds_difference"]);
  check(fairness.predictive_parity_difference, want["predictive_parity_difference"]);
}

TEST_F(ReferenceDataset, IntegerFeatureDriftIsExact) {
  // Fewer than 1000 distinct values: one fine bin per value, so KS and W1 equal SciPy's exact
  // two-sample values, and PSI / JS use the coarse bins compute_expected.py derives by the same
  // rule.
  for (const char* name : {"age", "tenure"}) {
    SCOPED_TRACE(name);
    const ColumnDrift& drift = testing::drift_of(result(), name);
    const Json& want = expected()["drift"][name];
    EXPECT_EQ(drift.reference_count, want["reference_count"].get<uint64_t>());
    EXPECT_EQ(drift.current_count, want["current_count"].get<uint64_t>());
    expect_matches(drift.ks_statistic, want["ks_statistic"]);
    expect_value(drift.ks_p_value, want["ks_p_value"].get<double>(),
                 1e-9 * want["ks_p_value"].get<double>());
    expect_matches(drift.wasserstein_distance, want["wasserstein_distance"], 1e-9);
    expect_matches(drift.wasserstein_distance_normed, want["wasserstein_distance_normed"], 1e-9);
    expect_matches(drift.psi, want["psi"]);
    expect_matches(drift.jensen_shannon_distance, want["jensen_shannon_distance"]);
    const ColumnProfile* column = profile_->find(name, "feature");
    ASSERT_NE(column, nullptr);
    std::vector<double> lower_edges(column->numeric.coarse.edges.begin(),
                                    column->numeric.coarse.edges.end() - 1);
    EXPECT_EQ(lower_edges, want["coarse_lower_edges"].get<std::vector<double>>());
  }
}

TEST_F(ReferenceDataset, ContinuousDriftIsWithinTheBinningError) {
  // income (2 decimals, ~4000 distinct values) and the score are reduced to about 1000 fine bins.
  // KS is evaluated at bin edges: it can miss at most the mass of one reference and one current bin
  // (about 2/1000 here). W1 places each bin's mass at its mean: the error is bounded by the mass
  // times the width of the bins, here well under 0.1 % of W1.
  for (const char* name : {"income", "score"}) {
    SCOPED_TRACE(name);
    const ColumnDrift& drift = testing::drift_of(result(), name);
    const Json& want = expected()["drift"][name];
    EXPECT_EQ(drift.reference_count, want["reference_count"].get<uint64_t>());
    EXPECT_EQ(drift.current_count, want["current_count"].get<uint64_t>());
    expect_value(drift.ks_statistic, want["ks_statistic"].get<double>(), 0.002);
    const double w1 = want["wasserstein_distance"].get<double>();
    expect_value(drift.wasserstein_distance, w1, 0.001 * w1);
  }
}

TEST_F(ReferenceDataset, CategoricalDriftMatchesScipy) {
  const ColumnDrift& drift = testing::drift_of(result(), "channel");
  const Json& want = expected()["drift"]["channel"];
  EXPECT_EQ(drift.current_count, want["current_count"].get<uint64_t>());
  expect_matches(drift.psi, want["psi"]);
  expect_matches(drift.jensen_shannon_distance, want["jensen_shannon_distance"]);
  expect_matches(drift.chi_square_statistic, want["chi_square_statistic"], 1e-9);
  expect_value(drift.chi_square_p_value, want["chi_square_p_value"].get<double>(),
               1e-9 * want["chi_square_p_value"].get<double>());
  EXPECT_EQ(drift.chi_square_degrees_of_freedom,
            want["chi_square_degrees_of_freedom"].get<uint64_t>());
  expect_matches(drift.unseen_category_share, want["unseen_category_share"]);
  const ColumnProfile* column = profile_->find("channel", "feature");
  ASSERT_NE(column, nullptr);
  std::vector<std::string> categories;
  for (const auto& category : column->categorical.categories)
    categories.push_back(category.value);
  EXPECT_EQ(categories, want["categories"].get<std::vector<std::string>>());
}

TEST_F(ReferenceDataset, QualityMatchesPandas) {
  const Json& want = expected()["quality"];
  const ColumnQuality& income = testing::quality_of(result(), "income", "feature");
  EXPECT_EQ(income.missing, want["income_missing"].get<uint64_t>());
  EXPECT_EQ(income.out_of_range, want["income_out_of_range"].get<uint64_t>());
  expect_value(income.out_of_range_share,
               want["income_out_of_range"].get<double>() / want["income_valid"].get<double>());
  EXPECT_EQ(testing::quality_of(result(), "tenure", "feature").type_errors,
            want["tenure_type_errors"].get<uint64_t>());
  EXPECT_EQ(testing::quality_of(result(), "group", "sensitive").missing,
            want["group_missing"].get<uint64_t>());
  const DuplicateReport& duplicates = result().duplicates;
  EXPECT_EQ(duplicates.rows_with_id, want["rows_with_id"].get<uint64_t>());
  EXPECT_EQ(duplicates.distinct_ids, want["distinct_ids"].get<uint64_t>());
  EXPECT_EQ(duplicates.duplicated_ids, want["duplicated_ids"].get<uint64_t>());
  EXPECT_EQ(duplicates.duplicate_rows, want["duplicate_rows"].get<uint64_t>());
  EXPECT_EQ(duplicates.conflicting_ids, want["conflicting_ids"].get<uint64_t>());
  EXPECT_EQ(result().first_timestamp_micros,
            parse_timestamp(want["first_timestamp"].get<std::string>()));
  EXPECT_EQ(result().last_timestamp_micros,
            parse_timestamp(want["last_timestamp"].get<std::string>()));
}

std::string read_fixture(const std::string& name) {
  std::ifstream file(kDirectory + "/" + name, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The fixture holds no quotes, so splitting on commas is enough; every value becomes a JSON string.
std::string csv_to_json_lines(const std::string& csv) {
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  const auto header = split(line, ',');
  const std::vector<std::string> names(header.begin(), header.end());
  std::string out;
  while (std::getline(lines, line)) {
    const auto values = split(line, ',');
    Json object = Json::object();
    for (size_t i = 0; i < names.size(); ++i)
      object[names[i]] = values[i];
    out += object.dump() + "\n";
  }
  return out;
}

TEST_F(ReferenceDataset, GzipGivesTheSameResult) {
  RunOptions options;
  options.block_bytes = 32 << 10;  // the same blocks, so even floating-point sums are identical
  const RunResult zipped = testing::analyze_ok(testing::gzip(read_fixture("current.csv")),
                                               dataset_config(), profile_, options);
  EXPECT_TRUE(zipped.gzip);
  RunResult plain = result();
  plain.input_sha256 = zipped.input_sha256;
  plain.input_bytes = zipped.input_bytes;
  plain.gzip = true;
  EXPECT_EQ(to_json(zipped), to_json(plain));
}

TEST_F(ReferenceDataset, JsonLinesGiveTheSameMetrics) {
  const RunResult lines = testing::analyze_ok(csv_to_json_lines(read_fixture("current.csv")),
                                              dataset_config(), profile_);
  EXPECT_EQ(lines.format, LogFormat::jsonl);
  ASSERT_EQ(lines.samples.size(), result().samples.size());
  for (size_t i = 0; i < lines.samples.size(); ++i) {
    const MetricSample& expected = result().samples[i];
    SCOPED_TRACE(expected.key + " " + expected.scope.column + expected.scope.group);
    EXPECT_EQ(lines.samples[i].key, expected.key);
    EXPECT_EQ(lines.samples[i].value.count, expected.value.count);
    if (expected.value.value) {
      expect_value(lines.samples[i].value, *expected.value.value,
                   1e-12 * std::max(1.0, std::fabs(*expected.value.value)));
    }
  }
}

}  // namespace
}  // namespace aims::monitoring
