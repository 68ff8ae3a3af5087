#include "monitoring/engine/p_values.h"

#include <cmath>
#include <numbers>

#include <boost/math/distributions/chi_squared.hpp>

namespace aims::monitoring {

namespace {

// Both series below converge in a handful of terms; this bounds them for any λ.
constexpr int kMaxTerms = 100;
// Where the two series of Q(λ) need about the same number of terms.
constexpr double kSeriesSwitch = 1.18;

}  // namespace

double kolmogorov_survival(double lambda) {
  if (lambda <= 0) return 1.0;
  if (lambda < kSeriesSwitch) {
    // 1 - Q(λ) = sqrt(2π)/λ · Σ_{k≥1} exp(-(2k-1)²π² / (8λ²)): fast for small λ, where the
    // alternating series below would cancel badly.
    const double factor = -std::numbers::pi * std::numbers::pi / (8 * lambda * lambda);
    double sum = 0;
    for (int k = 1; k <= kMaxTerms; ++k) {
      const double odd = 2.0 * k - 1;
      const double term = std::exp(factor * odd * odd);
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return 1.0 - std::sqrt(2 * std::numbers::pi) / lambda * sum;
  }
  // Q(λ) = 2 Σ_{k≥1} (-1)^(k-1) exp(-2k²λ²).
  double sum = 0;
  for (int k = 1; k <= kMaxTerms; ++k) {
    const double term = std::exp(-2.0 * k * k * lambda * lambda);
    sum += (k % 2 == 1) ? term : -term;
    if (term <= 1e-17 * sum) break;
  }
  return std::fmin(1.0, std::fmax(0.0, 2 * sum));
}

double chi_square_survival(double statistic, uint64_t dof) {
  if (statistic <= 0) return 1.0;
  const boost::math::chi_squared_distribution<double> distribution(static_cast<double>(dof));
  return boost::math::cdf(boost::math::complement(distribution, statistic));
}

}  // namespace aims::monitoring
