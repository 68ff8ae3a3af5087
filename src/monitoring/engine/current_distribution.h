// Where the analysed log's values fall relative to a reference profile: counts (and sums) per
// reference bin for numeric columns, counts per reference category for categorical ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/text_index.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {

// Finds which of fixed bins [e_i, e_{i+1}) (the last one closed) holds a value. Profiles the engine
// builds cut bins at value-grid boundaries, so one table lookup by grid bucket finds the bin; other
// edges (and more than 65 536 bins) fall back to binary search. Entries are 16 bits: every value
// of every numeric column looks one up, and a smaller table stays in the cache. Shared read-only
// between threads.
class BinLocator {
 public:
  explicit BinLocator(std::vector<double> edges);

  static constexpr int64_t kBelow = -1;
  // The bin of `x`, kBelow under the first edge, or bins() above the last.
  int64_t locate(double x) const {
    if (x < edges_.front()) return kBelow;
    if (x > edges_.back()) return static_cast<int64_t>(bins());
    if (!bin_of_bucket_.empty()) return bin_of_bucket_[grid_bucket(x) - first_bucket_];
    return search(x);
  }
  size_t bins() const { return edges_.size() - 1; }

 private:
  int64_t search(double x) const;

  std::vector<double> edges_;
  int32_t first_bucket_ = 0;
  std::vector<uint16_t> bin_of_bucket_;  // empty when binary search is used
};

// Counts values into a locator's bins plus an underflow and an overflow bin, keeping each bin's
// sum so drift can place its mass.
class BinCounter {
 public:
  explicit BinCounter(const BinLocator& locator);

  void add(double x) {
    // Slot 0 is the underflow bin, slot bins() + 1 the overflow bin; a bin's count and sum share a
    // cache line, since every value of every numeric column lands in one at random.
    Slot& slot = slots_[static_cast<size_t>(locator_->locate(x) + 1)];
    ++slot.count;
    slot.sum += x;
  }
  // Adds `other` (over the same edges) and zeroes it.
  void absorb(BinCounter& other);

  size_t bins() const { return slots_.size() - 2; }
  uint64_t count(size_t bin) const { return slots_[bin + 1].count; }
  double sum(size_t bin) const { return slots_[bin + 1].sum; }
  uint64_t below() const { return slots_.front().count; }
  uint64_t above() const { return slots_.back().count; }
  double below_sum() const { return slots_.front().sum; }
  double above_sum() const { return slots_.back().sum; }
  uint64_t total() const;

 private:
  struct Slot {
    uint64_t count = 0;
    double sum = 0;
  };
  const BinLocator* locator_;
  std::vector<Slot> slots_;
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
