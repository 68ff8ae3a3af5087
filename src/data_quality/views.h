// Stored data-quality runs as the pages, panels and API show them.
#pragma once

#include <nlohmann/json.hpp>

#include "data_quality/data_quality.h"

namespace aims::data_quality {

// The API's form: the run's columns and the engine's report.
nlohmann::json run_json(const StoredRun& run);
// The page's form: dates and shares as people read them, each requirement's measure against its
// threshold, and an SVG bar chart's geometry for group shares against their minimums.
nlohmann::json run_view(const StoredRun& run, const std::string& dataset_name);
nlohmann::json shortfalls_view(const std::vector<Shortfall>& shortfalls);

}  // namespace aims::data_quality
