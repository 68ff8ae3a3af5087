// Where the analysed log's values fall relative to a reference profile: counts (and sums) per
// reference bin for numeric columns, counts per reference category for categorical ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/text_index.h"

namespace aims::monitoring {

// Finds which of fixed bins [e_i, e_{i+1}) (the last one closed) holds a value. Profiles the engine
// builds cut bins at value-grid boundaries, so one table lookup by grid bucket finds the bin; other
// edges fall back to binary search. Shared read-only between threads.
class BinLocator {
 public:
  explicit BinLocator(std::vector<double> edges);

  static constexpr int64_t kBelow = -1;
  // The bin of `x`, kBelow under the first edge, or bins() above the last.
  int64_t locate(double x) const;
  size_t bins() const { return edges_.size() - 1; }

 private:
  std::vector<double> edges_;
  int32_t first_bucket_ = 0;
  std::vector<uint32_t> bin_of_bucket_;  // empty when the edges are off the grid
};

// Counts values into a locator's bins plus an underflow and an overflow bin, keeping each bin's
// sum so drift can place its mass.
class BinCounter {
 public:
  explicit BinCounter(const BinLocator& locator);

  void add(double x);
  // Adds `other` (over the same edges) and zeroes it.
  void absorb(BinCounter& other);

  size_t bins() const { return counts_.size(); }
  const std::vector<uint64_t>& counts() const { return counts_; }
  const std::vector<double>& sums() const { return sums_; }
  uint64_t below() const { return below_; }
  uint64_t above() const { return above_; }
  double below_sum() const { return below_sum_; }
  double above_sum() const { return above_sum_; }
  uint64_t total() const;

 private:
  const BinLocator* locator_;
  std::vector<uint64_t> counts_;
  std::vector<double> sums_;
  uint64_t below_ = 0;
  uint64_t above_ = 0;
  double below_sum_ = 0;
  double above_sum_ = 0;
};

// Maps category text to its index in the reference list, shared read-only between threads.
using CategoryIndex = TextIndex;

CategoryIndex index_categories(const CategoricalProfile& profile);

class CategoryCounter {
 public:
  explicit CategoryCounter(const CategoryIndex& index);

  void add(std::string_view value) {
    const uint32_t found = index_->find(value);
    ++(found == TextIndex::kAbsent ? unseen_ : counts_[found]);
  }
  void absorb(CategoryCounter& other);

  // Per reference category, in the profile's order.
  const std::vector<uint64_t>& counts() const { return counts_; }
  // Values not among the reference categories.
  uint64_t unseen() const { return unseen_; }

 private:
  const CategoryIndex* index_;
  std::vector<uint64_t> counts_;
  uint64_t unseen_ = 0;
};

}  // namespace aims::monitoring
