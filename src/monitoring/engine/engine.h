// Monitoring engine: performance, fairness, drift and data-quality metrics computed from an AI
// prediction log (CSV or JSON Lines, gzip or not) in one streaming, multi-threaded pass.
//
// Pure computation: no database, no HTTP. docs/monitoring.md gives every formula, edge case,
// metric key and the JSON shapes produced by to_json().
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace aims::monitoring {

enum class TaskType { classification, regression };
enum class ColumnKind { numeric, categorical };
enum class LogFormat { detect, csv, jsonl };

std::string_view to_string(TaskType task);
std::string_view to_string(ColumnKind kind);
std::string_view to_string(LogFormat format);

struct FeatureColumn {
  std::string name;
  ColumnKind kind = ColumnKind::numeric;
};

// Which log columns (CSV header names, JSON keys) hold what. An empty name means "not mapped".
// One column may serve several roles (e.g. age as a feature and as a sensitive attribute).
struct ColumnMapping {
  std::string id;
  std::string timestamp;
  std::string prediction;
  std::string score;
  std::string label;
  std::vector<std::string> sensitive_attributes;
  std::vector<FeatureColumn> features;
};

struct MonitorConfig {
  ColumnMapping columns;
  TaskType task = TaskType::classification;
  // Classification: a label or prediction equal to this text is the positive class.
  std::string positive_label = "1";
  // Classification without a prediction column: predicted positive when score >= threshold.
  double decision_threshold = 0.5;
  // Groups with fewer rows are reported but left out of fairness comparisons.
  uint64_t min_group_size = 30;
};

// The log to read: a file, or bytes in memory that must outlive the call.
struct LogInput {
  // `name` is what errors call the file (its path when empty): a server names a log by the path
  // people gave, never by where it keeps it.
  static LogInput file(std::string path, std::string name = {}) {
    return {std::move(path), {}, true, std::move(name)};
  }
  static LogInput memory(std::string_view bytes) { return {{}, bytes, false, {}}; }

  std::string path;
  std::string_view bytes;
  bool is_file = false;
  std::string name;
};

struct RunOptions {
  // Worker threads that parse blocks; 0 means one per core. Results do not depend on it.
  unsigned threads = 0;
  // The decompressed log is cut into blocks of about this size at record boundaries. For a given
  // block size, results are bit-identical whatever the thread count.
  size_t block_bytes = size_t{4} << 20;
  LogFormat format = LogFormat::detect;
  // Where duplicate-id detection spills once it outgrows memory; empty: the system temp directory.
  std::string spill_directory;
  // Called on the calling thread after each chunk read: raw (as uploaded) bytes consumed so far and
  // the raw total, 0 when unknown.
  std::function<void(uint64_t consumed, uint64_t total)> on_progress;
  // Polled between chunks and blocks; once true, the call fails with ErrorCode::unavailable.
  const std::atomic<bool>* cancel = nullptr;

  // Limits that keep one log from taking unbounded time and disk (docs/monitoring.md, section 12).
  // A run past one fails with a message naming it; 0 turns a limit off. The defaults let a
  // 4 GiB upload of a typical log through (80 bytes a row, gzip shrinking it 8 to 16 times).
  // Bytes of the log after gzip decompression (as given for a plain log): 16 times the upload
  // limit, about four CPU-minutes of work. Error: too_large.
  uint64_t max_log_bytes = uint64_t{64} << 30;
  // Records of the log: 100 times the 10-million-row benchmark. Error: too_large.
  uint64_t max_rows = 1'000'000'000;
  // Temporary disk of the duplicate-id check: the 16 bytes a row of max_rows rows take, plus
  // room to split the largest partitions again. Error: too_large.
  uint64_t max_spill_bytes = uint64_t{20} << 30;
  // Decompressed bytes per gzip byte, judged past the first 64 MiB of output: logs compress 5 to
  // 20 times, a decompression bomb about 1000 times. Error: too_large.
  uint64_t max_gzip_ratio = 100;
  // Wall-clock time from the start of the call (0: none). Error: unavailable.
  std::chrono::seconds time_limit{0};
};

struct ProfileOptions {
  // Equal-frequency bins for PSI and Jensen-Shannon.
  size_t coarse_bins = 10;
  // Equal-frequency bins for the Kolmogorov-Smirnov and Wasserstein approximations.
  size_t fine_bins = 1000;
  // Categories kept per categorical column (most frequent first); the rest count as "other".
  size_t max_categories = 1000;
};

// ---------------------------------------------------------------------------------------------
// Reference profile: what drift is measured against, built once from a reference log.

// Bins [edges[i], edges[i+1]), the last one closed: [edges[k-1], edges[k]].
// edges.front() is the reference minimum and edges.back() the maximum.
struct Histogram {
  std::vector<double> edges;
  std::vector<uint64_t> counts;
  // Mean of the values in each bin (fine bins only; empty for coarse bins).
  std::vector<double> means;
};

struct NumericProfile {
  double min = 0;
  double max = 0;
  double mean = 0;
  double std_dev = 0;  // population standard deviation
  Histogram fine;
  Histogram coarse;  // its edges are a subset of the fine edges
};

struct CategoryCount {
  std::string value;
  uint64_t count = 0;
};

struct CategoricalProfile {
  std::vector<CategoryCount> categories;  // most frequent first, ties by value
  uint64_t other_count = 0;               // rows whose category was beyond max_categories
  uint64_t distinct = 0;                  // distinct categories in the reference
};

struct ColumnProfile {
  std::string name;
  std::string role;  // "feature" or "score"
  ColumnKind kind = ColumnKind::numeric;
  uint64_t count = 0;  // valid, non-missing values
  uint64_t missing = 0;
  uint64_t type_errors = 0;
  NumericProfile numeric;          // when kind == numeric and count > 0
  CategoricalProfile categorical;  // when kind == categorical
};

struct ReferenceProfile {
  static constexpr int kVersion = 1;
  int version = kVersion;
  std::string input_sha256;
  uint64_t input_bytes = 0;
  uint64_t rows = 0;
  ProfileOptions options;
  std::vector<ColumnProfile> columns;

  const ColumnProfile* find(std::string_view name, std::string_view role) const;
};

// ---------------------------------------------------------------------------------------------
// Results.

// A metric value, or the reason it has none (never a silent 0 or NaN).
struct MetricValue {
  std::optional<double> value;
  std::string undefined_reason;  // non-empty exactly when value is empty
  uint64_t count = 0;            // observations the value was computed from

  static MetricValue of(double value, uint64_t count) { return {value, {}, count}; }
  static MetricValue undefined(std::string reason, uint64_t count = 0) {
    return {std::nullopt, std::move(reason), count};
  }
};

struct ClassificationMetrics {
  uint64_t predicted = 0;  // rows with a prediction (given, or derived from the score)
  uint64_t labelled = 0;   // rows with a prediction and a label
  uint64_t scored = 0;     // rows with a valid score and a label
  uint64_t true_positives = 0;
  uint64_t false_positives = 0;
  uint64_t true_negatives = 0;
  uint64_t false_negatives = 0;
  MetricValue selection_rate;
  MetricValue true_positive_rate;
  MetricValue false_positive_rate;
  MetricValue false_negative_rate;
  MetricValue precision;
  MetricValue accuracy;
  MetricValue f1;
  MetricValue roc_auc;
  MetricValue log_loss;
  MetricValue brier_score;
  MetricValue expected_calibration_error;
};

struct RegressionMetrics {
  uint64_t pairs = 0;  // rows with a numeric prediction and label
  MetricValue mean_absolute_error;
  MetricValue root_mean_squared_error;
  MetricValue r_squared;
};

struct GroupPerformance {
  std::string group;  // "(missing)" for rows without a value; empty for the overall scope
  uint64_t rows = 0;
  bool compared = false;  // rows >= min_group_size
  ClassificationMetrics classification;
  RegressionMetrics regression;
};

struct ExcludedGroup {
  std::string group;
  std::string reason;
};

// One fairness metric across the groups of one attribute (fairlearn's between-groups form).
struct FairnessComparison {
  MetricValue value;      // count: rows of the groups compared
  std::string basis;      // the per-group rate compared, e.g. "selection_rate"
  std::string max_group;  // group with the highest rate
  std::string min_group;  // group with the lowest rate
  double max_rate = 0;
  double min_rate = 0;
  std::vector<std::string> groups_compared;
  std::vector<ExcludedGroup> excluded;
};

struct AttributeFairness {
  std::string attribute;
  std::vector<GroupPerformance> groups;  // sorted by group name
  FairnessComparison demographic_parity_difference;
  FairnessComparison disparate_impact;       // demographic parity ratio, min / max
  std::optional<bool> four_fifths_rule_met;  // disparate impact >= 0.8, when defined
  FairnessComparison equal_opportunity_difference;
  FairnessComparison equalized_odds_difference;
  FairnessComparison predictive_parity_difference;
};

struct ColumnDrift {
  std::string column;
  std::string role;  // "feature" or "score"
  ColumnKind kind = ColumnKind::numeric;
  uint64_t reference_count = 0;
  uint64_t current_count = 0;
  MetricValue psi;
  MetricValue jensen_shannon_distance;
  // Numeric only.
  MetricValue ks_statistic;
  MetricValue ks_p_value;
  MetricValue wasserstein_distance;
  MetricValue wasserstein_distance_normed;
  // Current counts in [underflow, coarse bins..., overflow] (numeric) or in
  // [reference categories..., unseen] (categorical).
  std::vector<uint64_t> current_bin_counts;
  // Categorical only.
  MetricValue chi_square_statistic;
  MetricValue chi_square_p_value;
  uint64_t chi_square_degrees_of_freedom = 0;
  MetricValue unseen_category_share;
};

struct ColumnQuality {
  std::string column;
  std::string role;  // id, timestamp, prediction, score, label, sensitive, feature
  uint64_t missing = 0;
  uint64_t type_errors = 0;
  uint64_t out_of_range = 0;  // numeric values outside the reference [min, max]
  MetricValue missing_share;
  MetricValue type_error_share;
  MetricValue out_of_range_share;
};

struct DuplicateReport {
  uint64_t rows_with_id = 0;
  uint64_t distinct_ids = 0;
  uint64_t duplicated_ids = 0;   // ids that occur more than once
  uint64_t duplicate_rows = 0;   // rows_with_id - distinct_ids
  uint64_t conflicting_ids = 0;  // ids seen with two or more different labels
  MetricValue duplicate_row_share;
  MetricValue conflicting_label_share;  // conflicting_ids / distinct ids
};

enum class ScopeKind { overall, group, attribute, column };

struct MetricScope {
  ScopeKind kind = ScopeKind::overall;
  std::string attribute;  // group and attribute scopes
  std::string group;      // group scope
  std::string column;     // column scope
  std::string role;  // column scope: feature, score, id, timestamp, prediction, label, sensitive
};

// One comparable, storable number: what the governance layer checks against thresholds.
struct MetricSample {
  std::string key;  // e.g. "performance.accuracy", "fairness.disparate_impact", "drift.psi"
  MetricScope scope;
  MetricValue value;
};

// Every key a MetricSample can carry, whatever the task and mapping.
const std::vector<std::string>& metric_keys();

struct RunResult {
  std::string input_sha256;  // of the raw bytes as given (compressed when gzip)
  uint64_t input_bytes = 0;
  bool gzip = false;
  LogFormat format = LogFormat::csv;
  uint64_t rows = 0;
  std::optional<int64_t> first_timestamp_micros;
  std::optional<int64_t> last_timestamp_micros;
  MonitorConfig config;
  std::string reference_sha256;  // empty when run without a reference profile
  GroupPerformance overall;
  std::vector<AttributeFairness> fairness;
  std::vector<ColumnDrift> drift;
  std::vector<ColumnQuality> quality;
  DuplicateReport duplicates;
  std::vector<MetricSample> samples;
};

// ---------------------------------------------------------------------------------------------
// Entry points. Errors: invalid_argument (a bad mapping or option; field names it), malformed (the
// log cannot be read: the message starts with "line L[, column C]:"), not_found (no such file),
// too_large (past a limit of RunOptions), unavailable (I/O failure, cancelled, or past the time
// limit). A failed run never returns a partial result.

// Builds the drift reference from the feature and score columns of a reference log.
Result<ReferenceProfile> build_profile(const LogInput& input, const MonitorConfig& config,
                                       const RunOptions& options = {},
                                       const ProfileOptions& profile_options = {});

// Computes every metric of `input`. Without a reference (nullptr) drift and out-of-range checks
// are reported as undefined.
Result<RunResult> analyze(const LogInput& input, const MonitorConfig& config,
                          const ReferenceProfile* reference, const RunOptions& options = {});

// Stable JSON documents (docs/monitoring.md); profile_from_json(to_json(p)) reproduces p exactly.
std::string to_json(const ReferenceProfile& profile);
Result<ReferenceProfile> profile_from_json(std::string_view json);
std::string to_json(const RunResult& result);

}  // namespace aims::monitoring
