#include "monitoring/engine/performance.h"

#include <algorithm>
#include <cmath>

namespace aims::monitoring {

namespace {

MetricValue ratio(uint64_t numerator, uint64_t denominator, const char* reason) {
  if (denominator == 0) return MetricValue::undefined(reason);
  return MetricValue::of(static_cast<double>(numerator) / static_cast<double>(denominator),
                         denominator);
}

// Moves `from` into `to` and leaves `from` empty.
void absorb_sum(CompensatedSum& to, CompensatedSum& from) {
  to.add(from);
  from = CompensatedSum();
}

}  // namespace

// The edges b/10 as NumPy computes them (np.arange(11) / 10), divided once here rather than per
// row.
constexpr auto kCalibrationEdges = [] {
  std::array<double, kCalibrationBins + 1> edges{};
  for (int b = 0; b <= kCalibrationBins; ++b)
    edges[b] = b / double{kCalibrationBins};
  return edges;
}();

int calibration_bin(double probability) {
  // Counts the interior edges b/10 (b = 1..9) at or below p, as NumPy's searchsorted(side="right")
  // does with edges np.arange(11) / 10: p = 0.3 lands in bin 3, not in bin 2 through rounding.
  int bin = std::clamp(static_cast<int>(probability * kCalibrationBins), 0, kCalibrationBins - 1);
  if (bin + 1 < kCalibrationBins && probability >= kCalibrationEdges[bin + 1]) ++bin;
  if (bin > 0 && probability < kCalibrationEdges[bin]) --bin;
  return bin;
}

int score_bin(double probability) {
  return std::clamp(static_cast<int>(probability * kScoreBins), 0, kScoreBins - 1);
}

void score_outcome(Outcome& outcome) {
  if (!outcome.has_score || !outcome.has_label) return;
  outcome.score_bin = score_bin(outcome.score);
  outcome.calibration_bin = calibration_bin(outcome.score);
  const double p = std::clamp(outcome.score, kLogLossEpsilon, 1 - kLogLossEpsilon);
  outcome.log_loss = -(outcome.actual_positive ? std::log(p) : std::log1p(-p));
  const double error = outcome.score - (outcome.actual_positive ? 1.0 : 0.0);
  outcome.squared_error = error * error;
}

void ClassificationTally::add_counts(const Outcome& outcome) {
  if (outcome.has_prediction) {
    ++predicted_;
    if (outcome.predicted_positive) ++predicted_positive_;
    if (outcome.has_label) {
      if (outcome.predicted_positive) {
        ++(outcome.actual_positive ? true_positives_ : false_positives_);
      } else {
        ++(outcome.actual_positive ? false_negatives_ : true_negatives_);
      }
    }
  }
  if (!outcome.has_score || !outcome.has_label) return;
  ++scored_;
  log_loss_.add(outcome.log_loss);
  brier_.add(outcome.squared_error);
  CalibrationBin& bin = calibration_[outcome.calibration_bin];
  ++bin.count;
  bin.score_sum.add(outcome.score);
  if (outcome.actual_positive) {
    ++scored_positive_;
    ++bin.positives;
  }
}

void ClassificationTally::add_histograms_of(const ClassificationTally& other) {
  positive_scores_.add(other.positive_scores_);
  negative_scores_.add(other.negative_scores_);
}

void ClassificationTally::absorb(ClassificationTally& other) {
  predicted_ += other.predicted_;
  predicted_positive_ += other.predicted_positive_;
  true_positives_ += other.true_positives_;
  false_positives_ += other.false_positives_;
  true_negatives_ += other.true_negatives_;
  false_negatives_ += other.false_negatives_;
  scored_ += other.scored_;
  scored_positive_ += other.scored_positive_;
  absorb_sum(log_loss_, other.log_loss_);
  absorb_sum(brier_, other.brier_);
  for (int b = 0; b < kCalibrationBins; ++b) {
    calibration_[b].count += other.calibration_[b].count;
    calibration_[b].positives += other.calibration_[b].positives;
    absorb_sum(calibration_[b].score_sum, other.calibration_[b].score_sum);
    other.calibration_[b].count = other.calibration_[b].positives = 0;
  }
  positive_scores_.absorb(other.positive_scores_);
  negative_scores_.absorb(other.negative_scores_);
  other.predicted_ = other.predicted_positive_ = 0;
  other.true_positives_ = other.false_positives_ = 0;
  other.true_negatives_ = other.false_negatives_ = 0;
  other.scored_ = other.scored_positive_ = 0;
}

double ClassificationTally::roc_auc() const {
  // Mann-Whitney: 2U = Σ_bins positives_b · (2 · negatives below b + negatives_b), ties count ½.
  // Exact in 128-bit integers. Pages without scores of either class are skipped.
  unsigned __int128 twice_u = 0;
  uint64_t negatives_below = 0;
  ScoreHistogram::Page positives;
  ScoreHistogram::Page negatives;
  for (int index = 0; index < ScoreHistogram::kPages; ++index) {
    const bool any_positive = positive_scores_.read_page(index, positives);
    const bool any_negative = negative_scores_.read_page(index, negatives);
    if (!any_positive && !any_negative) continue;
    for (int bin = 0; bin < ScoreHistogram::kPageBins; ++bin) {
      const uint64_t positive = any_positive ? positives[bin] : 0;
      const uint64_t negative = any_negative ? negatives[bin] : 0;
      twice_u += static_cast<unsigned __int128>(positive) * (2 * negatives_below + negative);
      negatives_below += negative;
    }
  }
  const auto pairs =
      static_cast<unsigned __int128>(scored_positive_) * (scored_ - scored_positive_);
  return static_cast<double>(static_cast<long double>(twice_u) /
                             (2.0L * static_cast<long double>(pairs)));
}

ClassificationMetrics ClassificationTally::metrics(const MappedRoles& roles) const {
  ClassificationMetrics m;
  m.predicted = predicted_;
  m.true_positives = true_positives_;
  m.false_positives = false_positives_;
  m.true_negatives = true_negatives_;
  m.false_negatives = false_negatives_;
  m.labelled = true_positives_ + false_positives_ + true_negatives_ + false_negatives_;
  m.scored = scored_;
  const uint64_t positives = true_positives_ + false_negatives_;
  const uint64_t negatives = false_positives_ + true_negatives_;

  m.selection_rate = ratio(predicted_positive_, predicted_, "no rows with a prediction");
  if (!roles.label) {
    const auto no_label = MetricValue::undefined("no label column mapped");
    m.true_positive_rate = m.false_positive_rate = m.false_negative_rate = no_label;
    m.precision = m.accuracy = m.f1 = no_label;
    m.roc_auc = m.log_loss = m.brier_score = m.expected_calibration_error = no_label;
    return m;
  }
  m.true_positive_rate = ratio(true_positives_, positives, "no actual positives");
  m.false_positive_rate = ratio(false_positives_, negatives, "no actual negatives");
  m.false_negative_rate = ratio(false_negatives_, positives, "no actual positives");
  m.precision =
      ratio(true_positives_, true_positives_ + false_positives_, "no predicted positives");
  m.accuracy = ratio(true_positives_ + true_negatives_, m.labelled, "no labelled predictions");
  // 2TP / (2TP + FP + FN) avoids the 0/0 of 2PR / (P + R).
  const uint64_t f1_denominator = 2 * true_positives_ + false_positives_ + false_negatives_;
  m.f1 = f1_denominator == 0 ? MetricValue::undefined("no predicted or actual positives")
                             : MetricValue::of(2.0 * static_cast<double>(true_positives_) /
                                                   static_cast<double>(f1_denominator),
                                               m.labelled);

  if (!roles.score) {
    const auto no_score = MetricValue::undefined("no score column mapped");
    m.roc_auc = m.log_loss = m.brier_score = m.expected_calibration_error = no_score;
    return m;
  }
  if (scored_ == 0) {
    const auto none = MetricValue::undefined("no rows with both a valid score and a label");
    m.roc_auc = m.log_loss = m.brier_score = m.expected_calibration_error = none;
    return m;
  }
  const auto n = static_cast<double>(scored_);
  if (scored_positive_ == 0 || scored_positive_ == scored_) {
    m.roc_auc =
        MetricValue::undefined(scored_positive_ == 0 ? "only negative labels among scored rows"
                                                     : "only positive labels among scored rows",
                               scored_);
  } else {
    m.roc_auc = MetricValue::of(roc_auc(), scored_);
  }
  m.log_loss = MetricValue::of(log_loss_.value() / n, scored_);
  m.brier_score = MetricValue::of(brier_.value() / n, scored_);
  // ECE = Σ_b (n_b / n) · |positives_b / n_b - mean score_b| = Σ_b |positives_b - Σ score_b| / n.
  CompensatedSum gap;
  for (const auto& bin : calibration_) {
    gap.add(std::fabs(static_cast<double>(bin.positives) - bin.score_sum.value()));
  }
  m.expected_calibration_error = MetricValue::of(gap.value() / n, scored_);
  return m;
}

void RegressionTally::add(bool has_prediction, double prediction, bool has_label, double label) {
  if (!has_prediction || !has_label) return;
  ++pairs_;
  const double error = prediction - label;
  absolute_error_.add(std::fabs(error));
  squared_error_.add(error * error);
  labels_.add(label);
}

void RegressionTally::absorb(RegressionTally& other) {
  pairs_ += other.pairs_;
  absorb_sum(absolute_error_, other.absolute_error_);
  absorb_sum(squared_error_, other.squared_error_);
  labels_.merge(other.labels_);
  other.pairs_ = 0;
  other.labels_ = Moments();
}

RegressionMetrics RegressionTally::metrics(const MappedRoles& roles) const {
  RegressionMetrics m;
  m.pairs = pairs_;
  if (!roles.label) {
    const auto no_label = MetricValue::undefined("no label column mapped");
    m.mean_absolute_error = m.root_mean_squared_error = m.r_squared = no_label;
    return m;
  }
  if (pairs_ == 0) {
    const auto none = MetricValue::undefined("no rows with both a numeric prediction and label");
    m.mean_absolute_error = m.root_mean_squared_error = m.r_squared = none;
    return m;
  }
  const auto n = static_cast<double>(pairs_);
  m.mean_absolute_error = MetricValue::of(absolute_error_.value() / n, pairs_);
  m.root_mean_squared_error = MetricValue::of(std::sqrt(squared_error_.value() / n), pairs_);
  const double total = labels_.sum_squared_deviations();
  m.r_squared = total > 0 ? MetricValue::of(1.0 - squared_error_.value() / total, pairs_)
                          : MetricValue::undefined("labels are constant", pairs_);
  return m;
}

}  // namespace aims::monitoring
