// Reference profiles: the value grid, equal-frequency binning, JSON round trips and validation.
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/binning.h"
#include "monitoring/engine/engine_test_support.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {
namespace {

using testing::profile_ok;

void expect_in_its_bucket(double x) {
  const int32_t bucket = grid_bucket(x);
  EXPECT_LE(grid_lower_bound(bucket), x) << x;
  if (bucket < kGridBuckets) {
    EXPECT_LT(x, grid_lower_bound(bucket + 1)) << x;
  }
}

TEST(ValueGrid, EveryValueLiesInItsBucket) {
  for (double x :
       {0.0,   -0.0,  1.0,   -1.0,   0.5,  -0.5,  1e-13,   -1e-13,   1e-12,    3.0,
        255.0, 256.0, 257.0, -256.0, 1e18, -1e18, 0x1p-40, -0x1p-40, 0x1.01p0, -0x1.01p0}) {
    expect_in_its_bucket(x);
  }
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> exponent(-45, 63);
  for (int i = 0; i < 100000; ++i) {
    const double magnitude = std::exp2(exponent(random));
    expect_in_its_bucket(i % 2 == 0 ? magnitude : -magnitude);
  }
}

TEST(ValueGrid, BucketsAreOrderedAndNarrow) {
  EXPECT_EQ(grid_bucket(0.0), 0);
  EXPECT_GT(grid_bucket(1.0), grid_bucket(0.99));
  EXPECT_LT(grid_bucket(-1.0), grid_bucket(-0.99));
  // A bucket lower bound maps to its own bucket, on both sides of zero.
  for (int32_t bucket : {-kGridBuckets, -3000, -1, 1, 2, 3000, kGridBuckets}) {
    EXPECT_EQ(grid_bucket(grid_lower_bound(bucket)), bucket);
  }
  // Width at most 1/1024 of the magnitude: 1 and 1 + 1/1024 are neighbours.
  EXPECT_EQ(grid_bucket(1.0009765625), grid_bucket(1.0) + 1);
  EXPECT_EQ(grid_bucket(1.0009), grid_bucket(1.0));
  // Integers below 2048 each have their own bucket; from 2048 on buckets are 2 wide.
  EXPECT_NE(grid_bucket(1023.0), grid_bucket(1022.0));
  EXPECT_NE(grid_bucket(2047.0), grid_bucket(2046.0));
  EXPECT_EQ(grid_bucket(4095.0), grid_bucket(4094.0));
}

std::vector<BinPiece> unit_pieces(int n) {
  std::vector<BinPiece> pieces;
  for (int i = 0; i < n; ++i)
    pieces.push_back({double(i), 1, double(i)});
  return pieces;
}

TEST(Binning, EqualFrequencyOverUnitPieces) {
  // Ten pieces of one value each, five bins: two pieces per bin.
  const Histogram bins = equal_frequency_bins(unit_pieces(10), 5, 0, 9, true);
  EXPECT_EQ(bins.edges, (std::vector<double>{0, 2, 4, 6, 8, 9}));
  EXPECT_EQ(bins.counts, (std::vector<uint64_t>{2, 2, 2, 2, 2}));
  EXPECT_EQ(bins.means, (std::vector<double>{0.5, 2.5, 4.5, 6.5, 8.5}));
}

TEST(Binning, AHeavyPieceIsNotFollowedBySlivers) {
  // Counts 1, 10, 1, 1, 1 (total 14), three bins. After the heavy piece 11 of 14 rows are in and
  // the quota floor(11 · 3 / 14) = 2 is reached at once: one bin closes, the rest forms the last.
  const std::vector<BinPiece> pieces = {{0, 1, 0}, {1, 10, 10}, {2, 1, 2}, {3, 1, 3}, {4, 1, 4}};
  const Histogram bins = equal_frequency_bins(pieces, 3, 0, 4, false);
  EXPECT_EQ(bins.edges, (std::vector<double>{0, 2, 4}));
  EXPECT_EQ(bins.counts, (std::vector<uint64_t>{11, 3}));
  EXPECT_TRUE(bins.means.empty());
}

TEST(Binning, FewPiecesKeepOneBinEach) {
  // Three pieces for five bins: nothing to merge, even the light ones stay apart.
  const std::vector<BinPiece> pieces = {{0, 1, 0}, {1, 100, 100}, {2, 1, 2}};
  const Histogram bins = equal_frequency_bins(pieces, 5, 0, 2, false);
  EXPECT_EQ(bins.edges, (std::vector<double>{0, 1, 2, 2}));
  EXPECT_EQ(bins.counts, (std::vector<uint64_t>{1, 100, 1}));
}

MonitorConfig feature_config() {
  MonitorConfig config;
  config.columns.prediction = "prediction";
  config.columns.score = "score";
  config.columns.features = {{"x", ColumnKind::numeric}, {"c", ColumnKind::categorical}};
  return config;
}

std::string random_log(int rows, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> normal(50, 15);
  std::string log = "prediction,score,x,c\n";
  for (int i = 0; i < rows; ++i) {
    log += std::to_string(i % 2) + "," + std::to_string((random() % 10000) / 10000.0) + "," +
           std::to_string(normal(random)) + ",c" + std::to_string(random() % 12) + "\n";
  }
  return log;
}

TEST(Profile, BinsAreExactAndNearlyEqualInFrequency) {
  const ReferenceProfile profile = profile_ok(random_log(5000, 1), feature_config());
  const ColumnProfile* x = profile.find("x", "feature");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->count, 5000u);
  const Histogram& coarse = x->numeric.coarse;
  ASSERT_EQ(coarse.counts.size(), 10u);
  // Each coarse bin holds about a tenth; the grid allows a bucket's worth of slack.
  for (const uint64_t count : coarse.counts)
    EXPECT_NEAR(double(count), 500.0, 60.0);
  EXPECT_EQ(x->numeric.fine.edges.front(), x->numeric.min);
  EXPECT_EQ(x->numeric.fine.edges.back(), x->numeric.max);
  EXPECT_LE(x->numeric.fine.counts.size(), 1000u);
  EXPECT_NEAR(x->numeric.mean, 50.0, 1.0);
  EXPECT_NEAR(x->numeric.std_dev, 15.0, 1.0);
  // The score is profiled too, under its own role.
  EXPECT_NE(profile.find("score", "score"), nullptr);
}

TEST(Profile, CountsAreExactPerBin) {
  // Values 1..4: each its own fine bin; the mean of a bin is its value.
  const ReferenceProfile profile = profile_ok(
      "prediction,score,x,c\n1,0.1,1,a\n1,0.1,2,a\n1,0.1,3,b\n1,0.1,4,c\n", feature_config());
  const NumericProfile& x = profile.find("x", "feature")->numeric;
  EXPECT_EQ(x.fine.edges, (std::vector<double>{1, 2, 3, 4, 4}));
  EXPECT_EQ(x.fine.counts, (std::vector<uint64_t>{1, 1, 1, 1}));
  EXPECT_EQ(x.fine.means, (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(x.coarse.edges, x.fine.edges);
  const CategoricalProfile& c = profile.find("c", "feature")->categorical;
  ASSERT_EQ(c.categories.size(), 3u);
  EXPECT_EQ(c.categories[0].value, "a");
  EXPECT_EQ(c.categories[0].count, 2u);
  EXPECT_EQ(c.categories[1].value, "b");  // ties ordered by value
  EXPECT_EQ(c.distinct, 3u);
}

TEST(Profile, JsonRoundTripIsExact) {
  ReferenceProfile profile = profile_ok(random_log(3000, 2), feature_config());
  const std::string json = to_json(profile);
  auto back = profile_from_json(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(to_json(*back), json);
  const NumericProfile& original = profile.find("x", "feature")->numeric;
  const NumericProfile& read = back->find("x", "feature")->numeric;
  EXPECT_EQ(read.fine.edges, original.fine.edges);
  EXPECT_EQ(read.fine.means, original.fine.means);
  EXPECT_EQ(read.std_dev, original.std_dev);
  EXPECT_EQ(back->input_sha256, profile.input_sha256);
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("no '" + from + "' in profile");
  return text.replace(at, from.size(), to);
}

Error load_error(const std::string& json) {
  auto profile = profile_from_json(json);
  if (profile) return Error::internal("(loaded)");
  return profile.error();
}

TEST(ProfileJson, RefusesOtherVersionsAndFormats) {
  const std::string json =
      to_json(profile_ok("prediction,score,x,c\n1,0.5,1,a\n", feature_config()));
  EXPECT_EQ(load_error(replace(json, "\"version\":1", "\"version\":2")).message,
            "unsupported reference profile version 2");
  EXPECT_EQ(load_error(replace(json, "reference_profile", "run_result")).field, "profile.format");
  EXPECT_EQ(load_error("{not json").code, ErrorCode::malformed);
}

TEST(ProfileJson, RefusesInconsistentBins) {
  const std::string json =
      to_json(profile_ok("prediction,score,x,c\n1,0.1,1,a\n1,0.2,2,b\n", feature_config()));
  // Fine counts that no longer add up to the column count.
  const Error counts = load_error(replace(json, "\"counts\":[1,1]", "\"counts\":[1,2]"));
  EXPECT_EQ(counts.field, "profile.columns[0].fine.counts");
  EXPECT_EQ(counts.message, "profile.columns[0].fine.counts must add up to count");
  // Edges that do not start at the minimum.
  EXPECT_EQ(load_error(replace(json, "\"edges\":[1.0,2.0,2.0]", "\"edges\":[0.5,2.0,2.0]")).field,
            "profile.columns[0].fine.edges");
  // A category listed twice.
  EXPECT_EQ(load_error(replace(json, "\"value\":\"b\"", "\"value\":\"a\"")).field,
            "profile.columns[1].categories");
  // A missing member.
  EXPECT_EQ(load_error(replace(json, "\"std_dev\"", "\"std\"")).field,
            "profile.columns[0].std_dev");
}

TEST(ProfileJson, AnalyzeRefusesAnInvalidProfileBuiltInCode) {
  ReferenceProfile profile = profile_ok("prediction,score,x,c\n1,0.1,1,a\n", feature_config());
  profile.columns[0].numeric.fine.counts.clear();
  auto result =
      analyze(LogInput::memory("prediction,score,x,c\n1,0.1,1,a\n"), feature_config(), &profile);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::invalid_argument);
}

TEST(Profile, RefusesACategoricalColumnWithTooManyValues) {
  std::string log = "prediction,score,x,c\n";
  for (int i = 0; i <= 100000; ++i)
    log += "1,0.5,1,v" + std::to_string(i) + "\n";
  auto profile = build_profile(LogInput::memory(log), feature_config());
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().field, "c");
}

TEST(Profile, RefusesBadOptions) {
  ProfileOptions options;
  options.fine_bins = 5;  // fewer than the 10 coarse bins
  auto profile = build_profile(LogInput::memory("prediction,score,x,c\n1,0.1,1,a\n"),
                               feature_config(), {}, options);
  ASSERT_FALSE(profile);
  EXPECT_EQ(profile.error().field, "fine_bins");
}

TEST(Mapping, RefusesAMonitorWithoutPredictions) {
  MonitorConfig config;
  config.columns.label = "label";
  auto result = analyze(LogInput::memory("label\n1\n"), config, nullptr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "columns.prediction");
}

TEST(Mapping, RefusesAThresholdOutsideZeroOne) {
  MonitorConfig config = testing::score_label_config();
  config.decision_threshold = 1.5;
  auto result = analyze(LogInput::memory("score,label\n0.5,1\n"), config, nullptr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "decision_threshold");
}

TEST(Mapping, RefusesAFeatureListedTwice) {
  MonitorConfig config = feature_config();
  config.columns.features.push_back({"x", ColumnKind::numeric});
  auto result = analyze(LogInput::memory("prediction,score,x,c\n1,0.1,1,a\n"), config, nullptr);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().field, "columns.features");
}

TEST(Mapping, OneColumnCanServeTwoRoles) {
  // age is a numeric feature and a sensitive attribute at once.
  MonitorConfig config;
  config.columns.prediction = "prediction";
  config.columns.sensitive_attributes = {"age"};
  config.columns.features = {{"age", ColumnKind::numeric}};
  config.min_group_size = 1;
  const RunResult result = testing::analyze_ok("prediction,age\n1,30\n0,40\n", config);
  ASSERT_EQ(result.fairness[0].groups.size(), 2u);
  EXPECT_EQ(result.fairness[0].groups[0].group, "30");
  EXPECT_EQ(testing::quality_of(result, "age", "feature").missing, 0u);
}

}  // namespace
}  // namespace aims::monitoring
