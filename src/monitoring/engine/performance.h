// Tallies of predictions against labels for one scope (the whole log or one group), and the
// classification and regression metrics computed from them. docs/monitoring.md gives the formulas.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/running_stats.h"

namespace aims::monitoring {

// Equal-width calibration bins [b/10, (b+1)/10), the last closed, for the expected calibration
// error (sklearn calibration_curve's "uniform" strategy).
inline constexpr int kCalibrationBins = 10;
// ROC AUC counts scores in this many equal-width bins of [0, 1]: exact for scores with up to four
// decimals; closer scores are treated as tied.
inline constexpr int kScoreBins = 1 << 14;
// Probabilities are clipped to [ε, 1 - ε] for log loss (scikit-learn >= 1.3, eps="auto").
inline constexpr double kLogLossEpsilon = std::numeric_limits<double>::epsilon();

int calibration_bin(double probability);
int score_bin(double probability);

// What one row says, computed once and added to every scope the row belongs to.
struct Outcome {
  bool has_prediction = false;
  bool predicted_positive = false;
  bool has_label = false;
  bool actual_positive = false;
  bool has_score = false;
  double score = 0;
  // Set by score_outcome() when the row has a score and a label.
  int score_bin = 0;
  int calibration_bin = 0;
  double log_loss = 0;
  double squared_error = 0;
};

// Fills the score-derived fields of an outcome whose prediction, label and score are set.
void score_outcome(Outcome& outcome);

// Counts of one class's scores over kScoreBins, pages allocated as scores arrive.
class ScoreHistogram {
 public:
  ScoreHistogram();
  ScoreHistogram(ScoreHistogram&&) noexcept;
  ScoreHistogram& operator=(ScoreHistogram&&) noexcept;
  ~ScoreHistogram();

  static constexpr int kPageBins = 256;
  static constexpr int kPages = kScoreBins / kPageBins;
  using Page = std::array<uint64_t, kPageBins>;

  void add(int bin);
  void absorb(ScoreHistogram& other);
  // Counts of bins [index · kPageBins, (index + 1) · kPageBins), or null when all are zero.
  const Page* page(int index) const { return pages_[index].get(); }

 private:
  std::vector<std::unique_ptr<Page>> pages_;
};

// Which columns the monitor maps, so a metric can say why it has no value.
struct MappedRoles {
  bool label = false;
  bool score = false;
};

class ClassificationTally {
 public:
  void add(const Outcome& outcome);
  void absorb(ClassificationTally& other);
  ClassificationMetrics metrics(const MappedRoles& roles) const;

 private:
  struct CalibrationBin {
    uint64_t count = 0;
    uint64_t positives = 0;
    CompensatedSum score_sum;
  };
  double roc_auc() const;

  uint64_t predicted_ = 0;
  uint64_t predicted_positive_ = 0;
  uint64_t true_positives_ = 0;
  uint64_t false_positives_ = 0;
  uint64_t true_negatives_ = 0;
  uint64_t false_negatives_ = 0;
  uint64_t scored_ = 0;
  uint64_t scored_positive_ = 0;
  CompensatedSum log_loss_;
  CompensatedSum brier_;
  std::array<CalibrationBin, kCalibrationBins> calibration_{};
  ScoreHistogram positive_scores_;
  ScoreHistogram negative_scores_;
};

class RegressionTally {
 public:
  void add(bool has_prediction, double prediction, bool has_label, double label);
  void absorb(RegressionTally& other);
  RegressionMetrics metrics(const MappedRoles& roles) const;

 private:
  uint64_t pairs_ = 0;
  CompensatedSum absolute_error_;
  CompensatedSum squared_error_;
  Moments labels_;
};

}  // namespace aims::monitoring
