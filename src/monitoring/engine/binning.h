// Equal-frequency bins for the reference profile, cut only between grid buckets (or between finer
// bins), so every bin's count is exact although the edges come from a one-pass sketch.
#pragma once

#include <cstdint>
#include <vector>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/value_grid.h"

namespace aims::monitoring {

// A run of values that must stay in one bin: a grid bucket, or a fine bin when making coarse ones.
struct BinPiece {
  double lower = 0;  // no value of this piece is below it, none of earlier pieces reaches it
  uint64_t count = 0;
  double sum = 0;
};

// Groups consecutive pieces (sorted, non-empty) into at most `target_bins` bins, closing a bin once
// the cumulative count reaches the next multiple of total / target_bins. A piece heavier than a
// bin's share becomes a bin of its own. With no more pieces than bins, every piece is a bin, so a
// column with few distinct values keeps them all apart. Edges: min, the lower bound of each piece
// that opens a bin, max. With `with_means`, each bin also gets the mean of its values.
Histogram equal_frequency_bins(const std::vector<BinPiece>& pieces, size_t target_bins, double min,
                               double max, bool with_means);

std::vector<BinPiece> pieces_of(const ValueSketch& sketch);
std::vector<BinPiece> pieces_of(const Histogram& fine);

}  // namespace aims::monitoring
