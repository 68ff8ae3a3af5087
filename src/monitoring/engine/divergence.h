// Distances between a reference and a current distribution, given as counts over the same bins
// (or as weighted points). Pure functions; the callers decide which bins to pass.
#pragma once

#include <cstdint>
#include <vector>

namespace aims::monitoring {

// Shares count/total with empty bins filled as Evidently's get_binned_data does
// (legacy/calculations/stattests/utils.py): zeros become (smallest non-zero share) / 10^6 when that
// share is <= 10^-4, else 10^-4. The vector then no longer sums to exactly 1.
std::vector<double> shares_with_zero_fill(const std::vector<uint64_t>& counts);

// Σ (c_i - r_i) · ln(c_i / r_i) over zero-filled shares.
double population_stability_index(const std::vector<uint64_t>& reference,
                                  const std::vector<uint64_t>& current);

// sqrt(½ KL(r ‖ m) + ½ KL(c ‖ m)), m = (r + c) / 2, natural logarithm (SciPy's jensenshannon,
// Evidently); no zero filling is needed. Ranges over [0, sqrt(ln 2)].
double jensen_shannon_distance(const std::vector<uint64_t>& reference,
                               const std::vector<uint64_t>& current);

// max_k |R_k - C_k| over the boundaries between bins, R and C the cumulative shares.
double ks_statistic(const std::vector<uint64_t>& reference, const std::vector<uint64_t>& current);

struct WeightedPoint {
  double position = 0;
  double weight = 0;
};

// W1 = ∫ |F_r(x) - F_c(x)| dx between two discrete distributions, points sorted by position.
double wasserstein_distance(const std::vector<WeightedPoint>& reference,
                            const std::vector<WeightedPoint>& current);

struct ChiSquare {
  double statistic = 0;
  uint64_t degrees_of_freedom = 0;
};

// Goodness of fit of `observed` counts to `expected_weights` (scaled to the observed total), over
// bins whose expected weight is positive (observed counts elsewhere are ignored).
ChiSquare chi_square_goodness_of_fit(const std::vector<uint64_t>& observed,
                                     const std::vector<uint64_t>& expected_weights);

}  // namespace aims::monitoring
