#include "monitoring/engine/current_distribution.h"

#include <algorithm>
#include <numeric>

#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {

BinLocator::BinLocator(std::vector<double> edges) : edges_(std::move(edges)) {
  const size_t bins = edges_.size() - 1;
  for (size_t i = 1; i < bins; ++i) {
    if (grid_lower_bound(grid_bucket(edges_[i])) != edges_[i]) return;  // off the grid
  }
  first_bucket_ = grid_bucket(edges_.front());
  const int32_t last_bucket = grid_bucket(edges_.back());
  bin_of_bucket_.resize(static_cast<size_t>(last_bucket - first_bucket_) + 1);
  uint32_t bin = 0;
  for (int32_t bucket = first_bucket_; bucket <= last_bucket; ++bucket) {
    while (bin + 1 < bins && grid_lower_bound(bucket) >= edges_[bin + 1])
      ++bin;
    bin_of_bucket_[bucket - first_bucket_] = bin;
  }
}

int64_t BinLocator::locate(double x) const {
  if (x < edges_.front()) return kBelow;
  if (x > edges_.back()) return static_cast<int64_t>(bins());
  if (!bin_of_bucket_.empty()) return bin_of_bucket_[grid_bucket(x) - first_bucket_];
  // upper_bound finds the first edge above x; the last bin is closed, so x == max stays in it.
  const auto above = std::upper_bound(edges_.begin(), edges_.end(), x) - edges_.begin();
  return std::min<int64_t>(above, static_cast<int64_t>(bins())) - 1;
}

BinCounter::BinCounter(const BinLocator& locator)
    : locator_(&locator), counts_(locator.bins()), sums_(counts_.size()) {}

void BinCounter::add(double x) {
  const int64_t bin = locator_->locate(x);
  if (bin == BinLocator::kBelow) {
    ++below_;
    below_sum_ += x;
  } else if (bin == static_cast<int64_t>(counts_.size())) {
    ++above_;
    above_sum_ += x;
  } else {
    ++counts_[bin];
    sums_[bin] += x;
  }
}

void BinCounter::absorb(BinCounter& other) {
  for (size_t i = 0; i < counts_.size(); ++i) {
    counts_[i] += other.counts_[i];
    sums_[i] += other.sums_[i];
  }
  below_ += other.below_;
  above_ += other.above_;
  below_sum_ += other.below_sum_;
  above_sum_ += other.above_sum_;
  std::fill(other.counts_.begin(), other.counts_.end(), 0);
  std::fill(other.sums_.begin(), other.sums_.end(), 0.0);
  other.below_ = other.above_ = 0;
  other.below_sum_ = other.above_sum_ = 0;
}

uint64_t BinCounter::total() const {
  return std::accumulate(counts_.begin(), counts_.end(), below_ + above_);
}

CategoryIndex index_categories(const CategoricalProfile& profile) {
  CategoryIndex index;
  for (const auto& category : profile.categories)
    index.add(category.value);
  return index;
}

CategoryCounter::CategoryCounter(const CategoryIndex& index)
    : index_(&index), counts_(index.size()) {}

void CategoryCounter::absorb(CategoryCounter& other) {
  for (size_t i = 0; i < counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  unseen_ += other.unseen_;
  std::fill(other.counts_.begin(), other.counts_.end(), 0);
  other.unseen_ = 0;
}

}  // namespace aims::monitoring
