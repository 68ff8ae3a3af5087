// Tallies of predictions against labels for one scope (the whole log or one group), and the
// classification and regression metrics computed from them. docs/monitoring.md gives the formulas.
#pragma once

#include <array>
#include <cstdint>
#include <limits>

#include "monitoring/engine/engine.h"
#include "monitoring/engine/running_stats.h"
#include "monitoring/engine/score_histogram.h"

namespace aims::monitoring {

// Equal-width calibration bins [b/10, (b+1)/10), the last closed, for the expected calibration
// error (sklearn calibration_curve's "uniform" strategy).
inline constexpr int kCalibrationBins = 10;
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

// Which columns the monitor maps, so a metric can say why it has no value.
struct MappedRoles {
  bool label = false;
  bool score = false;
};

class ClassificationTally {
 public:
  // Everything but the ROC AUC histograms, whose updates the caller makes (histogram_of()): the
  // analysis defers them to batches of rows, and leaves out those of the whole log, which are the
  // sum of the groups' of any one attribute.
  void add_counts(const Outcome& outcome);
  // The histogram a row with this outcome adds its score bin to, or null without score or label.
  ScoreHistogram* histogram_of(const Outcome& outcome) {
    if (!outcome.has_score || !outcome.has_label) return nullptr;
    return outcome.actual_positive ? &positive_scores_ : &negative_scores_;
  }
  // Adds the ROC AUC histograms of `other`, which keeps them.
  void add_histograms_of(const ClassificationTally& other);
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
