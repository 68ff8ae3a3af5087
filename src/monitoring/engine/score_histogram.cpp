#include "monitoring/engine/score_histogram.h"

namespace aims::monitoring {

ScoreHistogram::ScoreHistogram() = default;
ScoreHistogram::ScoreHistogram(ScoreHistogram&&) noexcept = default;
ScoreHistogram& ScoreHistogram::operator=(ScoreHistogram&&) noexcept = default;
ScoreHistogram::~ScoreHistogram() = default;

void ScoreHistogram::fold() {
  for (int p = 0; p < kPages; ++p) {
    if (narrow_[p] == nullptr) continue;
    if (wide_[p] == nullptr) wide_[p] = std::make_unique<Page>();
    for (int i = 0; i < kPageBins; ++i)
      (*wide_[p])[i] += (*narrow_[p])[i];
    narrow_[p]->fill(0);
  }
  narrow_adds_ = 0;
}

void ScoreHistogram::add(const ScoreHistogram& other) {
  if (narrow_adds_ + other.narrow_adds_ > kMaxNarrowAdds) fold();
  narrow_adds_ += other.narrow_adds_;
  for (int p = 0; p < kPages; ++p) {
    if (other.narrow_[p] != nullptr) {
      if (narrow_[p] == nullptr) narrow_[p] = std::make_unique<NarrowPage>();
      for (int i = 0; i < kPageBins; ++i)
        (*narrow_[p])[i] = static_cast<uint16_t>((*narrow_[p])[i] + (*other.narrow_[p])[i]);
    }
    if (other.wide_[p] != nullptr) {
      if (wide_[p] == nullptr) wide_[p] = std::make_unique<Page>();
      for (int i = 0; i < kPageBins; ++i)
        (*wide_[p])[i] += (*other.wide_[p])[i];
    }
  }
}

void ScoreHistogram::absorb(ScoreHistogram& other) {
  add(other);
  for (int p = 0; p < kPages; ++p) {
    if (other.narrow_[p] != nullptr) other.narrow_[p]->fill(0);
    if (other.wide_[p] != nullptr) other.wide_[p]->fill(0);
  }
  other.narrow_adds_ = 0;
}

bool ScoreHistogram::read_page(int index, Page& counts) const {
  if (narrow_[index] == nullptr && wide_[index] == nullptr) return false;
  counts.fill(0);
  if (wide_[index] != nullptr) counts = *wide_[index];
  if (narrow_[index] != nullptr) {
    for (int i = 0; i < kPageBins; ++i)
      counts[i] += (*narrow_[index])[i];
  }
  return true;
}

}  // namespace aims::monitoring
