#include "monitoring/engine/binning.h"

#include <algorithm>

namespace aims::monitoring {

Histogram equal_frequency_bins(const std::vector<BinPiece>& pieces, size_t target_bins, double min,
                               double max, bool with_means) {
  uint64_t total = 0;
  for (const auto& piece : pieces)
    total += piece.count;
  Histogram bins;
  bins.edges.push_back(min);
  uint64_t cumulative = 0;
  // Bins "owed" so far: floor(cumulative * target / total); a bin closes when this grows, once
  // however far it jumps, so a heavy piece is not followed by slivers.
  uint64_t quota = 0;
  uint64_t quota_at_last_close = 0;
  uint64_t count = 0;
  double sum = 0;
  const auto close_bin = [&](double upper) {
    bins.counts.push_back(count);
    // Rounding can push a mean a hair past its bin; keep it inside so points stay ordered.
    if (with_means) {
      bins.means.push_back(std::clamp(sum / static_cast<double>(count), bins.edges.back(), upper));
    }
    bins.edges.push_back(upper);
    count = 0;
    sum = 0;
  };
  const bool piece_per_bin = pieces.size() <= target_bins;
  for (const auto& piece : pieces) {
    if (count > 0 && (piece_per_bin || quota > quota_at_last_close)) {
      close_bin(piece.lower);
      quota_at_last_close = quota;
    }
    count += piece.count;
    sum += piece.sum;
    cumulative += piece.count;
    quota = static_cast<uint64_t>(static_cast<unsigned __int128>(cumulative) * target_bins / total);
  }
  if (count > 0) close_bin(max);
  return bins;
}

std::vector<BinPiece> pieces_of(const ValueSketch& sketch) {
  std::vector<BinPiece> pieces;
  sketch.for_each([&](int32_t bucket, uint64_t count, double sum) {
    pieces.push_back({grid_lower_bound(bucket), count, sum});
  });
  return pieces;
}

std::vector<BinPiece> pieces_of(const Histogram& fine) {
  std::vector<BinPiece> pieces;
  for (size_t i = 0; i < fine.counts.size(); ++i) {
    pieces.push_back(
        {fine.edges[i], fine.counts[i],
         fine.means.empty() ? 0.0 : fine.means[i] * static_cast<double>(fine.counts[i])});
  }
  return pieces;
}

}  // namespace aims::monitoring
