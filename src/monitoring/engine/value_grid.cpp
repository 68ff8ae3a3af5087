#include "monitoring/engine/value_grid.h"

#include <bit>
#include <cmath>

namespace aims::monitoring {

namespace {

constexpr uint64_t kSlotMask = (uint64_t{1} << kGridMantissaBits) - 1;
constexpr double kSmallest = 0x1p-40;
static_assert(kGridMinExponent == -40);

// B(j) = 2^(min exponent + j / 1024) * (1 + (j mod 1024) / 1024).
double magnitude_boundary(int32_t j) {
  const int exponent = kGridMinExponent + (j >> kGridMantissaBits);
  const double mantissa = 1.0 + static_cast<double>(j & static_cast<int32_t>(kSlotMask)) /
                                    static_cast<double>(1 << kGridMantissaBits);
  return std::ldexp(mantissa, exponent);
}

}  // namespace

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
