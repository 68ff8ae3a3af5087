#include "monitoring/engine/current_distribution.h"

#include <algorithm>
#include <numeric>

namespace aims::monitoring {

BinCounter::BinCounter(const std::vector<double>& edges)
    : edges_(&edges), counts_(edges.size() > 1 ? edges.size() - 1 : 0), sums_(counts_.size()) {}

void BinCounter::add(double x) {
  const std::vector<double>& edges = *edges_;
  if (x < edges.front()) {
    ++below_;
    below_sum_ += x;
    return;
  }
  if (x > edges.back()) {
    ++above_;
    above_sum_ += x;
    return;
  }
  // upper_bound finds the first edge above x; the last bin is closed, so x == max stays in it.
  auto bin = static_cast<size_t>(std::upper_bound(edges.begin(), edges.end(), x) - edges.begin());
  bin = std::min(bin, counts_.size()) - 1;
  ++counts_[bin];
  sums_[bin] += x;
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
  for (size_t i = 0; i < profile.categories.size(); ++i) {
    index.emplace(profile.categories[i].value, static_cast<uint32_t>(i));
  }
  return index;
}

CategoryCounter::CategoryCounter(const CategoryIndex& index)
    : index_(&index), counts_(index.size()) {}

void CategoryCounter::add(std::string_view value) {
  const auto found = index_->find(value);
  if (found == index_->end()) {
    ++unseen_;
  } else {
    ++counts_[found->second];
  }
}

void CategoryCounter::absorb(CategoryCounter& other) {
  for (size_t i = 0; i < counts_.size(); ++i)
    counts_[i] += other.counts_[i];
  unseen_ += other.unseen_;
  std::fill(other.counts_.begin(), other.counts_.end(), 0);
  other.unseen_ = 0;
}

}  // namespace aims::monitoring
