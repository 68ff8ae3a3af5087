// A fixed log-linear grid over the real line, the same for every run: bucket boundaries are
// ±2^e·(1 + m/1024) for e in [-40, 64), so each bucket is at most 1/1024 (0.1 %) of its magnitude
// wide (integers below 2048 get a bucket each), and |x| < 2^-40 share one bucket around zero.
// Buckets are [lower, next lower), so a value maps to exactly one bucket, and bins cut at bucket
// boundaries hold exact counts.
//
// ValueSketch counts values per bucket with exact integers (and sums their values), giving the
// reference profile its equal-frequency bins in one pass with memory bounded by the grid.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace aims::monitoring {

inline constexpr int kGridMantissaBits = 10;
inline constexpr int kGridMinExponent = -40;
inline constexpr int kGridMaxExponent = 64;
// Buckets per sign; bucket indices run from -kGridBuckets to kGridBuckets, 0 around zero.
inline constexpr int32_t kGridBuckets = (kGridMaxExponent - kGridMinExponent) << kGridMantissaBits;

namespace grid_detail {

inline constexpr int kMantissaShift = 52 - kGridMantissaBits;

// Index j of the magnitude bucket [B(j), B(j+1)) holding a in [2^-40, 2^64), and whether a == B(j),
// where B(j) = 2^(min exponent + j / 1024) * (1 + (j mod 1024) / 1024): the exponent and the top
// mantissa bits of the double.
inline int32_t magnitude_bucket(double a, bool& exact) {
  const auto bits = std::bit_cast<uint64_t>(a);
  exact = (bits & ((uint64_t{1} << kMantissaShift) - 1)) == 0;
  const auto biased = static_cast<int32_t>(bits >> kMantissaShift);
  return biased - ((1023 + kGridMinExponent) << kGridMantissaBits);
}

}  // namespace grid_detail

// The bucket holding `x`. Requires a finite x with |x| < 2^64. Inline: drift looks up every value
// of every numeric column.
inline int32_t grid_bucket(double x) {
  constexpr double kSmallest = 0x1p-40;
  static_assert(kGridMinExponent == -40);
  bool exact = false;
  if (x >= 0) {
    if (x < kSmallest) return 0;
    return grid_detail::magnitude_bucket(x, exact) + 1;  // [B(j), B(j+1)) is bucket j + 1
  }
  const double a = -x;
  if (a <= kSmallest) return 0;
  // x in [-B(j+1), -B(j)), that is a in (B(j), B(j+1)], is bucket -(j + 1).
  int32_t j = grid_detail::magnitude_bucket(a, exact);
  if (exact) --j;
  return -(j + 1);
}
// The smallest value of bucket `index`.
double grid_lower_bound(int32_t index);

class ValueSketch {
 public:
  ValueSketch();
  ValueSketch(ValueSketch&&) noexcept;
  ValueSketch& operator=(ValueSketch&&) noexcept;
  ~ValueSketch();

  void add(double x);
  // Adds `other` into this sketch and zeroes `other`, keeping its pages for reuse.
  void absorb(ValueSketch& other);
  // Visits non-empty buckets in increasing order: (bucket, count, sum of values).
  void for_each(const std::function<void(int32_t, uint64_t, double)>& visit) const;

 private:
  static constexpr int kPageSlots = 1 << kGridMantissaBits;
  struct Page {
    std::array<uint64_t, kPageSlots> counts{};
    std::array<double, kPageSlots> sums{};
  };
  std::vector<std::unique_ptr<Page>> pages_;  // allocated as values arrive
};

}  // namespace aims::monitoring
