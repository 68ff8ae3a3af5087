// Drift distances: the pure functions on hand-sized inputs, then whole runs against a profile.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "monitoring/engine/current_distribution.h"
#include "monitoring/engine/divergence.h"
#include "monitoring/engine/engine_test_support.h"
#include "monitoring/engine/p_values.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {
namespace {

using testing::analyze_ok;
using testing::drift_of;
using testing::expect_undefined;
using testing::expect_value;
using testing::profile_ok;

TEST(Divergence, PsiOfTwoBins) {
  // r = (0.5, 0.5), c = (0.25, 0.75):
  // PSI = (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5).
  const double expected = -0.25 * std::log(0.5) + 0.25 * std::log(1.5);
  EXPECT_NEAR(population_stability_index({50, 50}, {25, 75}), expected, 1e-15);
  EXPECT_EQ(population_stability_index({10, 20, 30}, {1, 2, 3}), 0.0);
}

TEST(Divergence, ZeroFillFollowsEvidently) {
  // Smallest non-zero share 0.5 > 1e-4: empty bins become 1e-4.
  EXPECT_EQ(shares_with_zero_fill({100, 0}), (std::vector<double>{1.0, 1e-4}));
  // Smallest non-zero share 1e-5 <= 1e-4: empty bins become 1e-5 / 1e6.
  const auto shares = shares_with_zero_fill({1, 99999, 0});
  EXPECT_DOUBLE_EQ(shares[2], 1e-5 / 1e6);
  // r = (1, 1e-4), c = (0.5, 0.5): PSI = (0.5 - 1) ln 0.5 + (0.5 - 1e-4) ln(0.5 / 1e-4).
  const double expected = -0.5 * std::log(0.5) + (0.5 - 1e-4) * std::log(0.5 / 1e-4);
  EXPECT_NEAR(population_stability_index({100, 0}, {50, 50}), expected, 1e-12);
}

TEST(Divergence, JensenShannonDistanceInNats) {
  // Disjoint supports: JSD = ln 2, distance sqrt(ln 2) (SciPy jensenshannon, base e).
  EXPECT_NEAR(jensen_shannon_distance({1, 0}, {0, 1}), std::sqrt(std::log(2.0)), 1e-15);
  EXPECT_NEAR(jensen_shannon_distance({3, 1}, {6, 2}), 0.0, 1e-15);
}

TEST(Divergence, KsStatisticAtBinBoundaries) {
  // Cumulative shares R = .25 .5 .75 1 and C = 0 0 .5 1: largest gap 0.5.
  EXPECT_DOUBLE_EQ(ks_statistic({1, 1, 1, 1}, {0, 0, 2, 2}), 0.5);
}

TEST(Divergence, WassersteinOfPointMasses) {
  // Half at 0 and half at 1, against all at 0.5: every unit of mass moves 0.5.
  EXPECT_DOUBLE_EQ(wasserstein_distance({{0, 1}, {1, 1}}, {{0.5, 2}}), 0.5);
  // A shift by 3 of the same shape costs 3.
  EXPECT_DOUBLE_EQ(wasserstein_distance({{1, 1}, {2, 1}}, {{4, 1}, {5, 1}}), 3.0);
}

TEST(Divergence, ChiSquareGoodnessOfFit) {
  // Observed (30, 70), expected 100 · (0.5, 0.5) = (50, 50): 20²/50 + 20²/50 = 16, 1 dof.
  const ChiSquare chi = chi_square_goodness_of_fit({30, 70}, {5, 5});
  EXPECT_DOUBLE_EQ(chi.statistic, 16.0);
  EXPECT_EQ(chi.degrees_of_freedom, 1u);
  // Bins without expected weight are left out.
  EXPECT_EQ(chi_square_goodness_of_fit({30, 70, 9}, {5, 5, 0}).degrees_of_freedom, 1u);
}

TEST(PValues, KolmogorovMatchesScipyKstwobign) {
  // scipy.stats.kstwobign.sf(x), SciPy 1.10.1.
  EXPECT_NEAR(kolmogorov_survival(0.2), 0.999999999999495, 1e-14);
  EXPECT_NEAR(kolmogorov_survival(0.5), 0.9639452436648751, 1e-14);
  EXPECT_NEAR(kolmogorov_survival(1.0), 0.26999967167735456, 1e-14);
  EXPECT_NEAR(kolmogorov_survival(1.18), 0.1234538094297657, 1e-14);
  EXPECT_NEAR(kolmogorov_survival(1.5), 0.022217962616525127, 1e-15);
  EXPECT_NEAR(kolmogorov_survival(2.0), 0.0006709252557796953, 1e-16);
  EXPECT_NEAR(kolmogorov_survival(3.0), 3.045995948942526e-08, 1e-20);
  EXPECT_EQ(kolmogorov_survival(0.0), 1.0);
}

TEST(PValues, ChiSquareMatchesScipy) {
  // scipy.stats.chi2.sf(x, dof), SciPy 1.10.1.
  EXPECT_NEAR(chi_square_survival(3.0, 2), 0.22313016014842982, 1e-15);
  EXPECT_NEAR(chi_square_survival(10.0, 4), 0.04042768199451279, 1e-15);
  EXPECT_NEAR(chi_square_survival(0.5, 1), 0.47950012218695337, 1e-15);
  EXPECT_EQ(chi_square_survival(0.0, 3), 1.0);
}

// The bin by definition: the last edge <= x, the last bin closed.
int64_t bin_by_search(const std::vector<double>& edges, double x) {
  if (x < edges.front()) return BinLocator::kBelow;
  const auto bins = static_cast<int64_t>(edges.size()) - 1;
  if (x > edges.back()) return bins;
  const auto above = std::upper_bound(edges.begin(), edges.end(), x) - edges.begin();
  return std::min<int64_t>(above, bins) - 1;
}

TEST(BinLocator, GridTableAgreesWithBinarySearch) {
  // Edges on grid boundaries, as the engine cuts them: 1, 1.5, 2, 1000 and the extremes.
  const std::vector<double> edges = {-3.25, grid_lower_bound(grid_bucket(1.0)), 1.5, 2.0, 1000.0,
                                     4096.5};
  const BinLocator locator(edges);
  std::mt19937_64 random(3);
  std::uniform_real_distribution<double> uniform(-10, 5000);
  for (int i = 0; i < 100000; ++i) {
    const double x = uniform(random);
    ASSERT_EQ(locator.locate(x), bin_by_search(edges, x)) << x;
  }
  for (const double x : edges)
    EXPECT_EQ(locator.locate(x), bin_by_search(edges, x)) << x;
}

TEST(BinLocator, EdgesOffTheGridUseBinarySearch) {
  const BinLocator locator({0, 0.3, 1});
  EXPECT_EQ(locator.locate(-1), BinLocator::kBelow);
  EXPECT_EQ(locator.locate(0.29), 0);
  EXPECT_EQ(locator.locate(0.3), 1);
  EXPECT_EQ(locator.locate(1), 1);  // the last bin is closed
  EXPECT_EQ(locator.locate(1.5), 2);
}

MonitorConfig x_config(ColumnKind kind = ColumnKind::numeric) {
  MonitorConfig config;
  config.columns.prediction = "prediction";
  config.columns.features = {{"x", kind}};
  return config;
}

std::string x_log(const std::vector<std::string>& values) {
  std::string log = "prediction,x\n";
  for (const auto& value : values)
    log += "1," + value + "\n";
  return log;
}

TEST(NumericDrift, ShiftedValuesAgainstFourReferenceValues) {
  // Reference 1, 2, 3, 4: one fine (and coarse) bin per value, [1,2) [2,3) [3,4) [4,4].
  // Current 3, 4, 5, 6: one each in the last two bins, two above the reference maximum.
  const ReferenceProfile profile = profile_ok(x_log({"1", "2", "3", "4"}), x_config());
  const ColumnDrift drift =
      drift_of(analyze_ok(x_log({"3", "4", "5", "6"}), x_config(), &profile), "x");
  EXPECT_EQ(drift.current_bin_counts, (std::vector<uint64_t>{0, 0, 0, 1, 1, 2}));
  // KS: CDFs at the boundaries R = .25 .5 .75 1 1, C = 0 0 .25 .5 1: D = 0.5, as for the raw data.
  expect_value(drift.ks_statistic, 0.5);
  // λ = 0.5 · sqrt(4 · 4 / 8).
  expect_value(drift.ks_p_value, kolmogorov_survival(0.5 * std::sqrt(2.0)));
  // W1: points 1 2 3 4 against 3 4 and 5.5 (the mean above the range) twice: each moves 2.
  expect_value(drift.wasserstein_distance, 2.0);
  // Normalised by the population std of 1..4, sqrt(1.25).
  expect_value(drift.wasserstein_distance_normed, 2.0 / std::sqrt(1.25));
  // PSI over 4 bins + overflow: r = (.25 .25 .25 .25 0→1e-4), c = (0→1e-4, 0→1e-4, .25, .25, .5).
  const double psi =
      2 * (1e-4 - 0.25) * std::log(1e-4 / 0.25) + (0.5 - 1e-4) * std::log(0.5 / 1e-4);
  expect_value(drift.psi, psi, 1e-12);
  // JS: m = (.125 .125 .25 .25 .25); KL(r‖m) = 0.5 ln 2, KL(c‖m) = 0.5 ln 2; JSD = 0.5 ln 2.
  expect_value(drift.jensen_shannon_distance, std::sqrt(0.5 * std::log(2.0)), 1e-12);
  EXPECT_EQ(drift.reference_count, 4u);
  EXPECT_EQ(drift.current_count, 4u);
}

TEST(NumericDrift, IdenticalDataHasNoDrift) {
  const std::string log = x_log({"0.5", "1.5", "2.25", "7", "7", "-3"});
  const ReferenceProfile profile = profile_ok(log, x_config());
  const ColumnDrift drift = drift_of(analyze_ok(log, x_config(), &profile), "x");
  expect_value(drift.psi, 0.0);
  expect_value(drift.jensen_shannon_distance, 0.0);
  expect_value(drift.ks_statistic, 0.0);
  expect_value(drift.ks_p_value, 1.0);
  expect_value(drift.wasserstein_distance, 0.0);
}

TEST(NumericDrift, AConstantReferenceColumn) {
  // Reference all 5: one closed bin [5, 5], std 0. Current 5, 5, 6.
  const ReferenceProfile profile = profile_ok(x_log({"5", "5", "5"}), x_config());
  const auto& column = profile.columns[0];
  EXPECT_EQ(column.numeric.fine.edges, (std::vector<double>{5, 5}));
  const ColumnDrift drift = drift_of(analyze_ok(x_log({"5", "5", "6"}), x_config(), &profile), "x");
  expect_value(drift.ks_statistic, 1.0 / 3);          // F_cur(5) = 2/3 against 1
  expect_value(drift.wasserstein_distance, 1.0 / 3);  // a third of the mass moves by 1
  // Evidently's floor: W1 / max(std 0, 0.001).
  expect_value(drift.wasserstein_distance_normed, (1.0 / 3) / 0.001, 1e-9);
}

TEST(NumericDrift, IgnoresMissingAndInvalidValues) {
  const ReferenceProfile profile = profile_ok(x_log({"1", "2", "", "abc"}), x_config());
  EXPECT_EQ(profile.columns[0].count, 2u);
  EXPECT_EQ(profile.columns[0].missing, 1u);
  EXPECT_EQ(profile.columns[0].type_errors, 1u);
  const ColumnDrift drift =
      drift_of(analyze_ok(x_log({"1", "nan", "2", "inf"}), x_config(), &profile), "x");
  EXPECT_EQ(drift.current_count, 2u);  // NaN and infinity count as missing
  expect_value(drift.psi, 0.0);
}

TEST(NumericDrift, UndefinedWithoutAReference) {
  const RunResult without = analyze_ok(x_log({"1"}), x_config());
  expect_undefined(drift_of(without, "x").psi, "no reference profile");
  // A profile built for another column.
  MonitorConfig other = x_config();
  other.columns.features = {{"y", ColumnKind::numeric}};
  const ReferenceProfile profile = profile_ok("prediction,y\n1,2\n", other);
  expect_undefined(drift_of(analyze_ok(x_log({"1"}), x_config(), &profile), "x").ks_statistic,
                   "the reference profile has no column 'x'");
  // A reference column without values.
  const ReferenceProfile empty = profile_ok(x_log({"", ""}), x_config());
  expect_undefined(drift_of(analyze_ok(x_log({"1"}), x_config(), &empty), "x").psi,
                   "the reference has no valid values for 'x'");
}

TEST(NumericDrift, KindMismatchIsExplained) {
  const ReferenceProfile profile = profile_ok(x_log({"a", "b"}), x_config(ColumnKind::categorical));
  expect_undefined(drift_of(analyze_ok(x_log({"1"}), x_config(), &profile), "x").psi,
                   "the reference profile has 'x' as categorical");
}

TEST(NumericDrift, AReferenceScoreOutsideZeroOneIsATypeError) {
  const ReferenceProfile profile =
      profile_ok("score,label\n0.1,0\n1.2,1\n0.4,1\n", testing::score_label_config());
  const ColumnProfile* score = profile.find("score", "score");
  ASSERT_NE(score, nullptr);
  EXPECT_EQ(score->count, 2u);
  EXPECT_EQ(score->type_errors, 1u);
  EXPECT_EQ(score->numeric.max, 0.4);
}

TEST(NumericDrift, ScoreDriftUsesTheScoreColumn) {
  const MonitorConfig config = testing::score_label_config();
  const ReferenceProfile profile = profile_ok("score,label\n0.1,0\n0.2,0\n0.3,1\n0.4,1\n", config);
  const RunResult result =
      analyze_ok("score,label\n0.1,0\n0.2,0\n0.3,1\n0.4,1\n", config, &profile);
  const ColumnDrift& drift = drift_of(result, "score");
  EXPECT_EQ(drift.role, "score");
  expect_value(drift.ks_statistic, 0.0);
}

TEST(CategoricalDrift, UnseenCategoriesAndChiSquare) {
  // Reference a a b c; current a b d d (d unseen).
  const ReferenceProfile profile =
      profile_ok(x_log({"a", "a", "b", "c"}), x_config(ColumnKind::categorical));
  const ColumnDrift drift = drift_of(
      analyze_ok(x_log({"a", "b", "d", "d"}), x_config(ColumnKind::categorical), &profile), "x");
  EXPECT_EQ(drift.current_bin_counts, (std::vector<uint64_t>{1, 1, 0, 2}));  // a b c, unseen
  expect_value(drift.unseen_category_share, 0.5);
  // χ² over the reference categories only: 2 seen rows, expected 2 · (1/2, 1/4, 1/4) = (1, .5, .5);
  // observed (1, 1, 0): 0 + .5²/.5 + .5²/.5 = 1, 2 dof, p = exp(-1/2).
  expect_value(drift.chi_square_statistic, 1.0);
  EXPECT_EQ(drift.chi_square_degrees_of_freedom, 2u);
  expect_value(drift.chi_square_p_value, std::exp(-0.5), 1e-15);
  EXPECT_EQ(drift.chi_square_statistic.count, 2u);
  // PSI over a, b, c, unseen: r = (.5 .25 .25 0→1e-4), c = (.25 .25 0→1e-4 .5).
  const double psi = (0.25 - 0.5) * std::log(0.25 / 0.5) + (1e-4 - 0.25) * std::log(1e-4 / 0.25) +
                     (0.5 - 1e-4) * std::log(0.5 / 1e-4);
  expect_value(drift.psi, psi, 1e-12);
}

TEST(CategoricalDrift, CategoriesBeyondTheCapShareTheOtherBin) {
  // Reference a×3 b×2 c×1 d×1 with 2 categories kept: other = 2 (c, d).
  ProfileOptions options;
  options.max_categories = 2;
  const ReferenceProfile profile = profile_ok(x_log({"a", "a", "a", "b", "b", "c", "d"}),
                                              x_config(ColumnKind::categorical), options);
  EXPECT_EQ(profile.columns[0].categorical.other_count, 2u);
  EXPECT_EQ(profile.columns[0].categorical.distinct, 4u);
  // Current a b c e: c and e both land in the other bin, which the chi-square now includes.
  const ColumnDrift drift = drift_of(
      analyze_ok(x_log({"a", "b", "c", "e"}), x_config(ColumnKind::categorical), &profile), "x");
  EXPECT_EQ(drift.current_bin_counts, (std::vector<uint64_t>{1, 1, 2}));
  expect_value(drift.unseen_category_share, 0.5);
  EXPECT_EQ(drift.chi_square_degrees_of_freedom, 2u);
  // Expected 4 · (3/7, 2/7, 2/7); observed (1, 1, 2).
  const double e1 = 12.0 / 7;
  const double e2 = 8.0 / 7;
  const double chi = (1 - e1) * (1 - e1) / e1 + (1 - e2) * (1 - e2) / e2 + (2 - e2) * (2 - e2) / e2;
  expect_value(drift.chi_square_statistic, chi, 1e-12);
}

TEST(CategoricalDrift, ASingleReferenceCategoryHasNoChiSquare) {
  const ReferenceProfile profile = profile_ok(x_log({"a", "a"}), x_config(ColumnKind::categorical));
  const ColumnDrift drift =
      drift_of(analyze_ok(x_log({"a", "b"}), x_config(ColumnKind::categorical), &profile), "x");
  expect_undefined(drift.chi_square_p_value, "the reference has a single category");
  expect_value(drift.unseen_category_share, 0.5);
}

TEST(CategoricalDrift, OnlyUnseenValues) {
  const ReferenceProfile profile = profile_ok(x_log({"a", "b"}), x_config(ColumnKind::categorical));
  const ColumnDrift drift =
      drift_of(analyze_ok(x_log({"z"}), x_config(ColumnKind::categorical), &profile), "x");
  expect_undefined(drift.chi_square_statistic, "no value of the log is a reference category");
  expect_value(drift.unseen_category_share, 1.0);
  // Disjoint supports: the JS distance reaches its maximum sqrt(ln 2).
  expect_value(drift.jensen_shannon_distance, std::sqrt(std::log(2.0)), 1e-12);
}

}  // namespace
}  // namespace aims::monitoring
