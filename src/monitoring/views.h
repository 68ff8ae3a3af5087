// What the monitoring pages show (private to monitoring/): monitors, runs, alerts and oversight
// as template views, trend charts, and tables read from a run's stored result.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "monitoring/monitoring.h"

namespace aims::monitoring {

nlohmann::json monitor_view(const Monitor& monitor);
nlohmann::json run_row(const Run& run);
nlohmann::json alert_row(const Alert& alert);
nlohmann::json oversight_view(const Oversight& oversight);
// {"charts": one SVG trend chart per thresholded metric and scope seen in the latest run, with the
// threshold drawn and breaching points marked; "quiet": data-quality metrics that were zero in
// every run, named instead of drawn}.
Result<nlohmann::json> charts_view(store::Database& db, int64_t org, const Monitor& monitor,
                                   const std::optional<Run>& latest);
// Tables of a stored run result: per group, fairness comparisons, drift, data quality, overall.
nlohmann::json groups_view(const std::string& result_json);
nlohmann::json fairness_view(const std::string& result_json);
nlohmann::json drift_view(const std::string& result_json);
nlohmann::json quality_view(const std::string& result_json);
nlohmann::json performance_view(const std::string& result_json);

}  // namespace aims::monitoring
