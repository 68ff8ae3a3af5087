// Running sums and moments that keep their precision over billions of rows and merge in a fixed
// order, so results do not depend on how the log was split between threads.
#pragma once

#include <cmath>
#include <cstdint>

namespace aims::monitoring {

// Neumaier's variant of Kahan summation: the error term survives additions of larger values.
class CompensatedSum {
 public:
  void add(double x) {
    const double t = sum_ + x;
    if (std::fabs(sum_) >= std::fabs(x)) {
      compensation_ += (sum_ - t) + x;
    } else {
      compensation_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  void add(const CompensatedSum& other) {
    add(other.sum_);
    add(other.compensation_);
  }
  double value() const { return sum_ + compensation_; }

 private:
  double sum_ = 0;
  double compensation_ = 0;
};

// Welford's running mean and sum of squared deviations; merge() is Chan et al.'s pairwise update.
// Avoids the cancellation of sum(x^2) - sum(x)^2 / n.
class Moments {
 public:
  void add(double x) {
    ++count_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
  }
  void merge(const Moments& other) {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const double n = static_cast<double>(count_ + other.count_);
    const double delta = other.mean_ - mean_;
    mean_ += delta * static_cast<double>(other.count_) / n;
    m2_ += other.m2_ +
           delta * delta * static_cast<double>(count_) * static_cast<double>(other.count_) / n;
    count_ += other.count_;
  }
  uint64_t count() const { return count_; }
  double mean() const { return mean_; }
  double sum_squared_deviations() const { return m2_; }
  double population_variance() const {
    return count_ == 0 ? 0.0 : m2_ / static_cast<double>(count_);
  }

 private:
  uint64_t count_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

}  // namespace aims::monitoring
