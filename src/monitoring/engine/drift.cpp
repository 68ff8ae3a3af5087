#include "monitoring/engine/drift.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "monitoring/engine/divergence.h"
#include "monitoring/engine/p_values.h"

namespace aims::monitoring {

namespace {

ColumnDrift header(const AnalysisPlan::DriftColumn& column) {
  ColumnDrift drift;
  drift.column = column.name;
  drift.role = column.role;
  drift.kind = column.kind;
  return drift;
}

// Sets every metric of the column's kind to undefined with `reason`.
ColumnDrift all_undefined(ColumnDrift drift, const std::string& reason, uint64_t count) {
  const auto undefined = MetricValue::undefined(reason, count);
  drift.psi = drift.jensen_shannon_distance = undefined;
  if (drift.kind == ColumnKind::numeric) {
    drift.ks_statistic = drift.ks_p_value = undefined;
    drift.wasserstein_distance = drift.wasserstein_distance_normed = undefined;
  } else {
    drift.chi_square_statistic = drift.chi_square_p_value = undefined;
    drift.unseen_category_share = undefined;
  }
  return drift;
}

// Adds a bin for values outside the reference's bins only when the log has some there: both sides
// empty would add a spurious term through the per-side zero filling of PSI.
void append_outside_bin(std::vector<uint64_t>& reference, std::vector<uint64_t>& current,
                        uint64_t reference_count, uint64_t current_count) {
  if (reference_count == 0 && current_count == 0) return;
  reference.push_back(reference_count);
  current.push_back(current_count);
}

std::vector<WeightedPoint> current_points(const BinCounter& current, const Histogram& fine) {
  std::vector<WeightedPoint> points;
  if (current.below() > 0) {
    points.push_back({current.below_sum() / static_cast<double>(current.below()),
                      static_cast<double>(current.below())});
  }
  for (size_t i = 0; i < current.bins(); ++i) {
    if (current.count(i) == 0) continue;
    const double mean = current.sum(i) / static_cast<double>(current.count(i));
    points.push_back({std::clamp(mean, fine.edges[i], fine.edges[i + 1]),
                      static_cast<double>(current.count(i))});
  }
  if (current.above() > 0) {
    points.push_back({current.above_sum() / static_cast<double>(current.above()),
                      static_cast<double>(current.above())});
  }
  return points;
}

}  // namespace

ColumnDrift numeric_drift(const AnalysisPlan::DriftColumn& column, const BinCounter* current) {
  ColumnDrift drift = header(column);
  if (current == nullptr) {
    return all_undefined(std::move(drift), column.no_reference_reason, 0);
  }
  const NumericProfile& reference = column.reference->numeric;
  const Histogram& fine = reference.fine;
  drift.reference_count = column.reference->count;
  drift.current_count = current->total();
  if (drift.current_count == 0) {
    return all_undefined(std::move(drift), "no valid values in the log", 0);
  }
  const uint64_t n = drift.current_count;

  // Coarse bins are unions of fine bins: fold the fine counts.
  std::vector<uint64_t> reference_coarse = reference.coarse.counts;
  std::vector<uint64_t> current_coarse(reference_coarse.size(), 0);
  size_t coarse = 0;
  for (size_t i = 0; i < current->bins(); ++i) {
    while (coarse + 1 < reference_coarse.size() &&
           fine.edges[i] >= reference.coarse.edges[coarse + 1]) {
      ++coarse;
    }
    current_coarse[coarse] += current->count(i);
  }
  drift.current_bin_counts.push_back(current->below());
  drift.current_bin_counts.insert(drift.current_bin_counts.end(), current_coarse.begin(),
                                  current_coarse.end());
  drift.current_bin_counts.push_back(current->above());

  std::vector<uint64_t> psi_reference;
  std::vector<uint64_t> psi_current;
  append_outside_bin(psi_reference, psi_current, 0, current->below());
  psi_reference.insert(psi_reference.end(), reference_coarse.begin(), reference_coarse.end());
  psi_current.insert(psi_current.end(), current_coarse.begin(), current_coarse.end());
  append_outside_bin(psi_reference, psi_current, 0, current->above());
  drift.psi = MetricValue::of(population_stability_index(psi_reference, psi_current), n);
  drift.jensen_shannon_distance =
      MetricValue::of(jensen_shannon_distance(psi_reference, psi_current), n);

  std::vector<uint64_t> ks_reference{0};
  std::vector<uint64_t> ks_current{current->below()};
  ks_reference.insert(ks_reference.end(), fine.counts.begin(), fine.counts.end());
  for (size_t i = 0; i < current->bins(); ++i)
    ks_current.push_back(current->count(i));
  ks_reference.push_back(0);
  ks_current.push_back(current->above());
  const double d = ks_statistic(ks_reference, ks_current);
  const auto m = static_cast<double>(drift.reference_count);
  const double effective = m * static_cast<double>(n) / (m + static_cast<double>(n));
  drift.ks_statistic = MetricValue::of(d, n);
  drift.ks_p_value = MetricValue::of(kolmogorov_survival(d * std::sqrt(effective)), n);

  std::vector<WeightedPoint> reference_points;
  for (size_t i = 0; i < fine.counts.size(); ++i) {
    reference_points.push_back({fine.means[i], static_cast<double>(fine.counts[i])});
  }
  const double w1 = wasserstein_distance(reference_points, current_points(*current, fine));
  drift.wasserstein_distance = MetricValue::of(w1, n);
  drift.wasserstein_distance_normed =
      MetricValue::of(w1 / std::max(reference.std_dev, kMinNormalisingStd), n);
  return drift;
}

ColumnDrift categorical_drift(const AnalysisPlan::DriftColumn& column,
                              const CategoryCounter* current) {
  ColumnDrift drift = header(column);
  if (current == nullptr) {
    return all_undefined(std::move(drift), column.no_reference_reason, 0);
  }
  const CategoricalProfile& reference = column.reference->categorical;
  drift.reference_count = column.reference->count;
  drift.current_count =
      std::accumulate(current->counts().begin(), current->counts().end(), current->unseen());
  drift.current_bin_counts = current->counts();
  drift.current_bin_counts.push_back(current->unseen());
  const uint64_t n = drift.current_count;
  if (n == 0) return all_undefined(std::move(drift), "no valid values in the log", 0);

  // The last bin holds the reference's categories beyond the cap and the log's unseen values.
  std::vector<uint64_t> reference_counts;
  for (const auto& category : reference.categories)
    reference_counts.push_back(category.count);
  std::vector<uint64_t> current_counts = current->counts();
  append_outside_bin(reference_counts, current_counts, reference.other_count, current->unseen());
  drift.psi = MetricValue::of(population_stability_index(reference_counts, current_counts), n);
  drift.jensen_shannon_distance =
      MetricValue::of(jensen_shannon_distance(reference_counts, current_counts), n);
  drift.unseen_category_share =
      MetricValue::of(static_cast<double>(current->unseen()) / static_cast<double>(n), n);

  // Goodness of fit over the bins the reference has (an unseen value has no expected count).
  const uint64_t seen = reference.other_count > 0 ? n : n - current->unseen();
  const ChiSquare chi = chi_square_goodness_of_fit(current_counts, reference_counts);
  drift.chi_square_degrees_of_freedom = chi.degrees_of_freedom;
  if (seen == 0) {
    const auto none = MetricValue::undefined("no value of the log is a reference category", 0);
    drift.chi_square_statistic = drift.chi_square_p_value = none;
  } else if (chi.degrees_of_freedom == 0) {
    const auto single = MetricValue::undefined("the reference has a single category", seen);
    drift.chi_square_statistic = drift.chi_square_p_value = single;
  } else {
    drift.chi_square_statistic = MetricValue::of(chi.statistic, seen);
    drift.chi_square_p_value =
        MetricValue::of(chi_square_survival(chi.statistic, chi.degrees_of_freedom), seen);
  }
  return drift;
}

}  // namespace aims::monitoring
