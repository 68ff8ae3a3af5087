// Pure rules of monitoring (private to monitoring/): reading and writing a monitor's configuration
// and thresholds, naming metric scopes, and deciding which samples breach which thresholds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "monitoring/engine/engine.h"
#include "monitoring/monitoring.h"

namespace aims::monitoring::rules {

// Errors: malformed for text that is not a JSON object; invalid_argument naming the field
// ("config.columns.label", "config.task", ...).
Result<MonitorConfig> parse_config(std::string_view json);
std::string config_json(const MonitorConfig& config);

// Errors: invalid_argument naming the entry ("thresholds[1].comparison"). Values need only be
// finite here, so thresholds stored before check_values() existed can still be read.
Result<std::vector<Threshold>> parse_thresholds(std::string_view json);
std::string thresholds_json(const std::vector<Threshold>& thresholds);

// The largest magnitude a threshold may have: above any count or statistic a run of at most 10^9
// rows reports in practice, and far enough from the largest double that trends, margins and
// charts computed from it stay finite.
inline constexpr double kMaxThresholdMagnitude = 1e12;

// Every threshold's value lies within ±kMaxThresholdMagnitude. Errors: invalid_argument on
// "thresholds[N].value".
Status check_values(const std::vector<Threshold>& thresholds);

// Each threshold with a named scope must be able to match: its metric is measured for the task
// and mapped columns, and its scope names a mapped column, sensitive attribute or group ("*"
// matches wherever the metric is measured). Errors: invalid_argument on
// "thresholds[N].metric" or "thresholds[N].scope", listing the scopes that exist.
Status check_scopes(const MonitorConfig& config, const std::vector<Threshold>& thresholds);

// Every scope a monitor with `config` reports some metric in, for suggesting scopes in forms.
std::vector<std::string> named_scopes(const MonitorConfig& config);

// The thresholds whose metric the monitor measures somewhere (for trimming the defaults).
std::vector<Threshold> applicable(const MonitorConfig& config,
                                  const std::vector<Threshold>& thresholds);

// "overall", "group:sex=female", "attribute:sex", "column:feature:income".
std::string scope_text(const MetricScope& scope);

struct Breach {
  const MetricSample* sample = nullptr;
  const Threshold* threshold = nullptr;
  std::string severity;
};

// Every (sample, threshold) pair where a defined value is on the wrong side of the threshold.
// Undefined values breach nothing.
std::vector<Breach> breaches(const std::vector<MetricSample>& samples,
                             const std::vector<Threshold>& thresholds);

// Severity of a breach: fairness starts at high, performance and drift at medium, data quality at
// low; a margin past the threshold of 25% (of the threshold) raises it one step, 50% two steps.
std::string severity(const Threshold& threshold, double value);

// The worst of several severities ("low" when none).
std::string worst(const std::vector<std::string>& severities);

}  // namespace aims::monitoring::rules
