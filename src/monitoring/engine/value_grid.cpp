#include "monitoring/engine/value_grid.h"

#include <bit>
#include <cmath>

namespace aims::monitoring {

namespace {

constexpr int kMantissaShift = 52 - kGridMantissaBits;
constexpr uint64_t kSlotMask = (uint64_t{1} << kGridMantissaBits) - 1;
constexpr double kSmallest = 0x1p-40;
static_assert(kGridMinExponent == -40);

// Index j of the magnitude bucket [B(j), B(j+1)) holding a in [2^-40, 2^64), and whether a == B(j).
int32_t magnitude_bucket(double a, bool& exact) {
  const auto bits = std::bit_cast<uint64_t>(a);
  const int exponent = static_cast<int>(bits >> 52) - 1023;
  const auto slot = static_cast<int32_t>((bits >> kMantissaShift) & kSlotMask);
  exact = (bits & ((uint64_t{1} << kMantissaShift) - 1)) == 0;
  return ((exponent - kGridMinExponent) << kGridMantissaBits) | slot;
}

// B(j) = 2^(min exponent + j / 1024) * (1 + (j mod 1024) / 1024).
double magnitude_boundary(int32_t j) {
  const int exponent = kGridMinExponent + (j >> kGridMantissaBits);
  const double mantissa = 1.0 + static_cast<double>(j & static_cast<int32_t>(kSlotMask)) /
                                    static_cast<double>(1 << kGridMantissaBits);
  return std::ldexp(mantissa, exponent);
}

}  // namespace

int32_t grid_bucket(double x) {
  const double a = std::fabs(x);
  bool exact = false;
  if (x >= 0) {
    if (a < kSmallest) return 0;
    return magnitude_bucket(a, exact) + 1;  // [B(j), B(j+1)) is bucket j + 1
  }
  if (a <= kSmallest) return 0;
  // x in [-B(j+1), -B(j)), that is a in (B(j), B(j+1)], is bucket -(j + 1).
  int32_t j = magnitude_bucket(a, exact);
  if (exact) --j;
  return -(j + 1);
}

double grid_lower_bound(int32_t index) {
  if (index == 0) return -kSmallest;
  if (index > 0) return magnitude_boundary(index - 1);
  return -magnitude_boundary(-index);
}

ValueSketch::ValueSketch() : pages_((2 * kGridBuckets + kPageSlots) / kPageSlots + 1) {}
ValueSketch::ValueSketch(ValueSketch&&) noexcept = default;
ValueSketch& ValueSketch::operator=(ValueSketch&&) noexcept = default;
ValueSketch::~ValueSketch() = default;

void ValueSketch::add(double x) {
  const auto offset = static_cast<uint32_t>(grid_bucket(x) + kGridBuckets);
  auto& page = pages_[offset / kPageSlots];
  if (page == nullptr) page = std::make_unique<Page>();
  ++page->counts[offset % kPageSlots];
  page->sums[offset % kPageSlots] += x;
}

void ValueSketch::absorb(ValueSketch& other) {
  for (size_t p = 0; p < pages_.size(); ++p) {
    auto& from = other.pages_[p];
    if (from == nullptr) continue;
    auto& to = pages_[p];
    if (to == nullptr) to = std::make_unique<Page>();
    for (int slot = 0; slot < kPageSlots; ++slot) {
      to->counts[slot] += from->counts[slot];
      to->sums[slot] += from->sums[slot];
    }
    from->counts.fill(0);
    from->sums.fill(0);
  }
}

void ValueSketch::for_each(const std::function<void(int32_t, uint64_t, double)>& visit) const {
  for (size_t p = 0; p < pages_.size(); ++p) {
    if (pages_[p] == nullptr) continue;
    for (int slot = 0; slot < kPageSlots; ++slot) {
      if (pages_[p]->counts[slot] == 0) continue;
      const auto offset = static_cast<int32_t>(p * kPageSlots + slot);
      visit(offset - kGridBuckets, pages_[p]->counts[slot], pages_[p]->sums[slot]);
    }
  }
}

}  // namespace aims::monitoring
