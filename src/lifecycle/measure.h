// Private to lifecycle/: validation logs put through the monitoring engine, and the checked
// criteria as JSON and as text, shared by validation runs, gate checks and their pages.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lifecycle/lifecycle.h"
#include "monitoring/monitoring.h"

namespace aims::lifecycle {

struct Measured {
  std::string log_sha256;
  int64_t rows = 0;
  std::string perturbed_sha256;
  std::vector<monitoring::MetricSample> samples;  // the log's, then the robustness pair's
  nlohmann::json robustness;                      // null without a perturbed log
};

// Errors: the engine's (malformed naming the line, limits).
Result<Measured> measure(const monitoring::Monitor& monitor, const ValidationLogs& logs);

// A measured value or threshold as reasons and pages write it: four significant digits.
std::string number_text(double value);

// [{requirement_id, name, metric, scope, comparison, threshold, measured, where, pass, reason}]
nlohmann::json criteria_json(const std::vector<CriterionResult>& results);

}  // namespace aims::lifecycle
