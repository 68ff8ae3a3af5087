// Data-quality requirements (ISO/IEC 42001 A.7.4) evaluated over a dataset file (CSV or JSON
// Lines, gzip or not) in one streaming pass: completeness, duplicate rows, label consistency,
// value ranges and allowed values, and the representativeness of groups against a target
// population.
//
// Definitions:
// - A value is missing when it is absent (a JSON key not present), JSON null, empty or blank, or
//   one of the texts NA, N/A, NaN, null, None (any case): the markers pandas' read_csv also reads
//   as missing, so a file judged here and in a notebook agrees.
// - A malformed row (CSV: a field count unlike the header's, a stray or unterminated quote;
//   JSON Lines: a line that is not a JSON object) is counted, its line kept among the first
//   kMalformedExamples, and left out of every measure; reading resumes at the next line. A
//   malformed CSV header refuses the whole file.
// - Completeness of a column: non-missing values / rows; must be >= the threshold.
// - Duplicates: rows whose values (over all columns, or the declared key columns) equal an
//   earlier row's, / rows (pandas' df.duplicated().mean()); must be <= the threshold.
// - Label consistency: among rows with a label, the groups of rows with identical feature values
//   (all columns but the label, or the declared ones; missing equals missing) whose rows carry
//   more than one distinct label, / all such groups; must be <= the threshold.
// - Value range: per column, among non-missing values, those outside [min, max] or not numbers
//   (or, with allowed values, not one of them), / non-missing values; must be <= the threshold.
// - Representativeness: per declared group, its rows / rows with a non-missing group value; must
//   be >= target share x tolerance ratio (both numbers are reported).
//
// Memory: one block of the file (RunOptions::block_bytes, plus one record), counters per column
// and group, and for each duplicates or label-consistency requirement an IdSpill (16 MiB in
// memory, 32 MiB to sort; more goes to disk, up to RunOptions::max_spill_bytes). Duplicate
// detection is exact up to 64-bit hash collisions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "monitoring/engine/engine.h"

namespace aims::monitoring {

enum class QualityKind {
  completeness,
  duplicates,
  label_consistency,
  value_range,
  representativeness
};
std::string_view to_string(QualityKind kind);
std::optional<QualityKind> quality_kind_from(std::string_view text);

// Whether a text is a missing-value marker (see above).
bool is_missing_marker(std::string_view text);

struct TargetShare {
  std::string group;
  double share = 0;  // of the target population, in (0, 1]
};

// "18-25: 0.15, 26-40: 35%, 65+: 0.12" (commas or line breaks between entries). Errors:
// invalid_argument saying which entry is wrong (no colon, a share outside (0, 1], a group named
// twice, shares summing past 1).
Result<std::vector<TargetShare>> parse_target_shares(std::string_view text);

struct QualityRequirement {
  std::string key;  // the caller's name for it, echoed in the result (a record id)
  std::string name;
  QualityKind kind = QualityKind::completeness;
  // completeness and value_range: the columns checked; duplicates: the key columns (none: all);
  // label_consistency: the feature columns (none: all but the label).
  std::vector<std::string> columns;
  std::string label_column;
  // completeness: the minimum share; the others except representativeness: the maximum share.
  double threshold = 0;
  std::optional<double> min;
  std::optional<double> max;
  std::vector<std::string> allowed_values;
  std::string group_column;
  std::vector<TargetShare> targets;
  double tolerance = 0.8;  // representativeness: minimum share = target share x tolerance
};

struct QualityColumnResult {
  std::string column;
  uint64_t checked = 0;  // rows (completeness) or non-missing values (value range)
  uint64_t counted = 0;  // non-missing values (completeness) or failing values (value range)
  double measured = 0;
  bool pass = false;
};

struct QualityGroupShare {
  std::string group;
  double target = 0;
  double minimum = 0;
  uint64_t rows = 0;
  double share = 0;
  bool pass = false;
};

struct QualityResult {
  std::string key;
  std::string name;
  QualityKind kind = QualityKind::completeness;
  bool pass = false;
  std::optional<double> measured;  // the worst column's or group's value; none: see reason
  double threshold = 0;
  std::string reason;   // why there is no measure (a column the file does not have)
  std::string summary;  // the outcome in words
  std::vector<QualityColumnResult> columns;
  std::vector<QualityGroupShare> groups;
};

struct MalformedRow {
  uint64_t line = 0;
  std::string problem;
};

struct QualityReport {
  std::string sha256;
  uint64_t input_bytes = 0;
  bool gzip = false;
  LogFormat format = LogFormat::csv;
  uint64_t rows = 0;  // well-formed rows
  uint64_t malformed_rows = 0;
  std::vector<MalformedRow> malformed_examples;
  std::vector<QualityResult> results;
  bool pass = false;  // every requirement passed
};

inline constexpr size_t kMalformedExamples = 10;

// Errors: those of the input (not_found, unavailable), malformed for a file without a header or
// rows or a record longer than 64 MiB, and those of the limits (run_limits.h).
Result<QualityReport> evaluate_quality(const LogInput& input,
                                       const std::vector<QualityRequirement>& requirements,
                                       const RunOptions& options = {});

nlohmann::json to_json(const QualityReport& report);

// "3.13 %", "0.5 %", "100 %": a share as people read it (two decimals at most).
std::string percent(double share);

}  // namespace aims::monitoring
