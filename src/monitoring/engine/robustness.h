// Robustness from paired logs (ISO/IEC 42001 A.6.2.4): a model's predictions on original inputs and
// on perturbed copies of them (the same ids, produced by the team's own tooling) compared row by
// row, overall and per group of each sensitive attribute.
//
// Definitions:
// - Rows are paired by the mapped id column; a row whose id is only in one log, or that has no
//   id, is counted as unmatched and left out. An id twice in one log refuses that log (the pairing
//   would be ambiguous).
// - The predicted class of a row is its prediction text, or, for a classification without a
//   prediction column, whether its score reaches the decision threshold (as analyze() decides).
// - Flip rate: pairs whose predicted class differs / pairs where both rows have a predicted
//   class. A regression model's outputs do not flip, so its flip rate is undefined.
// - Score change of a pair: |perturbed score - original score| (a regression: its prediction),
//   for pairs where both are numbers; the largest and the mean are reported.
// - A pair's group is the original row's value of the attribute ("(missing)" when absent).
//
// Memory: every original row's id, score, and numbers for its class and groups are held while the
// perturbed log is read (about 115 bytes a row measured, 1.1 GiB at 10 million;
// docs/benchmarks.md); past kMaxRobustnessRows original rows, or as many perturbed rows without a
// partner (kept to find an id twice), the call fails.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

inline constexpr uint64_t kMaxRobustnessRows = 10'000'000;

inline constexpr const char* kFlipRateKey = "robustness.flip_rate";
inline constexpr const char* kMaxScoreChangeKey = "robustness.max_score_change";

struct RobustnessTally {
  uint64_t pairs = 0;     // ids in both logs
  uint64_t compared = 0;  // pairs where both rows have a predicted class
  uint64_t flips = 0;
  uint64_t scored = 0;  // pairs where both rows have a numeric score
  MetricValue flip_rate;
  MetricValue max_score_change;
  MetricValue mean_score_change;
};

struct RobustnessGroup {
  std::string attribute;
  std::string group;
  RobustnessTally tally;
};

struct RobustnessReport {
  std::string original_sha256;
  std::string perturbed_sha256;
  uint64_t original_rows = 0;
  uint64_t perturbed_rows = 0;
  uint64_t unmatched_original = 0;   // ids only in the original log
  uint64_t unmatched_perturbed = 0;  // ids only in the perturbed log
  RobustnessTally overall;
  std::vector<RobustnessGroup> groups;  // by attribute, then group name
  // kFlipRateKey and kMaxScoreChangeKey, overall and per group: what acceptance criteria check.
  std::vector<MetricSample> samples;
};

// The keys robustness samples carry.
const std::vector<std::string>& robustness_metric_keys();

// Errors: invalid_argument on "columns.id" when no id column is mapped, and those of the mapping
// (analyze's); malformed naming the line of an id seen twice in one log, or a log without rows;
// too_large past kMaxRobustnessRows original rows or unpartnered perturbed rows; the input and
// limit errors of analyze().
Result<RobustnessReport> evaluate_robustness(const LogInput& original, const LogInput& perturbed,
                                             const MonitorConfig& config,
                                             const RunOptions& options = {});

nlohmann::json to_json(const RobustnessReport& report);

}  // namespace aims::monitoring
