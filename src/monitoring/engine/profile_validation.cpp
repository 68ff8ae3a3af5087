#include "monitoring/engine/profile_validation.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <string>

#include "monitoring/engine/row.h"

namespace aims::monitoring {

namespace {

Error invalid(const std::string& member, const std::string& message) {
  return Error::invalid("profile." + member, "profile." + member + " " + message);
}

// Edges strictly increase (the last, closed bin may be a single point) from min to max, every bin
// holds values, and the counts add up to the column's count.
Status check_histogram(const Histogram& histogram, const ColumnProfile& column,
                       const std::string& where) {
  const auto& edges = histogram.edges;
  if (histogram.counts.empty() || edges.size() != histogram.counts.size() + 1) {
    return invalid(where, "needs one more edge than counts, and at least one bin");
  }
  if (!histogram.means.empty() && histogram.means.size() != histogram.counts.size()) {
    return invalid(where + ".means", "needs one mean per bin");
  }
  if (edges.front() != column.numeric.min || edges.back() != column.numeric.max) {
    return invalid(where + ".edges", "must run from min to max");
  }
  for (size_t i = 1; i < edges.size(); ++i) {
    const bool last = i + 1 == edges.size();
    if (last ? edges[i] < edges[i - 1] : !(edges[i] > edges[i - 1])) {
      return invalid(where + ".edges", "must increase");
    }
  }
  for (size_t i = 0; i < histogram.counts.size(); ++i) {
    if (histogram.counts[i] == 0) return invalid(where + ".counts", "must all be positive");
    if (!histogram.means.empty() &&
        !(histogram.means[i] >= edges[i] && histogram.means[i] <= edges[i + 1])) {
      return invalid(where + ".means", "must lie within their bins");
    }
  }
  if (std::accumulate(histogram.counts.begin(), histogram.counts.end(), uint64_t{0}) !=
      column.count) {
    return invalid(where + ".counts", "must add up to count");
  }
  return {};
}

Status check_numeric(const ColumnProfile& column, const std::string& path) {
  if (column.count == 0) return {};
  const NumericProfile& numeric = column.numeric;
  for (const double value : {numeric.min, numeric.max, numeric.mean, numeric.std_dev}) {
    if (!std::isfinite(value) || std::fabs(value) >= kMaxMagnitude) {
      return invalid(path, "has a summary value outside the range the engine reads");
    }
  }
  if (numeric.fine.means.empty()) return invalid(path + ".fine.means", "is missing");
  if (auto status = check_histogram(numeric.fine, column, path + ".fine"); !status) return status;
  if (auto status = check_histogram(numeric.coarse, column, path + ".coarse"); !status) {
    return status;
  }
  // Drift folds fine bins into coarse ones: each coarse edge must be a fine edge.
  for (const double edge : numeric.coarse.edges) {
    if (!std::binary_search(numeric.fine.edges.begin(), numeric.fine.edges.end(), edge)) {
      return invalid(path + ".coarse.edges", "must be a subset of fine.edges");
    }
  }
  return {};
}

Status check_categorical(const ColumnProfile& column, const std::string& path) {
  std::set<std::string_view> seen;
  uint64_t total = column.categorical.other_count;
  for (const auto& category : column.categorical.categories) {
    if (!seen.insert(category.value).second) {
      return invalid(path + ".categories", "lists '" + category.value + "' twice");
    }
    total += category.count;
  }
  if (total != column.count) {
    return invalid(path + ".count", "must equal the category counts plus other_count");
  }
  return {};
}

}  // namespace

Status validate_profile(const ReferenceProfile& profile) {
  if (profile.version != ReferenceProfile::kVersion) {
    return Error::invalid("profile.version", "unsupported reference profile version " +
                                                 std::to_string(profile.version));
  }
  std::set<std::pair<std::string_view, std::string_view>> names;
  for (size_t i = 0; i < profile.columns.size(); ++i) {
    const ColumnProfile& column = profile.columns[i];
    const std::string path = "columns[" + std::to_string(i) + "]";
    if (column.role != "feature" && column.role != "score") {
      return invalid(path + ".role", "must be feature or score");
    }
    if (!names.emplace(column.name, column.role).second) {
      return invalid(path + ".name", "repeats another column with the same role");
    }
    auto status = column.kind == ColumnKind::numeric ? check_numeric(column, path)
                                                     : check_categorical(column, path);
    if (!status) return status;
  }
  return {};
}

}  // namespace aims::monitoring
