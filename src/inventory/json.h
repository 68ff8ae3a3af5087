// Inventory records as API JSON (private to inventory/): nested by the dots in field keys, so a
// model's card reads as CycloneDX 1.6 names it ({"model_card":{"modelParameters":{...}}}).
#pragma once

#include <nlohmann/json.hpp>

#include "http/parse/json_input.h"
#include "inventory/inventory.h"

namespace aims::inventory {

nlohmann::json to_json(const Record& record);
// Reads the fields and links present in `in` (all of them are optional here; the rules decide
// what is required). Unknown or mistyped fields are left for `in.finish()` to report.
Record from_json(Kind kind, http::JsonInput& in);
nlohmann::json to_json(const ImportReport& report);
nlohmann::json to_json(const Scope& scope);

}  // namespace aims::inventory
