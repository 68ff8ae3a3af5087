// Counts of one class's scores over equal-width bins of [0, 1], for ROC AUC. Every scored row adds
// one to a counter of one histogram of its group, at random, so these histograms are the largest
// state a row touches: counters are 16 bits wide, in pages allocated as scores arrive, and are
// folded into 64-bit counters before any of them could overflow. Four groups' histograms then
// take 256 KiB instead of 1 MiB and mostly stay in the core's cache.
#pragma once

#include <array>
#include <cstdint>
#include <memory>

namespace aims::monitoring {

// ROC AUC counts scores in this many equal-width bins of [0, 1]: exact for scores with up to four
// decimals; closer scores are treated as tied.
inline constexpr int kScoreBins = 1 << 14;

class ScoreHistogram {
 public:
  static constexpr int kPageBins = 1024;  // 2 KiB of 16-bit counters
  static constexpr int kPages = kScoreBins / kPageBins;
  using Page = std::array<uint64_t, kPageBins>;

  ScoreHistogram();
  ScoreHistogram(ScoreHistogram&&) noexcept;
  ScoreHistogram& operator=(ScoreHistogram&&) noexcept;
  ~ScoreHistogram();

  void add(int bin) {
    if (narrow_adds_ == kMaxNarrowAdds) fold();
    ++narrow_adds_;
    auto& page = narrow_[bin / kPageBins];
    if (page == nullptr) page = std::make_unique<NarrowPage>();
    ++(*page)[bin % kPageBins];
  }
  // Adds `other` into this histogram and zeroes it.
  void absorb(ScoreHistogram& other);
  // Adds `other` into this histogram.
  void add(const ScoreHistogram& other);
  // The counts of bins [index · kPageBins, (index + 1) · kPageBins); false when all are zero.
  bool read_page(int index, Page& counts) const;

 private:
  using NarrowPage = std::array<uint16_t, kPageBins>;
  static constexpr uint32_t kMaxNarrowAdds = UINT16_MAX;

  // Moves every 16-bit count into the 64-bit ones.
  void fold();

  // Adds since the last fold: no 16-bit counter holds more.
  uint32_t narrow_adds_ = 0;
  std::array<std::unique_ptr<NarrowPage>, kPages> narrow_;
  std::array<std::unique_ptr<Page>, kPages> wide_;
};

}  // namespace aims::monitoring
