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

// The bucket holding `x`. Requires a finite x with |x| < 2^64.
int32_t grid_bucket(double x);
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
