// Monitoring records as API JSON (private to monitoring/).
#pragma once

#include <nlohmann/json.hpp>

#include "monitoring/monitoring.h"

namespace aims::monitoring {

nlohmann::json to_json(const Monitor& monitor);
// With `with_result`, the engine's whole result document is included under "result".
nlohmann::json to_json(const Run& run, bool with_result);
nlohmann::json to_json(const Alert& alert);
nlohmann::json to_json(const Oversight& oversight);

}  // namespace aims::monitoring
