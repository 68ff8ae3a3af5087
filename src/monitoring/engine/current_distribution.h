// Where the analysed log's values fall relative to a reference profile: counts (and sums) per
// reference bin for numeric columns, counts per reference category for categorical ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "monitoring/engine/engine.h"

namespace aims::monitoring {

// Counts values into fixed bins [e_i, e_{i+1}) (the last one closed) plus an underflow and an
// overflow bin, keeping each bin's sum so drift can place its mass.
class BinCounter {
 public:
  explicit BinCounter(const std::vector<double>& edges);

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
  const std::vector<double>* edges_;
  std::vector<uint64_t> counts_;
  std::vector<double> sums_;
  uint64_t below_ = 0;
  uint64_t above_ = 0;
  double below_sum_ = 0;
  double above_sum_ = 0;
};

struct TransparentStringHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Maps category text to its index in the reference list, shared read-only between threads.
using CategoryIndex =
    std::unordered_map<std::string, uint32_t, TransparentStringHash, std::equal_to<>>;

CategoryIndex index_categories(const CategoricalProfile& profile);

class CategoryCounter {
 public:
  explicit CategoryCounter(const CategoryIndex& index);

  void add(std::string_view value);
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
