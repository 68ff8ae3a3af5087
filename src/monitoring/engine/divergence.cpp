#include "monitoring/engine/divergence.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "monitoring/engine/running_stats.h"

namespace aims::monitoring {

namespace {

// Evidently's floor for an empty bin, and the factor below the smallest share when that is lower.
constexpr double kEmptyBinShare = 1e-4;
constexpr double kEmptyBinFactor = 1e6;

uint64_t sum(const std::vector<uint64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), uint64_t{0});
}

// x·ln(x/y) with the conventions 0·ln(0/y) = 0 (x = 0 contributes nothing).
double relative_entropy_term(double x, double y) {
  return x > 0 ? x * std::log(x / y) : 0.0;
}

}  // namespace

std::vector<double> shares_with_zero_fill(const std::vector<uint64_t>& counts) {
  const double total = static_cast<double>(sum(counts));
  std::vector<double> shares(counts.size(), 0.0);
  double smallest = 1.0;
  for (size_t i = 0; i < counts.size(); ++i) {
    shares[i] = total > 0 ? static_cast<double>(counts[i]) / total : 0.0;
    if (shares[i] > 0) smallest = std::min(smallest, shares[i]);
  }
  const double fill = smallest <= kEmptyBinShare ? smallest / kEmptyBinFactor : kEmptyBinShare;
  for (double& share : shares) {
    if (share == 0) share = fill;
  }
  return shares;
}

double population_stability_index(const std::vector<uint64_t>& reference,
                                  const std::vector<uint64_t>& current) {
  const auto r = shares_with_zero_fill(reference);
  const auto c = shares_with_zero_fill(current);
  CompensatedSum psi;
  for (size_t i = 0; i < r.size(); ++i)
    psi.add((c[i] - r[i]) * std::log(c[i] / r[i]));
  return psi.value();
}

double jensen_shannon_distance(const std::vector<uint64_t>& reference,
                               const std::vector<uint64_t>& current) {
  const double reference_total = static_cast<double>(sum(reference));
  const double current_total = static_cast<double>(sum(current));
  CompensatedSum divergence;
  for (size_t i = 0; i < reference.size(); ++i) {
    const double r = static_cast<double>(reference[i]) / reference_total;
    const double c = static_cast<double>(current[i]) / current_total;
    const double m = (r + c) / 2;
    divergence.add(relative_entropy_term(r, m));
    divergence.add(relative_entropy_term(c, m));
  }
  return std::sqrt(std::max(0.0, divergence.value() / 2));
}

double ks_statistic(const std::vector<uint64_t>& reference, const std::vector<uint64_t>& current) {
  const double reference_total = static_cast<double>(sum(reference));
  const double current_total = static_cast<double>(sum(current));
  uint64_t reference_below = 0;
  uint64_t current_below = 0;
  double statistic = 0;
  for (size_t i = 0; i < reference.size(); ++i) {
    reference_below += reference[i];
    current_below += current[i];
    statistic =
        std::max(statistic, std::fabs(static_cast<double>(reference_below) / reference_total -
                                      static_cast<double>(current_below) / current_total));
  }
  return statistic;
}

double wasserstein_distance(const std::vector<WeightedPoint>& reference,
                            const std::vector<WeightedPoint>& current) {
  double reference_total = 0;
  double current_total = 0;
  for (const auto& point : reference)
    reference_total += point.weight;
  for (const auto& point : current)
    current_total += point.weight;
  // Walk both point lists in position order; between consecutive positions the two CDFs are flat.
  size_t i = 0;
  size_t j = 0;
  double reference_cdf = 0;
  double current_cdf = 0;
  double position = 0;
  bool started = false;
  CompensatedSum distance;
  while (i < reference.size() || j < current.size()) {
    const bool take_reference =
        j == current.size() ||
        (i < reference.size() && reference[i].position <= current[j].position);
    const WeightedPoint& point = take_reference ? reference[i++] : current[j++];
    if (started) {
      distance.add(std::fabs(reference_cdf - current_cdf) * (point.position - position));
    }
    started = true;
    position = point.position;
    if (take_reference) {
      reference_cdf += point.weight / reference_total;
    } else {
      current_cdf += point.weight / current_total;
    }
  }
  return distance.value();
}

ChiSquare chi_square_goodness_of_fit(const std::vector<uint64_t>& observed,
                                     const std::vector<uint64_t>& expected_weights) {
  uint64_t observed_total = 0;
  uint64_t weight_total = 0;
  uint64_t bins = 0;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (expected_weights[i] == 0) continue;
    observed_total += observed[i];
    weight_total += expected_weights[i];
    ++bins;
  }
  CompensatedSum statistic;
  for (size_t i = 0; i < observed.size(); ++i) {
    if (expected_weights[i] == 0) continue;
    const double expected = static_cast<double>(observed_total) *
                            static_cast<double>(expected_weights[i]) /
                            static_cast<double>(weight_total);
    const double difference = static_cast<double>(observed[i]) - expected;
    statistic.add(difference * difference / expected);
  }
  return {statistic.value(), bins > 0 ? bins - 1 : 0};
}

}  // namespace aims::monitoring
