#include "monitoring/engine/current_distribution.h"

#include <algorithm>

namespace aims::monitoring {

BinLocator::BinLocator(std::vector<double> edges) : edges_(std::move(edges)) {
  const size_t bins = edges_.size() - 1;
  if (bins > size_t{UINT16_MAX} + 1) return;  // more bins than a table entry can name
  for (size_t i = 1; i < bins; ++i) {
    if (grid_lower_bound(grid_bucket(edges_[i])) != edges_[i]) return;  // off the grid
  }
  first_bucket_ = grid_bucket(edges_.front());
  const int32_t last_bucket = grid_bucket(edges_.back());
  bin_of_bucket_.resize(static_cast<size_t>(last_bucket - first_bucket_) + 1);
  size_t bin = 0;
  for (int32_t bucket = first_bucket_; bucket <= last_bucket; ++bucket) {
    while (bin + 1 < bins && grid_lower_bound(bucket) >= edges_[bin + 1])
      ++bin;
    bin_of_bucket_[bucket - first_bucket_] = static_cast<uint16_t>(bin);
  }
}

int64_t BinLocator::search(double x) const {
  // upper_bound finds the first edge above x; the last bin is closed, so x == max stays in it.
  const auto above = std::upper_bound(edges_.begin(), edges_.end(), x) - edges_.begin();
  return std::min<int64_t>(above, static_cast<int64_t>(bins())) - 1;
}

BinCounter::BinCounter(const BinLocator& locator)
    : locator_(&locator), slots_(locator.bins() + 2) {}

void BinCounter::absorb(BinCounter& other) {
  for (size_t i = 0; i < slots_.size(); ++i) {
    slots_[i].count += other.slots_[i].count;
    slots_[i].sum += other.slots_[i].sum;
    other.slots_[i] = Slot();
  }
}

uint64_t BinCounter::total() const {
  uint64_t total = 0;
  for (const Slot& slot : slots_)
    total += slot.count;
  return total;
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
