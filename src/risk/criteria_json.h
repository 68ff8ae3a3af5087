// Risk criteria as JSON: the API's body and the stored form of each adopted version.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "risk/risk.h"

namespace aims::risk {

// {"version", "likelihood": [{"name", "definition"}], "impact": [...], "matrix": [["low", ...]],
//  "threshold", "reason", "changed_by", "changed_at"}
nlohmann::json criteria_json(const Criteria& c);
// Reads what a person may propose (scales, matrix, threshold, reason, and the version it was
// based on); errors name the field ("likelihood.2.name"). Shapes only: `check` judges the values.
Result<Criteria> criteria_from_json(const nlohmann::json& body);

}  // namespace aims::risk
